package wasm.opt.passes;

import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.opt.Pass;
import wasm.opt.internal.Edges;
import wasm.opt.internal.UnreachableBlocks;

/**
 * Control-flow cleanup, repeated until nothing changes:
 * <ol>
 * <li>a {@code brif}/{@code br_table} whose targets are all the same block with
 *     the same arguments becomes a {@code jump};</li>
 * <li>blocks unreachable from the entry leave the layout;</li>
 * <li>an empty block that only jumps on ({@code B(p..): jump C(args)}) is
 *     bypassed when B's parameters are used by that jump alone: every branch
 *     to B goes to C with B's parameters substituted
 *     in {@code args} (values other than B's parameters dominate B, hence
 *     every predecessor of B, so the branch may pass them);</li>
 * <li>a block whose only predecessor ends with a {@code jump} to it is merged
 *     into that predecessor (its parameters become the jump's arguments).</li>
 * </ol>
 */
public final class CfgCleanupPass implements Pass {
    public static final CfgCleanupPass INSTANCE = new CfgCleanupPass();

    private CfgCleanupPass() {
    }

    @Override
    public String name() {
        return "cfg_cleanup";
    }

    @Override
    public boolean run(Function f) {
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = simplifyBranches(f);
            // One CFG serves the steps until one of them changes an edge: computing it was 40% of a
            // large module's compile when each step made its own (sqlite's: JFR, docs/perf/startup.md).
            ControlFlowGraph cfg = ControlFlowGraph.compute(f);
            if (UnreachableBlocks.remove(f, cfg)) {
                again = true;
                cfg = ControlFlowGraph.compute(f); // the removed blocks' edges are gone
            }
            if (bypassJumpOnlyBlocks(f, cfg)) {
                again = true;
                cfg = ControlFlowGraph.compute(f);
            }
            again |= mergeIntoSinglePredecessor(f, cfg);
            changed |= again;
        }
        return changed;
    }

    private static boolean simplifyBranches(Function f) {
        boolean changed = false;
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            int term = f.terminator(b);
            if (term < 0 || (f.opcode(term) != IrOpcode.BRIF && f.opcode(term) != IrOpcode.BR_TABLE)) {
                continue;
            }
            boolean same = true;
            for (int t = 1; t < f.targetCount(term) && same; t++) {
                same = Edges.sameTarget(f, term, 0, t);
            }
            if (same) {
                Edges.makeJump(f, term, 0);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean bypassJumpOnlyBlocks(Function f, ControlFlowGraph cfg) {
        boolean changed = false;
        int entry = f.entryBlock();
        int[] uses = null;
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            int jump = f.firstInst(b);
            if (b == entry || jump < 0 || f.opcode(jump) != IrOpcode.JUMP) {
                continue;
            }
            int dest = f.targetBlock(jump, 0);
            if (dest == b) {
                continue; // an empty infinite loop stays
            }
            int[] through = Edges.targetArgs(f, jump, 0);
            if (f.blockParamCount(b) > 0) {
                if (uses == null) {
                    uses = f.useCounts();
                }
                if (!paramsOnlyPassedOn(f, b, through, uses)) {
                    continue; // a parameter used past the jump must keep its block
                }
                uses = null; // the rewrite below moves uses around
            }
            // Edges from the snapshot; one redirected here earlier in this sweep no longer targets b
            // (skipped), and one that newly targets b is handled by the next sweep.
            for (int e = 0; e < cfg.predecessorCount(b); e++) {
                int term = cfg.predecessorInst(b, e), t = cfg.predecessorTarget(b, e);
                if (f.targetBlock(term, t) != b || f.instBlock(term) == b) {
                    continue;
                }
                {
                    int[] in = Edges.targetArgs(f, term, t);
                    int[] out = new int[through.length];
                    for (int k = 0; k < through.length; k++) {
                        int v = through[k];
                        out[k] = f.valueParamBlock(v) == b ? in[f.valueIndex(v)] : v;
                    }
                    f.setTargetBlock(term, t, dest);
                    Edges.setTargetArgs(f, term, t, out, out.length);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Whether every use of {@code b}'s parameters is an argument of its own (only) jump. */
    private static boolean paramsOnlyPassedOn(Function f, int b, int[] through, int[] uses) {
        for (int k = 0; k < f.blockParamCount(b); k++) {
            int p = f.blockParam(b, k);
            int own = 0;
            for (int v : through) {
                if (v == p) {
                    own++;
                }
            }
            if (uses[p] != own) {
                return false;
            }
        }
        return true;
    }

    private static boolean mergeIntoSinglePredecessor(Function f, ControlFlowGraph cfg) {
        boolean changed = false;
        int entry = f.entryBlock();
        for (int b : cfg.reversePostOrder()) {
            if (b == entry || !f.isBlockInLayout(b) || cfg.predecessorCount(b) != 1) {
                continue;
            }
            int jump = cfg.predecessorInst(b, 0);
            int pred = f.instBlock(jump);
            if (pred == b || pred < 0 || !f.isBlockInLayout(pred) || f.opcode(jump) != IrOpcode.JUMP) {
                continue;
            }
            for (int k = f.blockParamCount(b) - 1; k >= 0; k--) {
                int param = f.blockParam(b, k);
                f.replaceAllUses(param, f.targetArg(jump, 0, k));
                f.removeBlockParam(b, k);
            }
            f.removeInst(jump);
            for (int i = f.firstInst(b), next; i >= 0; i = next) {
                next = f.nextInst(i);
                f.removeInst(i);
                f.appendInst(pred, i);
            }
            f.removeBlock(b);
            changed = true;
        }
        return changed;
    }
}
