package wasm.runtime.internal.jit;

import java.util.Optional;
import wasm.core.model.Module;
import wasm.ir.Function;
import wasm.ir.translate.WasmToIr;
import wasm.opt.ModuleContext;

/**
 * The {@link ModuleContext} of one function's compile: callee bodies translated
 * afresh from the module (immutable) by a translator of this compile's own, so
 * compiles of the functions of one module may run on any threads, in any order,
 * eagerly or on first call. Imports have no body: never inlined. Nor is a callee
 * with a JIT gap ({@link JitGaps}): its code would carry the gap into a caller the
 * JIT was told it can compile.
 */
final class TranslatingModuleContext implements ModuleContext {
    private final Module module;
    private final int imported;
    private final WasmToIr translator = new WasmToIr();

    TranslatingModuleContext(Module module) {
        this.module = module;
        this.imported = module.functionCount() - module.functions().size();
    }

    @Override
    public int calleeSize(int funcIndex) {
        if (funcIndex < imported || funcIndex >= module.functionCount()) {
            return -1;
        }
        return module.codes().get(funcIndex - imported).code().size();
    }

    @Override
    public Optional<Function> calleeIr(int funcIndex) {
        // The gap scan reads the whole body: done here, for the callees the size budget let through,
        // not in calleeSize, which the inliner asks of every call site.
        if (calleeSize(funcIndex) < 0 || JitGaps.of(module, funcIndex) != null) {
            return Optional.empty();
        }
        return Optional.of(translator.translate(module, funcIndex));
    }
}
