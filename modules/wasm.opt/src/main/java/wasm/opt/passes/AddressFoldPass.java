package wasm.opt.passes;

import wasm.ir.Function;
import wasm.ir.analysis.RedundantBoundsChecks;
import wasm.opt.Pass;
import wasm.opt.PassContext;

/**
 * Constant addends of checked addresses into the access's offset: a load or store at
 * {@code x + k} ({@code k >= 0} constant) that a dominating access to {@code x} already checked
 * past {@code k + offset + bytes} becomes an access at {@code x}, offset {@code + k}, in bounds
 * ({@link RedundantBoundsChecks#foldCheckedAddends} has the argument). Runs after the e-graph,
 * which leaves such adds hoisted out of loops (a shadow-stack frame's {@code sp + k} per field);
 * the {@code dce} after it removes the adds nothing else reads.
 */
public final class AddressFoldPass implements Pass {
    public static final AddressFoldPass INSTANCE = new AddressFoldPass();

    private AddressFoldPass() {
    }

    @Override
    public String name() {
        return "address_fold";
    }

    @Override
    public boolean run(Function f) {
        return run(f, PassContext.NONE);
    }

    @Override
    public boolean run(Function f, PassContext context) {
        int n = RedundantBoundsChecks.foldCheckedAddends(f);
        if (context.keepsNotes() && n > 0) {
            context.note(n + " accesses at x + k addressed from x, in bounds");
        }
        return n > 0;
    }
}
