package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import wasm.core.model.FuncType;
import wasm.core.model.ValType;

/**
 * The JIT keeps each memory's base and length in registers of the function and reads them again
 * only after what may change them: a call of any kind (a wasm function, call_indirect, a host
 * function, each of which may grow the memory) and {@code memory.grow}. These loops grow a memory
 * in their body, or call something that does, and then touch the pages just added; a length kept
 * from before the grow traps where the interpreter does not, a base kept from before it would
 * address the old memory (the runtime reserves memories so the base stays, but the backend's test
 * harness moves them: HeapStateAcrossCallsTest). Two memories share one loop as well. Every case
 * runs in the interpreter and in the JIT at -O0, -O1 and -O2 (strict), which must agree on results,
 * traps and both memories' bytes.
 */
class MemoryStateInLoopsTest {
    private static final String WAT = """
            (module
              (import "env" "grow" (func $host_grow (param i32) (result i32)))
              (type $grow_t (func (param i32) (result i32)))
              (memory $m0 (export "m0") 1 16)
              (memory $m1 (export "m1") 1 16)
              (table 1 funcref)
              (elem (i32.const 0) $grow0)
              (func $grow0 (type $grow_t) (memory.grow $m0 (local.get 0)))

              ;; memory.grow in the loop's body, then the last word of the page it added
              (func (export "growInLoop") (param $k i32) (result i32)
                (local $sum i32) (local $top i32)
                (loop $l
                  (local.set $sum (i32.add (local.get $sum) (i32.load (i32.const 0))))
                  (local.set $top (i32.mul (memory.grow (i32.const 1)) (i32.const 65536)))
                  (i32.store offset=65532 (local.get $top) (local.get $k))
                  (local.set $sum (i32.add (local.get $sum) (i32.load offset=65532 (local.get $top))))
                  (br_if $l (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
                local.get $sum)

              ;; a call that grows memory 0 in the loop's body ($how: 0 a wasm function,
              ;; 1 call_indirect, 2 a host function), then the memory's last word
              (func (export "callGrowsInLoop") (param $k i32) (param $how i32) (result i32)
                (local $sum i32) (local $top i32)
                (loop $l
                  (i32.store (i32.const 8) (local.get $k))
                  (block $done
                    (block $host
                      (block $indirect
                        (br_table $done $indirect $host (local.get $how)))
                      (drop (call_indirect (type $grow_t) (i32.const 1) (i32.const 0)))
                      (br $done))
                    (drop (call $host_grow (i32.const 1))))
                  (if (i32.eqz (local.get $how)) (then (drop (call $grow0 (i32.const 1)))))
                  (local.set $top (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)))
                  (i32.store (local.get $top) (i32.add (local.get $k) (i32.load (i32.const 8))))
                  (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $top))))
                  (br_if $l (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
                local.get $sum)

              ;; grow by $n through a call, then a loop without calls down three pages from the
              ;; top: what the loop reads before it (base, length) must be read after the call
              (func (export "walkAfterGrow") (param $n i32) (param $host i32) (result i32)
                (local $i i32) (local $sum i32)
                (i32.store (i32.const 0) (i32.const 7))
                (if (local.get $host)
                  (then (drop (call $host_grow (local.get $n))))
                  (else (drop (call $grow0 (local.get $n)))))
                (local.set $i (i32.const 196604))
                (block $done
                  (loop $l
                    (i32.store (local.get $i) (local.get $i))
                    (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $i))))
                    (br_if $done (i32.lt_u (local.get $i) (i32.const 4096)))
                    (local.set $i (i32.sub (local.get $i) (i32.const 4096)))
                    (br $l)))
                local.get $sum)

              ;; both memories in one loop; every fourth iteration grows memory 1 and writes the
              ;; last word of its new page, which the next iterations read back
              (func (export "twoMemories") (param $n i32) (result i32)
                (local $i i32) (local $sum i32) (local $top i32)
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                    (i32.store $m1 (i32.shl (local.get $i) (i32.const 2)) (i32.mul (local.get $i) (i32.const 3)))
                    (i32.store $m0 offset=4096 (i32.shl (local.get $i) (i32.const 2))
                      (i32.add (i32.load $m1 (i32.shl (local.get $i) (i32.const 2)))
                               (i32.load $m0 (i32.shl (local.get $i) (i32.const 2)))))
                    (if (i32.eqz (i32.and (local.get $i) (i32.const 3)))
                      (then
                        (local.set $top (i32.mul (memory.grow $m1 (i32.const 1)) (i32.const 65536)))
                        (i32.store $m1 offset=65532 (local.get $top) (local.get $i))))
                    (local.set $sum (i32.add (local.get $sum)
                      (i32.add (i32.load $m0 offset=4096 (i32.shl (local.get $i) (i32.const 2)))
                               (i32.load $m1 (i32.sub (i32.mul (memory.size $m1) (i32.const 65536)) (i32.const 4))))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $l)))
                local.get $sum))
            """;

