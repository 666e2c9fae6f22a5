package wasm.opt.internal.egraph;

import java.util.function.IntConsumer;
import wasm.ir.Function;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.analysis.LoopNest;

/**
 * Preorder walks of the dominator tree (children in reverse post-order) that
 * keep track of the current path: a block is {@link #onPath} while the walk is
 * inside its subtree, so "defined in a block on the path" is "dominates the
 * current block", in O(1). Both scoped maps of the e-graph (value numbering
 * while building, elaborated values while elaborating) test their entries this
 * way instead of popping scopes.
 */
final class DomTreeWalk implements EGraph.Scope {
    private final int entry;
    private final int[][] children;
    private final int[] depth;
    private final boolean[] onPath;
    private final LoopNest loops;
    private final int reachable;

    DomTreeWalk(Function f, DominatorTree dom, int[] rpo, LoopNest loops) {
        int n = f.blockCount();
        this.entry = rpo[0];
        this.loops = loops;
        this.reachable = rpo.length;
        this.depth = new int[n];
        this.onPath = new boolean[n];
        int[] count = new int[n];
        for (int k = 1; k < rpo.length; k++) {
            count[dom.idom(rpo[k])]++;
        }
        this.children = new int[n][];
        int[] fill = new int[n];
        for (int k = 1; k < rpo.length; k++) {
            int b = rpo[k];
            int d = dom.idom(b);
            if (children[d] == null) {
                children[d] = new int[count[d]];
            }
            children[d][fill[d]++] = b;
            depth[b] = depth[d] + 1; // rpo visits a block's idom first
        }
    }

    /** Calls {@code visit} for each reachable block, dominators first, with {@link #onPath} kept current. */
    void preorder(IntConsumer visit) {
        int[] stack = new int[2 * reachable + 2];
        int sp = 0;
        stack[sp++] = entry;
        while (sp > 0) {
            int b = stack[--sp];
            if (b < 0) {
                onPath[-b - 1] = false;
                continue;
            }
            onPath[b] = true;
            stack[sp++] = -b - 1;
            visit.accept(b);
            int[] kids = children[b];
            if (kids != null) {
                for (int k = kids.length - 1; k >= 0; k--) {
                    stack[sp++] = kids[k];
                }
            }
        }
    }

    @Override
    public boolean onPath(int block) {
        return onPath[block];
    }

    @Override
    public int domDepth(int block) {
        return depth[block];
    }

    @Override
    public int loopDepth(int block) {
        return loops.loopDepth(block);
    }

    @Override
    public int entry() {
        return entry;
    }
}
