package wasm.runtime.internal.jit;

import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

import perf.metrics.FunctionMetrics;
import wasm.backend.CompileListener;
import wasm.backend.CompileUnsupported;
import wasm.backend.CompiledFunction;
import wasm.backend.CpuFeatures;
import wasm.backend.VmctxLayout;
import wasm.backend.X64Compiler;
import wasm.core.JitGap;
import wasm.core.model.Module;
import wasm.ir.Function;
import wasm.ir.translate.WasmToIr;
import wasm.opt.OptLevel;
import wasm.opt.PassContext;
import wasm.opt.PassPipeline;

/**
 * The JIT pipeline: Wasm to IR (wasm.ir), passes per -O level (wasm.opt), x86-64 (wasm.backend).
 * One compile context: not thread-safe (a parallel compile makes one per thread).
 */
public final class IrNativeCompiler implements NativeCompiler {
    private final PassPipeline pipeline;
    /**
     * For code metered for fuel: the same passes without inlining, so that every call still enters its
     * callee's prologue and pays its unit, as in the interpreter.
     */
    private final PassPipeline meteredPipeline;
    /**
     * Reused, so the module-wide tables it derives (function types, globals) are built once per
     * module rather than once per function: a fresh translator per function made a module's
     * compile quadratic in its function count.
     */
    private final WasmToIr translator = new WasmToIr();
    /** Resolved once, so a bad -Dwasmoon.cpu.disable fails the engine's creation, not each compile. */
    private final CpuFeatures features;
    /**
     * Whether the register allocation checker verifies every function ({@value #CHECK_PROPERTY}=true:
     * the test build sets it, so every test that compiles also checks the allocator's output).
     */
    private final boolean checkAllocation;

    /** The system property that turns the register allocation checker on (a debugging aid, slow). */
    public static final String CHECK_PROPERTY = "wasmoon.jit.checkAllocation";
    /** The callee IR shared by the compile threads of one module, or null: one cache per function compile. */
    private final CalleeIrCache sharedCallees;

    public IrNativeCompiler(int optLevel) {
        this(optLevel, null);
    }

    /**
     * A compiler of one thread of a module compile whose threads share {@code callees} (the
     * inliner's callee IR, translated once for all of them); null for a compiler working alone.
     */
    IrNativeCompiler(int optLevel, CalleeIrCache callees) {
        this.pipeline = PassPipeline.forLevel(OptLevel.of(optLevel));
        this.features = CpuFeatures.host();
        PassPipeline.Builder b = PassPipeline.builder(pipeline.level());
        for (wasm.opt.Pass p : pipeline.passes()) {
            if (!(p instanceof wasm.opt.passes.InlinePass)) {
                b.add(p);
            }
        }
        this.meteredPipeline = b.build();
        this.checkAllocation = Boolean.getBoolean(CHECK_PROPERTY);
        this.sharedCallees = callees;
    }

    /** Sees the IR around the passes and, as a {@link CompileListener}, the backend's stages. */
    public interface Observer extends CompileListener {
        /** The IR right after translation from Wasm (before any pass). */
        default void translated(Function f) {
        }

        /** The IR after the pass pipeline, before the backend. */
        default void optimized(Function f) {
        }

        /** What the passes noted (e-graph statistics, inlined callees, versioned loops), in pass order. */
        default void passNotes(List<PassContext.PassNote> notes) {
        }
    }

    /** No observation: the JIT's own case. */
    private static final Observer UNOBSERVED = new Observer() {
    };

    @Override
    public CompiledFunction compile(Module module, int funcIndex, VmctxLayout layout, IntPredicate compiledTogether,
                                    FunctionMetrics metrics) {
        return compile(module, funcIndex, layout, compiledTogether, metrics, UNOBSERVED);
    }

