package wasm.core.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binary modules of the official spec suite, produced by wabt's
 * {@code wast2json --no-check} (which writes every module command as a .wasm
 * plus a JSON list of commands with their expected messages).
 *
 * <p>wabt 1.0.32 predates parts of the current (3.0-era) suite and rejects
 * whole files for one unparsable command. So each script is first reduced to
 * its module-bearing commands (everything else blanked out, line numbers kept);
 * when wabt still rejects the reduced script, each command is converted on its
 * own and the ones wabt cannot parse are reported as {@link Extraction#unparsed}.
 */
final class SpecSuiteModules {
    /** A module command of a script: {@code kind} is the JSON command type. */
    record SuiteModule(String file, int line, String kind, String moduleType, byte[] bytes, String expectedText) {
        @Override
        public String toString() {
            return file + ":" + line + " " + kind + (expectedText == null ? "" : " \"" + expectedText + "\"");
        }
    }

    /** What one script gave: its modules, whether the reduced script needed the per-command fallback, and the commands wabt could not parse. */
    record Extraction(String file, List<SuiteModule> modules, boolean neededFallback, List<Integer> unparsed) {
    }

    private static final Pattern TYPE = Pattern.compile("\"type\": \"([a-z_]+)\"");
    private static final Pattern LINE = Pattern.compile("\"line\": (\\d+)");
    private static final Pattern FILENAME = Pattern.compile("\"filename\": \"([^\"]+)\"");
    private static final Pattern TEXT = Pattern.compile("\"text\": \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern MODULE_TYPE = Pattern.compile("\"module_type\": \"([a-z]+)\"");
    private static final List<String> KEPT_COMMANDS = List.of("(module", "(assert_invalid", "(assert_malformed",
            "(assert_unlinkable", "(assert_uninstantiable", "(assert_trap (module");

    private SpecSuiteModules() {
    }

    static Path suiteDirectory() {
        String configured = System.getProperty("wasm.testsuite");
        Path dir = configured != null && !configured.isBlank() && !configured.contains("${")
                ? Path.of(configured) : Path.of("../../../shared/wasm-testsuite");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("/work/shared/wasm-testsuite");
        }
        if (!Files.isRegularFile(dir.resolve("FILES.tsv"))) {
            throw new IllegalStateException("official spec suite not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** The scripts of FILES.tsv whose group is one of {@code groups}, in file order. */
    static List<String> scripts(Path suite, List<String> groups) throws IOException {
        List<String> files = new ArrayList<>();
        for (String row : Files.readAllLines(suite.resolve("FILES.tsv"))) {
            String[] cols = row.split("\t");
            if (cols.length >= 2 && groups.contains(cols[1])) {
                files.add(cols[0]);
            }
        }
        return files;
    }

    /** Fails loudly (not a skip) when wabt is missing: the tests depend on it. */
    static void requireWast2Json() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("wast2json", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wabt's wast2json is required on the PATH for this test", e);
        }
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wast2json --version failed");
        }
    }

    /** Extracts the modules of {@code script} (a path relative to the suite) using {@code work} as scratch space. */
    static Extraction extract(Path suite, String script, Path work) throws IOException, InterruptedException {
        String source = Files.readString(suite.resolve(script), StandardCharsets.UTF_8);
        List<int[]> commands = topLevelCommands(source);
        List<int[]> kept = new ArrayList<>();
        for (int[] c : commands) {
            String head = source.substring(c[0], Math.min(c[1], c[0] + 40)).replaceAll("\\s+", " ");
            for (String k : KEPT_COMMANDS) {
                if (head.startsWith(k)) {
                    kept.add(c);
                    break;
                }
            }
        }
        String name = Path.of(script).getFileName().toString().replace(".wast", "");
        Path dir = Files.createDirectories(work.resolve(name));
        List<SuiteModule> modules = convert(script, blankAllBut(source, kept), dir, name);
        if (modules != null) {
            return new Extraction(script, modules, false, List.of());
        }
        List<SuiteModule> all = new ArrayList<>();
        List<Integer> unparsed = new ArrayList<>();
        int i = 0;
        for (int[] c : kept) {
            Path one = Files.createDirectories(dir.resolve("c" + i++));
            List<SuiteModule> got = convert(script, blankAllBut(source, List.of(c)), one, name);
            if (got == null) {
                unparsed.add(lineOf(source, c[0]));
            } else {
                all.addAll(got);
            }
        }
        return new Extraction(script, all, true, unparsed);
    }

    /** Runs wast2json on {@code text}; null when wabt rejects it. */
    private static List<SuiteModule> convert(String script, String text, Path dir, String name)
            throws IOException, InterruptedException {
        Path wast = dir.resolve(name + ".wast");
        Files.writeString(wast, text, StandardCharsets.UTF_8);
        Path json = dir.resolve(name + ".json");
        Process p = new ProcessBuilder("wast2json", "--no-check", wast.getFileName().toString(), "-o",
                json.getFileName().toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(json)) {
            return null;
        }
        List<SuiteModule> modules = new ArrayList<>();
        for (String line : Files.readAllLines(json, StandardCharsets.UTF_8)) {
            Matcher file = FILENAME.matcher(line);
            Matcher type = TYPE.matcher(line);
            if (!file.find() || !type.find()) {
                continue;
            }
            Matcher ln = LINE.matcher(line);
            Matcher text2 = TEXT.matcher(line);
            Matcher moduleType = MODULE_TYPE.matcher(line);
            Path module = dir.resolve(file.group(1));
            String mt = moduleType.find() ? moduleType.group(1) : "binary";
            byte[] bytes = file.group(1).endsWith(".wasm") && Files.isRegularFile(module)
                    ? Files.readAllBytes(module) : null;
            modules.add(new SuiteModule(script, ln.find() ? Integer.parseInt(ln.group(1)) : 0, type.group(1), mt,
                    bytes, text2.find() ? unescape(text2.group(1)) : null));
        }
        return modules;
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** Keeps the commands in {@code kept} and replaces every other character by a space, keeping newlines. */
    private static String blankAllBut(String source, List<int[]> kept) {
        char[] out = new char[source.length()];
        for (int i = 0; i < out.length; i++) {
            char c = source.charAt(i);
            out[i] = c == '\n' ? '\n' : ' ';
        }
        for (int[] k : kept) {
            source.getChars(k[0], k[1], out, k[0]);
        }
        return new String(out);
    }

    private static int lineOf(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Start and end offsets of the top-level s-expressions, skipping strings,
     * line comments and (nested) block comments.
     */
    static List<int[]> topLevelCommands(String s) {
        List<int[]> commands = new ArrayList<>();
        int depth = 0;
        int start = -1;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ';' && i + 1 < n && s.charAt(i + 1) == ';') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' && i + 1 < n && s.charAt(i + 1) == ';') {
                int nest = 1;
                i += 2;
                while (i < n && nest > 0) {
                    if (s.startsWith("(;", i)) {
                        nest++;
                        i += 2;
                    } else if (s.startsWith(";)", i)) {
                        nest--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                i--;
            } else if (c == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    i++;
                }
            } else if (c == '(') {
                if (depth == 0) {
                    start = i;
                }
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && start >= 0) {
                    commands.add(new int[] {start, i + 1});
                    start = -1;
                }
            }
        }
        return commands;
    }

    /** Deletes a scratch directory tree (best effort: it lives in the system temp directory). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Groups module counts by command kind, for reporting. */
    static Map<String, Integer> countByKind(List<SuiteModule> modules) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SuiteModule m : modules) {
            counts.merge(m.kind(), 1, Integer::sum);
        }
        return counts;
    }
}
