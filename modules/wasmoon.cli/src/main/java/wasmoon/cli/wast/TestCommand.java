package wasmoon.cli.wast;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;

/**
 * {@code wasmoon test FILE|DIR... [--no-jit] [--json OUT] [--quiet]}: runs .wast
 * spec scripts and prints the report of {@link SummaryPrinter}. A directory
 * means every {@code *.wast} directly inside it, sorted by name. Code runs on
 * the runtime's default tier (the JIT) unless {@code --no-jit} selects the
 * interpreter. Exit code 0
 * when nothing failed, 1 when something failed, 2 for usage errors.
 */
public final class TestCommand {
    public static final String USAGE = "usage: wasmoon test FILE|DIR... [--no-jit] [--json OUT] [--quiet]";

    private TestCommand() {
    }

    /** A script to run and the name the report uses for it. */
    private record Script(Path path, String displayName) {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> inputs = new ArrayList<>();
        Path json = null;
        boolean quiet = false;
        ExecutionTier tier = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--no-jit" -> tier = ExecutionTier.INTERPRETER;
                case "--quiet", "-q" -> quiet = true;
                case "--json" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--json needs an output file");
                    }
                    json = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (arg.startsWith("--json=")) {
                        json = Path.of(arg.substring("--json=".length()));
                    } else if (arg.startsWith("-") && arg.length() > 1) {
                        return usage(err, "unknown option " + arg);
                    } else {
                        inputs.add(arg);
                    }
                }
            }
        }
        if (inputs.isEmpty()) {
            return usage(err, "no .wast file or directory given");
        }
        List<Script> scripts = new ArrayList<>();
        for (String input : inputs) {
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                List<Path> found;
                try (Stream<Path> entries = Files.list(path)) {
                    found = entries.filter(p -> p.getFileName().toString().endsWith(".wast") && Files.isRegularFile(p))
                            .sorted()
                            .toList();
                } catch (IOException e) {
                    return usage(err, "cannot list directory " + input + ": " + e.getMessage());
                }
                if (found.isEmpty()) {
                    err.println("wasmoon test: warning: no .wast files in " + input);
                }
                found.forEach(p -> scripts.add(new Script(p, p.getFileName().toString())));
            } else if (Files.isRegularFile(path)) {
                scripts.add(new Script(path, input));
            } else {
                return usage(err, "no such file or directory: " + input);
            }
        }

        PrintStream spectestOut = quiet ? new PrintStream(OutputStream.nullOutputStream()) : out;
        RuntimeOptions options = tier == null ? RuntimeOptions.defaults() : RuntimeOptions.defaults().withTier(tier);
        WastRunner runner = new WastRunner(spectestOut, options);
        List<FileReport> reports = new ArrayList<>();
        for (Script script : scripts) {
            reports.add(runner.runFile(script.path(), script.displayName()));
        }
        SummaryPrinter.print(reports, out, quiet);
        if (json != null) {
            try {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(json, JsonReport.toJson(reports), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("wasmoon test: cannot write " + json + ": " + e.getMessage());
                return 2;
            }
        }
        boolean failed = reports.stream().anyMatch(r -> r.failed() > 0);
        return failed ? 1 : 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("wasmoon test: " + problem);
        err.println(USAGE);
        return 2;
    }
}
