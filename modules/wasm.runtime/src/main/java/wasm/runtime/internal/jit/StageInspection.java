package wasm.runtime.internal.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import perf.metrics.FunctionMetrics;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import perf.metrics.ModuleReport;
import perf.metrics.PassReport;
import wasm.backend.CompileUnsupported;
import wasm.backend.CompiledFunction;
import wasm.backend.code.Relocation;
import wasm.backend.code.TrapSite;
import wasm.core.WasmException;
import wasm.core.model.Module;
import wasm.ir.Function;
import wasm.ir.text.IrPrinter;
import wasm.opt.PassContext;
import wasm.runtime.tooling.JitInspector.FunctionStages;
import wasm.runtime.tooling.JitInspector.PassLine;
import wasm.runtime.tooling.JitInspector.RelocationNote;
import wasm.runtime.tooling.JitInspector.TrapNote;

/** {@link wasm.runtime.tooling.JitInspector}'s work: the JIT's own compiler, observed stage by stage. */
public final class StageInspection {
    private StageInspection() {
    }

    /** Text of each stage, filled in as the compiler reaches it. */
    private static final class Recorder implements IrNativeCompiler.Observer {
        String ir = "";
        String irOpt = "";
        String vcode = "";
        String vcodeAllocated = "";
        List<PassContext.PassNote> notes = List.of();
        int constantPool = -1;

        @Override
        public void translated(Function f) {
            ir = IrPrinter.print(f);
        }

        @Override
        public void optimized(Function f) {
            irOpt = IrPrinter.print(f);
        }

        @Override
        public void passNotes(List<PassContext.PassNote> passNotes) {
            notes = passNotes;
        }

        @Override
        public void vcode(int funcIndex, String text) {
            vcode = text;
        }

        @Override
        public void vcodeAllocated(int funcIndex, String text) {
            vcodeAllocated = text;
        }

        @Override
        public void constantPool(int funcIndex, int offset) {
            constantPool = offset;
        }
    }

    public static FunctionStages inspect(Module module, int funcIndex, int optLevel) {
        int imported = module.functionCount() - module.functions().size();
        ModuleVmctxLayout layout = ModuleVmctxLayout.of(module, Metering.DEFAULT);
        List<ModuleReport> reports = new ArrayList<>();
        ModuleMetrics mm = MetricsRecorder.collecting(reports::add).beginModule(1);
        FunctionMetrics fm = mm.beginFunction(funcIndex, module.functionName(funcIndex), optLevel);
        Recorder recorder = new Recorder();
        CompiledFunction compiled = null;
        String unsupported = null;
        try {
            // As JitEngine.instantiate: defined functions together (rel32 calls), imports through vmctx.
            compiled = new IrNativeCompiler(optLevel).compile(module, funcIndex, layout, j -> j >= imported, fm,
                    recorder);
        } catch (CompileUnsupported e) {
            unsupported = e.reason();
        } catch (WasmException e) {
            throw e; // not translatable: there is no stage to show
        } catch (RuntimeException | StackOverflowError e) {
            // As JitEngine.instantiate: a compiler bug makes the function fall back to the interpreter.
            unsupported = "compiler error: " + e;
        }
        if (unsupported != null) {
            fm.fallback(unsupported);
        }
        mm.end();
        List<PassLine> passes = new ArrayList<>();
        List<PassReport> reported = reports.getFirst().functions().getFirst().irPasses();
        for (int k = 0; k < reported.size(); k++) {
            PassReport p = reported.get(k);
            StringBuilder note = new StringBuilder();
            for (PassContext.PassNote n : recorder.notes) {
                if (n.pass() == k) {
                    note.append(note.isEmpty() ? "" : "; ").append(n.text());
                }
            }
            passes.add(new PassLine(p.name(), p.beforeInsts(), p.afterInsts(), p.changed(), note.toString()));
        }
        if (compiled == null) {
            return new FunctionStages(funcIndex, recorder.ir, recorder.irOpt, passes, recorder.vcode,
                    recorder.vcodeAllocated, Optional.of(unsupported), new byte[0], List.of(), List.of(), 0);
        }
        List<TrapNote> traps = new ArrayList<>();
        for (TrapSite t : compiled.trapSites()) {
            traps.add(new TrapNote(t.offset(), t.code().message()));
        }
        List<RelocationNote> relocations = new ArrayList<>();
        for (Relocation r : compiled.relocations()) {
            relocations.add(new RelocationNote(r.offset(), String.valueOf(r.target())));
        }
        byte[] code = compiled.code().code();
        return new FunctionStages(funcIndex, recorder.ir, recorder.irOpt, passes, recorder.vcode,
                recorder.vcodeAllocated, Optional.empty(), code, traps, relocations,
                recorder.constantPool >= 0 ? recorder.constantPool : code.length);
    }

    /**
     * Compiles every defined function as an eager instantiation would (in parallel on
     * {@code threads} threads), with metrics, and returns how many compiled.
     */
    public static int compileAll(Module module, int optLevel, MetricsRecorder recorder, int threads) {
        ModuleMetrics mm = recorder.beginModule(module.functions().size());
        CompiledModule compiled = ModuleCompiler.standard(optLevel, threads).compile(module, new byte[0], mm, recorder);
        mm.end();
        return compiled.compiledCount();
    }

    /** {@link #compileAll(Module, int, MetricsRecorder, int)} on one thread. */
    public static int compileAll(Module module, int optLevel, MetricsRecorder recorder) {
        return compileAll(module, optLevel, recorder, 1);
    }
}
