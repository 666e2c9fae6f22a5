package perf.baseline;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import perf.metrics.FunctionReport;
import perf.metrics.ModuleReport;
import perf.metrics.PassReport;
import perf.metrics.Tier;

/** Metrics reports for tests: consistent with perf.metrics' invariants (pass chains link, stage times fit). */
final class MetricsSamples {
    private MetricsSamples() {
    }

    private static final List<String> PASSES = List.of("cfg_cleanup", "const_fold", "gvn", "dce", "licm", "egraph");

    static Arbitrary<FunctionReport> function(int funcIdx) {
        Arbitrary<long[]> counts = Arbitraries.longs().between(0, 1_000_000).array(long[].class).ofSize(10);
        Arbitrary<List<Integer>> passChain = Arbitraries.integers().between(0, PASSES.size() - 1).list().ofMaxSize(4);
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        return Combinators.combine(counts, passChain, name, Arbitraries.of(true, false))
                .as((c, passes, n, jit) -> functionOf(funcIdx, n, c, passes, jit));
    }

    static FunctionReport functionOf(int funcIdx, String name, long[] c, List<Integer> passes, boolean jit) {
        long before = c[0] % 5000;
        long insts = before;
        List<PassReport> reports = new ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            long after = Math.max(0, insts - (c[1] >> i) % 7);
            reports.add(new PassReport(PASSES.get(passes.get(i)), c[2] % (1000 + i), insts, after, after != insts));
            insts = after;
        }
        return new FunctionReport(funcIdx, name, 2, before, insts, c[3] % 100_000, c[4] % 100_000,
                c[5] % 100_000, c[6] % 100_000, c[7] % 50_000, c[8] % 20, c[9] % 300, c[8] % 250, c[7] % 90,
                c[6] % 5, reports, jit ? Tier.JIT : new Tier.Interpreter("unsupported opcode"));
    }

    static Arbitrary<ModuleReport> module() {
        return Arbitraries.integers().between(0, 4).flatMap(n -> {
            List<Arbitrary<FunctionReport>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(function(i + 1));
            }
            return Combinators.combine(fs).as(list -> list).flatMap(list ->
                    Arbitraries.longs().between(0, 1000).map(extra -> moduleOf(list, extra)));
        });
    }

    static ModuleReport moduleOf(List<FunctionReport> functions, long extraUs) {
        long stages = functions.stream().mapToLong(FunctionReport::stageTimeUs).sum();
        return new ModuleReport(functions.size(), stages + extraUs, functions);
    }

    /** A small fixed module, for the end-to-end tests' fake launcher. */
    static ModuleReport fixedModule(long scale) {
        List<FunctionReport> fs = List.of(
                functionOf(1, "main", new long[] {120, 3, 40, 900 * scale, 300, 500, 80, 1024, 2, 6}, List.of(0, 1, 2), true),
                functionOf(2, "helper", new long[] {40, 1, 10, 100 * scale, 50, 70, 20, 256, 0, 0}, List.of(0, 3), true));
        return moduleOf(fs, 77);
    }
}
