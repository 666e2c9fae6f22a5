package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.internal.interp.Interpreter;
import wasm.runtime.tooling.JitCoverage;

/**
 * return_call and return_call_indirect: real tail calls in both tiers (the callee takes over
 * the caller's frame, so tail recursion runs in constant stack), traps with the spec's messages,
 * host and other-instance callees in tail position, stack arguments moved in place (permuted,
 * more and fewer than the caller received), several results, interruption and fuel.
 * Under the JIT every function must be native (strict mode, coverage checked), at -O0, -O1, -O2.
 */
class TailCallTest {
    /** Mutual recursion in tail position, direct and through the table, with a stack argument. */
    private static final String EVEN_ODD = """
            (module
              (import "host" "twice" (func $twice (param i32) (result i32)))
              (type $t (func (param i64 i64) (result i64)))
              (type $f (func (param f64) (result f64)))
              (table 3 funcref)
              (elem (i32.const 0) $even $odd $half)
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
              (func $half (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))
              (func (export "viaTable") (param i32) (result i64)
                (return_call_indirect (type $t) (i64.const 1) (i64.const 0) (local.get 0)))
              (func (export "wrongType") (param i32) (result i64)
                ;; slot 2 holds $half, an (f64) -> f64: a signature mismatch
                (return_call_indirect (type $t) (i64.const 1) (i64.const 0) (local.get 0)))
              (func (export "toHost") (param i32) (result i32)
                (return_call $twice (i32.add (local.get 0) (i32.const 1)))))
            """;

    /**
     * Stack arguments: ten i64 and ten f64 parameters (four and two on the stack), rotated by
     * every tail call so each value moves to another register or stack slot; a callee with more
     * stack arguments than its caller ($wide), one with fewer ($narrow); several results.
     */
    private static final String STACK_ARGS = """
            (module
              (func $rot (export "rot") (param $n i32)
                  (param $a i64) (param $b i64) (param $c i64) (param $d i64) (param $e i64)
                  (param $f i64) (param $g i64) (param $h i64) (param $i i64) (param $j i64)
                  (param $x0 f64) (param $x1 f64) (param $x2 f64) (param $x3 f64) (param $x4 f64)
                  (param $x5 f64) (param $x6 f64) (param $x7 f64) (param $x8 f64) (param $x9 f64)
                  (result i64)
                (if (result i64) (i32.eqz (local.get $n))
                  (then
                    (i64.mul (local.get $a) (i64.const 1))
                    (i64.add (i64.mul (local.get $b) (i64.const 3)))
                    (i64.add (i64.mul (local.get $c) (i64.const 5)))
                    (i64.add (i64.mul (local.get $d) (i64.const 7)))
                    (i64.add (i64.mul (local.get $e) (i64.const 11)))
                    (i64.add (i64.mul (local.get $f) (i64.const 13)))
                    (i64.add (i64.mul (local.get $g) (i64.const 17)))
                    (i64.add (i64.mul (local.get $h) (i64.const 19)))
                    (i64.add (i64.mul (local.get $i) (i64.const 23)))
                    (i64.add (i64.mul (local.get $j) (i64.const 29)))
                    (f64.mul (local.get $x0) (f64.const 1))
                    (f64.add (f64.mul (local.get $x1) (f64.const 2)))
                    (f64.add (f64.mul (local.get $x2) (f64.const 4)))
                    (f64.add (f64.mul (local.get $x3) (f64.const 8)))
                    (f64.add (f64.mul (local.get $x4) (f64.const 16)))
                    (f64.add (f64.mul (local.get $x5) (f64.const 32)))
                    (f64.add (f64.mul (local.get $x6) (f64.const 64)))
                    (f64.add (f64.mul (local.get $x7) (f64.const 128)))
                    (f64.add (f64.mul (local.get $x8) (f64.const 256)))
                    (f64.add (f64.mul (local.get $x9) (f64.const 512)))
                    (i64.add (i64.trunc_f64_s)))
                  (else
                    (return_call $rot (i32.sub (local.get $n) (i32.const 1))
                      (local.get $j) (local.get $a) (local.get $b) (local.get $c) (local.get $d)
                      (local.get $e) (local.get $f) (local.get $g) (local.get $h) (local.get $i)
                      (local.get $x9) (local.get $x0) (local.get $x1) (local.get $x2) (local.get $x3)
                      (local.get $x4) (local.get $x5) (local.get $x6) (local.get $x7) (local.get $x8)))))
              (func $sum12 (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)
                (i64.add (i64.add (i64.add (local.get 0) (local.get 1)) (i64.add (local.get 2) (local.get 3)))
                  (i64.add (i64.add (i64.add (local.get 4) (local.get 5)) (i64.add (local.get 6) (local.get 7)))
                    (i64.add (i64.add (local.get 8) (local.get 9)) (i64.mul (local.get 10) (local.get 11))))))
              (func (export "wide") (param $x i64) (result i64)
                (return_call $sum12 (local.get $x) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)
                  (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9) (i64.const 10) (local.get $x)))
              (func $narrow (export "narrow") (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)
                (return_call $sub7 (local.get 11) (local.get 10) (local.get 9) (local.get 8) (local.get 7)
                  (local.get 6) (local.get 0)))
              (func $sub7 (param i64 i64 i64 i64 i64 i64 i64) (result i64)
                (i64.sub (local.get 0) (i64.add (local.get 6) (i64.mul (local.get 5) (i64.const 1000)))))
              (func $pair (export "pair") (param $n i32) (param $a i64) (param $b f32) (result i64 f32 i32)
                (if (result i64 f32 i32) (i32.eqz (local.get $n))
                  (then (local.get $a) (local.get $b) (i32.const 7))
                  (else (return_call $pair (i32.sub (local.get $n) (i32.const 1))
                          (i64.add (local.get $a) (i64.const 2)) (f32.add (local.get $b) (f32.const 0.5)))))))
            """;

