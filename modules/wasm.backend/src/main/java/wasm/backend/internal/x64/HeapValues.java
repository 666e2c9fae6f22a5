package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.ir.analysis.DominatorTree;

/**
 * Where each memory's base and byte length live as values of the function, so that an access
 * reads them from a register ({@code [base + index + disp]}, {@code cmp r11, length}) instead of
 * from the vmctx. The same job V8's instance cache does for TurboFan, or GVN and LICM for a
 * {@code memory.size} read, done here over the IR for the two fields the lowering itself adds.
 *
 * <p>A field is read ({@link MInst.MemoryField}) before the first access of a region that needs
 * it and reused until something may change it: a call of any kind (the callee, or a host function
 * it reaches, may grow the memory) or {@code memory.grow}; the same instructions after which
 * {@code LicmPass} keeps a {@code memory.size} in its loop. The base of a memory never moves
 * today (LinearMemory reserves the whole maximum up front) and only the length changes, but both
 * are treated alike: a value live across a call would occupy a callee-saved register or a spill
 * slot, and reloading it from the vmctx after the call costs the same one load.
 *
 * <p>Across blocks a value flows down the dominator tree: block {@code b} starts with the values
 * its immediate dominator {@code d} holds at its end when no block on a path from {@code d} to
 * {@code b} (not through {@code d}; {@code b} itself when the path goes round a loop) may change
 * them. And {@code d} reads a field at its end, before its terminator, when such a child needs it
 * and has no value for it yet: for a loop without calls that is the preheader (or the block
 * dominating the loop), so the loop reads nothing from the vmctx. Reads are cheap and cannot trap,
 * so reading in {@code d} for a child that may not run is harmless.
 */
final class HeapValues {
    /** A field read: memory {@code memory}'s base or length into {@code vreg}. */
    record Read(MInst.HeapField field, int memory, int vreg) {
    }

    /** Blocks a path walk may visit per block before giving up (the block then starts with nothing). */
    private static final int WALK_BUDGET = 4096;

    private final Function f;
    /** Per IR instruction: the field reads to emit before it (terminators: a block's end reads). */
    private final List<Read>[] readsBefore;
    /** Per access instruction: the vreg of its memory's base and of its length (-1: unchecked). */
    private final int[] baseOf;
    private final int[] lengthOf;

    @SuppressWarnings("unchecked")
    private HeapValues(Function f) {
        this.f = f;
        this.readsBefore = new List[f.instCount()];
        this.baseOf = new int[f.instCount()];
        this.lengthOf = new int[f.instCount()];
        Arrays.fill(baseOf, -1);
        Arrays.fill(lengthOf, -1);
    }

    /** The field reads to emit before instruction {@code i} (in this order), possibly none. */
    List<Read> readsBefore(int i) {
        List<Read> r = readsBefore[i];
        return r == null ? List.of() : r;
    }

    /** The vreg holding the base of access {@code i}'s memory where it runs. */
    int base(int i) {
        if (baseOf[i] < 0) {
            throw new IllegalStateException("no base for instruction " + i);
        }
        return baseOf[i];
    }

    /** The vreg holding the length of access {@code i}'s memory, or -1 when it is not checked. */
    int length(int i) {
        return lengthOf[i];
    }

    /** Whether {@code op} may change a memory's length (or, some day, move it). */
    static boolean changesMemory(IrOpcode op) {
        return op.isCall() || op == IrOpcode.MEMORY_GROW;
    }

    /**
     * Places the reads for every access of {@code f}; {@code checked} says which accesses read the
     * length, {@code newVreg} makes an i64 vreg.
     */
    static HeapValues compute(Function f, DominatorTree dom, IntPredicate checked,
                              IntSupplier newVreg) {
        HeapValues h = new HeapValues(f);
        h.run(dom, checked, newVreg);
        return h;
    }

    /** Key of a field: two per memory. */
    private static int key(MInst.HeapField field, int memory) {
        return 2 * memory + field.ordinal();
    }

    private static MInst.HeapField field(int key) {
        return MInst.HeapField.values()[key & 1];
    }

