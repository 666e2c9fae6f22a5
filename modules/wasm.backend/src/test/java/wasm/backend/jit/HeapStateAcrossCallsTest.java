package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wasm.backend.jit.WatModules.export;
import static wasm.backend.jit.WatModules.parse;

import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.ir.interp.ModuleEnvironment;

/**
 * The memory length (and, in the test harness, the base: {@link NativeInstance} moves a
 * memory that grows past what it reserved, {@link #MOVING_WAT}) changes across calls, call_indirect, memory.grow and the bulk-memory
 * helpers. Any caching of the heap base/bound in compiled code must be invalidated there:
 * these cases access pages that only exist after such a point, and fail if a stale bound
 * (spurious "out of bounds memory access") or a stale base (writes to the old memory) is used.
 */
class HeapStateAcrossCallsTest {

    private static final String WAT = """
            (module
              (type $grow_t (func (param i32) (result i32)))
              (memory 1 8)
              (table 1 funcref)
              (elem (i32.const 0) $grow)
              (func $grow (type $grow_t) local.get 0 memory.grow)
              (func $grow_and_touch (param i32) (result i32)
                (local $old i32)
                local.get 0 memory.grow local.set $old
                ;; write into the new last page from the callee itself
                memory.size i32.const 65536 i32.mul i32.const 8 i32.sub i32.const 99 i32.store
                local.get $old)

              ;; touch page 0 (so a bound is "known"), grow $n pages in a callee, then walk
              ;; 3 pages in a loop without calls: in bounds only after a grow by >= 2
              (func (export "walk_after_call") (param $n i32) (result i32)
                (local $i i32) (local $sum i32)
                i32.const 0 i32.const 7 i32.store
                local.get $n call $grow drop
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $i) (i32.const 196608)))
                    (i32.store (local.get $i) (local.get $i))
                    (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $i))))
                    (local.set $i (i32.add (local.get $i) (i32.const 4096)))
                    (br $l)))
                local.get $sum)

              ;; the same through call_indirect
              (func (export "walk_after_indirect") (param $n i32) (result i32)
                (local $i i32) (local $sum i32)
                i32.const 4 i32.const 7 i32.store
                (drop (call_indirect (type $grow_t) (local.get $n) (i32.const 0)))
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $i) (i32.const 196608)))
                    (i32.store offset=8 (local.get $i) (local.get $i))
                    (local.set $sum (i32.add (local.get $sum) (i32.load offset=8 (local.get $i))))
                    (local.set $i (i32.add (local.get $i) (i32.const 8192)))
                    (br $l)))
                local.get $sum)

              ;; grow inside the loop through a callee, then access the page just added
              (func (export "grow_each_iteration") (param $k i32) (result i32)
                (local $sum i32) (local $top i32)
                (loop $l
                  (i32.load (i32.const 0)) drop
                  (drop (call $grow_and_touch (i32.const 1)))
                  (local.set $top (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 8)))
                  (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $top))))
                  (i32.store (i32.add (local.get $top) (i32.const 4)) (local.get $k))
                  (br_if $l (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
                local.get $sum)

              ;; memory.grow inline in the loop, access the new page in the same block
              (func (export "grow_inline") (param $k i32) (result i32)
                (local $sum i32) (local $a i32)
                (loop $l
                  (local.set $sum (i32.add (local.get $sum) (i32.load (i32.const 16))))
                  (local.set $a (i32.mul (memory.grow (i32.const 1)) (i32.const 65536)))
                  (i32.store (i32.add (local.get $a) (i32.const 65532)) (local.get $k))
                  (local.set $sum (i32.add (local.get $sum) (i32.load (i32.add (local.get $a) (i32.const 65532)))))
                  (br_if $l (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
                local.get $sum)

              ;; a failed grow (max 8 pages) leaves the bound alone: the access traps
              (func (export "grow_fails_then_access") (param $n i32) (param $addr i32) (result i32)
                (i32.load (i32.const 0)) drop
                (drop (call $grow (local.get $n)))
                (i32.load (local.get $addr)))

              ;; memory.fill after a grow in a callee reaches the new pages, then loads see them
              (func (export "fill_after_grow") (result i32)
                (i32.load (i32.const 0)) drop
                (drop (call $grow (i32.const 1)))
                (memory.fill (i32.const 65536) (i32.const 5) (i32.const 65536))
                (i32.add (i32.load (i32.const 65536)) (i32.load (i32.const 131068)))))
            """;

