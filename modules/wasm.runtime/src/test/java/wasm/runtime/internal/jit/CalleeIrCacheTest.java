package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import perf.metrics.FunctionMetrics;
import wasm.backend.code.FinishedCode;
import wasm.backend.code.RelocationTarget;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.translate.WasmToIr;

/**
 * The inliner's callee IR is translated once per cache and shared: the same function for every
 * request, never changed by the compiles that inline it, and the code they make is the code a
 * compile with a cache of its own makes.
 */
class CalleeIrCacheTest {
    private static final String WAT = """
            (module
              (import "env" "f" (func $imported (param i32) (result i32)))
              (func $small (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $twice (param i32) (result i32)
                (i32.add (call $small (local.get 0)) (call $small (i32.mul (local.get 0) (i32.const 3)))))
              (func $then_import (param i32) (result i32) (call $imported (call $small (local.get 0)))))
            """;

    private static Module module() {
        Module m = WatParser.parseModule(WAT);
        Validator.validate(m);
        return m;
    }

    @Test
    void translatesACalleeOnceAndHandsOutThatFunction() {
        Module m = module();
        CalleeIrCache cache = new CalleeIrCache(m);
        WasmToIr translator = new WasmToIr();
        Function small = cache.ir(1, translator).orElseThrow();
        assertSame(small, cache.ir(1, translator).orElseThrow());
        assertSame(small, cache.ir(1, new WasmToIr()).orElseThrow(), "another thread's translator gets it too");
        assertEquals(-1, cache.size(0), "an import has no body");
        assertTrue(cache.ir(0, translator).isEmpty());
        assertTrue(cache.ir(4, translator).isEmpty(), "no such function");
        assertTrue(cache.isFor(m));
    }

    @Test
    void inliningLeavesTheSharedCalleeAloneAndMakesTheSameCode() {
        Module m = module();
        int imported = 1;
        ModuleVmctxLayout layout = ModuleVmctxLayout.of(m, Metering.DEFAULT);
        CalleeIrCache shared = new CalleeIrCache(m);
        String before = shared.ir(1, new WasmToIr()).orElseThrow().toString();
        IrNativeCompiler withShared = new IrNativeCompiler(2, shared);
        for (int fi : new int[] {2, 3, 2}) {
            FinishedCode a = withShared.compile(m, fi, layout, j -> j >= imported, FunctionMetrics.disabled()).code();
            FinishedCode b = new IrNativeCompiler(2).compile(m, fi, layout, j -> j >= imported,
                    FunctionMetrics.disabled()).code();
            assertEquals(b, a, "function " + fi);
            assertTrue(a.relocations().stream().noneMatch(r -> r.target().equals(new RelocationTarget.Function(1))),
                    "function " + fi + " calls $small instead of inlining it: " + a.relocations());
        }
        assertEquals(before, shared.ir(1, new WasmToIr()).orElseThrow().toString());
    }
}
