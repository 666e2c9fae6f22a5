package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleReport;
import perf.metrics.Tier;
import wasm.backend.CompileUnsupported;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.ExecutionTier;
import wasm.runtime.JitUnsupportedException;
import perf.metrics.CompileMode;
import perf.metrics.MetricsInvariants;
import wasm.runtime.CompilePolicy;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.ModuleInstantiator;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.WasmFunction;
import wasm.runtime.tooling.JitCoverage;

/**
 * Per-function fallback with the real compiler, now that it compiles every mvp/2.0 function:
 * a compiler that refuses one function keeps it interpreted, and calls with several results
 * (JIT ABI v2) cross the tiers both ways: native to interpreted (the upcall thunk passes the
 * caller's results area), interpreted to native (the entry trampoline passes resultv), and
 * call_indirect to an interpreted function.
 */
class JitFallbackTest {
    private static final String REASON = "kept interpreted by the test";
    private static final int SLOW = 1;

    /**
     * The real pipeline at -O1, except that function {@link #SLOW} is refused. Not -O2: its
     * inliner would copy $slow into its caller, which then never calls the refused function.
     */
    private static final NativeCompiler REFUSES_SLOW = (module, funcIndex, layout, together, metrics) -> {
        if (funcIndex == SLOW) {
            throw new CompileUnsupported(REASON);
        }
        return new IrNativeCompiler(1).compile(module, funcIndex, layout, together, metrics);
    };

    private static final String WAT = """
            (module
              (type $t (func (param i32) (result i64 i32)))
              (table 1 funcref)
              (elem (i32.const 0) $slow)
              (func $fast (param i32) (result i32 i64 f64)
                (local.get 0) (i64.mul (i64.extend_i32_s (local.get 0)) (i64.const 3)) (f64.convert_i32_s (local.get 0)))
              (func $slow (param i32) (result i64 i32) (local $i i32) (local $l i64)
                (call $fast (local.get 0)) (drop) (local.set $l) (local.set $i)
                (i64.add (local.get $l) (i64.const 1)) (i32.mul (local.get $i) (i32.const 2)))
              (func (param i32) (result i32 i64 i32) (local $i i32) (local $l i64)
                (call $slow (local.get 0)) (local.set $i) (local.set $l)
                (local.get $i) (local.get $l) (i32.add (local.get $i) (i32.const 100)))
              (func (param i32) (result i64 i32) (call_indirect (type $t) (local.get 0) (i32.const 0))))
            """;

