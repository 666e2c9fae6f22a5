package wasm.runtime.internal.jit;

import java.util.Optional;
import wasm.ir.Function;
import wasm.ir.translate.WasmToIr;
import wasm.opt.ModuleContext;

/**
 * The {@link ModuleContext} of one function's compile: callee bodies come from a
 * {@link CalleeIrCache} of the module (immutable IR, translated at most once per
 * cache by the compiling thread's own translator), so compiles of the functions of
 * one module may run on any threads, in any order, eagerly or on first call.
 */
final class TranslatingModuleContext implements ModuleContext {
    private final CalleeIrCache callees;
    private final WasmToIr translator;

    TranslatingModuleContext(CalleeIrCache callees, WasmToIr translator) {
        this.callees = callees;
        this.translator = translator;
    }

    @Override
    public int calleeSize(int funcIndex) {
        return callees.size(funcIndex);
    }

    @Override
    public Optional<Function> calleeIr(int funcIndex) {
        // The gap scan reads the whole body: done by the cache, once, for the callees the size
        // budget let through, not in calleeSize, which the inliner asks of every call site.
        return callees.ir(funcIndex, translator);
    }
}
