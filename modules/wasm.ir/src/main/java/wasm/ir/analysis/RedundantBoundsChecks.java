package wasm.ir.analysis;

import java.util.Arrays;
import java.util.BitSet;
import wasm.ir.Function;
import wasm.ir.InstFormat;
import wasm.ir.IrOpcode;
import wasm.ir.Type;

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
        return walkAll(f, dom, false);
    }

    /**
     * Rewrites the accesses at a 32-bit address {@code x + k} ({@code k} a non-negative constant,
     * through a chain of such adds) whose whole range a dominating access to {@code x} already
     * checked: {@code zext(x) + E <= length} with {@code E >= k + offset + bytes}. Memory is at most
     * 2^32 bytes, so {@code x + k} cannot have wrapped, the access reads {@code zext(x) + k + offset}
     * as before, and it becomes an access at {@code x} with offset {@code offset + k}, marked
     * {@link Function#isInBounds in bounds}. The add is then often dead (a hoisted {@code sp + k}
     * no longer kept in a register or spill slot across a loop), and the backend addresses
     * {@code [base + x + offset]} in one instruction. Returns the number of accesses rewritten.
     */
    public static int foldCheckedAddends(Function f) {
        return walkAll(f, DominatorTree.compute(f), true).cardinality();
    }

    /** The redundant accesses, or with {@code fold} the rewritten ones. */
    private static BitSet walkAll(Function f, DominatorTree dom, boolean fold) {
        BitSet redundant = new BitSet();
        BitSet folded = new BitSet();
        int[] rpo = dom.cfg().reversePostOrder();
        if (rpo.length == 0) {
            return redundant;
        }
        int[][] children = dom.children();
        BitSet memories = new BitSet();
        for (int b : rpo) {
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                if (f.opcode(i).addressOperand() >= 0) {
                    memories.set(f.memoryOf(i));
                }
            }
        }
        for (int m = memories.nextSetBit(0); m >= 0; m = memories.nextSetBit(m + 1)) {
            walk(f, rpo, children, m, redundant, fold ? folded : null);
        }
        return fold ? folded : redundant;
    }

    /**
     * Marks the accesses to {@code memory} whose check a dominating access to it already made;
     * with {@code folded} non-null, first rewrites those at {@code x + k} that a check of {@code x}
     * covers ({@link #foldCheckedAddends}) and marks them there.
     */
    private static void walk(Function f, int[] rpo, int[][] children, int memory, BitSet redundant,
                             BitSet folded) {
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
                if (folded != null) {
                    int root = foldAddend(f, i, addressArg, address, end, checkedEnd);
                    if (root != address) {
                        folded.set(i);
                        end += f.imm(i) - offset;
                        address = root;
                    }
                }
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

    /** The largest chain of constant adds peeled off an address (a bound on the work per access). */
    private static final int MAX_ADDENDS = 8;

    /**
     * For a load or store {@code i} at 32-bit {@code address} (resolved) with static end {@code end}:
     * when {@code address = x + k1 + k2 ...} (constants {@code >= 0}) and a check of {@code x}
     * reached {@code k + end}, rewrites {@code i} to address {@code x} (the deepest such), offset
     * plus {@code k}, in bounds, and returns {@code x}; otherwise returns {@code address}.
     */
    private static int foldAddend(Function f, int i, int addressArg, int address, long end, int[] checkedEnd) {
        IrOpcode op = f.opcode(i);
        if (op.format() != InstFormat.LOAD && op.format() != InstFormat.STORE || f.valueType(address) != Type.I32) {
            return address;
        }
        int root = address;
        long addend = 0;
        int cur = address;
        long sum = 0;
        for (int n = 0; n < MAX_ADDENDS; n++) {
            int d = f.valueInst(cur);
            if (d < 0 || f.opcode(d) != IrOpcode.IADD || f.ctrlType(d) != Type.I32) {
                break;
            }
            int a = f.resolve(f.arg(d, 0));
            int b = f.resolve(f.arg(d, 1));
            long k = nonNegativeConst(f, b);
            int x = a;
            if (k < 0) {
                k = nonNegativeConst(f, a);
                x = b;
            }
            if (k < 0 || sum + k + end > Integer.MAX_VALUE) {
                break;
            }
            sum += k;
            cur = x;
            if (checkedEnd[cur] >= sum + end) {
                root = cur;
                addend = sum;
            }
        }
        if (root != address) {
            f.setArg(i, addressArg, root);
            f.setImm(i, f.imm(i) + addend);
            f.setInBounds(i, true);
        }
        return root;
    }

    /** The value of i32 constant {@code v} when it is {@code >= 0}, else -1 (also for a non-constant). */
    private static long nonNegativeConst(Function f, int v) {
        int d = f.valueInst(v);
        if (d < 0 || f.opcode(d) != IrOpcode.ICONST) {
            return -1;
        }
        int k = (int) f.imm(d);
        return k >= 0 ? k : -1;
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
}
