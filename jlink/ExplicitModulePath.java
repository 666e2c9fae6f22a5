import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Build step of the runtime image (run by the JDK's source launcher from
 * modules/wasmoon.cli/pom.xml): turns the run-time module path into one jlink
 * accepts. jlink refuses automatic modules, and third-party jars without a
 * module-info (Velocity, for one) would be automatic; each such jar is copied
 * with a module-info that jdeps generates from its byte code (an open module,
 * since automatic modules are open too). Explicit modules
 * pass through unchanged.
 *
 * <p>Usage: {@code java ExplicitModulePath.java [--native-access=M1,M2...] WORK_DIR PATH...}
 * (each PATH one entry or several joined by the path separator). Writes
 * {@code WORK_DIR/module-path} (the new path, one line),
 * {@code WORK_DIR/modules} (every module name on it, comma-separated, for
 * jlink's --add-modules, so that run-time-only service providers are linked
 * too) and {@code WORK_DIR/native-access} (those of M1,M2... that are on the
 * path, for --enable-native-access).
 */
public final class ExplicitModulePath {
    private ExplicitModulePath() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java ExplicitModulePath.java [--native-access=M1,M2...] WORK_DIR PATH...");
            System.exit(2);
        }
        int first = 0;
        List<String> nativeAccess = List.of();
        if (args[0].startsWith("--native-access=")) {
            nativeAccess = List.of(args[0].substring("--native-access=".length()).split(","));
            first = 1;
        }
        Path work = Path.of(args[first]).toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);

        // First entry wins, as on any module path (the module's jar precedes its classes directory).
        Map<String, Path> entries = new LinkedHashMap<>();
        Map<String, ModuleDescriptor> descriptors = new LinkedHashMap<>();
        List<Path> given = new ArrayList<>();
        for (int i = first + 1; i < args.length; i++) {
            for (String part : args[i].split(java.io.File.pathSeparator)) {
                if (!part.isEmpty()) {
                    given.add(Path.of(part).toAbsolutePath());
                }
            }
        }
        for (Path entry : given) {
            if (!Files.exists(entry)) {
                continue;
            }
            for (ModuleReference ref : ModuleFinder.of(entry).findAll()) {
                String name = ref.descriptor().name();
                if (!entries.containsKey(name)) {
                    entries.put(name, entry);
                    descriptors.put(name, ref.descriptor());
                }
            }
        }

        List<String> path = new ArrayList<>();
        for (Map.Entry<String, Path> e : entries.entrySet()) {
            String name = e.getKey();
            Path entry = e.getValue();
            if (!descriptors.get(name).isAutomatic()) {
                path.add(entry.toString());
                continue;
            }
            // jdeps and javac resolve every module they are shown: leave out the
            // module itself and all that need it, or resolution fails for want of it.
            Set<String> dependents = dependentsOf(name, descriptors);
            List<String> others = new ArrayList<>();
            entries.forEach((n, p) -> {
                if (!n.equals(name) && !dependents.contains(n)) {
                    others.add(p.toString());
                }
            });
            path.add(explicitCopy(work, name, entry, String.join(java.io.File.pathSeparator, others)).toString());
            System.out.println("ExplicitModulePath: " + entry.getFileName() + " -> explicit module " + name);
        }
        Files.writeString(work.resolve("module-path"), String.join(java.io.File.pathSeparator, path));
        Files.writeString(work.resolve("modules"), String.join(",", entries.keySet()));
        // --enable-native-access naming a module the JVM does not resolve warns on every start.
        List<String> present = nativeAccess.stream().filter(entries::containsKey).toList();
        Files.writeString(work.resolve("native-access"), present.isEmpty() ? "ALL-UNNAMED" : String.join(",", present));
    }

    /** The modules that require {@code name}, directly or through others. */
    private static Set<String> dependentsOf(String name, Map<String, ModuleDescriptor> descriptors) {
        Set<String> dependents = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ModuleDescriptor d : descriptors.values()) {
                if (dependents.contains(d.name())) {
                    continue;
                }
                for (ModuleDescriptor.Requires r : d.requires()) {
                    if (r.name().equals(name) || dependents.contains(r.name())) {
                        dependents.add(d.name());
                        grew = true;
                        break;
                    }
                }
            }
        }
        return dependents;
    }

    /** A copy of the automatic module jar {@code jar} with a generated module-info.class. */
    private static Path explicitCopy(Path work, String name, Path jar, String otherEntries) throws IOException {
        Path generated = work.resolve("generated");
        String feature = Integer.toString(Runtime.version().feature());
        // An open module, as automatic modules are: libraries such as Velocity load their own
        // resources (default properties) through class loaders, which a closed module refuses.
        run("jdeps", "--multi-release", feature, "--ignore-missing-deps", "--generate-open-module",
                generated.toString(), "--module-path", otherEntries, jar.toString());
        Path source;
        try (Stream<Path> files = Files.walk(generated.resolve(name))) {
            Optional<Path> found = files.filter(p -> p.getFileName().toString().equals("module-info.java")).findFirst();
            source = found.orElseThrow(() -> new IllegalStateException("jdeps wrote no module-info for " + name));
        }
        Path classes = work.resolve("classes").resolve(name);
        run("javac", "-nowarn", "-d", classes.toString(), "--module-path", otherEntries,
                "--patch-module", name + "=" + jar, source.toString());
        Path copy = work.resolve("jars").resolve(jar.getFileName());
        Files.createDirectories(copy.getParent());
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        run("jar", "--update", "--file", copy.toString(), "-C", classes.toString(), "module-info.class");
        ModuleDescriptor check = ModuleFinder.of(copy).findAll().iterator().next().descriptor();
        if (check.isAutomatic()) {
            throw new IllegalStateException(copy + " is still an automatic module");
        }
        return copy;
    }

    private static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException("this JDK has no " + tool));
        StringWriter output = new StringWriter();
        try (PrintWriter pw = new PrintWriter(output)) {
            int code = provider.run(pw, pw, args);
            if (code != 0) {
                throw new IllegalStateException(tool + " " + String.join(" ", args) + " failed (" + code + "):\n"
                        + output);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
