package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import wasm.core.JitGap;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.CompilePolicy;
import wasm.runtime.ExecutionTier;
import wasm.runtime.JitUnsupportedException;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.ModuleInstantiator;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.WasmFunction;
import wasm.runtime.tooling.JitCoverage;

/**
 * The JIT's SIMD gap: a function that handles a v128 runs in the interpreter with
 * {@link JitGap#SIMD}'s reason recorded, the others natively, under both compile
 * policies; strict mode refuses the module at instantiation with the gap named, under
 * both policies; and {@link JitGaps} sees every way a function can meet a v128.
 */
class SimdJitGapTest {
    private static final String WAT = """
            (module
              (func $plain (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $vector (param i32) (result i32)
                (i32x4.extract_lane 2 (i32x4.mul (i32x4.splat (local.get 0)) (v128.const i32x4 1 2 3 4))))
              (func $caller (param i32) (result i32) (i32.add (call $plain (local.get 0)) (call $vector (local.get 0))))
              (export "plain" (func $plain)) (export "vector" (func $vector)) (export "caller" (func $caller)))
            """;

    private static Module parse(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    private static RuntimeOptions jit(CompilePolicy policy, boolean strict) {
        return RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withCompilePolicy(policy).withJitStrict(strict);
    }

    @ParameterizedTest
    @EnumSource(CompilePolicy.class)
    void vectorFunctionsRunInTheInterpreterWithTheReasonRecorded(CompilePolicy policy) {
        StoreState store = new StoreState(jit(policy, false));
        try {
            InstanceContext ctx = ModuleInstantiator.instantiate(store, parse(WAT), new Object[0]);
            assertArrayEquals(new long[] {7 + 1 + 7 * 3}, store.invoke(ctx.functions[2], new long[] {7}));
            assertArrayEquals(new long[] {-15}, store.invoke(ctx.functions[1], new long[] {-5}));
            assertTrue(((WasmFunction) ctx.functions[0]).isNative());
            assertFalse(((WasmFunction) ctx.functions[1]).isNative());
            assertTrue(((WasmFunction) ctx.functions[2]).isNative());
            assertEquals(new JitCoverage(2, 1, Map.of(JitGap.SIMD.reason(), 1L)), store.coverage());
        } finally {
            store.close();
        }
    }

    @ParameterizedTest
    @EnumSource(CompilePolicy.class)
    void strictModeRefusesTheModuleNamingTheGap(CompilePolicy policy) {
        StoreState store = new StoreState(jit(policy, true));
        try {
            JitUnsupportedException e = assertThrows(JitUnsupportedException.class,
                    () -> ModuleInstantiator.instantiate(store, parse(WAT), new Object[0]));
            assertEquals(JitGap.SIMD, e.gap());
            assertEquals(1, e.functionIndex());
            assertTrue(e.getMessage().endsWith(JitGap.SIMD.reason()), e.getMessage());
        } finally {
            store.close();
        }
    }

    /** Each body meets a v128 one way (none of them has a SIMD instruction but the first). */
    @ParameterizedTest
    @ValueSource(strings = {
        "(func $f (drop (v128.const i64x2 0 0)))",
        "(func $f (param v128))",
        "(func $f (result v128) (global.get $g))",
        "(func $f (local v128))",
        "(func $f (drop (call $v)))",
        "(func $f (drop (call_indirect (type $vt) (i32.const 0))))",
        "(func $f (global.set $g (global.get $g)))",
        "(func $f (block (result v128) (global.get $g)) (drop))",
        "(func $f (block (type $vt) (global.get $g)) (drop))",
        "(func $f (param i32) (drop (select (result v128) (global.get $g) (global.get $g) (local.get 0))))",
    })
    void everyWayToMeetAVectorIsAGap(String func) {
        Module m = parse(module(func));
        assertEquals(JitGap.SIMD, JitGaps.of(m, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(func $f (param i32) (result i32) (local.get 0))",
        "(func $f (drop (ref.func $v)))",
        "(func $f (drop (i32.const 0)))",
    })
    void functionsWithoutVectorsAreNot(String func) {
        Module m = parse(module(func));
        assertNull(JitGaps.of(m, 0));
    }

    /** {@code func} as function 0, beside a v128 global, type and function (index 1). */
    private static String module(String func) {
        return "(module (type $vt (func (result v128))) (global $g (mut v128) (v128.const i64x2 1 2))"
                + " (table 1 funcref) (elem declare func $v) " + func
                + " (func $v (type $vt) (v128.const i64x2 0 0)))";
    }
}
