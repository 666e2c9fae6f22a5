package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import wasm.core.binary.ModuleDecoder;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.JitCoverage;
import wasm.runtime.tooling.JitInspector;

/**
 * Which calls of wasm code re-derive rsp and reload r15 afterwards (JIT ABI v4's fix-up, VCode
 * {@code call.fixup}), and that the calls left without it are safe. A function of the module whose
 * code has no tail call returns in place, so calling it needs no fix-up; an import (another
 * instance's function behind a thunk that switches r15), a call_indirect (any instance's function)
 * and a function of the module that tail-calls may all come back with rsp moved and r15 switched.
 *
 * <p>The execution tests mix a module without tail calls ({@link #PLAIN}) with one that tail-calls
 * onward with bigger stack areas ({@link #TAILER}): the plain module calls it through an import and
 * through the shared table (one slot tail-calls back into the plain module's own function), a
 * million rounds, and relies on rsp (stack arguments, its own direct calls without fix-ups) and r15
 * (its global) after each call. A missing fix-up leaves rsp 16 or 48 bytes low per round (on a
 * 16 MiB wasm stack, the smallest allowed, the stack runs out: "call stack exhausted") or r15 on the
 * other instance (its global read instead).
 */
class CallFixupTest {
    /** Tail-calls onward: $hop grows the stack area from 0 to 48 bytes, $bounce from 0 to 16 through the table. */
    static final String TAILER = """
            (module
              (type $leaf (func (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
              (global $step (mut i64) (i64.const 1000))
              (table (export "tab") 3 funcref)
              (elem (i32.const 0) $hop $bounce)
              (func $hop (export "hop") (param $x i64) (result i64)
                (return_call $wide (local.get $x) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)
                  (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9) (i64.const 10)
                  (i64.const 11)))
              ;; x + (1*1 + 2*2 + ... + 11*11 = 506) + step
              (func $wide (param $x i64) (param $a1 i64) (param $a2 i64) (param $a3 i64) (param $a4 i64)
                  (param $a5 i64) (param $a6 i64) (param $a7 i64) (param $a8 i64) (param $a9 i64)
                  (param $a10 i64) (param $a11 i64) (result i64)
                (i64.add (i64.add (local.get $x) (global.get $step))
                  (i64.add
                    (i64.add
                      (i64.add (local.get $a1) (i64.mul (local.get $a2) (i64.const 2)))
                      (i64.add (i64.mul (local.get $a3) (i64.const 3)) (i64.mul (local.get $a4) (i64.const 4))))
                    (i64.add
                      (i64.add
                        (i64.add (i64.mul (local.get $a5) (i64.const 5)) (i64.mul (local.get $a6) (i64.const 6)))
                        (i64.add (i64.mul (local.get $a7) (i64.const 7)) (i64.mul (local.get $a8) (i64.const 8))))
                      (i64.add
                        (i64.add (i64.mul (local.get $a9) (i64.const 9)) (i64.mul (local.get $a10) (i64.const 10)))
                        (i64.mul (local.get $a11) (i64.const 11)))))))
              ;; into slot 2, the plain module's $leaf (two stack arguments): another instance, area 16
              (func $bounce (param $x i64) (result i64)
                (return_call_indirect (type $leaf) (local.get $x) (global.get $step) (i64.const 3) (i64.const 4)
                  (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8) (i32.const 2))))
            """;

