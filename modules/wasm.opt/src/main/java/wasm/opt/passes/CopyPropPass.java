package wasm.opt.passes;

import wasm.ir.Function;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.opt.Pass;
import wasm.opt.internal.Edges;

/**
 * Copy propagation over block parameters (the SSA form of "phi elimination"):
 * a parameter that receives the same value {@code v} on every incoming edge,
 * not counting edges that pass the parameter back to itself, is a copy of
 * {@code v}. Its uses read {@code v} and the parameter and its arguments go
 * away. Sound because the first arrival at the block from the entry comes over
 * an edge passing {@code v}, so {@code v}'s definition dominates the block.
 * Repeated until nothing changes, since removing one copy can make another
 * trivial (Braun et al.'s trivial phi removal). The IR has no copy
 * instruction; aliases made here are resolved on every operand read.
 */
public final class CopyPropPass implements Pass {
    public static final CopyPropPass INSTANCE = new CopyPropPass();

    private CopyPropPass() {
    }

    @Override
    public String name() {
        return "copy_prop";
    }

    @Override
    public boolean run(Function f) {
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = false;
            ControlFlowGraph cfg = ControlFlowGraph.compute(f);
            int entry = f.entryBlock();
            for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
                int np = f.blockParamCount(b);
                if (b == entry || np == 0 || !cfg.isReachable(b)) {
                    continue;
                }
                boolean[] remove = new boolean[np];
                int removed = 0;
                for (int k = 0; k < np; k++) {
                    int param = f.blockParam(b, k);
                    int same = -1;
                    boolean trivial = true;
                    for (int e = 0; e < cfg.predecessorCount(b) && trivial; e++) {
                        int v = f.targetArg(cfg.predecessorInst(b, e), cfg.predecessorTarget(b, e), k);
                        if (v == param || v == same) {
                            continue;
                        }
                        if (same < 0) {
                            same = v;
                        } else {
                            trivial = false;
                        }
                    }
                    if (trivial && same >= 0) {
                        f.replaceAllUses(param, same);
                        remove[k] = true;
                        removed++;
                    }
                }
                if (removed == 0) {
                    continue;
                }
                Edges.removeBlockParams(f, cfg, b, remove);
                again = true;
                changed = true;
            }
        }
        return changed;
    }
}
