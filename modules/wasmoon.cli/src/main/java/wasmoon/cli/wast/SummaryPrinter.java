package wasmoon.cli.wast;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import wasm.core.Feature;
import wasm.core.JitGap;
import wasm.runtime.ExecutionTier;
import wasm.runtime.tooling.JitCoverage;

/**
 * The text report of {@code wasmoon test}: one line per file, then each
 * failure as {@code file:LINE: KIND: expected ..., got ...}, then the
 * unsupported features the skipped commands need, with counts, then (strict JIT
 * mode) the JIT gaps that skipped commands, then the JIT coverage of the whole run
 * ({@code jit coverage: N functions native, M interpreted}, followed by the
 * fallback reasons with counts when M > 0), and last the total line
 * {@code N passed, M failed} (with {@code , K skipped} only when K > 0).
 */
public final class SummaryPrinter {
    private SummaryPrinter() {
    }

    /**
     * Prints the whole report; {@code quiet} keeps only the failures, the coverage and the total line.
     * {@code tier} is the tier the run used: the interpreter tier has no coverage to count.
     */
    public static void print(List<FileReport> reports, ExecutionTier tier, PrintStream out, boolean quiet) {
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
        Map<Feature, Integer> skips = skipsByFeature(reports);
        if (!quiet && !skips.isEmpty()) {
            out.println();
            out.println("skipped, by unsupported feature:");
            skips.forEach((feature, count) -> out.println(String.format("%8d  %s", count, feature.label())));
        }
        Map<JitGap, Integer> gaps = skipsByJitGap(reports);
        if (!quiet && !gaps.isEmpty()) {
            out.println();
            out.println("skipped, by JIT gap (--jit=strict; the interpreter runs these):");
            gaps.forEach((gap, count) -> out.println(String.format("%8d  %s", count, gap.label())));
        }
        if (!quiet && (!failures.isEmpty() || !skips.isEmpty() || !gaps.isEmpty())) {
            out.println();
        }
        coverageLines(reports, tier).forEach(out::println);
        out.println(totalLine(reports));
    }

    /**
     * {@code jit coverage: N functions native, M interpreted} summed over every
     * script's store, then one line per fallback reason with its count (most
     * frequent first) when M > 0; on the interpreter tier the single line
     * {@code jit coverage: interpreter only (--no-jit)}.
     */
    public static List<String> coverageLines(List<FileReport> reports, ExecutionTier tier) {
        if (tier == ExecutionTier.INTERPRETER) {
            return List.of("jit coverage: interpreter only (--no-jit)");
        }
        JitCoverage total = totalCoverage(reports);
        List<String> lines = new ArrayList<>();
        lines.add("jit coverage: " + total.nativeFunctions() + " functions native, "
                + total.interpretedFunctions() + " interpreted");
        fallbackReasons(total).forEach((reason, count) -> lines.add(String.format("%8d  %s", count, reason)));
        return lines;
    }

    /** The coverage of every script's store added up, fallback reasons merged. */
    public static JitCoverage totalCoverage(List<FileReport> reports) {
        long nativeFunctions = 0;
        long interpreted = 0;
        Map<String, Long> reasons = new HashMap<>();
        for (FileReport report : reports) {
            JitCoverage c = report.coverage();
            nativeFunctions += c.nativeFunctions();
            interpreted += c.interpretedFunctions();
            c.fallbackReasons().forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
        }
        return new JitCoverage(nativeFunctions, interpreted, reasons);
    }

    /**
     * The fallback reasons of a coverage, most frequent first (ties by reason);
     * interpreted functions the runtime gave no reason for are counted under
     * {@code (no reason given)} so that the counts add up to M.
     */
    public static Map<String, Long> fallbackReasons(JitCoverage coverage) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        coverage.fallbackReasons().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        long explained = sorted.values().stream().mapToLong(Long::longValue).sum();
        if (explained < coverage.interpretedFunctions()) {
            sorted.put("(no reason given)", coverage.interpretedFunctions() - explained);
        }
        return sorted;
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

    /** Skipped commands per JIT gap, most frequent first (ties by label). */
    public static Map<JitGap, Integer> skipsByJitGap(List<FileReport> reports) {
        return mostFrequentFirst(reports, FileReport::skipsByJitGap, JitGap::label);
    }

    /** Skipped commands per unsupported feature, most frequent first (ties by label). */
    public static Map<Feature, Integer> skipsByFeature(List<FileReport> reports) {
        return mostFrequentFirst(reports, FileReport::skipsByFeature, Feature::label);
    }

    private static <K> Map<K, Integer> mostFrequentFirst(List<FileReport> reports,
                                                         Function<FileReport, Map<K, Integer>> perFile,
                                                         Function<K, String> label) {
        Map<K, Integer> counts = new HashMap<>();
        for (FileReport report : reports) {
            perFile.apply(report).forEach((key, count) -> counts.merge(key, count, Integer::sum));
        }
        Map<K, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<K, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(e -> label.apply(e.getKey())))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
