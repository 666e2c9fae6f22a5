package wasm.ir.analysis;

import java.util.Arrays;
import java.util.BitSet;
import wasm.ir.Function;

/**
 * The memory accesses whose explicit bounds check another access already made.
 *
 * <p>A linear memory never shrinks. So once an access at address value {@code v}
 * with static end {@code e} (its offset plus the bytes it touches) has passed its
 * check, {@code zext(v) + e <= length} holds for the rest of the activation, across
 * calls and {@code memory.grow} alike. Every access that it dominates, with the same
 * address value and an end of at most {@code e}, is in bounds without a check: the
 * typical {@code a[i] += x} loads and stores one address, and GVN has already made
 * the two address computations one value.
 *
 * <p>The walk is a preorder over the dominator tree with a scoped map from address
 * value to the largest end checked on the way down; within a block, program order.
 * Each memory has its own checks (a check against one memory's length says nothing
 * of another's), so the walk runs once per memory the function accesses. An access
 * marked {@link Function#isInBounds} (a check before its loop covered it) needs no
 * check either.
 */
public final class RedundantBoundsChecks {
    private RedundantBoundsChecks() {
    }

    /** The instructions (by index) of {@code f}'s loads and stores that need no bounds check. */
    public static BitSet compute(Function f) {
        return compute(f, DominatorTree.compute(f));
    }

    public static BitSet compute(Function f, DominatorTree dom) {
        BitSet redundant = new BitSet();
        int[] rpo = dom.cfg().reversePostOrder();
        if (rpo.length == 0) {
            return redundant;
        }
        int[][] children = children(f, dom, rpo);
        BitSet memories = new BitSet();
        for (int b : rpo) {
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                if (f.opcode(i).addressOperand() >= 0) {
                    memories.set(f.memoryOf(i));
                }
            }
        }
        for (int m = memories.nextSetBit(0); m >= 0; m = memories.nextSetBit(m + 1)) {
            walk(f, rpo, children, m, redundant);
        }
        return redundant;
    }

    /** Marks the accesses to {@code memory} whose check a dominating access to it already made. */
    private static void walk(Function f, int[] rpo, int[][] children, int memory, BitSet redundant) {
        // address value -> largest checked end (-1: none), with an undo log of
        // (value, previous end) pairs popped when the walk leaves a block's subtree.
        int[] checkedEnd = new int[f.valueCount()];
        Arrays.fill(checkedEnd, -1);
        IntList undo = new IntList();
        int[] stack = new int[2 * rpo.length + 2];
        int[] marks = new int[rpo.length + 1];
        int sp = 0;
        int depth = 0;
        stack[sp++] = rpo[0];
        while (sp > 0) {
            int b = stack[--sp];
            if (b < 0) {
                int mark = marks[--depth];
                while (undo.size() > mark) {
                    int previous = undo.pop();
                    checkedEnd[undo.pop()] = previous;
                }
                continue;
            }
            marks[depth++] = undo.size();
            stack[sp++] = -1;
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                int addressArg = f.opcode(i).addressOperand();
                if (addressArg < 0 || f.memoryOf(i) != memory) {
                    continue;
                }
                if (f.isInBounds(i)) {
                    redundant.set(i);
                }
                long offset = f.imm(i);
                long end = offset + f.opcode(i).accessBytes(f.ctrlType(i));
                if (offset < 0 || end > Integer.MAX_VALUE) {
                    continue; // never the common case (offsets of 2^63 and more are unsigned); kept out of the int map
                }
                int address = f.resolve(f.arg(i, addressArg));
                int previous = checkedEnd[address];
                if (previous >= end) {
                    redundant.set(i);
                } else {
                    undo.push(address);
                    undo.push(previous);
                    checkedEnd[address] = (int) end;
                }
            }
            int[] kids = children[b];
            if (kids != null) {
                for (int k = kids.length - 1; k >= 0; k--) {
                    stack[sp++] = kids[k];
                }
            }
        }
    }

    /** A growable int stack for the undo log. */
    private static final class IntList {
        private int[] items = new int[32];
        private int size;

        int size() {
            return size;
        }

        void push(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        int pop() {
            return items[--size];
        }
    }

    /** Dominator-tree children of each reachable block, in reverse post-order. */
    private static int[][] children(Function f, DominatorTree dom, int[] rpo) {
        int[] count = new int[f.blockCount()];
        for (int k = 1; k < rpo.length; k++) {
            count[dom.idom(rpo[k])]++;
        }
        int[][] children = new int[f.blockCount()][];
        int[] fill = new int[f.blockCount()];
        for (int k = 1; k < rpo.length; k++) {
            int d = dom.idom(rpo[k]);
            if (children[d] == null) {
                children[d] = new int[count[d]];
            }
            children[d][fill[d]++] = rpo[k];
        }
        return children;
    }
}
