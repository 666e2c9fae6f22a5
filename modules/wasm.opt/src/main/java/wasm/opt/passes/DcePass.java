package wasm.opt.passes;

import wasm.ir.Function;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.opt.Pass;
import wasm.opt.internal.Edges;

/**
 * Dead code elimination: pure instructions whose results are unused leave the
 * layout (instructions that may trap, write, call or otherwise act stay even
 * when unused: a dead division by zero still traps), and so do block
 * parameters (outside the entry block) that nothing reads, with their branch
 * arguments. Repeated until nothing changes, since each removal can free the
 * operands of another.
 */
public final class DcePass implements Pass {
    public static final DcePass INSTANCE = new DcePass();

    private DcePass() {
    }

    @Override
    public String name() {
        return "dce";
    }

    @Override
    public boolean run(Function f) {
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = removeDeadInsts(f);
            again |= removeDeadParams(f);
            changed |= again;
        }
        return changed;
    }

    private static boolean removeDeadInsts(Function f) {
        int[] uses = f.useCounts();
        boolean changed = false;
        // backwards within each block, so a chain of dead values dies in one sweep
        for (int b = f.lastBlock(); b >= 0; b = f.prevBlock(b)) {
            for (int i = f.lastInst(b), prev; i >= 0; i = prev) {
                prev = f.prevInst(i);
                if (!f.opcode(i).isPure() || !allUnused(f, i, uses)) {
                    continue;
                }
                for (int k = 0; k < f.argCount(i); k++) {
                    uses[f.arg(i, k)]--;
                }
                f.removeInst(i);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean allUnused(Function f, int inst, int[] uses) {
        for (int k = 0; k < f.resultCount(inst); k++) {
            if (uses[f.result(inst, k)] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean removeDeadParams(Function f) {
        int[] uses = f.useCounts();
        ControlFlowGraph cfg = ControlFlowGraph.compute(f);
        boolean changed = false;
        int entry = f.entryBlock();
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            int np = f.blockParamCount(b);
            if (b == entry || np == 0) {
                continue;
            }
            boolean[] dead = new boolean[np];
            boolean any = false;
            for (int k = 0; k < np; k++) {
                dead[k] = uses[f.blockParam(b, k)] == 0;
                any |= dead[k];
            }
            if (!any) {
                continue;
            }
            Edges.removeBlockParams(f, cfg, b, dead);
            changed = true;
        }
        return changed;
    }
}
