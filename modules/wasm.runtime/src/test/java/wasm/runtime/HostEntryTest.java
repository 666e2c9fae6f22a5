package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import perf.metrics.CompileMode;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleReport;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.TierCounts;

/**
 * A function entered from the host under tiered compilation (a command's {@code _start}, an
 * export an embedder calls) starts in baseline code: a short call never gets an optimizing
 * compile, and an activation that loops long waits at its first on-stack-replacement check for
 * its entry and moves into it there, rather than looping on in baseline code beside the compile.
 */
class HostEntryTest {
    /** Terms folded into the accumulator per iteration: enough that the body is no "small function with a loop". */
    private static final int TERMS = 20;

    private static final Module MODULE = module();

    private static Module module() {
        StringBuilder body = new StringBuilder();
        for (int t = 0; t < TERMS; t++) {
            body.append("(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const ")
                    .append(2 * t + 3).append(")) (local.get $i)))\n");
        }
        Module m = WatParser.parseModule("""
                (module
                  (func (export "spin") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                    (block $done
                      (loop $l
                        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                        %s
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (br $l)))
                    (local.get $acc)))
                """.formatted(body));
        Validator.validate(m);
        return m;
    }

    private static int expected(int n) {
        int acc = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < TERMS; t++) {
                acc = acc * (2 * t + 3) + i;
            }
        }
        return acc;
    }

    private record Run(TierCounts counts, List<CompileMode> modes) {
    }

    private static Run spin(int n) {
        List<ModuleReport> reports = new ArrayList<>();
        RuntimeOptions options = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withCompilePolicy(CompilePolicy.TIERED).withMetrics(MetricsRecorder.collecting(reports::add));
        assertEquals(RuntimeOptions.DEFAULT_TIER_UP_BUDGET, options.tierUpBudget());
        TierCounts counts;
        try (Store store = new Store(options)) {
            Instance instance = store.instantiate(MODULE, ImportResolver.NONE);
            assertEquals(expected(n), (int) instance.function("spin").call(n)[0]);
            counts = TierCounts.of(store);
        }
        ModuleReport r = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(r));
        return new Run(counts, r.functions().stream().map(FunctionReport::compileMode).toList());
    }

    @Test
    void aShortCallRunsInBaselineCodeAlone() {
        Run run = spin(100);
        assertEquals(new TierCounts(1, 0, 0, 0), run.counts());
        assertEquals(List.of(CompileMode.BASELINE), run.modes());
    }

    @Test
    void aLongActivationWaitsForItsEntryAtItsFirstCheck() {
        // the first check comes after four times the budget of iterations; the 1,000 left after
        // it take microseconds in baseline code, so only an activation that waits there moves
        Run run = spin(4 * RuntimeOptions.DEFAULT_TIER_UP_BUDGET + 1000);
        assertEquals(1, run.counts().osrEntries(), "moved into the entry at its first check");
        assertEquals(1, run.counts().baselineCompiled());
        assertTrue(run.modes().contains(CompileMode.OSR), run.modes().toString());
        assertFalse(run.modes().contains(CompileMode.LAZY), "no optimizing compile at the first call");
    }
}
