package wasm.opt;

import java.util.Optional;
import wasm.ir.Function;

/**
 * What the passes of one function may read about the rest of its module: the
 * IR of the functions it calls directly, for inlining. Implementations build
 * each callee's IR from immutable inputs (the module's bytes) and may hand out
 * one function for every request, also to several threads at once: the passes
 * only read it (the inliner copies the blocks it inlines), so functions of one
 * module can be compiled concurrently, in any order, eagerly or lazily.
 */
public interface ModuleContext {

    /** No module around the function: nothing is inlined. */
    ModuleContext NONE = new ModuleContext() {
        @Override
        public int calleeSize(int funcIndex) {
            return -1;
        }

        @Override
        public Optional<Function> calleeIr(int funcIndex) {
            return Optional.empty();
        }
    };

    /**
     * A cheap size estimate of function {@code funcIndex}'s body (its Wasm instruction
     * count), or -1 when it cannot be inlined (an import, or nothing known).
     */
    int calleeSize(int funcIndex);

    /**
     * The unoptimised IR of defined function {@code funcIndex} (its entry block takes
     * {@code vmctx} and the parameters), or empty. The caller must not change it: it may
     * be shared with other compiles, so its aliases are resolved and reading it writes nothing.
     */
    Optional<Function> calleeIr(int funcIndex);
}
