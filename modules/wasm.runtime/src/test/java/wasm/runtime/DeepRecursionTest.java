package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * Runaway recursion ends in the clean trap "call stack exhausted" in both tiers, whether it
 * stays in wasm (direct, indirect) or goes wasm -> host -> wasm -> ... , and the store works
 * afterwards (the same instance recurses deeply again, legally). In the JIT tier the
 * prologue's stack check traps; in the interpreter its frame limit does, or, for host
 * re-entrancy, the Java stack overflow it turns into the trap.
 */
class DeepRecursionTest {
    private static final String RECURSIVE = """
            (module
              (import "env" "host" (func $host (param i64) (result i64)))
              (type $t (func (param i64) (result i64)))
              (table 1 funcref)
              (elem (i32.const 0) $indirect)
              (func $direct (export "direct") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (i64.add (call $direct (i64.sub (local.get 0) (i64.const 1))) (i64.const 1)))))
              (func $indirect (export "indirect") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (i64.add (call_indirect (type $t) (i64.sub (local.get 0) (i64.const 1)) (i32.const 0))
                    (i64.const 1)))))
              (func (export "viaHost") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (i64.add (call $host (i64.sub (local.get 0) (i64.const 1))) (i64.const 1))))))
            """;

    private static Instance instantiate(Store store) {
        Module m = WatParser.parseModule(RECURSIVE);
        Validator.validate(m);
        AtomicReference<FunctionInstance> viaHost = new AtomicReference<>();
        FunctionInstance host = store.hostFunction(new FuncType(List.of(ValType.I64), List.of(ValType.I64)),
                a -> viaHost.get().call(a[0]));
        Instance inst = store.instantiate(m, (module, name) -> host);
        viaHost.set(inst.function("viaHost"));
        return inst;
    }

    private static void assertExhausts(FunctionInstance f, long depth) {
        Trap t = assertThrows(Trap.class, () -> f.call(depth));
        assertEquals("call stack exhausted", t.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void runawayRecursionInWasmTraps(ExecutionTier tier) {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(true))) {
            Instance inst = instantiate(store);
            for (String name : List.of("direct", "indirect")) {
                for (int round = 0; round < 3; round++) {
                    assertExhausts(inst.function(name), 1L << 40);
                }
                assertEquals(20_000L, inst.function(name).call(20_000)[0], name + " after the traps");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void runawayRecursionThroughTheHostTraps(ExecutionTier tier) {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(true))) {
            Instance inst = instantiate(store);
            FunctionInstance viaHost = inst.function("viaHost");
            assertEquals(300L, viaHost.call(300)[0]);
            for (int round = 0; round < 3; round++) {
                assertExhausts(viaHost, 1L << 40);
            }
            // The host-crossing recursion and the pure wasm one both still work.
            assertEquals(300L, viaHost.call(300)[0]);
            assertEquals(20_000L, inst.function("direct").call(20_000)[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void aSmallWasmStackTrapsEarlierAndCleanly(ExecutionTier tier) {
        RuntimeOptions small = RuntimeOptions.defaults().withTier(tier).withJitStrict(true).withWasmStackSize(16L << 20);
        try (Store store = new Store(small)) {
            Instance inst = instantiate(store);
            assertExhausts(inst.function("direct"), 1L << 40);
            assertExhausts(inst.function("viaHost"), 1L << 40);
            assertEquals(1_000L, inst.function("direct").call(1_000)[0]);
        }
    }
}
