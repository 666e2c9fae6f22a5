package wasm.backend.x64;

import java.util.List;

/**
 * The System V AMD64 calling convention's register roles, as the FFM downcall
 * into an entry trampoline (and every native call out) uses them. Register
 * allocation reads these lists; they are immutable.
 */
public final class SysVAbi {
    /** Integer/pointer arguments, in order. */
    public static final List<Gpr> INT_ARGS = List.of(Gpr.RDI, Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9);
    /** Float arguments, in order (then the stack, shared with integers). */
    public static final List<Xmm> FLOAT_ARGS = List.of(Xmm.XMM0, Xmm.XMM1, Xmm.XMM2, Xmm.XMM3, Xmm.XMM4,
            Xmm.XMM5, Xmm.XMM6, Xmm.XMM7);
    /** Integer results: rax, then rdx for a second word. */
    public static final List<Gpr> INT_RESULTS = List.of(Gpr.RAX, Gpr.RDX);
    /** Preserved across calls: a callee that uses them saves and restores them. */
    public static final List<Gpr> CALLEE_SAVED = List.of(Gpr.RBX, Gpr.RBP, Gpr.R12, Gpr.R13, Gpr.R14, Gpr.R15);
    /** Clobbered by calls (besides every XMM register: SysV preserves none of them). */
    public static final List<Gpr> CALLER_SAVED = List.of(Gpr.RAX, Gpr.RCX, Gpr.RDX, Gpr.RSI, Gpr.RDI,
            Gpr.R8, Gpr.R9, Gpr.R10, Gpr.R11);
    /**
     * wasmoon JIT ABI v2, functions with more than one result: the caller reserves a results
     * area of one 8-byte slot per result (8-byte aligned, in its own frame) and passes its
     * address in this register, a hidden argument outside the SysV argument registers (so the
     * wasm parameters keep their v1 registers and stack slots). The callee stores result k at
     * [area + 8k] before returning (i32/f32: low 32 bits significant, the rest unspecified;
     * floats as bit patterns) and returns nothing in rax/xmm0. Functions with zero or one result
     * are unchanged from v1 (rax is then not an argument).
     */
    public static final Gpr RESULTS_AREA = Gpr.RAX;
    /** rsp is 16-byte aligned at every call instruction (so rsp % 16 == 8 on entry). */
    public static final int STACK_ALIGNMENT = 16;

    /**
     * wasmoon JIT ABI v4: the bytes a caller reserves above the return address for a callee with
     * {@code slots} 8-byte stack argument slots, rounded up to {@link #STACK_ALIGNMENT}. The callee
     * owns all of them (padding included) until it returns: a tail call may write its own callee's
     * arguments there, and moves the return address when that callee's area has another size, so
     * the callee may return with rsp moved by the difference. Callers of wasm code therefore
     * re-derive rsp from their frame after the call, and reload r15 (a tail call may also switch the
     * instance), unless the callee is a function of their own module whose code never tail-calls
     * ({@link wasm.backend.X64Compiler#returnsInPlace}).
     */
    public static int stackArea(int slots) {
        return (8 * slots + STACK_ALIGNMENT - 1) & -STACK_ALIGNMENT;
    }

    private SysVAbi() {}
}
