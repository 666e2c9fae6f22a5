package wasmoon.cli.wast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The official suite's index (FILES.tsv) and the checked-in expectations files:
 * one sorted line per suite file, {@code file group passed failed skipped}, or
 * {@code file group crashed - -} when the file kills the JVM running it.
 */
final class SuiteExpectations {
    static final String HEADER = "# file\tgroup\tpassed\tfailed\tskipped";
    static final int FAILURES_SHOWN = 5;

    private SuiteExpectations() {
    }

    /** One row of FILES.tsv. */
    record SuiteFile(String path, String group) {
    }

    /** Counts of one file; {@code crashed} means the JVM died running it (counts are then 0). */
    record Counts(String group, int passed, int failed, int skipped, boolean crashed) {
        static Counts of(String group, FileReport report) {
            return new Counts(group, report.passed(), report.failed(), report.skipped(), false);
        }

        static Counts crashed(String group) {
            return new Counts(group, 0, 0, 0, true);
        }

        String describe() {
            return crashed ? "JVM crashed" : SummaryPrinter.counts(passed, failed, skipped);
        }

        boolean sameCounts(Counts other) {
            return crashed == other.crashed && passed == other.passed && failed == other.failed
                    && skipped == other.skipped;
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
            if (c.length != 5) {
                throw new IOException("bad line in " + file + ": " + line);
            }
            expected.put(c[0], c[2].equals("crashed") ? Counts.crashed(c[1])
                    : new Counts(c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]), Integer.parseInt(c[4]), false));
        }
        return expected;
    }

    static void write(Path file, Map<String, Counts> actual) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (var e : new TreeMap<>(actual).entrySet()) {
            Counts c = e.getValue();
            sb.append(e.getKey()).append('\t').append(c.group()).append('\t');
            if (c.crashed()) {
                sb.append("crashed\t-\t-\n");
            } else {
                sb.append(c.passed()).append('\t').append(c.failed()).append('\t').append(c.skipped()).append('\n');
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Null when as expected; otherwise old vs new counts and the first failures. */
    static String change(String file, Counts expected, Counts actual, List<String> firstFailures) {
        if (expected != null && expected.sameCounts(actual)) {
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
        Map<String, int[]> byGroup = new TreeMap<>();
        for (Counts c : actual.values()) {
            for (String group : List.of(c.group(), "all")) {
                int[] sums = byGroup.computeIfAbsent(group, g -> new int[4]);
                sums[0] += c.passed();
                sums[1] += c.failed();
                sums[2] += c.skipped();
                sums[3] += c.crashed() ? 1 : 0;
            }
        }
        byGroup.forEach((group, sums) -> System.out.println(title + " [" + group + "]: "
                + SummaryPrinter.counts(sums[0], sums[1], sums[2])
                + (sums[3] > 0 ? ", " + sums[3] + " file(s) CRASHED THE JVM" : "")));
    }

    /** Fails listing every changed file and every stale expectation, or writes the file when blessing. */
    static void checkOrBless(Path expectationsFile, Map<String, Counts> expected, Map<String, Counts> actual,
                             Map<String, List<String>> failuresByFile, boolean bless) throws IOException {
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
