package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import wasm.backend.CpuFeatures;
import wasm.backend.baseline.BaselineCompiler;
import wasm.backend.code.FinishedCode;
import wasm.backend.code.Relocation;
import wasm.backend.code.RelocationKind;
import wasm.backend.code.RelocationTarget;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.CompilePolicy;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.ModuleInstantiator;
import wasm.runtime.internal.StoreState;

/**
 * Baseline code in the code cache format (tag 3, and tag 4 when hot: a run asked for its
 * optimizing compile): written and read back as it was, and refused as corrupt when it carries a
 * relocation, which baseline code never has (it calls through vmctx slots), so that a forged
 * entry cannot make the loader patch addresses into it. A tiered store asks for a hot function's
 * optimizing compile when it links the instance, and keeps the mark for a compile that did not
 * finish.
 */
class BaselineCodeCacheTest {
    private static final Module MODULE = module();

    private static Module module() {
        Module m = WatParser.parseModule("""
                (module
                  (func (export "sum") (param i32) (result i32) (local i32)
                    (block (loop
                      (br_if 1 (i32.eqz (local.get 0)))
                      (local.set 1 (i32.add (local.get 1) (local.get 0)))
                      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                      (br 0)))
                    (local.get 1)))
                """);
        Validator.validate(m);
        return m;
    }

    private static CompiledModule withBaseline(FinishedCode code) {
        return withBaseline(code, false);
    }

    private static CompiledModule withBaseline(FinishedCode code, boolean hot) {
        CompiledModule none = CompiledModule.uncompiled(MODULE, new byte[0], 2, Metering.DEFAULT);
        int n = MODULE.functionCount();
        FinishedCode[] baseline = new FinishedCode[n];
        baseline[0] = code;
        boolean[] hotness = new boolean[n];
        hotness[0] = hot;
        return none.with(new FinishedCode[n], new String[n], baseline, hotness, CompiledModule.Origin.EAGER,
                new byte[0]);
    }

    private static FinishedCode baselineCode() {
        return new BaselineCompiler(ModuleVmctxLayout.of(MODULE, Metering.DEFAULT), CpuFeatures.host())
                .compile(MODULE, 0).code();
    }

    @Test
    void baselineCodeRoundTrips() throws Exception {
        FinishedCode code = new BaselineCompiler(ModuleVmctxLayout.of(MODULE, Metering.DEFAULT), CpuFeatures.host())
                .compile(MODULE, 0).code();
        assertTrue(code.relocations().isEmpty());
        byte[] wasm = ModuleEncoder.encode(MODULE);
        byte[] file = CodeCacheFormat.write(withBaseline(code), wasm);
        CompiledModule read = CodeCacheFormat.functions(CodeCacheFormat.check(file), MODULE);
        assertEquals(code, read.baseline(0));
        assertNull(read.code(0));
        assertEquals(1, read.compiledCount());
        assertEquals(0, read.optimizedCount());
        assertNotNull(read.image());
    }

    @Test
    void theHotMarkRoundTrips() throws Exception {
        byte[] wasm = ModuleEncoder.encode(MODULE);
        for (boolean hot : new boolean[] {false, true}) {
            byte[] file = CodeCacheFormat.write(withBaseline(baselineCode(), hot), wasm);
            CompiledModule read = CodeCacheFormat.functions(CodeCacheFormat.check(file), MODULE);
            assertEquals(hot, read.hot(0));
            assertNotNull(read.baseline(0));
        }
    }

    /**
     * Linked from hot baseline code, a tiered store asks for the optimizing compile at once: with a
     * budget the function never spends, it still tiers up (at a check after the compile is done).
     * Without the mark it does not, and once the store has asked, the code it keeps marks the
     * function hot until the optimized code is there.
     */
    @Test
    void aHotFunctionTiersUpWithoutSpendingItsBudget() throws InterruptedException {
        RuntimeOptions tiered = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(false)
                .withCompilePolicy(CompilePolicy.TIERED).withTierUpBudget(1_000_000_000);
        for (boolean hot : new boolean[] {false, true}) {
            StoreState store = new StoreState(tiered);
            try {
                InstanceContext ctx = ModuleInstantiator.instantiate(store, MODULE, new Object[0],
                        withBaseline(baselineCode(), hot));
                CompiledModule kept = store.jit.compiledSoFar(ctx.vmctx, new byte[0]);
                // asked for at the link: marked while the compile runs, optimized code once it is done
                assertEquals(hot, kept.hot(0) || kept.code(0) != null, "kept: hot or optimized");
                long deadline = System.nanoTime() + 60_000_000_000L; // a bound for a stuck compile, not a timing
                while (hot && store.tierCounts().tieredUp() == 0 && System.nanoTime() < deadline) {
                    assertArrayEquals(new long[] {55}, store.invoke(ctx.functions[0], new long[] {10}));
                    Thread.sleep(1);
                }
                for (int i = 0; i < 200; i++) {
                    assertArrayEquals(new long[] {55}, store.invoke(ctx.functions[0], new long[] {10}));
                }
                assertEquals(hot ? 1 : 0, store.tierCounts().tieredUp());
                CompiledModule after = store.jit.compiledSoFar(ctx.vmctx, new byte[0]);
                assertEquals(hot, after.code(0) != null, "optimized code kept");
                assertFalse(after.hot(0), "no mark on optimized code, none where nothing asked");
            } finally {
                store.close();
            }
        }
    }

    @Test
    void baselineCodeWithARelocationIsRefused() {
        FinishedCode forged = new FinishedCode(new byte[16], List.of(),
                List.of(new Relocation(4, RelocationKind.ABS64, RelocationTarget.symbol("lazy0"), 0)));
        byte[] file = CodeCacheFormat.write(withBaseline(forged), ModuleEncoder.encode(MODULE));
        CodeCacheFormat.CodeCacheError e = assertThrows(CodeCacheFormat.CodeCacheError.class,
                () -> CodeCacheFormat.functions(CodeCacheFormat.check(file), MODULE));
        assertEquals(CodeCacheFormat.Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().contains("baseline code with relocations"), e.getMessage());
    }
}
