package wasm.runtime.internal.jit;

import java.util.function.IntPredicate;

import perf.metrics.FunctionMetrics;
import wasm.backend.CompiledFunction;
import wasm.backend.VmctxLayout;
import wasm.backend.X64Compiler;
import wasm.core.model.Module;
import wasm.ir.Function;
import wasm.ir.translate.WasmToIr;
import wasm.opt.OptLevel;
import wasm.opt.PassPipeline;

/** The JIT pipeline: Wasm to IR (wasm.ir), passes per -O level (wasm.opt), x86-64 (wasm.backend). */
public final class IrNativeCompiler implements NativeCompiler {
    private final PassPipeline pipeline;

    public IrNativeCompiler(int optLevel) {
        this.pipeline = PassPipeline.forLevel(OptLevel.of(optLevel));
    }

    @Override
    public CompiledFunction compile(Module module, int funcIndex, VmctxLayout layout, IntPredicate compiledTogether,
                                    FunctionMetrics metrics) {
        Function f = new WasmToIr().translate(module, funcIndex);
        pipeline.run(f, metrics);
        return new X64Compiler(layout, compiledTogether, false).compile(funcIndex, f, metrics);
    }
}
