package wasmoon.cli.wast;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text report of {@code wasmoon test}: one line per file, then each
 * failure as {@code file:LINE: KIND: expected ..., got ...}, then the skip
 * reasons with counts, and last the total line {@code N passed, M failed}
 * (with {@code , K skipped} only when K > 0).
 */
public final class SummaryPrinter {
    private static final Pattern POSITION = Pattern.compile(" \\(at \\d+:\\d+\\)| at \\d+:\\d+");

    private SummaryPrinter() {
    }

    /** Prints the whole report; {@code quiet} keeps only the failures and the total line. */
    public static void print(List<FileReport> reports, PrintStream out, boolean quiet) {
        if (!quiet) {
            for (FileReport report : reports) {
                out.println(fileLine(report));
            }
        }
        List<String> failures = new ArrayList<>();
        for (FileReport report : reports) {
            for (CommandResult r : report.failures()) {
                failures.add(failureLine(report.file(), r));
            }
        }
        if (!failures.isEmpty()) {
            if (!quiet) {
                out.println();
                out.println("failures:");
            }
            failures.forEach(out::println);
        }
        Map<String, Integer> reasons = skipReasons(reports);
        if (!quiet && !reasons.isEmpty()) {
            out.println();
            out.println("skipped, by reason:");
            reasons.forEach((reason, count) -> out.println(String.format("%8d  %s", count, reason)));
        }
        if (!quiet && (!failures.isEmpty() || !reasons.isEmpty())) {
            out.println();
        }
        out.println(totalLine(reports));
    }

    /** {@code file.wast: P passed, F failed} plus {@code , S skipped} when S > 0. */
    public static String fileLine(FileReport report) {
        return report.file() + ": " + counts(report.passed(), report.failed(), report.skipped());
    }

    public static String failureLine(String file, CommandResult r) {
        return file + ":" + r.line() + ": " + r.kind() + ": " + r.detail();
    }

    /** The last line of the report. */
    public static String totalLine(List<FileReport> reports) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (FileReport r : reports) {
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
        }
        return counts(passed, failed, skipped);
    }

    public static String counts(int passed, int failed, int skipped) {
        return passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
    }

    /** A reason without the parser's source positions, so that equal reasons group together. */
    static String withoutPosition(String reason) {
        return POSITION.matcher(reason).replaceAll("");
    }

    /** Skip reasons (source positions removed) with their counts, most frequent first (ties by reason). */
    public static Map<String, Integer> skipReasons(List<FileReport> reports) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (FileReport report : reports) {
            for (CommandResult r : report.results()) {
                if (r.status() == CommandStatus.SKIPPED) {
                    counts.merge(withoutPosition(r.detail()), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
