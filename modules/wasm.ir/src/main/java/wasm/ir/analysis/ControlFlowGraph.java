package wasm.ir.analysis;

import java.util.Arrays;
import wasm.ir.Function;

/**
 * Successors and predecessors of the blocks in layout, and a reverse
 * post-order of the blocks reachable from the entry. A snapshot: recompute
 * after changing branches. Predecessor edges are counted per branch target, so
 * a {@code br_table} listing a block twice gives two edges.
 */
public final class ControlFlowGraph {
    private final int[] predStart;
    private final int[] predBlock;
    private final int[] predInst;
    private final int[] predTarget;
    private final int[] rpo;
    private final int[] rpoIndex;

    private ControlFlowGraph(int[] predStart, int[] predBlock, int[] predInst, int[] predTarget, int[] rpo, int[] rpoIndex) {
        this.predStart = predStart;
        this.predBlock = predBlock;
        this.predInst = predInst;
        this.predTarget = predTarget;
        this.rpo = rpo;
        this.rpoIndex = rpoIndex;
    }

    public static ControlFlowGraph compute(Function f) {
        int n = f.blockCount();
        int[] count = new int[n + 1];
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            int term = f.terminator(b);
            for (int t = 0; term >= 0 && t < f.targetCount(term); t++) {
                count[f.targetBlock(term, t) + 1]++;
            }
        }
        for (int b = 0; b < n; b++) {
            count[b + 1] += count[b];
        }
        int edges = count[n];
        int[] start = count.clone();
        int[] fill = Arrays.copyOf(count, n);
        int[] pb = new int[edges], pi = new int[edges], pt = new int[edges];
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            int term = f.terminator(b);
            for (int t = 0; term >= 0 && t < f.targetCount(term); t++) {
                int s = f.targetBlock(term, t);
                int k = fill[s]++;
                pb[k] = b;
                pi[k] = term;
                pt[k] = t;
            }
        }
        // iterative depth-first search for the post-order
        int[] rpoIndex = new int[n];
        Arrays.fill(rpoIndex, -1);
        int entry = f.entryBlock();
        int[] post = new int[n];
        int pc = 0;
        if (entry >= 0) {
            int[] stack = new int[n];
            int[] next = new int[n];
            boolean[] seen = new boolean[n];
            int sp = 0;
            stack[sp++] = entry;
            seen[entry] = true;
            while (sp > 0) {
                int b = stack[sp - 1];
                int term = f.terminator(b);
                int nt = term < 0 ? 0 : f.targetCount(term);
                if (next[b] < nt) {
                    int s = f.targetBlock(term, next[b]++);
                    if (!seen[s]) {
                        seen[s] = true;
                        stack[sp++] = s;
                    }
                } else {
                    post[pc++] = b;
                    sp--;
                }
            }
        }
        int[] rpo = new int[pc];
        for (int k = 0; k < pc; k++) {
            rpo[k] = post[pc - 1 - k];
            rpoIndex[rpo[k]] = k;
        }
        return new ControlFlowGraph(start, pb, pi, pt, rpo, rpoIndex);
    }

    public int predecessorCount(int block) {
        return predStart[block + 1] - predStart[block];
    }

    /** The block of the {@code k}-th incoming edge. */
    public int predecessor(int block, int k) {
        return predBlock[predStart[block] + k];
    }

    /** The branch instruction of the {@code k}-th incoming edge. */
    public int predecessorInst(int block, int k) {
        return predInst[predStart[block] + k];
    }

    /** Which target of {@link #predecessorInst} the {@code k}-th incoming edge is. */
    public int predecessorTarget(int block, int k) {
        return predTarget[predStart[block] + k];
    }

    /** Blocks reachable from the entry, in reverse post-order (entry first). */
    public int[] reversePostOrder() {
        return rpo.clone();
    }

    public int reachableCount() {
        return rpo.length;
    }

    /** Position of {@code block} in {@link #reversePostOrder()}, or -1 when unreachable. */
    public int rpoIndex(int block) {
        return rpoIndex[block];
    }

    public boolean isReachable(int block) {
        return rpoIndex[block] >= 0;
    }
}