    /**
     * The harness reserves 64 pages (or the maximum, when lower): a memory without a maximum moves
     * when it grows past them, so a base kept from before such a grow addresses the old copy.
     * The callee marks each grow at address 64 through the new base; the caller reads the mark.
     */
    private static final String MOVING_WAT = """
            (module
              (memory 1)
              (func $grow_mark (param i32) (result i32)
                (local $old i32)
                (local.set $old (memory.grow (local.get 0)))
                (i32.store (i32.const 64) (i32.add (local.get $old) (i32.const 1000)))
                (local.get $old))

              ;; read the mark, grow past 64 pages in a callee, read it again in the same block
              (func (export "read_after_move") (param $n i32) (result i32)
                (local $before i32)
                (local.set $before (i32.load (i32.const 64)))
                (drop (call $grow_mark (local.get $n)))
                (i32.add (local.get $before) (i32.load (i32.const 64))))

              ;; a loop whose callee grows by 20 pages: the memory moves in the fourth iteration
              (func (export "loop_across_moves") (param $k i32) (result i32)
                (local $sum i32)
                (loop $l
                  (i32.store (i32.const 128) (local.get $k))
                  (drop (call $grow_mark (i32.const 20)))
                  (local.set $sum (i32.add (local.get $sum)
                    (i32.add (i32.load (i32.const 64)) (i32.load (i32.const 128)))))
                  (br_if $l (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
                (local.get $sum)))
            """;

    /** Runs one export on a fresh instance in both call modes, against the IR interpreter. */
    private static NativeInstance.Outcome run(String name, long... args) {
        return run(WAT, name, args);
    }

    private static NativeInstance.Outcome run(String wat, String name, long... args) {
        Module m = parse(wat);
        NativeInstance.Outcome last = null;
        for (boolean direct : new boolean[] {true, false}) {
            ModuleEnvironment env = new ModuleEnvironment(m);
            try (NativeInstance nat = new NativeInstance(m, direct)) {
                assertTrue(nat.unsupported.isEmpty(), nat.unsupported.toString());
                NativeInstance.Outcome o = Differential.compare(nat, env, export(m, name), args);
                if (last != null) {
                    assertEquals(last, o, "direct vs slot calls");
                }
                last = o;
            }
        }
        return last;
    }

    @Test
    void growInCalleeThenLoopOverNewPages() {
        // 3 pages walked, 4096 apart: sum of 0, 4096, ..., 192512 = 4096 * (0 + ... + 47)
        NativeInstance.Outcome ok = run("walk_after_call", 2);
        assertNull(ok.trap());
        assertEquals(4096L * 47 * 48 / 2, ok.value());
        assertEquals("out of bounds memory access", run("walk_after_call", 1).trap());
        assertEquals("out of bounds memory access", run("walk_after_call", 0).trap());
    }

    @Test
    void growThroughCallIndirectThenLoopOverNewPages() {
        NativeInstance.Outcome ok = run("walk_after_indirect", 3);
        assertNull(ok.trap());
        assertEquals(8192L * 23 * 24 / 2, ok.value());
        assertEquals("out of bounds memory access", run("walk_after_indirect", 1).trap());
    }

    @Test
    void growEveryIterationInCallee() {
        NativeInstance.Outcome ok = run("grow_each_iteration", 5);
        assertNull(ok.trap());
        assertEquals(5L * 99, ok.value());
        // the 8th grow fails (max 8 pages): the callee writes into its last page again, no trap
        assertNull(run("grow_each_iteration", 9).trap());
    }

    @Test
    void memoryGrowInlineInLoop() {
        NativeInstance.Outcome ok = run("grow_inline", 4);
        assertNull(ok.trap());
        assertEquals(4L + 3 + 2 + 1, ok.value());
        // the 8th grow returns -1: address -65536 + 65532 wraps far out of bounds
        assertEquals("out of bounds memory access", run("grow_inline", 8).trap());
    }

    @Test
    void failedGrowKeepsTheBound() {
        assertNull(run("grow_fails_then_access", 1, 65536).trap());
        assertEquals("out of bounds memory access", run("grow_fails_then_access", 0, 65536).trap());
        assertEquals("out of bounds memory access", run("grow_fails_then_access", 100, 65536).trap());
    }

    @Test
    void aMovedMemoryIsSeenAfterTheCall() {
        NativeInstance.Outcome once = run(MOVING_WAT, "read_after_move", 70);
        assertNull(once.trap());
        assertEquals(1001L, once.value()); // the mark of the grow from 1 page
        // marks 1001, 1021, 1041, 1061 (the move), 1081 plus k = 5..1 stored before each call
        NativeInstance.Outcome loop = run(MOVING_WAT, "loop_across_moves", 5);
        assertNull(loop.trap());
        assertEquals(1001L + 1021 + 1041 + 1061 + 1081 + 15, loop.value());
    }

    @Test
    void bulkHelperAfterGrowInCallee() {
        NativeInstance.Outcome ok = run("fill_after_grow");
        assertNull(ok.trap());
        assertEquals(2L * 0x05050505, ok.value());
    }
}
