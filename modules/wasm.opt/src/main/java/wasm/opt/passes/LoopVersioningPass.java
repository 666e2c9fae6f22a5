package wasm.opt.passes;

import wasm.ir.Function;
import wasm.opt.Pass;
import wasm.opt.PassContext;
import wasm.opt.internal.loops.LoopVersioning;

/**
 * Bounds-check versioning of counted loops: one check before the loop decides
 * whether every access whose address is affine in the induction variable stays
 * in bounds for the whole loop; if so a copy of the loop without those checks
 * runs, else the original, which traps exactly as before
 * ({@link LoopVersioning} has the conditions).
 */
public final class LoopVersioningPass implements Pass {
    public static final LoopVersioningPass INSTANCE = new LoopVersioningPass();

    private LoopVersioningPass() {
    }

    @Override
    public String name() {
        return "loop_bounds";
    }

    @Override
    public boolean run(Function f) {
        return run(f, PassContext.NONE);
    }

    @Override
    public boolean run(Function f, PassContext context) {
        LoopVersioning.Result r = LoopVersioning.run(f);
        if (context.keepsNotes() && r.countedLoops() > 0) {
            context.note(r.countedLoops() + " counted loops, " + r.loopsVersioned() + " versioned, "
                    + r.accessesUnchecked() + " accesses without checks in the fast copies");
        }
        return r.changed();
    }
}
