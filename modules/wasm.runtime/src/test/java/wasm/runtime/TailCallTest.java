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

    /**
     * A cycle of tail calls through stack areas of three sizes (ABI v4: every tail call a jump, the
     * return address moved when the areas differ): $f (no stack arguments) calls $g (twelve i64, six
     * on the stack: the area grows by 48 bytes), $g calls $h (seven i64 and ten f64, one integer and
     * two float slots: 32 bytes, an odd slot count padded), $h calls $f (the area shrinks to none).
     * Each function folds the values it received into the accumulator, so a stack argument read
     * from the wrong slot changes the result. Every 1,000,000 rounds $h calls the host (a call in the
     * middle of the chain); at 0 the chain ends with a tail call to the host, or traps on request.
     */
    private static final String RESIZE = """
            (module
              (import "host" "seen" (func $seen (param i64 f64) (result i64)))
              (import "host" "last" (func $last (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
              (global $trapAtEnd (mut i32) (i32.const 0))
              (func $f (export "f") (param $n i64) (param $acc i64) (result i64)
                (if (result i64) (i64.eqz (local.get $n))
                  (then
                    (if (global.get $trapAtEnd) (then (unreachable)))
                    (return_call $last (local.get $acc) (i64.const 1) (i64.const 2) (i64.const 3)
                      (i64.const 4) (i64.const 5) (i64.const 6) (i64.const 7)))
                  (else
                    (return_call $g (local.get $n) (local.get $acc)
                      (i64.add (local.get $n) (i64.const 1)) (i64.add (local.get $n) (i64.const 2))
                      (i64.add (local.get $n) (i64.const 3)) (i64.add (local.get $n) (i64.const 4))
                      (i64.add (local.get $n) (i64.const 5)) (i64.add (local.get $n) (i64.const 6))
                      (i64.add (local.get $n) (i64.const 7)) (i64.add (local.get $n) (i64.const 8))
                      (i64.add (local.get $n) (i64.const 9)) (i64.add (local.get $n) (i64.const 10))))))
              ;; acc += sum(k * (a_k - n)) = 1*1 + 2*2 + ... + 10*10 = 385 per round
              (func $g (param $n i64) (param $acc i64)
                  (param $a1 i64) (param $a2 i64) (param $a3 i64) (param $a4 i64) (param $a5 i64)
                  (param $a6 i64) (param $a7 i64) (param $a8 i64) (param $a9 i64) (param $a10 i64)
                  (result i64)
                (return_call $h (local.get $n)
                  (i64.add (local.get $acc)
                    (i64.add
                      (i64.add
                        (i64.add (i64.sub (local.get $a1) (local.get $n))
                          (i64.mul (i64.const 2) (i64.sub (local.get $a2) (local.get $n))))
                        (i64.add (i64.mul (i64.const 3) (i64.sub (local.get $a3) (local.get $n)))
                          (i64.mul (i64.const 4) (i64.sub (local.get $a4) (local.get $n)))))
                      (i64.add
                        (i64.add (i64.mul (i64.const 5) (i64.sub (local.get $a5) (local.get $n)))
                          (i64.add (i64.mul (i64.const 6) (i64.sub (local.get $a6) (local.get $n)))
                            (i64.mul (i64.const 7) (i64.sub (local.get $a7) (local.get $n)))))
                        (i64.add (i64.mul (i64.const 8) (i64.sub (local.get $a8) (local.get $n)))
                          (i64.add (i64.mul (i64.const 9) (i64.sub (local.get $a9) (local.get $n)))
                            (i64.mul (i64.const 10) (i64.sub (local.get $a10) (local.get $n))))))))
                  (local.get $a10) (local.get $a9) (local.get $a8) (local.get $a7) (local.get $a6)
                  (f64.const 0.5) (f64.const 1.5) (f64.const 2.5) (f64.const 3.5) (f64.const 4.5)
                  (f64.const 5.5) (f64.const 6.5) (f64.const 7.5)
                  (f64.convert_i64_s (local.get $a9)) (f64.convert_i64_s (local.get $a10))))
              ;; acc += (b1 - n) + 2 (b5 - n) + (x8 - n) * 3 + (x9 - n) * 5 = 10 + 12 + 27 + 50 = 99,
              ;; and sum(x0..x7) = 32 checks the register floats
              (func $h (param $n i64) (param $acc i64)
                  (param $b1 i64) (param $b2 i64) (param $b3 i64) (param $b4 i64) (param $b5 i64)
                  (param $x0 f64) (param $x1 f64) (param $x2 f64) (param $x3 f64) (param $x4 f64)
                  (param $x5 f64) (param $x6 f64) (param $x7 f64) (param $x8 f64) (param $x9 f64)
                  (result i64)
                (local $next i64)
                (local.set $next
                  (i64.add (local.get $acc)
                    (i64.add
                      (i64.add (i64.sub (local.get $b1) (local.get $n))
                        (i64.mul (i64.const 2) (i64.sub (local.get $b5) (local.get $n))))
                      (i64.add
                        (i64.trunc_f64_s (f64.mul (f64.sub (local.get $x8) (f64.convert_i64_s (local.get $n)))
                                                  (f64.const 3)))
                        (i64.add
                          (i64.trunc_f64_s (f64.mul (f64.sub (local.get $x9) (f64.convert_i64_s (local.get $n)))
                                                    (f64.const 5)))
                          (i64.trunc_f64_s
                            (f64.add (f64.add (f64.add (local.get $x0) (local.get $x1))
                                              (f64.add (local.get $x2) (local.get $x3)))
                                     (f64.add (f64.add (local.get $x4) (local.get $x5))
                                              (f64.add (local.get $x6) (local.get $x7))))))))))
                (if (i64.eqz (i64.rem_u (local.get $n) (i64.const 1000000)))
                  (then (local.set $next (call $seen (local.get $next) (local.get $x9)))))
                (return_call $f (i64.sub (local.get $n) (i64.const 1)) (local.get $next)))
              (func $sum12 (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64 i64)
                (i64.add (local.get 0) (local.get 11)) (i64.mul (local.get 10) (local.get 6)))
              ;; direct calls of the chain, then code that relies on rsp (stack arguments and a
              ;; results area after the call) and r15 (a global) being this frame's again
              (global $bias (mut i64) (i64.const 7))
              (func (export "driver") (param $n i64) (result i64)
                (i64.add (call $f (local.get $n) (i64.const 0))
                  (call $sum12 (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
                    (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9) (i64.const 10) (i64.const 11)
                    (call $f (i64.const 2) (i64.const 0))))
                (i64.add)
                (i64.add (global.get $bias)))
              (func (export "trapAtEnd") (param i32) (global.set $trapAtEnd (local.get 0))))
            """;

    /**
     * Two instances that tail-call each other: $ping (one i64 and a counter) through the shared table,
     * $pong (ten i64: four on the stack) through an import of $ping. Each adds its own instance's
     * global to the accumulator (read through r15: a callee running with the other vmctx reads the
     * wrong cell), and the stack-argument counts differ, so every call switches r15 and resizes.
     */
    private static final String PING = """
            (module
              (type $pong (func (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
              (table (export "tab") 2 funcref)
              (global $step (mut i64) (i64.const 1))
              (func $ping (export "ping") (param $n i64) (param $acc i64) (result i64)
                (if (result i64) (i64.eqz (local.get $n))
                  (then (local.get $acc))
                  (else
                    (return_call_indirect (type $pong) (local.get $n) (i64.add (local.get $acc) (global.get $step))
                      (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8)
                      (i64.const 9) (local.get $n) (i32.const 1)))))
              (func (export "start") (param $n i64) (result i64)
                ;; a direct call that comes back through the other instance: r15 must be this one's
                (i64.add (call $ping (local.get $n) (i64.const 0)) (i64.mul (global.get $step) (i64.const 1000000000000)))))
            """;
    private static final String PONG = """
            (module
              (import "a" "ping" (func $ping (param i64 i64) (result i64)))
              (import "a" "tab" (table 2 funcref))
              (elem (i32.const 1) $pong)
              (global $step (mut i64) (i64.const 1000))
              (func $pong (param $n i64) (param $acc i64) (param $c3 i64) (param $c4 i64) (param $c5 i64)
                  (param $c6 i64) (param $c7 i64) (param $c8 i64) (param $c9 i64) (param $m i64) (result i64)
                ;; the stack arguments (c7, c8, c9, m) must arrive intact: c7 * c8 - c9 * 6 = 2
                (return_call $ping (i64.sub (local.get $n) (i64.const 1))
                  (i64.add (i64.add (local.get $acc) (global.get $step))
                    (i64.add (i64.sub (i64.mul (local.get $c7) (local.get $c8)) (i64.mul (local.get $c9) (i64.const 6)))
                      (i64.sub (local.get $m) (local.get $n))))))
              (func (export "pongStep") (result i64) (global.get $step)))
            """;

    /**
     * The padding slot of a stack area is the callee's: $odd1 (one stack slot, so a 16-byte area)
     * tail-calls $even2 (two slots) without moving anything, writing the slot its callers reserved
     * as padding. Callers $keepN hold N values loaded from memory across the call (spill slots at
     * either frame parity; the arguments are loaded first, so the values take the last slots, next
     * to the outgoing area), so a caller that reserved one slot too few sees one of them change.
     */
    private static String paddingModule() {
        StringBuilder sb = new StringBuilder("""
                (module
                  (memory 1)
                  (func $odd1 (param i64 i64 i64 i64 i64 i64 i64) (result i64)
                    (return_call $even2 (local.get 0) (local.get 1) (local.get 2) (local.get 3)
                      (local.get 4) (local.get 5) (local.get 6) (i64.const 0x5a5a5a5a5a5a5a5a)))
                  (func $even2 (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)
                    (i64.add (i64.add (local.get 0) (local.get 6))
                      (i64.xor (local.get 7) (i64.const 0x5a5a5a5a5a5a5a5a))))
                  (func (export "init")
                    (local $k i32)
                    (loop $fill
                      (i64.store (i32.shl (local.get $k) (i32.const 3))
                        (i64.add (i64.extend_i32_u (local.get $k)) (i64.const 1000)))
                      (br_if $fill (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 64)))))
                """);
        for (int n = 8; n <= 17; n++) {
            sb.append("  (func (export \"keep").append(n).append("\") (result i64)\n    (local $r i64)");
            for (int k = 0; k < 7; k++) {
                sb.append(" (local $a").append(k).append(" i64)");
            }
            for (int k = 0; k < n; k++) {
                sb.append(" (local $v").append(k).append(" i64)");
            }
            sb.append('\n');
            for (int k = 0; k < 7; k++) {
                sb.append("    (local.set $a").append(k).append(" (i64.load offset=").append(256 + 8 * k).append(" (i32.const 0)))\n");
            }
            for (int k = 0; k < n; k++) {
                sb.append("    (local.set $v").append(k).append(" (i64.load offset=").append(8 * k).append(" (i32.const 0)))\n");
            }
            sb.append("    (local.set $r (call $odd1 (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)")
                    .append(" (local.get $a4) (local.get $a5) (local.get $a6)))\n    (local.get $r)\n");
            for (int k = 0; k < n; k++) {
                sb.append("    (i64.add (i64.mul (local.get $v").append(k).append(") (i64.const ").append(2 * k + 3)
                        .append(")))\n");
            }
            sb.append("  )\n");
        }
        return sb.append(")\n").toString();
    }

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

    /** The host side of RESIZE: $seen counts, $last ends the chain (its eight arguments checked). */
    private static Instance instantiateResize(Store store, long[] seen) {
        FunctionInstance hostSeen = store.hostFunction(TestModuleBuilder.sig("IF:I"), args -> {
            seen[0]++;
            return new long[] {args[0] + (long) Double.longBitsToDouble(args[1])};
        });
        FunctionInstance hostLast = store.hostFunction(TestModuleBuilder.sig("IIIIIIII:I"), args -> {
            for (int k = 1; k < 8; k++) {
                assertEquals(k, args[k], "host argument " + k);
            }
            return new long[] {args[0] * 2};
        });
        return store.instantiate(parse(RESIZE), (module, name) -> switch (name) {
            case "seen" -> hostSeen;
            case "last" -> hostLast;
            default -> null;
        });
    }

    /** RESIZE's result for n rounds of $f -> $g -> $h, in Java. */
    private static long expectedResize(long n) {
        long acc = 0;
        for (long k = n; k > 0; k--) {
            acc += 385 + 99 + 32;
            if (k % 1_000_000 == 0) {
                acc += k + 10; // $seen adds x9, which is $g's a10 = k + 10
            }
        }
        return 2 * acc;
    }

    private static void checkResize(Instance inst, long[] seen) {
        // 3,400,000 rounds: 10.2 million tail calls, stack areas of 0, 48 and 32 bytes in turn
        long rounds = 3_400_000;
        assertEquals(expectedResize(rounds), inst.function("f").call(rounds, 0)[0]);
        assertEquals(3, seen[0]);
        // f(5) + (1 + f(2)) + 11 * 7 + $bias
        assertEquals(expectedResize(5) + 1 + expectedResize(2) + 11 * 7 + 7, inst.function("driver").call(5)[0]);
        inst.function("trapAtEnd").call(1);
        assertEquals("unreachable", assertThrows(Trap.class, () -> inst.function("f").call(1000, 0)).getMessage());
        inst.function("trapAtEnd").call(0);
        assertEquals(expectedResize(1000), inst.function("f").call(1000, 0)[0]);
    }

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
    @ValueSource(ints = {0, 1, 2})
    void aStackAreaIncludesItsPaddingSlot(int optLevel) {
        try (Store store = jit(optLevel)) {
            Instance inst = store.instantiate(parse(paddingModule()), ImportResolver.NONE);
            assertAllNative(store, 3 + 10);
            inst.function("init").call();
            for (int n = 8; n <= 17; n++) {
                long expected = 1032 + 1038; // $even2: the first and seventh argument
                for (int k = 0; k < n; k++) {
                    expected += (1000L + k) * (2 * k + 3);
                }
                assertEquals(expected, inst.function("keep" + n).call()[0], "keep" + n);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void tenMillionTailCallsResizeTheStackAreaInConstantStack(int optLevel) {
        try (Store store = jit(optLevel)) {
            long[] seen = new long[1];
            Instance inst = instantiateResize(store, seen);
            assertAllNative(store, 6);
            checkResize(inst, seen);
        }
    }

    @Test
    void theInterpreterResizesToo() {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER))) {
            long[] seen = new long[1];
            checkResize(instantiateResize(store, seen), seen);
        }
    }

    private static void checkPingPong(Store store) {
        Instance a = store.instantiate(parse(PING), ImportResolver.NONE);
        Instance b = store.instantiate(parse(PONG), (module, name) -> a.export(name));
        long rounds = 5_000_000; // ten million tail calls, each switching instances
        assertEquals(rounds * (1 + 1000 + 2), a.function("ping").call(rounds, 0)[0]);
        assertEquals(6 * (1 + 1000 + 2) + 1_000_000_000_000L, a.function("start").call(6)[0]);
        assertEquals(1000L, b.function("pongStep").call()[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void tenMillionTailCallsBetweenTwoInstancesInConstantStack(int optLevel) {
        try (Store store = jit(optLevel)) {
            checkPingPong(store);
            assertAllNative(store, 2 + 2);
        }
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER))) {
            checkPingPong(store);
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