    /**
     * No tail call anywhere: its own direct calls ($inner's recursion, $sum8 with two stack arguments)
     * are not fixed up, its import and call_indirect are. $inner reaches the import at depth 0, so its
     * callers at depths 1..3 rely on $inner's own fix-up and epilogue, not on one of theirs.
     */
    static final String PLAIN = """
            (module
              (import "b" "hop" (func $hop (param i64) (result i64)))
              (import "b" "tab" (table 3 funcref))
              (type $t (func (param i64) (result i64)))
              (global $own (mut i64) (i64.const 7))
              (elem (i32.const 2) $leaf)
              ;; x + s + (3*4 - 5 - 6 - 7 + 8 = 2) + own
              (func $leaf (param $x i64) (param $s i64) (param $c3 i64) (param $c4 i64) (param $c5 i64)
                  (param $c6 i64) (param $c7 i64) (param $c8 i64) (result i64)
                (i64.add (i64.add (local.get $x) (local.get $s))
                  (i64.add (global.get $own)
                    (i64.add (i64.sub (i64.sub (i64.sub (i64.mul (local.get $c3) (local.get $c4)) (local.get $c5))
                                               (local.get $c6)) (local.get $c7))
                             (local.get $c8)))))
              ;; a + 2b + ... + 8h (g and h on the stack)
              (func $sum8 (param $a i64) (param $b i64) (param $c i64) (param $d i64) (param $e i64)
                  (param $f i64) (param $g i64) (param $h i64) (result i64)
                (i64.add
                  (i64.add (i64.add (local.get $a) (i64.mul (local.get $b) (i64.const 2)))
                           (i64.add (i64.mul (local.get $c) (i64.const 3)) (i64.mul (local.get $d) (i64.const 4))))
                  (i64.add (i64.add (i64.mul (local.get $e) (i64.const 5)) (i64.mul (local.get $f) (i64.const 6)))
                           (i64.add (i64.mul (local.get $g) (i64.const 7)) (i64.mul (local.get $h) (i64.const 8))))))
              ;; hop(x) + own at depth 0, else inner(d - 1, x) + sum8(d, .., d) = inner(d - 1, x) + 36 d
              (func $inner (param $d i32) (param $x i64) (result i64)
                (local $k i64)
                (if (result i64) (i32.eqz (local.get $d))
                  (then (i64.add (call $hop (local.get $x)) (global.get $own)))
                  (else
                    (local.set $k (i64.extend_i32_u (local.get $d)))
                    (i64.add (call $inner (i32.sub (local.get $d) (i32.const 1)) (local.get $x))
                      (call $sum8 (local.get $k) (local.get $k) (local.get $k) (local.get $k)
                        (local.get $k) (local.get $k) (local.get $k) (local.get $k))))))
              ;; per round k = n..1: hop(k) + own + table[slot](k) + inner(3, k) + own + sum8(k, 1, .., 7);
              ;; the loop goes on after each call, so a wrong rsp drifts (the stack runs out) and a
              ;; wrong r15 shows in a value or a check (before an epilogue pops the wrong registers)
              (func (export "run") (param $n i64) (param $slot i32) (result i64)
                (local $acc i64)
                (loop $round
                  (local.set $acc (i64.add (local.get $acc) (call $hop (local.get $n))))
                  (local.set $acc (i64.add (local.get $acc) (global.get $own)))
                  (local.set $acc (i64.add (local.get $acc)
                    (call_indirect (type $t) (local.get $n) (local.get $slot))))
                  (local.set $acc (i64.add (local.get $acc) (call $inner (i32.const 3) (local.get $n))))
                  (local.set $acc (i64.add (local.get $acc) (global.get $own)))
                  (local.set $acc (i64.add (local.get $acc)
                    (call $sum8 (local.get $n) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)
                      (i64.const 5) (i64.const 6) (i64.const 7))))
                  (br_if $round (i64.ne (local.tee $n (i64.sub (local.get $n) (i64.const 1))) (i64.const 0))))
                (local.get $acc)))
            """;

    /** Function indices of PLAIN (after its one imported function: $leaf 1, $sum8 2). */
    private static final int INNER = 3;
    private static final int RUN = 4;