    /** The same compilation, showing {@code observer} every stage (for {@link wasm.runtime.tooling.JitInspector}). */
    public CompiledFunction compile(Module module, int funcIndex, VmctxLayout layout, IntPredicate compiledTogether,
                                    FunctionMetrics metrics, Observer observer) {
        // Decided on the Wasm code, as strict mode decides before compiling (JitGaps), so both agree
        // even where the passes deleted the instruction that needs the gap.
        JitGap gap = JitGaps.of(module, funcIndex);
        Function f = translator.translate(module, funcIndex);
        observer.translated(f);
        PassContext context = optimize(module, funcIndex, f, layout, metrics, observer != UNOBSERVED);
        observer.optimized(f);
        observer.passNotes(context.notes());
        if (gap != null) {
            throw new CompileUnsupported(gap.reason());
        }
        // UNOBSERVED goes in as NONE so the backend renders no VCode text.
        return lower(module, funcIndex, f, layout, compiledTogether, metrics,
                observer == UNOBSERVED ? CompileListener.NONE : observer);
    }

    /** Runs the pass pipeline of {@code layout}'s metering over {@code f} (function {@code funcIndex}'s IR). */
    private PassContext optimize(Module module, int funcIndex, Function f, VmctxLayout layout,
                                 FunctionMetrics metrics, boolean observed) {
        CalleeIrCache callees = sharedCallees != null && sharedCallees.isFor(module) ? sharedCallees
                : new CalleeIrCache(module);
        PassContext context = PassContext.of(new TranslatingModuleContext(callees, translator), funcIndex, observed);
        (layout.fuelCounter() >= 0 ? meteredPipeline : pipeline).run(f, metrics, context);
        return context;
    }

    /** The backend: x86-64 code of the optimized IR {@code f}. */
    private CompiledFunction lower(Module module, int funcIndex, Function f, VmctxLayout layout,
                                   IntPredicate compiledTogether, FunctionMetrics metrics, CompileListener listener) {
        return new X64Compiler(layout, compiledTogether, checkAllocation, features, returnsInPlace(module))
                .compile(funcIndex, f, metrics, listener);
    }

    /**
     * The on-stack-replacement entry of defined function {@code funcIndex}
     * ({@link WasmToIr#translateOsr}: a function of a loop's index and the locals), compiled by the
     * same pipeline, and the loops it can start at. Its calls of the module's functions go to their
     * entries as the function's own would, itself included.
     *
     * @throws CompileUnsupported when the function has what the JIT leaves to the interpreter
     */
    public OsrCode compileOsr(Module module, int funcIndex, VmctxLayout layout, IntPredicate compiledTogether,
                              FunctionMetrics metrics) {
        JitGap gap = JitGaps.of(module, funcIndex);
        if (gap != null) {
            throw new CompileUnsupported(gap.reason());
        }
        Function f = translator.translateOsr(module, funcIndex);
        int[] loops = translator.osrLoops();
        optimize(module, funcIndex, f, layout, metrics, false);
        return new OsrCode(lower(module, funcIndex, f, layout, compiledTogether, metrics, CompileListener.NONE), loops);
    }

    /**
     * A function's on-stack-replacement entry: its code, and the loops (by instruction index in the
     * body, ascending) it can start at.
     */
    public record OsrCode(CompiledFunction code, int[] loops) {
    }

    /**
     * The callees of {@code module} that return with the rsp and r15 they were called with
     * ({@link X64Compiler#returnsInPlace}): its defined functions whose body has no return_call or
     * return_call_indirect. Their code pops its own frame and fixes up after each of its calls that
     * may come back moved (imports, call_indirect, callees that tail-call), so a call of one needs
     * no fix-up; in a module without tail calls that is every call but imports and call_indirect.
     * Imports never are: another instance's function runs behind a thunk that switches r15 and may
     * tail-call onward with another stack area. Decided on the Wasm code (as {@link JitGaps} is),
     * so every function compiled from the module, eagerly, lazily or into a code cache, agrees;
     * a decoded body answers without being decoded, a parsed one is scanned once per compile.
     */
    static IntPredicate returnsInPlace(Module module) {
        int imported = module.functionCount() - module.functions().size();
        BitSet asked = new BitSet();
        BitSet tailCalling = new BitSet();
        return j -> {
            if (j < imported) {
                return false;
            }
            int k = j - imported;
            if (!asked.get(k)) {
                asked.set(k);
                tailCalling.set(k, module.codes().get(k).tailCalls());
            }
            return !tailCalling.get(k);
        };
    }
}