    /** Another instance's functions as tail callees: an import, and a table slot filled across instances. */
    private static final String PROVIDER = """
            (module
              ;; read through this instance's vmctx (its global 0, as $g is the consumer's): a callee
              ;; entered with the caller's r15 would read the wrong cell
              (global $step (mut i64) (i64.const 1))
              (table (export "tab") 2 funcref)
              (elem (i32.const 1) $inc)
              (func $inc (export "inc") (param i64) (result i64) (i64.add (local.get 0) (global.get $step))))
            """;
    private static final String CONSUMER = """
            (module
              (import "p" "inc" (func $inc (param i64) (result i64)))
              (import "p" "tab" (table 2 funcref))
              (type $t (func (param i64) (result i64)))
              (global $g (mut i64) (i64.const 1000))
              (elem (i32.const 0) $self)
              (func $self (param i64) (result i64) (i64.mul (local.get 0) (i64.const 10)))
              (func $viaImport (export "viaImport") (param i64) (result i64) (return_call $inc (local.get 0)))
              (func $viaTable (export "viaTable") (param i64 i32) (result i64)
                (return_call_indirect (type $t) (local.get 0) (local.get 1)))
              (func (export "thenGlobal") (param i64 i32) (result i64)
                ;; r15 must be this instance's vmctx again when both tail calls come back here
                (i64.add (i64.add (call $viaImport (local.get 0)) (call $viaTable (local.get 0) (local.get 1)))
                         (global.get $g))))
            """;

    /** An endless tail-recursive loop (through two functions and the table), for interruption and fuel. */
    private static final String ENDLESS = """
            (module
              (import "host" "entered" (func $entered))
              (type $t (func (param i64) (result i64)))
              (table 1 funcref)
              (elem (i32.const 0) $pong)
              (func (export "run") (param i64) (result i64)
                (call $entered)
                (return_call $ping (local.get 0)))
              (func $ping (param i64) (result i64)
                (return_call_indirect (type $t) (i64.add (local.get 0) (i64.const 1)) (i32.const 0)))
              (func $pong (param i64) (result i64) (return_call $ping (local.get 0))))
            """;

