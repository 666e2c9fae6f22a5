package perf.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/** compare's thresholds: what counts as a regression and the exit code that says so. */
class CompareProperties {

    @Property
    void noIncreaseIsNeverARegression(@ForAll @LongRange(min = 0, max = 1L << 40) long oldValue,
                                      @ForAll @LongRange(min = 0, max = 1L << 40) long decrease,
                                      @ForAll @DoubleRange(min = 0, max = 500) double pct,
                                      @ForAll @LongRange(min = 0, max = 1000) long floor) {
        assertFalse(CompareThresholds.exceeds(oldValue, Math.max(0, oldValue - decrease), pct, floor));
    }

    @Property
    void anIncreaseWithinTheFloorIsNeverARegression(@ForAll @LongRange(min = 0, max = 1L << 40) long oldValue,
                                                    @ForAll @LongRange(min = 0, max = 1000) long floor,
                                                    @ForAll @DoubleRange(min = 0, max = 500) double pct) {
        for (long inc : new long[] {0, floor / 2, floor}) {
            assertFalse(CompareThresholds.exceeds(oldValue, oldValue + inc, pct, floor));
        }
    }

    @Property
    void passingBothPercentAndFloorIsARegression(@ForAll @LongRange(min = 1, max = 1L << 30) long oldValue,
                                                 @ForAll @DoubleRange(min = 0, max = 500) double pct,
                                                 @ForAll @LongRange(min = 0, max = 1000) long floor) {
        long inc = Math.max(floor + 1, (long) Math.ceil(oldValue * pct / 100) + 1);
        assertTrue(CompareThresholds.exceeds(oldValue, oldValue + inc, pct, floor));
        long atPct = (long) Math.floor(oldValue * pct / 100);
        if (atPct * 100.0 <= pct * oldValue) {
            assertFalse(CompareThresholds.exceeds(oldValue, oldValue + atPct, pct, floor), "exactly at the percentage");
        }
    }

    @Property
    void theThresholdIsMonotonic(@ForAll @LongRange(min = 0, max = 1L << 30) long oldValue,
                                 @ForAll @LongRange(min = 0, max = 1L << 30) long a,
                                 @ForAll @LongRange(min = 0, max = 1L << 30) long b,
                                 @ForAll @DoubleRange(min = 0, max = 500) double pct,
                                 @ForAll @LongRange(min = 0, max = 1000) long floor) {
        long lo = Math.min(a, b), hi = Math.max(a, b);
        if (CompareThresholds.exceeds(oldValue, lo, pct, floor)) {
            assertTrue(CompareThresholds.exceeds(oldValue, hi, pct, floor));
        }
    }

    private static WorkloadResult workload(String name, WorkloadStatus status, long wall, long compileScale) {
        WorkloadMetrics m = WorkloadMetrics.of(List.of(MetricsSamples.fixedModule(compileScale)));
        return new WorkloadResult(name, name + ".wasm", status, wall, List.of(wall),
                status.ok() ? Optional.of(m) : Optional.empty());
    }

    private static BaselineSummary summary(WorkloadResult... ws) {
        return new BaselineSummary("./wasmoon", "run", 60, 1, List.of(ws));
    }

    @Provide
    Arbitrary<Long> walls() {
        return Arbitraries.longs().between(0, 1_000_000);
    }

    @Property(tries = 50)
    void aBaselineNeverRegressesAgainstItself(@ForAll("walls") long wall, @ForAll @LongRange(min = 1, max = 50) long scale) {
        BaselineSummary s = summary(workload("a", new WorkloadStatus.Ok(), wall, scale),
                workload("b", new WorkloadStatus.ExitCode(1), wall, scale));
        assertFalse(BaselineComparison.compare(s, s, CompareThresholds.DEFAULTS).regressed());
    }

    @Property(tries = 50)
    void aSlowerWallTimePastTheThresholdRegresses(@ForAll @LongRange(min = 1000, max = 1_000_000) long wall) {
        BaselineSummary old = summary(workload("a", new WorkloadStatus.Ok(), wall, 1));
        BaselineSummary slower = summary(workload("a", new WorkloadStatus.Ok(), wall * 2, 1));
        BaselineSummary barely = summary(workload("a", new WorkloadStatus.Ok(), wall + wall / 5, 1));
        BaselineComparison c = BaselineComparison.compare(old, slower, CompareThresholds.DEFAULTS);
        assertTrue(c.regressed());
        assertTrue(c.regressions().getFirst().startsWith("a: wall time"), c.regressions().toString());
        assertFalse(BaselineComparison.compare(old, barely, CompareThresholds.DEFAULTS).regressed(), "+20% < 25%");
        assertFalse(BaselineComparison.compare(slower, old, CompareThresholds.DEFAULTS).regressed(), "faster is fine");
    }

