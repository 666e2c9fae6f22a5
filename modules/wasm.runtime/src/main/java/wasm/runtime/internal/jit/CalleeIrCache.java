package wasm.runtime.internal.jit;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import wasm.core.model.Module;
import wasm.ir.Function;
import wasm.ir.translate.WasmToIr;

/**
 * The unoptimised IR of one module's functions as the inliner reads it, translated
 * at most once per cache: a callee small enough to inline is asked for at every call
 * site of every caller, and translating it again each time made the {@code inline}
 * pass the largest of the O2 pipeline. One cache serves every thread of one module
 * compile ({@link ModuleCompiler}); a compiler working alone (lazy compilation, the
 * inspection tools) keeps one per function compile, which still translates a callee
 * inlined at several sites of that function once.
 *
 * <p>A cached function is never changed (the inliner copies from it), and its
 * aliases are resolved before anyone sees it, so reading it writes nothing
 * ({@link Function#resolve} compresses alias paths as it reads): threads share it
 * without locks. The map publishes each function safely; a thread asking for a
 * callee that another is translating waits for that translation.
 *
 * <p>Imports have no body, and a callee with a JIT gap ({@link JitGaps}) is not
 * inlined (its code would carry the gap into a caller the JIT was told it can
 * compile): both are cached as empty.
 */
final class CalleeIrCache {
    private final Module module;
    private final int imported;
    private final ConcurrentHashMap<Integer, Optional<Function>> byIndex = new ConcurrentHashMap<>();

    CalleeIrCache(Module module) {
        this.module = module;
        this.imported = module.functionCount() - module.functions().size();
    }

    /** Whether this cache holds functions of {@code m}. */
    boolean isFor(Module m) {
        return m == module;
    }

    /** Wasm instructions in defined function {@code funcIndex}'s body, or -1 for an import or no function. */
    int size(int funcIndex) {
        if (funcIndex < imported || funcIndex >= module.functionCount()) {
            return -1;
        }
        return module.codes().get(funcIndex - imported).code().size();
    }

    /**
     * The shared, read-only IR of defined function {@code funcIndex}, translated by
     * {@code translator} (the asking thread's own) on the first request, or empty.
     */
    Optional<Function> ir(int funcIndex, WasmToIr translator) {
        if (size(funcIndex) < 0) {
            return Optional.empty();
        }
        return byIndex.computeIfAbsent(funcIndex, i -> {
            if (JitGaps.of(module, i) != null) {
                return Optional.empty();
            }
            Function f = translator.translate(module, i);
            f.resolveAllAliases();
            return Optional.of(f);
        });
    }
}