    /** What one call did: its result or trap, and a digest of both memories' bytes afterwards. */
    private record Outcome(String result, long m0Size, int m0Hash, long m1Size, int m1Hash) {
    }

    private static List<Outcome> run(Engine engine, String export, int[]... argLists) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int[] args : argLists) {
            Linker linker = new Linker().funcRaw("env", "grow", FuncType.of(List.of(ValType.I32), List.of(ValType.I32)),
                    (caller, raw) -> new long[] {caller.memory().grow((int) raw[0])});
            try (Store store = engine.newStore()) {
                Instance inst = linker.instantiate(store, engine.compileText(WAT));
                String result;
                try {
                    Object[] boxed = Arrays.stream(args).boxed().toArray();
                    result = Integer.toString(inst.function(export).callInt(boxed));
                } catch (Trap t) {
                    result = "trap: " + t.getMessage();
                }
                MemoryInstance m0 = inst.memory("m0");
                MemoryInstance m1 = inst.memory("m1");
                outcomes.add(new Outcome(result, m0.byteSize(), Arrays.hashCode(m0.read(0, (int) m0.byteSize())),
                        m1.byteSize(), Arrays.hashCode(m1.read(0, (int) m1.byteSize()))));
            }
        }
        return outcomes;
    }

    /** Runs {@code export} on each argument list in every tier and level; returns the interpreter's outcomes. */
    private static List<Outcome> agree(String export, int[]... argLists) {
        List<Outcome> expected;
        try (Engine interp = Engine.builder().tier(ExecutionTier.INTERPRETER).build()) {
            expected = run(interp, export, argLists);
        }
        for (int level = 0; level <= 2; level++) {
            try (Engine jit = Engine.builder().tier(ExecutionTier.JIT).jitStrict(true).optLevel(level).build()) {
                assertEquals(expected, run(jit, export, argLists), export + " at -O" + level);
            }
        }
        return expected;
    }

    @Test
    void memoryGrowInTheLoopBody() {
        List<Outcome> o = agree("growInLoop", new int[] {5}, new int[] {15}, new int[] {16});
        assertEquals(String.valueOf(5 + 4 + 3 + 2 + 1), o.get(0).result());
        // the 16th grow fails (at most 16 pages): -1 * 65536 + 65532 is far out of bounds
        assertEquals("trap: out of bounds memory access", o.get(2).result());
    }

    @Test
    void callsThatGrowInTheLoopBody() {
        for (int how = 0; how <= 2; how++) {
            List<Outcome> o = agree("callGrowsInLoop", new int[] {6, how}, new int[] {20, how});
            assertEquals(String.valueOf(2 * (6 + 5 + 4 + 3 + 2 + 1)), o.get(0).result(), "how " + how);
            assertEquals(7L * 65536, o.get(0).m0Size(), "how " + how);
        }
    }

    @Test
    void aLoopAfterACallThatGrew() {
        for (int host = 0; host <= 1; host++) {
            List<Outcome> o = agree("walkAfterGrow", new int[] {2, host}, new int[] {1, host});
            // i = 196604 - 4096k for k = 0..47
            assertEquals(String.valueOf(48 * 196604 - 4096 * 47 * 48 / 2), o.get(0).result(), "host " + host);
            assertEquals("trap: out of bounds memory access", o.get(1).result(), "host " + host);
        }
    }

    @Test
    void twoMemoriesInOneLoop() {
        List<Outcome> o = agree("twoMemories", new int[] {40}, new int[] {70});
        assertEquals(11L * 65536, o.get(0).m1Size());
        // 16 pages at most: from the 61st iteration on memory 1's grow fails and its store traps
        assertEquals("trap: out of bounds memory access", o.get(1).result());
    }
}
