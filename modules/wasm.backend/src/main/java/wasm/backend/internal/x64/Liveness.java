package wasm.backend.internal.x64;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntConsumer;

/**
 * The virtual registers live into and out of each block of a {@link VCode}: the least fixpoint of
 * {@code in[b] = gen[b] | (out[b] - kill[b])}, {@code out[b] = union of in[s]} over b's successors,
 * where gen is what b reads before writing it and kill what it writes.
 *
 * <p>Two things keep this linear in practice on large functions (an interpreter's dispatch
 * function: 18,000 instructions in 4,149 blocks, 75,000 vreg numbers):
 * <ul>
 * <li>The fixpoint runs over <em>global</em> values only, renumbered densely: every live-in value
 * is some block's upward-exposed use, so the others (defined and used inside one block, most
 * temporaries) can never be live across an edge. The sets are then as wide as the global values,
 * not as the highest vreg number, which was most of the allocator's time.
 * <li>A worklist of blocks whose successors' live-in sets changed, swept in reverse layout order:
 * a block is recomputed only when it can change, instead of every block in every round until a
 * round changes nothing.
 * </ul>
 * The least fixpoint does not depend on the order of evaluation, so neither does the allocation.
 */
final class Liveness {
    /** Per vreg: its dense number among the global values, or -1 (never live across an edge). */
    private final int[] global;
    /** Per dense number: the vreg. */
    private final int[] vregOf;
    /** Per block: the global values live at its start, by dense number. */
    private final BitSet[] in;
    /** Per block: the global values live at its end, by dense number. */
    private final BitSet[] out;

    private Liveness(int[] global, int[] vregOf, BitSet[] in, BitSet[] out) {
        this.global = global;
        this.vregOf = vregOf;
        this.in = in;
        this.out = out;
    }

    /** Whether {@code v} is live at the start of block {@code b}. */
    boolean isLiveIn(int b, int v) {
        int g = global[v];
        return g >= 0 && in[b].get(g);
    }

    /** Calls {@code action} with each vreg live at the start of block {@code b}. */
    void forEachLiveIn(int b, IntConsumer action) {
        forEach(in[b], action);
    }

    /** Calls {@code action} with each vreg live at the end of block {@code b}. */
    void forEachLiveOut(int b, IntConsumer action) {
        forEach(out[b], action);
    }

    private void forEach(BitSet set, IntConsumer action) {
        for (int g = set.nextSetBit(0); g >= 0; g = set.nextSetBit(g + 1)) {
            action.accept(vregOf[g]);
        }
    }

    static Liveness of(VCode code) {
        int blocks = code.blockCount();
        int[][] upwardUses = upwardExposedUses(code);
        // Dense numbers for the values some block reads before writing: the only ones that can be live.
        int[] global = new int[code.vregCount()];
        Arrays.fill(global, -1);
        int[] vregOf = new int[16];
        int globals = 0;
        for (int[] uses : upwardUses) {
            for (int v : uses) {
                if (global[v] < 0) {
                    if (globals == vregOf.length) {
                        vregOf = Arrays.copyOf(vregOf, 2 * globals);
                    }
                    vregOf[globals] = v;
                    global[v] = globals++;
                }
            }
        }
        BitSet[] gen = new BitSet[blocks];
        BitSet[] kill = new BitSet[blocks];
        BitSet[] in = new BitSet[blocks];
        BitSet[] out = new BitSet[blocks];
        for (int b = 0; b < blocks; b++) {
            gen[b] = new BitSet(globals);
            for (int v : upwardUses[b]) {
                gen[b].set(global[v]);
            }
            kill[b] = new BitSet(globals);
            for (int i = code.start(b); i < code.end(b); i++) {
                for (Operand o : code.ops(i)) {
                    if (!o.kind().isUse() && global[o.vreg()] >= 0) {
                        kill[b].set(global[o.vreg()]);
                    }
                }
            }
            in[b] = (BitSet) gen[b].clone();
            out[b] = new BitSet(globals);
        }
        solve(code, gen, kill, in, out);
        return new Liveness(global, vregOf, in, out);
    }

    /**
     * Each block's upward-exposed uses, walking it backwards through one scratch set: a def ends
     * the exposure of what is above it, a use starts one.
     */
    private static int[][] upwardExposedUses(VCode code) {
        int blocks = code.blockCount();
        int[][] result = new int[blocks][];
        BitSet exposed = new BitSet(code.vregCount());
        int[] touched = new int[16];
        for (int b = 0; b < blocks; b++) {
            int count = 0;
            for (int i = code.end(b) - 1; i >= code.start(b); i--) {
                Operand[] ops = code.ops(i);
                for (Operand o : ops) {
                    if (!o.kind().isUse()) {
                        exposed.clear(o.vreg());
                    }
                }
                for (Operand o : ops) {
                    if (o.kind().isUse()) {
                        exposed.set(o.vreg());
                        if (count == touched.length) {
                            touched = Arrays.copyOf(touched, 2 * count);
                        }
                        touched[count++] = o.vreg();
                    }
                }
            }
            int exposedCount = 0;
            for (int k = 0; k < count; k++) {
                int v = touched[k];
                if (exposed.get(v)) {
                    exposed.clear(v); // once per value, and the scratch set ends empty
                    touched[exposedCount++] = v;
                }
            }
            result[b] = Arrays.copyOf(touched, exposedCount);
        }
        return result;
    }

    private static void solve(VCode code, BitSet[] gen, BitSet[] kill, BitSet[] in, BitSet[] out) {
        int blocks = code.blockCount();
        int[][] preds = code.predecessors();
        BitSet dirty = new BitSet(blocks);
        dirty.set(0, blocks);
        BitSet next = new BitSet();
        while (!dirty.isEmpty()) {
            for (int b = dirty.previousSetBit(blocks - 1); b >= 0; b = dirty.previousSetBit(b - 1)) {
                dirty.clear(b);
                BitSet o = out[b];
                for (int s : code.succs.get(b)) {
                    o.or(in[s]); // live-in sets only grow, so out[b] needs no recomputing from scratch
                }
                next.clear();
                next.or(o);
                next.andNot(kill[b]);
                next.or(gen[b]);
                if (!next.equals(in[b])) {
                    BitSet old = in[b];
                    in[b] = next;
                    next = old;
                    for (int p : preds[b]) {
                        dirty.set(p);
                    }
                }
            }
        }
    }
}
