package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The compile metrics of a tiered store list each function once per compile that took place: the
 * export (entered from the host) and a plain callee as the baseline compiler's, and a callee the
 * baseline compiler leaves alone (SIMD) only as the optimizing tier's.
 */
class TieredMetricsTest {
    private static final String WAT = """
            (module
              (func $simd (result i32) (i32x4.extract_lane 1 (v128.const i32x4 1 2 3 4)))
              (func $plain (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
              (func (export "f") (result i32) (i32.add (call $simd) (call $plain (i32.const 5)))))
            """;

    @Test
    void eachFunctionIsListedOncePerCompileThatHappened() {
        Module m = WatParser.parseModule(WAT);
        Validator.validate(m);
        List<ModuleReport> reports = new ArrayList<>();
        RuntimeOptions options = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withCompilePolicy(CompilePolicy.TIERED).withMetrics(MetricsRecorder.collecting(reports::add));
        try (Store store = new Store(options)) {
            Instance i = store.instantiate(m, ImportResolver.NONE);
            assertEquals(17, (int) i.function("f").call()[0]);
            assertEquals(new TierCounts(2, 0, 0, 1), TierCounts.of(store));
        }
        assertEquals(1, reports.size());
        ModuleReport r = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(r));
        assertEquals(List.of(0, 1, 2), r.functions().stream().map(FunctionReport::funcIdx).toList());
        assertEquals(List.of(CompileMode.LAZY, CompileMode.BASELINE, CompileMode.BASELINE),
                r.functions().stream().map(FunctionReport::compileMode).toList());
    }
}
