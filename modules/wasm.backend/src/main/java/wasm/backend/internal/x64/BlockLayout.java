package wasm.backend.internal.x64;

import java.util.Arrays;

/**
 * The order the emitter lays VCode blocks out in. Allocation does not depend on it (every
 * allocator edit sits at an instruction, a block parameter's parallel move at its jump), so only
 * the fall-throughs change: a jump or branch to the next block in this order costs nothing.
 *
 * <p>Two rules on top of the lowering's order, both deterministic:
 * <ul>
 *   <li>An edge block (critical-edge splitting: a block start, a loop's poll if any, the parallel
 *   move and a jump, with one predecessor; lowering appends these after all other blocks) follows
 *   the branch that reaches it when its jump goes back to a block already laid out (a loop's back
 *   edge: the loop continues by falling into its moves instead of taking a branch to a block at the
 *   end of the function and a second one back), or when neither of the branch's targets is the next
 *   block anyway (it then saves the branch's second jump).</li>
 *   <li>A block that ends in a trap is cold: it goes to the end, after the edge blocks, out of the
 *   hot path it interrupted. The entry block stays first (the prologue falls into it).</li>
 * </ul>
 */
final class BlockLayout {
    private BlockLayout() {
    }

    /** The emission order: a permutation of the block indices, entry block first. */
    static int[] order(VCode code) {
        int n = code.blockCount();
        int[] preds = new int[n];
        for (int b = 0; b < n; b++) {
            for (int s : code.succs.get(b)) {
                preds[s]++;
            }
        }
        boolean[] placed = new boolean[n];
        int[] order = new int[n];
        int k = 0;
        for (int b = 0; b < n; b++) {
            if (placed[b] || (b != 0 && endsInTrap(code, b))) {
                continue;
            }
            order[k++] = b;
            placed[b] = true;
            if (code.insts.get(code.end(b) - 1) instanceof MInst.Branch br) {
                int follow = follower(code, br, b, preds, placed);
                if (follow >= 0) {
                    order[k++] = follow;
                    placed[follow] = true;
                }
            }
        }
        for (int b = 1; b < n; b++) {
            if (!placed[b]) {
                order[k++] = b;
                placed[b] = true;
            }
        }
        if (k != n) {
            throw new IllegalStateException("block layout placed " + k + " of " + n + " blocks");
        }
        return order;
    }

    /** The edge block to lay out right after block b's branch, or -1. */
    private static int follower(VCode code, MInst.Branch br, int b, int[] preds, boolean[] placed) {
        int[] targets = {br.taken(), br.notTaken()};
        for (int t : targets) {
            if (isEdgeBlock(code, t, preds, placed) && placed[jumpTarget(code, t)]) {
                return t;
            }
        }
        if (br.taken() == b + 1 || br.notTaken() == b + 1) {
            return -1;
        }
        for (int k = targets.length - 1; k >= 0; k--) {
            if (isEdgeBlock(code, targets[k], preds, placed)) {
                return targets[k];
            }
        }
        return -1;
    }

    /** A block start, a loop's poll or not, and a jump, reached from one branch only, not yet laid out. */
    private static boolean isEdgeBlock(VCode code, int t, int[] preds, boolean[] placed) {
        int length = code.end(t) - code.start(t);
        return !placed[t] && t != 0 && preds[t] == 1
                && (length == 2 || length == 3 && code.insts.get(code.start(t) + 1) instanceof MInst.Poll)
                && code.insts.get(code.start(t)) instanceof MInst.BlockStart
                && code.insts.get(code.end(t) - 1) instanceof MInst.Jump;
    }

    private static int jumpTarget(VCode code, int t) {
        return ((MInst.Jump) code.insts.get(code.end(t) - 1)).target();
    }

    private static boolean endsInTrap(VCode code, int b) {
        return code.insts.get(code.end(b) - 1) instanceof MInst.Trap;
    }

    /** next[b]: the block laid out after b, or -1 for the last one. */
    static int[] successorsInLayout(int[] order) {
        int[] next = new int[order.length];
        Arrays.fill(next, -1);
        for (int k = 0; k + 1 < order.length; k++) {
            next[order[k]] = order[k + 1];
        }
        return next;
    }
}
