package wasmoon.cli.wast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import wasm.core.Feature;
import wasm.core.JitGap;

/**
 * The official suite's index (FILES.tsv) and the checked-in expectations files:
 * a header, then one line per suite file sorted by path,
 * {@code file group passed failed skipped functions skips}, where
 * {@code functions} counts the defined functions the file's modules instantiated
 * (on the JIT, plus those of modules refused for a JIT gap) and {@code skips}
 * gives the skipped commands per unsupported feature, {@code label=count} sorted
 * by label, then per JIT gap, {@code jit:label=count}, joined by commas ({@code -}
 * for none), e.g. {@code extended-const=12,function-references=18} or {@code jit:LABEL=637}.
 */
final class SuiteExpectations {
    static final String HEADER = "# file\tgroup\tpassed\tfailed\tskipped\tfunctions\tskips";
    static final int FAILURES_SHOWN = 5;

    private SuiteExpectations() {
    }

    /** One row of FILES.tsv. */
    record SuiteFile(String path, String group) {
    }

    /**
     * What running one file gave.
     *
     * @param functions defined functions instantiated (native plus interpreted), plus on the JIT those of
     *                  modules refused for a JIT gap
     * @param skips     skipped commands per feature, sorted by label
     * @param jitSkips  skipped commands per JIT gap (strict JIT mode), sorted by label; with {@code skips}
     *                  they add up to {@code skipped}
     * @param crashed   the JVM died running the file (the counts are then 0): never expected
     */
    record Counts(String group, int passed, int failed, int skipped, long functions, Map<Feature, Integer> skips,
                  Map<JitGap, Integer> jitSkips, boolean crashed) {
        /** The prefix of JIT-gap entries in the skips column. */
        static final String JIT = "jit:";

        Counts {
            Map<Feature, Integer> sorted = new TreeMap<>((a, b) -> a.label().compareTo(b.label()));
            sorted.putAll(skips);
            skips = java.util.Collections.unmodifiableMap(sorted);
            Map<JitGap, Integer> sortedGaps = new TreeMap<>((a, b) -> a.label().compareTo(b.label()));
            sortedGaps.putAll(jitSkips);
            jitSkips = java.util.Collections.unmodifiableMap(sortedGaps);
        }

        static Counts of(String group, FileReport report) {
            return new Counts(group, report.passed(), report.failed(), report.skipped(),
                    report.coverage().totalFunctions() + report.jitGapFunctions(), report.skipsByFeature(),
                    report.skipsByJitGap(), false);
        }

        static Counts crashed(String group) {
            return new Counts(group, 0, 0, 0, 0, Map.of(), Map.of(), true);
        }

        /** {@code label=count,...,jit:label=count,...} or {@code -}. */
        String skipsText() {
            List<String> entries = new ArrayList<>();
            skips.forEach((feature, count) -> entries.add(feature.label() + "=" + count));
            jitSkips.forEach((gap, count) -> entries.add(JIT + gap.label() + "=" + count));
            return entries.isEmpty() ? "-" : String.join(",", entries);
        }

        /** The feature entries of a skips column. */
        static Map<Feature, Integer> parseSkips(String text) {
            return parseEntries(text, "", Feature::ofLabel, "feature=count",
                    java.util.Arrays.stream(Feature.values()).map(Feature::label).toList());
        }

        /** The JIT-gap entries ({@code jit:label=count}) of a skips column. */
        static Map<JitGap, Integer> parseJitSkips(String text) {
            return parseEntries(text, JIT, JitGap::ofLabel, "jit:gap=count",
                    java.util.Arrays.stream(JitGap.values()).map(JitGap::label).toList());
        }

        /** The {@code label=count} entries with {@code prefix} (none: those without {@link #JIT}), by key. */
        private static <K> Map<K, Integer> parseEntries(String text, String prefix,
                                                        java.util.function.Function<String, K> byLabel, String form,
                                                        List<String> labels) {
            Map<K, Integer> skips = new java.util.LinkedHashMap<>();
            for (String entry : text.equals("-") ? List.<String>of() : List.of(text.split(","))) {
                boolean jit = entry.startsWith(JIT);
                if (jit != prefix.equals(JIT)) {
                    continue;
                }
                String[] kv = entry.substring(prefix.length()).split("=");
                K key = kv.length == 2 ? byLabel.apply(kv[0]) : null;
                if (key == null) {
                    throw new IllegalArgumentException("not a " + form + ": " + entry + " (known: " + labels + ")");
                }
                skips.put(key, Integer.parseInt(kv[1]));
            }
            return skips;
        }

        String describe() {
            return crashed ? "JVM crashed" : SummaryPrinter.counts(passed, failed, skipped)
                    + (skipped > 0 ? " (" + skipsText() + ")" : "") + ", " + functions + " functions";
        }
    }

    static Path index(Path suite) {
        Path index = suite.resolve("FILES.tsv");
        if (!Files.isRegularFile(index)) {
            throw new AssertionError("the official spec suite is missing: no " + index
                    + " (set -Dwasm.testsuite=DIR; it is never skipped)");
        }
        return index;
    }