    private static Module parse(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    @Test
    void severalResultsCrossTheTiersBothWays() {
        StoreState store = new StoreState(eager(), REFUSES_SLOW);
        try {
            InstanceContext ctx = ModuleInstantiator.instantiate(store, parse(WAT), new Object[0]);
            assertEquals(new JitCoverage(3, 1, Map.of(REASON, 1L)), store.coverage());
            assertFalse(((WasmFunction) ctx.functions[SLOW]).isNative());
            assertTrue(((WasmFunction) ctx.functions[2]).isNative());
            // native entry, three results
            assertArrayEquals(new long[] {-5, -15, Double.doubleToRawLongBits(-5.0)},
                    store.invoke(ctx.functions[0], new long[] {-5}));
            // interpreted $slow calls native $fast
            assertArrayEquals(new long[] {16, 10}, store.invoke(ctx.functions[SLOW], new long[] {5}));
            // native calls interpreted $slow, directly and through the table
            assertArrayEquals(new long[] {10, 16, 110}, store.invoke(ctx.functions[2], new long[] {5}));
            assertArrayEquals(new long[] {-20, -14}, store.invoke(ctx.functions[3], new long[] {-7}));
        } finally {
            store.close();
        }
    }

    @Test
    void strictModeRejectsTheRefusedFunction() {
        StoreState store = new StoreState(eager().withJitStrict(true),
                REFUSES_SLOW);
        try {
            JitUnsupportedException e = assertThrows(JitUnsupportedException.class,
                    () -> ModuleInstantiator.instantiate(store, parse(WAT), new Object[0]));
            assertEquals(SLOW, e.functionIndex());
            assertTrue(e.getMessage().endsWith("not supported by the JIT: " + REASON), e.getMessage());
        } finally {
            store.close();
        }
    }

    @Test
    void metricsRecordTheFallback() {
        List<ModuleReport> reports = new ArrayList<>();
        StoreState store = new StoreState(eager()
                .withMetrics(MetricsRecorder.collecting(reports::add)), REFUSES_SLOW);
        try {
            ModuleInstantiator.instantiate(store, parse(WAT), new Object[0]);
        } finally {
            store.close();
        }
        assertEquals(1, reports.size());
        assertEquals(4, reports.getFirst().functions().size());
        assertEquals(new Tier.Interpreter(REASON), reports.getFirst().functions().get(SLOW).tier());
        assertEquals(Tier.JIT, reports.getFirst().functions().get(0).tier());
    }

    /** Fallback mode, whatever -Dwasmoon.jit says: these tests are about the fallback. */
    private static RuntimeOptions eager() {
        return RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(false)
                .withCompilePolicy(CompilePolicy.EAGER);
    }

    private static RuntimeOptions lazy() {
        return RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(false)
                .withCompilePolicy(CompilePolicy.LAZY);
    }

    @Test
    void lazyCompilationFallsBackAtTheFirstCall() {
        StoreState store = new StoreState(lazy(), REFUSES_SLOW);
        try {
            InstanceContext ctx = ModuleInstantiator.instantiate(store, parse(WAT), new Object[0]);
            // nothing compiled yet: every function is headed for native code
            assertEquals(new JitCoverage(4, 0, Map.of()), store.coverage());
            assertArrayEquals(new long[] {10, 16, 110}, store.invoke(ctx.functions[2], new long[] {5}));
            assertEquals(new JitCoverage(3, 1, Map.of(REASON, 1L)), store.coverage());
            assertFalse(((WasmFunction) ctx.functions[SLOW]).isNative());
            assertArrayEquals(new long[] {16, 10}, store.invoke(ctx.functions[SLOW], new long[] {5}));
            assertArrayEquals(new long[] {-20, -14}, store.invoke(ctx.functions[3], new long[] {-7}));
            assertArrayEquals(new long[] {-5, -15, Double.doubleToRawLongBits(-5.0)},
                    store.invoke(ctx.functions[0], new long[] {-5}));
        } finally {
            store.close();
        }
    }

    @Test
    void strictLazyCompilationFailsTheCallThatNeedsTheRefusedFunction() {
        StoreState store = new StoreState(lazy().withJitStrict(true), REFUSES_SLOW);
        try {
            InstanceContext ctx = ModuleInstantiator.instantiate(store, parse(WAT), new Object[0]);
            // a function that does not reach $slow runs natively
            assertArrayEquals(new long[] {-5, -15, Double.doubleToRawLongBits(-5.0)},
                    store.invoke(ctx.functions[0], new long[] {-5}));
            JitUnsupportedException e = assertThrows(JitUnsupportedException.class,
                    () -> store.invoke(ctx.functions[2], new long[] {5}));
            assertEquals(SLOW, e.functionIndex());
        } finally {
            store.close();
        }
    }

    @Test
    void strictLazyCompilationRunsEverythingNatively() {
        StoreState store = new StoreState(RuntimeOptions.defaults().withTier(ExecutionTier.JIT)
                .withCompilePolicy(CompilePolicy.LAZY).withJitStrict(true));
        try {
            InstanceContext ctx = ModuleInstantiator.instantiate(store, parse(WAT), new Object[0]);
            assertArrayEquals(new long[] {10, 16, 110}, store.invoke(ctx.functions[2], new long[] {5}));
            assertArrayEquals(new long[] {-20, -14}, store.invoke(ctx.functions[3], new long[] {-7}));
            for (int i = 0; i < ctx.functions.length; i++) {
                WasmFunction wf = (WasmFunction) ctx.functions[i];
                assertTrue(wf.isNative(), "function " + i);
                assertFalse(wf.wasInterpreted(), "function " + i + " ran in the interpreter");
            }
            assertEquals(new JitCoverage(4, 0, Map.of()), store.coverage());
        } finally {
            store.close();
        }
    }

    @Test
    void lazyMetricsListWhatWasCompiledAndWhen() {
        List<ModuleReport> reports = new ArrayList<>();
        StoreState store = new StoreState(lazy().withMetrics(MetricsRecorder.collecting(reports::add)), REFUSES_SLOW);
        try {
            InstanceContext ctx = ModuleInstantiator.instantiate(store, parse(WAT), new Object[0]);
            store.invoke(ctx.functions[0], new long[] {-5});
            assertEquals(0, reports.size(), "a lazily compiled module is reported when its store closes");
        } finally {
            store.close();
        }
        assertEquals(1, reports.size());
        ModuleReport r = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(r));
        assertEquals(4, r.expectedFunctions());
        assertEquals(1, r.functions().size());
        assertEquals(3, r.uncompiledFunctions());
        assertEquals(CompileMode.LAZY, r.functions().getFirst().compileMode());
        assertEquals(0, r.functions().getFirst().funcIdx());
    }
}
