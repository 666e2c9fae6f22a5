package wasm.runtime.internal.jit;

import java.util.function.IntPredicate;

import perf.metrics.FunctionMetrics;
import wasm.backend.CompiledFunction;
import wasm.backend.VmctxLayout;
import wasm.core.model.Module;

/**
 * Compiles one defined function of a module to native code per the JIT ABI, or
 * throws {@link wasm.backend.CompileUnsupported} (any other exception also
 * makes the function fall back to the interpreter).
 */
@FunctionalInterface
public interface NativeCompiler {
    /**
     * @param compiledTogether function indices defined in the same code image (direct rel32 calls allowed)
     */
    CompiledFunction compile(Module module, int funcIndex, VmctxLayout layout, IntPredicate compiledTogether,
                             FunctionMetrics metrics);
}
