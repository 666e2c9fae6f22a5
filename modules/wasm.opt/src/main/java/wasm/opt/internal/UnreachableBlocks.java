package wasm.opt.internal;

import wasm.ir.Function;
import wasm.ir.analysis.ControlFlowGraph;

/** Removal of the blocks no path from the entry reaches (cfg_cleanup, and the e-graph before its walks). */
public final class UnreachableBlocks {
    private UnreachableBlocks() {
    }

    /** Takes the blocks of {@code f} unreachable from its entry out of the layout; true when there were any. */
    public static boolean remove(Function f) {
        return remove(f, ControlFlowGraph.compute(f));
    }

    /** As {@link #remove(Function)}, with {@code f}'s current control-flow graph already at hand. */
    public static boolean remove(Function f, ControlFlowGraph cfg) {
        boolean changed = false;
        for (int b = f.firstBlock(), next; b >= 0; b = next) {
            next = f.nextBlock(b);
            if (!cfg.isReachable(b)) {
                f.removeBlock(b);
                changed = true;
            }
        }
        return changed;
    }
}
