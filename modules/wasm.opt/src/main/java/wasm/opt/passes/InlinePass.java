package wasm.opt.passes;

import java.util.Map;
import wasm.ir.Function;
import wasm.opt.Pass;
import wasm.opt.PassContext;
import wasm.opt.internal.inline.Inliner;

/**
 * Inlining of small direct callees, with the module the {@link PassContext}
 * describes (nothing happens without one): see {@link Inliner} for the budget
 * and the recursion guard. Inlined blocks carry the callee's index
 * ({@link Function#blockOrigin}); the pass notes which callees went where.
 */
public final class InlinePass implements Pass {
    public static final InlinePass INSTANCE = new InlinePass();

    private InlinePass() {
    }

    @Override
    public String name() {
        return "inline";
    }

    @Override
    public boolean run(Function f) {
        return false; // no module: no callee bodies
    }

    @Override
    public boolean run(Function f, PassContext context) {
        Inliner.Result r = Inliner.run(f, context.module(), context.funcIndex());
        if (context.keepsNotes() && r.total() > 0) {
            StringBuilder sb = new StringBuilder("inlined");
            for (Map.Entry<Integer, Integer> e : r.sites().entrySet()) {
                sb.append(" fn").append(e.getKey()).append(" (").append(e.getValue())
                        .append(e.getValue() == 1 ? " site)" : " sites)");
            }
            context.note(sb.toString());
        }
        return r.total() > 0;
    }
}
