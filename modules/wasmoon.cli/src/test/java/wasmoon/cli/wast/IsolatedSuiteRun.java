package wasmoon.cli.wast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import wasm.runtime.ExecutionTier;
import wasmoon.cli.wast.SuiteExpectations.Counts;

/**
 * Runs script files in child JVMs ({@link SuiteWorker}) so that native code
 * which kills its JVM cannot take the test JVM down with it. When a child dies,
 * the file it was running is recorded as crashed (which fails every test that
 * reads the results) and a new child continues with the next file. The children
 * write their crash logs to {@link ProjectPaths#crashLogs()}.
 */
final class IsolatedSuiteRun {
    private static final int OTHER_OUTPUT_KEPT = 40;
    private static final int CRASH_LINES_SHOWN = 8;

    /**
     * What the children reported.
     *
     * @param counts       per file (in the order given), crashed files included
     * @param interpreted  per file, the defined functions left to the interpreter (crashed files excluded)
     * @param failures     per file, the first failure lines (and for a crash, why)
     * @param nanosByGroup wall time per group, crashed files excluded
     */
    record Results(Map<String, Counts> counts, Map<String, Long> interpreted, Map<String, List<String>> failures,
                   Map<String, Long> nanosByGroup) {
    }

    private IsolatedSuiteRun() {
    }

    /**
     * Runs {@code files} (relative to {@code baseDir}) on {@code tier}, with the JIT in
     * strict mode (no interpreter fallback) or not; {@code groups} gives each file's group.
     */
    static Results run(ExecutionTier tier, boolean strict, Path baseDir, List<String> files, Map<String, String> groups)
            throws IOException, InterruptedException {
        return run(tier, strict, List.of(), 2, baseDir, files, groups);
    }

    /**
     * As {@link #run(ExecutionTier, boolean, Path, List, Map)} at optimisation level
     * {@code optLevel}, with extra options for the child JVMs (e.g. {@code -Dwasmoon.cpu.disable=...}).
     */
    static Results run(ExecutionTier tier, boolean strict, List<String> jvmOptions, int optLevel, Path baseDir,
                       List<String> files, Map<String, String> groups) throws IOException, InterruptedException {
        Map<String, Counts> counts = new TreeMap<>();
        Map<String, Long> interpreted = new TreeMap<>();
        Map<String, List<String>> failures = new TreeMap<>();
        Map<String, Long> nanosByGroup = new TreeMap<>();
        Deque<String> remaining = new ArrayDeque<>(files);
        Path errorFiles = Files.createDirectories(ProjectPaths.crashLogs()).resolve("hs_err_pid%p.log");
        while (!remaining.isEmpty()) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xss16m", "-XX:ErrorFile=" + errorFiles));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    SuiteWorker.class.getName(), tier.name(), strict ? "strict" : "fallback", baseDir.toString(),
                    "-O" + optLevel));
            command.addAll(remaining);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String running = null;
            Deque<String> otherOutput = new ArrayDeque<>();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.split("\t", -1);
                    switch (f[0]) {
                        case "START" -> running = f[1];
                        case "FAIL" -> failures.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[2]);
                        case "DONE" -> {
                            String group = groups.get(f[1]);
                            long nativeFunctions = Long.parseLong(f[5]);
                            long interpretedFunctions = Long.parseLong(f[6]);
                            counts.put(f[1], new Counts(group, Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                                    Integer.parseInt(f[4]), nativeFunctions + interpretedFunctions + Long.parseLong(f[9]),
                                    Counts.parseSkips(f[7]), Counts.parseJitSkips(f[7]), false));
                            interpreted.put(f[1], interpretedFunctions);
                            nanosByGroup.merge(group, Long.parseLong(f[8]), Long::sum);
                            remaining.remove(f[1]);
                            running = null;
                        }
                        default -> {
                            // The head of a crash report names the signal and the frame: keep the first lines.
                            if (otherOutput.size() < OTHER_OUTPUT_KEPT) {
                                otherOutput.addLast(line);
                            }
                        }
                    }
                }
            }
            int exit = process.waitFor();
            if (running == null) {
                if (!remaining.isEmpty()) {
                    throw new AssertionError("the suite worker JVM exited with " + exit + " before running "
                            + remaining.peekFirst() + ":\n" + String.join("\n", otherOutput));
                }
                break;
            }
            String crashed = running;
            remaining.remove(crashed);
            counts.put(crashed, Counts.crashed(groups.get(crashed)));
            List<String> why = failures.computeIfAbsent(crashed, k -> new ArrayList<>());
            why.add("the JVM running it died with exit code " + exit + " (" + tier + " tier; hs_err logs: "
                    + errorFiles.toString().replace("%p", "*") + ")");
            otherOutput.stream().filter(l -> l.startsWith("# ") && l.length() > 2).limit(CRASH_LINES_SHOWN)
                    .forEach(l -> why.add("  " + l));
            System.out.println("wast (" + tier + "): " + crashed + " CRASHED THE JVM (exit " + exit + ")");
        }
        return new Results(counts, interpreted, failures, nanosByGroup);
    }
}
