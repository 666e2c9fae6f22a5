package wasm.opt;

import java.util.Optional;
import wasm.ir.Function;

/**
 * What the passes of one function may read about the rest of its module: the
 * IR of the functions it calls directly, for inlining. Implementations build
 * each callee's IR from immutable inputs (the module's bytes, a cache of
 * translated functions) and hand out a fresh copy per request, so functions of
 * one module can be compiled concurrently, in any order, eagerly or lazily.
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
     * The unoptimised IR of defined function {@code funcIndex}, a copy the caller may
     * change (its entry block takes {@code vmctx} and the parameters), or empty.
     */
    Optional<Function> calleeIr(int funcIndex);
}