    private void run(DominatorTree dom, IntPredicate checked,
                     IntSupplier newVreg) {
        ControlFlowGraph cfg = dom.cfg();
        int nb = f.blockCount();
        int keys = 0;
        boolean[] changes = new boolean[nb];
        BitSet[] first = new BitSet[nb];
        boolean any = false;
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            BitSet used = new BitSet();
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                IrOpcode op = f.opcode(i);
                if (op.addressOperand() >= 0) {
                    any = true;
                    int m = f.memoryOf(i);
                    keys = Math.max(keys, 2 * m + 2);
                    if (!changes[b]) {
                        used.set(key(MInst.HeapField.BASE, m));
                        if (checked.test(i)) {
                            used.set(key(MInst.HeapField.LENGTH, m));
                        }
                    }
                }
                changes[b] |= changesMemory(op);
            }
            first[b] = used;
        }
        if (!any) {
            return;
        }
        int[] rpo = cfg.reversePostOrder();
        // the dominator tree's children, and whether each block inherits its idom's values
        int[][] children = new int[nb][];
        int[] childCount = new int[nb];
        boolean[] inherits = new boolean[nb];
        RegionWalk walk = new RegionWalk(cfg, changes);
        for (int k = 1; k < rpo.length; k++) {
            int b = rpo[k];
            int d = dom.idom(b);
            inherits[b] = walk.unchanged(b, d);
            if (children[d] == null) {
                children[d] = new int[2];
            } else if (childCount[d] == children[d].length) {
                children[d] = Arrays.copyOf(children[d], 2 * childCount[d]);
            }
            children[d][childCount[d]++] = b;
        }
        // need[b]: the keys b wants at its start, for itself or for the children that inherit
        BitSet[] need = new BitSet[nb];
        for (int k = rpo.length - 1; k >= 0; k--) {
            int b = rpo[k];
            BitSet n = (BitSet) first[b].clone();
            if (!changes[b]) {
                for (int c = 0; c < childCount[b]; c++) {
                    int child = children[b][c];
                    if (inherits[child]) {
                        n.or(need[child]);
                    }
                }
            }
            need[b] = n;
        }
        int[][] out = new int[nb][];
        boolean[] done = new boolean[nb];
        for (int k = 0; k < rpo.length; k++) {
            int b = rpo[k];
            int[] state = k > 0 && inherits[b] ? out[dom.idom(b)].clone() : fresh(keys);
            scan(b, state, checked, newVreg);
            // reads at the end for the children that inherit and find nothing
            for (int c = 0; c < childCount[b]; c++) {
                int child = children[b][c];
                if (!inherits[child]) {
                    continue;
                }
                BitSet n = need[child];
                for (int key = n.nextSetBit(0); key >= 0; key = n.nextSetBit(key + 1)) {
                    if (state[key] < 0) {
                        state[key] = newVreg.getAsInt();
                        addRead(f.terminator(b), new Read(field(key), key >> 1, state[key]));
                    }
                }
            }
            out[b] = state;
            done[b] = true;
        }
        // unreachable blocks are lowered too: each reads what it uses
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            if (!done[b]) {
                scan(b, fresh(keys), checked, newVreg);
            }
        }
    }

    private static int[] fresh(int keys) {
        int[] s = new int[keys];
        Arrays.fill(s, -1);
        return s;
    }

    /** Walks block {@code b} with {@code state} at its start, placing reads before the accesses that find none. */
    private void scan(int b, int[] state, IntPredicate checked,
                      IntSupplier newVreg) {
        for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
            IrOpcode op = f.opcode(i);
            if (op.addressOperand() >= 0) {
                int m = f.memoryOf(i);
                baseOf[i] = value(i, state, key(MInst.HeapField.BASE, m), newVreg);
                if (checked.test(i)) {
                    lengthOf[i] = value(i, state, key(MInst.HeapField.LENGTH, m), newVreg);
                }
            }
            if (changesMemory(op)) {
                Arrays.fill(state, -1);
            }
        }
    }

    private int value(int i, int[] state, int key, IntSupplier newVreg) {
        if (state[key] < 0) {
            state[key] = newVreg.getAsInt();
            addRead(i, new Read(field(key), key >> 1, state[key]));
        }
        return state[key];
    }

    private void addRead(int i, Read r) {
        if (readsBefore[i] == null) {
            readsBefore[i] = new ArrayList<>(2);
        }
        readsBefore[i].add(r);
    }

    /**
     * Whether no block on a path from {@code d}'s end to {@code b}'s start (not through {@code d})
     * may change a memory: a backward walk from {@code b}'s predecessors that stops at {@code d}.
     * {@code b} itself is on such a path when one goes round a loop back to it. One walker serves
     * every block: a block is seen in the current walk when its mark is the walk's stamp.
     */
    private static final class RegionWalk {
        private final ControlFlowGraph cfg;
        private final boolean[] changes;
        private final int[] stack;
        private final int[] mark;
        private int stamp;

        RegionWalk(ControlFlowGraph cfg, boolean[] changes) {
            this.cfg = cfg;
            this.changes = changes;
            this.stack = new int[changes.length]; // a block is pushed once per walk at most
            this.mark = new int[changes.length];
        }

        boolean unchanged(int b, int d) {
            stamp++;
            int sp = push(b, d, 0);
            int visited = 0;
            while (sp > 0) {
                int x = stack[--sp];
                if (changes[x] || ++visited > WALK_BUDGET) {
                    return false;
                }
                sp = push(x, d, sp);
            }
            return true;
        }

        /** Pushes the reachable predecessors of {@code x} other than {@code d} not seen yet; the new stack size. */
        private int push(int x, int d, int sp) {
            for (int p = 0; p < cfg.predecessorCount(x); p++) {
                int pred = cfg.predecessor(x, p);
                if (pred != d && cfg.isReachable(pred) && mark[pred] != stamp) {
                    mark[pred] = stamp;
                    stack[sp++] = pred;
                }
            }
            return sp;
        }
    }
}
