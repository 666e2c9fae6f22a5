package wasm.backend;

import java.util.function.IntPredicate;

import perf.metrics.FunctionMetrics;
import wasm.backend.code.CodeBuffer;
import wasm.backend.internal.x64.Pipeline;
import wasm.ir.Function;

/**
 * Compiles one IR function to x86-64 machine code per the JIT ABI
 * (docs/architecture.md "JIT execution ABI", with v2 for several results: {@link wasm.backend.x64.SysVAbi#RESULTS_AREA}): lowering to VCode, linear-scan register allocation,
 * emission with trap stubs. Stages are timed into {@link FunctionMetrics}
 * (LOWER, REGALLOC, EMIT) with the allocator's counters and the code size.
 *
 * <p>Throws {@link CompileUnsupported} (reason in the message) when the function
 * uses something the compiler does not cover; the runtime then keeps it interpreted.
 *
 * @param layout           vmctx offsets of the module instance
 * @param compiledTogether callees compiled into the same code image (called by
 *                         rel32 with a {@code RelocationTarget.Function(j)}
 *                         relocation); every other callee is called through its
 *                         vmctx code slot
 * @param checkAllocation  run the register allocation checker on every function (debug)
 * @param features         the instruction-set extensions the code may use (the code runs only
 *                         where the CPU has them): {@link CpuFeatures#host()} by default
 * @param returnsInPlace   callees known to return with rsp and r15 as their caller had them:
 *                         functions of this module whose code never tail-calls (JIT ABI v4, see
 *                         {@link wasm.backend.x64.SysVAbi#stackArea}); a call of one needs no
 *                         re-derivation of rsp and reload of r15 afterwards. None by default
 *                         (every call of wasm code is followed by both)
 */
public record X64Compiler(VmctxLayout layout, IntPredicate compiledTogether, boolean checkAllocation,
                          CpuFeatures features, IntPredicate returnsInPlace) {

    /** A compiler for this machine's CPU ({@link CpuFeatures#host()}). */
    public X64Compiler(VmctxLayout layout, IntPredicate compiledTogether, boolean checkAllocation) {
        this(layout, compiledTogether, checkAllocation, CpuFeatures.host());
    }

    /** A compiler that fixes rsp and r15 up after every call of wasm code. */
    public X64Compiler(VmctxLayout layout, IntPredicate compiledTogether, boolean checkAllocation,
                       CpuFeatures features) {
        this(layout, compiledTogether, checkAllocation, features, j -> false);
    }

    /**
     * What code compiled for {@code features} assumes of the machine, as text for code caches
     * (which refuse code made for another target): {@code x86_64:} and {@link CpuFeatures#key()}.
     */
    public static String target(CpuFeatures features) {
        return "x86_64:" + features.key();
    }

    /** Compiles {@code f} as a single function: every call goes through vmctx slots. */
    public static CompiledFunction compile(Function f, VmctxLayout layout, FunctionMetrics metrics) {
        return new X64Compiler(layout, j -> false, false).compile(-1, f, metrics);
    }

    /**
     * Compiles function {@code funcIndex} (module function space; -1 when the
     * caller does not care).
     */
    public CompiledFunction compile(int funcIndex, Function f, FunctionMetrics metrics) {
        return compile(funcIndex, f, metrics, CompileListener.NONE);
    }

    /**
     * Compiles function {@code funcIndex} like {@link #compile(int, Function, FunctionMetrics)} and shows
     * {@code listener} the VCode before and after register allocation.
     */
    public CompiledFunction compile(int funcIndex, Function f, FunctionMetrics metrics, CompileListener listener) {
        CodeBuffer buf = new CodeBuffer(1024);
        Pipeline.Result r = Pipeline.compile(funcIndex, f, layout, compiledTogether, returnsInPlace, checkAllocation,
                features, buf, metrics, listener);
        return new CompiledFunction(funcIndex, r.code(), r.spillSlots());
    }
}
