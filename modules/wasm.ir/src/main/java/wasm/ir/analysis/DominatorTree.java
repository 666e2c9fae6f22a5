package wasm.ir.analysis;

import java.util.Arrays;
import wasm.ir.Function;

/**
 * Immediate dominators of the reachable blocks (Cooper, Harvey and Kennedy, "A
 * Simple, Fast Dominance Algorithm"), plus the loop depth of each block from
 * its natural loops (a back edge is an edge to a block that dominates its
 * source). A snapshot: recompute after changing the CFG.
 */
public final class DominatorTree {
    private final ControlFlowGraph cfg;
    private final int[] idom;
    private final int[] loopDepth;
    private final boolean[] loopHeader;

    private DominatorTree(ControlFlowGraph cfg, int[] idom, int[] loopDepth, boolean[] loopHeader) {
        this.cfg = cfg;
        this.idom = idom;
        this.loopDepth = loopDepth;
        this.loopHeader = loopHeader;
    }

    public static DominatorTree compute(Function f) {
        return compute(f, ControlFlowGraph.compute(f));
    }

    public static DominatorTree compute(Function f, ControlFlowGraph cfg) {
        int n = f.blockCount();
        int[] idom = new int[n];
        Arrays.fill(idom, -1);
        int[] order = cfg.reversePostOrder();
        if (order.length == 0) {
            return new DominatorTree(cfg, idom, new int[n], new boolean[n]);
        }
        int entry = order[0];
        idom[entry] = entry;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = 1; k < order.length; k++) {
                int b = order[k];
                int newIdom = -1;
                for (int p = 0; p < cfg.predecessorCount(b); p++) {
                    int pred = cfg.predecessor(b, p);
                    if (idom[pred] < 0) {
                        continue;
                    }
                    newIdom = newIdom < 0 ? pred : intersect(cfg, idom, pred, newIdom);
                }
                if (newIdom >= 0 && idom[b] != newIdom) {
                    idom[b] = newIdom;
                    changed = true;
                }
            }
        }
        DominatorTree tree = new DominatorTree(cfg, idom, new int[n], new boolean[n]);
        tree.computeLoops(n);
        return tree;
    }

    private static int intersect(ControlFlowGraph cfg, int[] idom, int a, int b) {
        while (a != b) {
            while (cfg.rpoIndex(a) > cfg.rpoIndex(b)) {
                a = idom[a];
            }
            while (cfg.rpoIndex(b) > cfg.rpoIndex(a)) {
                b = idom[b];
            }
        }
        return a;
    }

    private void computeLoops(int n) {
        int[] stack = new int[n];
        int[] mark = new int[n];
        int stamp = 0;
        for (int h : cfg.reversePostOrder()) {
            boolean header = false;
            stamp++;
            int sp = 0;
            for (int p = 0; p < cfg.predecessorCount(h); p++) {
                int src = cfg.predecessor(h, p);
                if (cfg.isReachable(src) && dominates(h, src)) {
                    header = true;
                    if (src != h && mark[src] != stamp) {
                        mark[src] = stamp;
                        stack[sp++] = src;
                    }
                }
            }
            if (!header) {
                continue;
            }
            loopHeader[h] = true;
            mark[h] = stamp;
            loopDepth[h]++;
            // the natural loop: everything that reaches a back edge source without passing the header
            while (sp > 0) {
                int b = stack[--sp];
                loopDepth[b]++;
                for (int p = 0; p < cfg.predecessorCount(b); p++) {
                    int pred = cfg.predecessor(b, p);
                    if (cfg.isReachable(pred) && mark[pred] != stamp) {
                        mark[pred] = stamp;
                        stack[sp++] = pred;
                    }
                }
            }
        }
    }

    public ControlFlowGraph cfg() {
        return cfg;
    }

    /** The immediate dominator of {@code block}; the entry's is itself; -1 when unreachable. */
    public int idom(int block) {
        return idom[block];
    }

    /** Whether {@code a} dominates {@code b} (reflexive). False when either is unreachable. */
    public boolean dominates(int a, int b) {
        if (idom[a] < 0 || idom[b] < 0) {
            return false;
        }
        while (b != a) {
            int d = idom[b];
            if (d == b) {
                return false;
            }
            b = d;
        }
        return true;
    }

    /** Number of natural loops containing {@code block} (0 outside loops). */
    public int loopDepth(int block) {
        return loopDepth[block];
    }

    public boolean isLoopHeader(int block) {
        return loopHeader[block];
    }

    /**
     * The dominator-tree children of each reachable block, in reverse post-order (null for a
     * block without any): what a preorder walk over the tree, with scoped facts, descends into.
     */
    public int[][] children() {
        int[] rpo = cfg.reversePostOrder();
        int n = idom.length;
        int[] count = new int[n];
        for (int k = 1; k < rpo.length; k++) {
            count[idom[rpo[k]]]++;
        }
        int[][] children = new int[n][];
        int[] fill = new int[n];
        for (int k = 1; k < rpo.length; k++) {
            int d = idom[rpo[k]];
            if (children[d] == null) {
                children[d] = new int[count[d]];
            }
            children[d][fill[d]++] = rpo[k];
        }
        return children;
    }
}
