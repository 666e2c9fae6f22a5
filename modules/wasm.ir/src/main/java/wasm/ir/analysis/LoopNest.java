package wasm.ir.analysis;

import java.util.Arrays;
import wasm.ir.Function;

/**
 * The natural loops of a function and how they nest. A loop is identified by
 * an index {@code 0..loopCount()-1}; loops are numbered in reverse post-order of
 * their headers, so an enclosing loop always has a smaller index than the loops
 * inside it. A block belongs to the loops of every header that reaches one of
 * its back edges through it; {@link #innermost} names the deepest one.
 *
 * <p>Wasm's structured control flow gives reducible graphs only, so natural
 * loops (one header dominating every block of the loop) describe every cycle.
 * A snapshot: recompute after changing the CFG.
 */
public final class LoopNest {
    private final int[] header;
    private final int[] parent;
    private final int[] depth;
    private final int[][] blocks;
    private final int[] innermost;
    private final int[] loopOfHeader;

    private LoopNest(int[] header, int[] parent, int[] depth, int[][] blocks, int[] innermost, int[] loopOfHeader) {
        this.header = header;
        this.parent = parent;
        this.depth = depth;
        this.blocks = blocks;
        this.innermost = innermost;
        this.loopOfHeader = loopOfHeader;
    }

    public static LoopNest compute(Function f) {
        return compute(f, DominatorTree.compute(f));
    }

    public static LoopNest compute(Function f, DominatorTree dom) {
        ControlFlowGraph cfg = dom.cfg();
        int n = f.blockCount();
        int[] rpo = cfg.reversePostOrder();
        int loops = 0;
        for (int b : rpo) {
            if (dom.isLoopHeader(b)) {
                loops++;
            }
        }
        int[] header = new int[loops];
        int[] parent = new int[loops];
        int[] depth = new int[loops];
        int[][] blocks = new int[loops][];
        int[] innermost = new int[n];
        Arrays.fill(innermost, -1);
        int[] loopOfHeader = new int[n];
        Arrays.fill(loopOfHeader, -1);
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        int[] stack = new int[n];
        int l = 0;
        // Headers in reverse post-order: an enclosing loop's header dominates, so comes first,
        // and an inner loop overwrites the innermost entries of its blocks after its parent.
        for (int h : rpo) {
            if (!dom.isLoopHeader(h)) {
                continue;
            }
            header[l] = h;
            loopOfHeader[h] = l;
            parent[l] = innermost[h];
            depth[l] = parent[l] < 0 ? 1 : depth[parent[l]] + 1;
            int sp = 0;
            mark[h] = l;
            for (int p = 0; p < cfg.predecessorCount(h); p++) {
                int src = cfg.predecessor(h, p);
                if (cfg.isReachable(src) && dom.dominates(h, src) && mark[src] != l) {
                    mark[src] = l;
                    stack[sp++] = src;
                }
            }
            while (sp > 0) {
                int b = stack[--sp];
                for (int p = 0; p < cfg.predecessorCount(b); p++) {
                    int pred = cfg.predecessor(b, p);
                    if (cfg.isReachable(pred) && mark[pred] != l) {
                        mark[pred] = l;
                        stack[sp++] = pred;
                    }
                }
            }
            int count = 0;
            for (int b : rpo) {
                if (mark[b] == l) {
                    count++;
                }
            }
            int[] members = new int[count];
            int k = 0;
            for (int b : rpo) {
                if (mark[b] == l) {
                    members[k++] = b;
                    innermost[b] = l;
                }
            }
            blocks[l] = members;
            l++;
        }
        return new LoopNest(header, parent, depth, blocks, innermost, loopOfHeader);
    }

    public int loopCount() {
        return header.length;
    }

    public int header(int loop) {
        return header[loop];
    }

    /** The loop immediately enclosing {@code loop}, or -1. */
    public int parent(int loop) {
        return parent[loop];
    }

    /** 1 for an outermost loop, 2 for a loop inside it, ... */
    public int depth(int loop) {
        return depth[loop];
    }

    /** The blocks of {@code loop} (header first), in reverse post-order. */
    public int[] blocks(int loop) {
        return blocks[loop].clone();
    }

    public int blockCount(int loop) {
        return blocks[loop].length;
    }

    /** The deepest loop containing {@code block}, or -1 when it is in none (or unreachable). */
    public int innermost(int block) {
        return block < innermost.length ? innermost[block] : -1;
    }

    /** The loop whose header {@code block} is, or -1. */
    public int loopOfHeader(int block) {
        return block < loopOfHeader.length ? loopOfHeader[block] : -1;
    }

    /** Whether {@code block} is one of the blocks of {@code loop} (inner loops' blocks included). */
    public boolean contains(int loop, int block) {
        for (int l = innermost(block); l >= 0; l = parent[l]) {
            if (l == loop) {
                return true;
            }
            if (l < loop) {
                return false; // enclosing loops have smaller indices
            }
        }
        return false;
    }

    /** Number of loops containing {@code block}. */
    public int loopDepth(int block) {
        int l = innermost(block);
        return l < 0 ? 0 : depth[l];
    }

    /** Whether {@code loop} has no loop inside it. */
    public boolean isInnermost(int loop) {
        for (int k = loop + 1; k < header.length; k++) {
            if (parent[k] == loop) {
                return false;
            }
        }
        return true;
    }
}