    @Example
    void okToFailedAndMissingWorkloadsRegressButNewFailuresOfFailedOnesDoNot() {
        BaselineSummary old = summary(workload("a", new WorkloadStatus.Ok(), 100, 1),
                workload("b", new WorkloadStatus.ExitCode(1), 100, 1), workload("c", new WorkloadStatus.Ok(), 100, 1));
        BaselineSummary now = summary(workload("a", new WorkloadStatus.Timeout(60), 100, 1),
                workload("b", new WorkloadStatus.ExitCode(2), 100, 1), workload("d", new WorkloadStatus.Ok(), 100, 1));
        BaselineComparison c = BaselineComparison.compare(old, now, CompareThresholds.DEFAULTS);
        assertEquals(List.of("a: was ok, now timeout after 60 s", "c: missing from the new baseline"), c.regressions());
        assertEquals(4, c.rows().size(), "a, b, c, then the new d");
    }

    @Example
    void runsWithoutMetricsCompareTheirWallTimesOnly() {
        WorkloadResult before = workload("a", new WorkloadStatus.MissingMetrics(), 1000, 1);
        BaselineSummary old = summary(before);
        BaselineComparison slower = BaselineComparison.compare(old,
                summary(workload("a", new WorkloadStatus.MissingMetrics(), 2000, 1)), CompareThresholds.DEFAULTS);
        assertEquals(List.of("a: wall time (ms) 1000 -> 2000"), slower.regressions());
        BaselineComparison nowOk = BaselineComparison.compare(old,
                summary(workload("a", new WorkloadStatus.Ok(), 1000, 1)), CompareThresholds.DEFAULTS);
        assertFalse(nowOk.regressed(), "gaining metrics is no regression");
        BaselineComparison nowFailing = BaselineComparison.compare(old,
                summary(workload("a", new WorkloadStatus.ExitCode(1), 10, 1)), CompareThresholds.DEFAULTS);
        assertEquals(List.of("a: was missing metrics, now exit code 1"), nowFailing.regressions());
    }

    @Example
    void compileTimeRegressionAndFlagsThroughTheCommandLine() throws IOException {
        Path root = Files.createTempDirectory("compare");
        try {
            Path oldDir = Files.createDirectories(root.resolve("old"));
            Path newDir = Files.createDirectories(root.resolve("new"));
            Files.writeString(oldDir.resolve("summary.json"),
                    SummaryJson.write(summary(workload("a", new WorkloadStatus.Ok(), 1000, 1))));
            Files.writeString(newDir.resolve("summary.json"),
                    SummaryJson.write(summary(workload("a", new WorkloadStatus.Ok(), 1000, 10))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            assertEquals(BaselineTool.EXIT_REGRESSION,
                    BaselineTool.run(new String[] {"compare", oldDir.toString(), newDir.toString()}, ps, ps));
            String table = out.toString(StandardCharsets.UTF_8);
            assertTrue(table.contains("module compile time"), table);
            assertTrue(table.lines().anyMatch(l -> l.startsWith("a ") && l.contains("!")), table);
            out.reset();
            assertEquals(BaselineTool.EXIT_OK, BaselineTool.run(new String[] {"compare", oldDir.toString(),
                    newDir.toString(), "--max-compile-pct=10000"}, ps, ps), out.toString(StandardCharsets.UTF_8));
            assertEquals(BaselineTool.EXIT_OK,
                    BaselineTool.run(new String[] {"compare", newDir.toString(), oldDir.toString()}, ps, ps));
            assertEquals(BaselineTool.EXIT_USAGE,
                    BaselineTool.run(new String[] {"compare", oldDir.toString()}, ps, ps));
            assertEquals(BaselineTool.EXIT_FAILED,
                    BaselineTool.run(new String[] {"compare", oldDir.toString(), root.resolve("nope").toString()}, ps, ps));
        } finally {
            SummaryProperties.deleteTree(root);
        }
    }
}