    private static Module parse(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    /** The VCode lines (before register allocation) of function {@code fi} that call wasm code, in order. */
    private static List<String> calls(Module m, int fi, int optLevel) {
        String vcode = JitInspector.inspect(m, fi, optLevel).vcode();
        return vcode.lines().filter(l -> l.contains(" call") && !l.contains("helper")).toList();
    }

    /**
     * Checks that each call of {@code calls} is fixed up exactly when it reaches one of
     * {@code fixedUp} (fragments of the target: "func 0 (vmctx slot)", "table 0"), and that one
     * call reaches each of {@code present}.
     */
    private static void assertFixups(List<String> calls, List<String> fixedUp, List<String> present) {
        String all = String.join("\n", calls);
        for (String call : calls) {
            boolean expected = fixedUp.stream().anyMatch(call::contains);
            assertEquals(expected, call.contains(" call.fixup "), () -> "fixed up? " + call + "\nin\n" + all);
            assertTrue(expected || call.contains(" call "), () -> call + "\nin\n" + all);
        }
        for (String target : present) {
            assertTrue(calls.stream().anyMatch(c -> c.contains(target)), () -> "no call of " + target + " in\n" + all);
        }
    }

    /**
     * In a module without tail calls, direct calls of its own functions are plain {@code call}s, imports
     * and call_indirect {@code call.fixup}s; the same whether the body was parsed or decoded from the
     * binary (where the decoder notes tail calls without making records). -O2 inlines some callees
     * ($sum8), not $inner's recursion.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aModuleWithoutTailCallsFixesUpImportsAndTablesOnly(int optLevel) {
        Module parsed = parse(PLAIN);
        Module decoded = ModuleDecoder.decode(ModuleEncoder.encode(parsed));
        Validator.validate(decoded);
        for (Module m : List.of(parsed, decoded)) {
            List<String> fixedUp = List.of("func 0 (", "table 0");
            assertFixups(calls(m, INNER, optLevel), fixedUp, List.of("func 0 (", "func " + INNER + " (rel32)"));
            assertFixups(calls(m, RUN, optLevel), fixedUp, List.of("table 0", "func 0 ("));
        }
    }

    /**
     * In a module with tail calls the property is per callee: a call of its function that tail-calls
     * is fixed up, a call of one that does not is not.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void inATailCallingModuleOnlyCallsOfTailCallingFunctionsAreFixedUp(int optLevel) {
        Module m = parse("""
                (module
                  (func $tails (param i64) (result i64) (return_call $leaf (local.get 0) (i64.const 2)))
                  (func $leaf (param $n i64) (param $acc i64) (result i64)
                    ;; recursive, so the inliner leaves a call of it
                    (if (result i64) (i64.eqz (local.get $n))
                      (then (local.get $acc))
                      (else (call $leaf (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (i64.const 3))))))
                  (func (export "both") (param i64) (result i64)
                    (i64.mul (call $tails (local.get 0)) (call $leaf (local.get 0) (local.get 0)))))
                """);
        assertFixups(calls(m, 2, optLevel), List.of("func 0 ("), List.of("func 0 (rel32)", "func 1 (rel32)"));
        assertFixups(calls(m, 1, optLevel), List.of("func 0 ("), List.of("func 1 (rel32)"));
    }

    private static long expectedRun(long n, int slot) {
        long acc = 0;
        for (long k = n; k > 0; k--) {
            acc += k + 506 + 1000 + 7; // $hop, own
            acc += slot == 0 ? k + 506 + 1000 : k + 1000 + 2 + 7; // $hop or $bounce -> $leaf
            acc += k + 1506 + 7 + 36 * (1 + 2 + 3); // inner(3, k)
            acc += 7;
            acc += k + 2 + 6 + 12 + 20 + 30 + 42 + 56; // sum8(k, 1, .., 7)
        }
        return acc;
    }

    /** The JIT on the smallest wasm stack, so that rsp drifting down runs out of it within the rounds. */
    private static RuntimeOptions jit(int optLevel) {
        return RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true).withOptLevel(optLevel)
                .withWasmStackSize(16L << 20);
    }

    private static void checkMix(Store store) {
        Instance b = store.instantiate(parse(TAILER), ImportResolver.NONE);
        Instance a = store.instantiate(parse(PLAIN), (module, name) -> b.export(name));
        long rounds = 1_500_000; // 16 bytes lost per round would be 24 MB
        assertEquals(expectedRun(rounds, 0), a.function("run").call(rounds, 0)[0]);
        assertEquals(expectedRun(rounds, 1), a.function("run").call(rounds, 1)[0]);
        // and the tail-calling module's own entry, called from the host
        assertEquals(41L + 1506, b.function("hop").call(41)[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aModuleWithoutTailCallsCallsIntoOneThatResizesAndSwitches(int optLevel) {
        try (Store store = new Store(jit(optLevel).withCompilePolicy(CompilePolicy.EAGER))) {
            checkMix(store);
            assertEquals(new JitCoverage(3 + 4, 0, Map.of()), JitCoverage.of(store));
        }
    }

    @Test
    void lazilyCompiledToo() {
        try (Store store = new Store(jit(2).withCompilePolicy(CompilePolicy.LAZY))) {
            checkMix(store);
        }
    }

    @Test
    void theInterpreterAgrees() {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER))) {
            checkMix(store);
        }
    }
}