    static List<SuiteFile> readIndex(Path index) throws IOException {
        List<SuiteFile> files = new ArrayList<>();
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t");
            if (line.isBlank() || cols[0].equals("path") || cols.length < 2) {
                continue;
            }
            files.add(new SuiteFile(cols[0], cols[1]));
        }
        if (files.isEmpty()) {
            throw new AssertionError("FILES.tsv lists no files: " + index);
        }
        return files;
    }

    static Map<String, Counts> read(Path file) throws IOException {
        Map<String, Counts> expected = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return expected;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t");
            try {
                if (c.length != 7) {
                    throw new IllegalArgumentException("expected 7 columns");
                }
                expected.put(c[0], new Counts(c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]),
                        Integer.parseInt(c[4]), Long.parseLong(c[5]), Counts.parseSkips(c[6]),
                        Counts.parseJitSkips(c[6]), false));
            } catch (IllegalArgumentException e) {
                throw new IOException("bad line in " + file + " (" + e.getMessage() + "): " + line, e);
            }
        }
        return expected;
    }

    static void write(Path file, Map<String, Counts> actual) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (var e : new TreeMap<>(actual).entrySet()) {
            Counts c = e.getValue();
            sb.append(String.join("\t", e.getKey(), c.group(), Integer.toString(c.passed()),
                    Integer.toString(c.failed()), Integer.toString(c.skipped()), Long.toString(c.functions()),
                    c.skipsText())).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Null when as expected; otherwise old vs new counts and the first failures. */
    static String change(String file, Counts expected, Counts actual, List<String> firstFailures) {
        if (expected != null && expected.equals(actual)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(file).append(": ")
                .append(expected == null ? "no expectation" : expected.describe())
                .append(" -> ").append(actual.describe());
        for (String failure : firstFailures) {
            sb.append("\n    ").append(failure);
        }
        return sb.toString();
    }

    /** The first failure lines of a report, with a "... more" line when there are more. */
    static List<String> firstFailures(String file, FileReport report) {
        List<String> lines = new ArrayList<>();
        List<CommandResult> failures = report.failures();
        for (int i = 0; i < Math.min(FAILURES_SHOWN, failures.size()); i++) {
            lines.add(SummaryPrinter.failureLine(file, failures.get(i)));
        }
        if (failures.size() > FAILURES_SHOWN) {
            lines.add("... " + (failures.size() - FAILURES_SHOWN) + " more failure(s)");
        }
        return lines;
    }

    /** Prints wall time per group and counts per group (and in all). */
    static void printSummary(String title, Map<String, Long> nanosByGroup, Map<String, Counts> actual) {
        long core = nanosByGroup.getOrDefault("mvp", 0L) + nanosByGroup.getOrDefault("2.0", 0L);
        StringBuilder sb = new StringBuilder(title).append(" wall time: mvp+2.0 ").append(core / 1_000_000).append(" ms");
        nanosByGroup.forEach((group, nanos) -> sb.append(", ").append(group).append(' ')
                .append(nanos / 1_000_000).append(" ms"));
        System.out.println(sb);
        Map<String, long[]> byGroup = new TreeMap<>();
        for (Counts c : actual.values()) {
            for (String group : List.of(c.group(), "all")) {
                long[] sums = byGroup.computeIfAbsent(group, g -> new long[5]);
                sums[0] += c.passed();
                sums[1] += c.failed();
                sums[2] += c.skipped();
                sums[3] += c.crashed() ? 1 : 0;
                sums[4] += c.functions();
            }
        }
        byGroup.forEach((group, sums) -> System.out.println(title + " [" + group + "]: "
                + SummaryPrinter.counts((int) sums[0], (int) sums[1], (int) sums[2]) + ", " + sums[4] + " functions"
                + (sums[3] > 0 ? ", " + sums[3] + " file(s) CRASHED THE JVM" : "")));
    }

    /**
     * Fails listing every changed file and every stale expectation, or writes the file when
     * blessing. A JVM crash is never blessed.
     */
    static void checkOrBless(Path expectationsFile, Map<String, Counts> expected, Map<String, Counts> actual,
                             Map<String, List<String>> failuresByFile, boolean bless) throws IOException {
        List<String> crashed = actual.entrySet().stream().filter(e -> e.getValue().crashed())
                .map(Map.Entry::getKey).toList();
        if (!crashed.isEmpty()) {
            throw new AssertionError("the JVM crashed running " + crashed + " (the most urgent kind of bug; "
                    + "never blessed):\n" + crashed.stream()
                    .map(f -> f + "\n    " + String.join("\n    ", failuresByFile.getOrDefault(f, List.of())))
                    .collect(Collectors.joining("\n")));
        }
        if (bless) {
            write(expectationsFile, actual);
            System.out.println("official suite: wrote " + expectationsFile);
            return;
        }
        List<String> changes = new ArrayList<>();
        for (var e : actual.entrySet()) {
            String change = change(e.getKey(), expected.get(e.getKey()), e.getValue(),
                    failuresByFile.getOrDefault(e.getKey(), List.of()));
            if (change != null) {
                changes.add(change);
            }
        }
        for (String stale : expected.keySet()) {
            if (!actual.containsKey(stale)) {
                changes.add(stale + ": in the expectations but not in FILES.tsv");
            }
        }
        if (!changes.isEmpty()) {
            throw new AssertionError(changes.size() + " file(s) changed against " + expectationsFile
                    + " (rerun with -Dbless=true to accept, then review the diff):\n" + String.join("\n", changes));
        }
    }
}