    private static Module parse(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    private static Instance instantiate(Store store) {
        FunctionInstance twice = store.hostFunction(TestModuleBuilder.sig("i:i"), args -> new long[] {2 * args[0]});
        return store.instantiate(parse(EVEN_ODD),
                (module, name) -> module.equals("host") && name.equals("twice") ? twice : null);
    }

    private static Store jit(int optLevel) {
        return new Store(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withOptLevel(optLevel).withCompilePolicy(CompilePolicy.EAGER));
    }

    private static void assertAllNative(Store store, long functions) {
        assertEquals(new JitCoverage(functions, 0, Map.of()), JitCoverage.of(store));
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

    /**
     * Ten million mutual tail calls, half through the table: with a frame per call this would
     * need hundreds of megabytes of native stack, far beyond the wasm stack, and trap "call stack
     * exhausted"; it returns, so the frames were reused.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void jitRunsTenMillionTailCallsInConstantStack(int optLevel) {
        try (Store store = jit(optLevel)) {
            Instance inst = instantiate(store);
            assertAllNative(store, 6);
            assertEquals(10_000_000L, inst.function("even").call(10_000_000L, 0)[0]);
            assertEquals(-10_000_001L, inst.function("even").call(10_000_001L, 0)[0]);
            assertCommonBehaviour(inst);
        }
    }

    private static void assertCommonBehaviour(Instance inst) {
        assertEquals(-1L, inst.function("viaTable").call(0)[0]);
        assertEquals(1L, inst.function("viaTable").call(1)[0]);
        assertEquals("undefined element 3", assertThrows(Trap.class, () -> inst.function("viaTable").call(3))
                .getMessage());
        assertEquals("indirect call type mismatch",
                assertThrows(Trap.class, () -> inst.function("wrongType").call(2)).getMessage());
        // A host callee in tail position: its results are the caller's.
        assertEquals(8L, inst.function("toHost").call(3)[0]);
    }

    /** What STACK_ARGS' rot computes, in Java: each call rotates both groups by one. */
    private static long expectedRot(int n, long[] ints, double[] floats) {
        long[] a = ints.clone();
        double[] x = floats.clone();
        for (int k = 0; k < n; k++) {
            long lastA = a[9];
            System.arraycopy(a, 0, a, 1, 9);
            a[0] = lastA;
            double lastX = x[9];
            System.arraycopy(x, 0, x, 1, 9);
            x[0] = lastX;
        }
        long[] w = {1, 3, 5, 7, 11, 13, 17, 19, 23, 29};
        long s = 0;
        for (int k = 0; k < 10; k++) {
            s += a[k] * w[k];
        }
        double f = 0;
        for (int k = 0; k < 10; k++) {
            f += x[k] * (1 << k);
        }
        return s + (long) f;
    }

    private static void checkStackArgs(Instance inst) {
        long[] ints = {1, 20, 300, 4000, 50_000, 600_000, 7_000_000, 80_000_000, 900_000_000, 10_000_000_000L};
        double[] floats = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        for (int n : new int[] {0, 1, 3, 9, 10, 1_000_003}) {
            long[] args = new long[21];
            args[0] = n;
            for (int k = 0; k < 10; k++) {
                args[1 + k] = ints[k];
                args[11 + k] = Double.doubleToRawLongBits(floats[k]);
            }
            assertEquals(expectedRot(n, ints, floats), inst.function("rot").call(args)[0], "rot " + n);
        }
        // 5 + (1 + .. + 9) + 10 * 5 (the callee has six stack arguments, the caller none)
        assertEquals(5 + 45 + 50, inst.function("wide").call(5)[0]);
        // 12 - (1 + 7 * 1000) (the callee has one stack argument, the caller six)
        assertEquals(12 - 7001, inst.function("narrow").call(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)[0]);
        long[] pair = inst.function("pair").call(1_000_000, 1, Float.floatToRawIntBits(0.25f));
        assertEquals(2_000_001L, pair[0]);
        assertEquals(500_000.25f, Float.intBitsToFloat((int) pair[1]));
        assertEquals(7, pair[2]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void stackArgumentsMoveInPlace(int optLevel) {
        try (Store store = jit(optLevel)) {
            Instance inst = store.instantiate(parse(STACK_ARGS), ImportResolver.NONE);
            assertAllNative(store, 6);
            checkStackArgs(inst);
        }
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER))) {
            checkStackArgs(store.instantiate(parse(STACK_ARGS), ImportResolver.NONE));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void calleesOfAnotherInstance(int optLevel) {
        try (Store store = jit(optLevel)) {
            Instance p = store.instantiate(parse(PROVIDER), ImportResolver.NONE);
            Instance c = store.instantiate(parse(CONSUMER), (module, name) -> p.export(name));
            assertAllNative(store, 1 + 4);
            assertEquals(42L, c.function("viaImport").call(41)[0]);
            assertEquals(50L, c.function("viaTable").call(5, 0)[0]); // this instance's $self
            assertEquals(6L, c.function("viaTable").call(5, 1)[0]); // the provider's $inc
            assertEquals("undefined element 2",
                    assertThrows(Trap.class, () -> c.function("viaTable").call(5, 2)).getMessage());
            assertEquals(6 + 50 + 1000L, c.function("thenGlobal").call(5, 0)[0]);
            assertEquals(6 + 6 + 1000L, c.function("thenGlobal").call(5, 1)[0]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void anEndlessTailCallLoopIsInterruptible(int optLevel) throws Exception {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withOptLevel(optLevel))) {
            CountDownLatch entered = new CountDownLatch(1);
            FunctionInstance hook = store.hostFunction(new FuncType(List.of(), List.of()), args -> {
                entered.countDown();
                return new long[0];
            });
            Instance inst = store.instantiate(parse(ENDLESS), (module, name) -> hook);
            CompletableFuture<long[]> call = InterruptionTest.callAsync(inst, "run", 0);
            InterruptionTest.await(entered);
            Thread.sleep(50); // well into the loop
            store.interrupt();
            InterruptionTest.assertInterrupted(InterruptionTest.outcome(call));
            assertEquals(3, JitCoverage.of(store).nativeFunctions());
        }
    }

    @Test
    void anEndlessTailCallLoopRunsOutOfFuel() {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withFuel(true))) {
            FunctionInstance hook = store.hostFunction(new FuncType(List.of(), List.of()), args -> new long[0]);
            Instance inst = store.instantiate(parse(ENDLESS), (module, name) -> hook);
            store.setFuel(1_000_000);
            Trap t = assertThrows(Trap.class, () -> inst.function("run").call(0));
            assertEquals("all fuel consumed", t.getMessage());
            assertArrayEquals(new long[] {3, 0}, new long[] {JitCoverage.of(store).nativeFunctions(),
                    JitCoverage.of(store).interpretedFunctions()});
        }
    }
}
