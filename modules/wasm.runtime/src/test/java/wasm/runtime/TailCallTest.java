package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import wasm.core.JitGap;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.internal.interp.Interpreter;
import wasm.runtime.tooling.JitCoverage;

/**
 * return_call and return_call_indirect: real tail calls in the interpreter (the callee
 * takes over the caller's frame, so tail recursion runs in constant stack), traps with the
 * spec's messages, host callees in tail position, and under the JIT a function with a tail
 * call interpreted with its reason recorded (the backend has no tail calls yet).
 */
class TailCallTest {
    /** Mutual recursion in tail position, direct and through the table, with a stack argument. */
    private static final String EVEN_ODD = """
            (module
              (import "host" "twice" (func $twice (param i32) (result i32)))
              (type $t (func (param i64 i64) (result i64)))
              (table 2 funcref)
              (elem (i32.const 0) $even $odd)
              (func $even (export "even") (param $n i64) (param $acc i64) (result i64)
                (if (result i64) (i64.eqz (local.get $n))
                  (then (local.get $acc))
                  (else (return_call $odd (i64.sub (local.get $n) (i64.const 1))
                                          (i64.add (local.get $acc) (i64.const 1))))))
              (func $odd (param $n i64) (param $acc i64) (result i64)
                (if (result i64) (i64.eqz (local.get $n))
                  (then (i64.sub (i64.const 0) (local.get $acc)))
                  (else (return_call_indirect (type $t)
                          (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (i64.const 1))
                          (i32.const 0)))))
              (func (export "viaTable") (param i32) (result i64)
                (return_call_indirect (type $t) (i64.const 1) (i64.const 0) (local.get 0)))
              (func (export "toHost") (param i32) (result i32)
                (return_call $twice (i32.add (local.get 0) (i32.const 1)))))
            """;

    private static Instance instantiate(Store store) {
        Module m = WatParser.parseModule(EVEN_ODD);
        Validator.validate(m);
        FunctionInstance twice = store.hostFunction(TestModuleBuilder.sig("i:i"), args -> new long[] {2 * args[0]});
        return store.instantiate(m, (module, name) -> module.equals("host") && name.equals("twice") ? twice : null);
    }

    @Test
    void interpreterRunsTenMillionTailCallsInConstantStack() {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER))) {
            Instance inst = instantiate(store);
            // Ten million calls deep: far beyond Interpreter.MAX_FRAMES, so every frame was replaced.
            assertTrue(10_000_000 > Interpreter.MAX_FRAMES);
            assertEquals(10_000_000L, inst.function("even").call(10_000_000L, 0)[0]);
            assertEquals(-10_000_001L, inst.function("even").call(10_000_001L, 0)[0]);
            assertCommonBehaviour(inst);
        }
    }

    @Test
    void underTheJitTailCallingFunctionsAreInterpretedWithTheirReason() {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(false)
                .withCompilePolicy(CompilePolicy.EAGER))) {
            Instance inst = instantiate(store);
            JitCoverage c = JitCoverage.of(store);
            assertEquals(4, c.interpretedFunctions());
            assertEquals(0, c.nativeFunctions());
            assertEquals(Map.of(JitGap.TAIL_CALLS.reason(), 4L), c.fallbackReasons());
            assertEquals(10_000_000L, inst.function("even").call(10_000_000L, 0)[0]);
            assertCommonBehaviour(inst);
        }
        try (Store strict = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withCompilePolicy(CompilePolicy.EAGER))) {
            JitUnsupportedException e = assertThrows(JitUnsupportedException.class, () -> instantiate(strict));
            assertEquals(JitGap.TAIL_CALLS, e.gap());
        }
    }

    private static void assertCommonBehaviour(Instance inst) {
        assertEquals(-1L, inst.function("viaTable").call(0)[0]);
        assertEquals(1L, inst.function("viaTable").call(1)[0]);
        assertEquals("undefined element 2", assertThrows(Trap.class, () -> inst.function("viaTable").call(2))
                .getMessage());
        // A host callee in tail position: its results are the caller's.
        assertEquals(8L, inst.function("toHost").call(3)[0]);
    }
}
