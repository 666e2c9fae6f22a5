package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fuel metering in both tiers: a wasm function entry and a loop back edge taken cost one unit each,
 * running out traps "all fuel consumed" and leaves 0, and the store runs on once refuelled.
 * {@link FuelProperties} checks on generated programs that the tiers agree exactly.
 */
class FuelTest {
    private static final String PROGRAM = """
            (module
              (memory (export "mem") 1)
              ;; counts n down: n - 1 back edges taken, plus the entry
              (func (export "count") (param i32)
                (loop $l
                  (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
                  (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
              ;; n + 1 entries
              (func $fac (export "fac") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 1))
                  (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
              (func (export "spin") (loop $l (br $l))))
            """;

    private static Store store(ExecutionTier tier) {
        return new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(true).withFuel(true));
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void entriesAndBackEdgesCostOneUnitEach(ExecutionTier tier) {
        try (Store store = store(tier)) {
            Instance i = store.instantiate(InterruptionTest.module(PROGRAM), ImportResolver.NONE);
            store.setFuel(1000);
            i.function("count").call(10);
            assertEquals(990, store.fuel(), "1 entry + 9 back edges");
            assertEquals(120, i.function("fac").call(5)[0]);
            assertEquals(984, store.fuel(), "6 entries");
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void runningOutTrapsAtTheSamePointAndTheStoreRunsOnWhenRefuelled(ExecutionTier tier) {
        try (Store store = store(tier)) {
            Instance i = store.instantiate(InterruptionTest.module(PROGRAM), ImportResolver.NONE);
            store.setFuel(5);
            Trap t = assertThrows(Trap.class, () -> i.function("count").call(100));
            assertEquals("all fuel consumed", t.getMessage());
            assertEquals(0, store.fuel());
            assertEquals(5, i.memory("mem").readI32(0), "5 units: the entry and 4 back edges, 5 iterations");
            assertThrows(Trap.class, () -> i.function("fac").call(3), "nothing left");
            store.setFuel(1_000_000);
            assertThrows(Trap.class, () -> i.function("spin").call(), "an endless loop ends when the fuel does");
            assertEquals(0, store.fuel());
            store.setFuel(10);
            assertEquals(6, i.function("fac").call(3)[0]);
            assertEquals(6, store.fuel());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void fuelNeedsMeteringAndTakesNoNegativeAmount(ExecutionTier tier) {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(tier))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.setFuel(10));
            assertEquals("fuel metering is off: turn it on with RuntimeOptions.withFuel(true)", e.getMessage());
            assertThrows(IllegalStateException.class, store::fuel);
        }
        try (Store store = store(tier)) {
            assertEquals(0, store.fuel(), "a metered store starts empty");
            assertThrows(IllegalArgumentException.class, () -> store.setFuel(-1));
        }
    }
}
