package wasm.opt.passes;

import wasm.ir.Function;
import wasm.opt.Pass;
import wasm.opt.PassContext;
import wasm.opt.internal.LoadForwarding;

/**
 * Store-to-load forwarding and redundant load elimination within extended basic blocks
 * ({@link LoadForwarding} has the rules and the argument). Runs after {@code address_fold},
 * which turns the accesses at {@code sp + k} into accesses at {@code sp} with offset {@code k}:
 * one address value with offsets is what the forwarding compares.
 */
public final class LoadForwardPass implements Pass {
    public static final LoadForwardPass INSTANCE = new LoadForwardPass();

    private LoadForwardPass() {
    }

    @Override
    public String name() {
        return "load_forward";
    }

    @Override
    public boolean run(Function f) {
        return run(f, PassContext.NONE);
    }

    @Override
    public boolean run(Function f, PassContext context) {
        int n = LoadForwarding.run(f);
        if (context.keepsNotes() && n > 0) {
            context.note(n + " loads replaced by values stored or loaded before");
        }
        return n > 0;
    }
}
