package wasm.backend.internal.x64;

import java.util.function.IntPredicate;

import perf.metrics.FunctionMetrics;
import perf.metrics.Stage;
import wasm.backend.CompileListener;
import wasm.backend.CpuFeatures;
import wasm.backend.VmctxLayout;
import wasm.backend.code.CodeBuffer;
import wasm.backend.code.FinishedCode;
import wasm.ir.Function;

/** Lower, allocate (and optionally check), emit: the compiler's stages in order. */
public final class Pipeline {
    private Pipeline() {
    }

    /** What the stages report besides the code. */
    public record Result(FinishedCode code, int spillSlots) {}

    public static Result compile(int funcIndex, Function f, VmctxLayout layout, IntPredicate compiledTogether,
                                 IntPredicate returnsInPlace, boolean check, CpuFeatures features, CodeBuffer buf,
                                 FunctionMetrics metrics, CompileListener listener) {
        long t = metrics.startTimer();
        VCode vcode = Lowering.lower(f, compiledTogether, returnsInPlace, features, backEdgePoll(layout));
        metrics.endStage(Stage.LOWER, t);
        boolean observed = listener != CompileListener.NONE;
        if (observed) {
            listener.vcode(funcIndex, VCodePrinter.print(vcode, null));
        }
        t = metrics.startTimer();
        Allocation alloc = LinearScan.allocate(vcode);
        if (check) {
            RegallocChecker.check(vcode, alloc);
        }
        metrics.endStage(Stage.REGALLOC, t);
        metrics.regalloc(alloc.spillSlots(), alloc.spills(), alloc.reloads(), alloc.regMoves(), alloc.spillToSpill());
        if (observed) {
            listener.vcodeAllocated(funcIndex, VCodePrinter.print(vcode, alloc));
        }
        t = metrics.startTimer();
        int pool = Emitter.emit(vcode, alloc, layout, buf, features.has(CpuFeatures.Feature.AVX));
        FinishedCode code = buf.finish(); // resolves label fixups: part of emission
        metrics.endStage(Stage.EMIT, t);
        if (observed && pool >= 0) {
            listener.constantPool(funcIndex, pool);
        }
        metrics.codeSize(code.size());
        return new Result(code, alloc.spillSlots());
    }

    /** What loop back edges poll under {@code layout}, or null when they do not. */
    static MInst.Poll backEdgePoll(VmctxLayout layout) {
        boolean fuel = layout.fuelCounter() >= 0;
        return layout.interruptPolls() || fuel ? new MInst.Poll(layout.interruptPolls(), fuel) : null;
    }
}
