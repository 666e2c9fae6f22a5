package wasm.runtime.internal.jit;

import static wasm.runtime.internal.jit.ModuleVmctxLayout.NEXT_VMCTX;
import static wasm.runtime.internal.jit.ModuleVmctxLayout.STACK_LIMIT;
import static wasm.runtime.internal.jit.ModuleVmctxLayout.STORE_BLOCK;
import static wasm.runtime.internal.jit.ModuleVmctxLayout.TRAP_CODE;
import static wasm.runtime.internal.jit.ModuleVmctxLayout.TRAP_DETAIL;
import static wasm.runtime.internal.jit.ModuleVmctxLayout.UNWIND_RSP;
import static wasm.runtime.internal.jit.ModuleVmctxLayout.UNWIND_TARGET;

import wasm.backend.code.CodeBuffer;
import wasm.backend.code.FinishedCode;
import wasm.backend.code.Label;
import wasm.backend.code.TrapAbi;
import wasm.ir.TrapCode;
import wasm.backend.x64.Cond;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Mem;
import wasm.backend.x64.Size;
import wasm.backend.x64.SysVAbi;
import wasm.backend.x64.X64Assembler;
import wasm.backend.x64.Xmm;

/**
 * The runtime's generated glue (JIT ABI): entry trampolines (Java to wasm),
 * upcall thunks (wasm to a host or interpreted function), cross-instance thunks
 * (wasm to another instance's native function, switching r15) and small
 * utilities. Every piece is plain System V code assembled with
 * {@link X64Assembler}; addresses known when the glue is built are embedded
 * as immediates.
 */
final class ThunkAssembler {
    /** Store block fields: the head of the vmctx list and the current unwind state. */
    static final int SB_HEAD = 0;
    static final int SB_UNWIND_RSP = 8;
    static final int SB_UNWIND_TARGET = 16;
    /**
     * u64: the trapping vmctx's trapDetail, copied by the landing pad (only the trapping
     * instance's r15 is known there, the Java side reads it here).
     */
    static final int SB_TRAP_DETAIL = 24;
    /** u64: the end of the backtrace the landing pad recorded, as an offset into the store block. */
    static final int SB_TRACE_END = 32;
    /**
     * u64: the wasm thread's real stack limit, which bounds the backtrace walk. Not a vmctx's
     * stackLimit: the runtime poisons those (all ones) to interrupt running code, and the walk of
     * the trap that interruption causes still needs the real bound.
     */
    static final int SB_STACK_LIMIT = 40;
    /**
     * u64[{@link #MAX_TRACE}]: the last trap's backtrace: an address inside the trapping function
     * (0 when glue trapped), then the return addresses of the frame-pointer chain, innermost first.
     */
    static final int SB_TRACE = 48;
    static final int MAX_TRACE = 64;
    static final int STORE_BLOCK_SIZE = SB_TRACE + 8 * MAX_TRACE;
    /**
     * How far below the stack limit a frame may lie and still be read: a function's frame is
     * allocated after its limit check; the limit keeps megabytes above the guard zones.
     */
    private static final int FRAME_SLACK = 1 << 16;

    /** Returned by an entry trampoline when the trap code read back was 0 (should not happen). */
    static final int UNKNOWN_TRAP = 0xFFFF;

    private static final Gpr[] INT_ARGS = {Gpr.RDI, Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9};
    /** Entry frame: saved unwind rsp, saved unwind target, resultv, code (later trap code), vmctx. */
    private static final int F_OLD_RSP = 0;
    private static final int F_OLD_TARGET = 8;
    private static final int F_RESULTV = 16;
    private static final int F_CODE = 24;
    private static final int F_VMCTX = 32;
    private static final int ENTRY_FRAME = 40;

    private ThunkAssembler() {
    }

    /**
     * {@code int entry(long vmctx, long code, long argv, long resultv)}: saves the
     * callee-saved registers and the previous unwind state (re-entrancy), makes its own
     * frame the unwind point of every vmctx of the store, loads the arguments from argv
     * into the ABI's registers and stack slots, calls, stores the result to resultv[0] (several
     * results: passes resultv as the results area, ABI v2) and returns 0; a trap unwinds to the landing pad, which returns the trap code.
     */
    static FinishedCode entryTrampoline(NativeSignature sig) {
        X64Assembler a = new X64Assembler(new CodeBuffer(256));
        Label landing = a.newLabel();
        Label exit = a.newLabel();
        a.push(Gpr.RBP);
        a.push(Gpr.RBX);
        a.push(Gpr.R12);
        a.push(Gpr.R13);
        a.push(Gpr.R14);
        a.push(Gpr.R15);
        a.sub(Size.QWORD, Gpr.RSP, ENTRY_FRAME);
        a.mov(Size.QWORD, Mem.of(Gpr.RSP, F_RESULTV), Gpr.RCX);
        a.mov(Size.QWORD, Mem.of(Gpr.RSP, F_CODE), Gpr.RSI);
        a.mov(Size.QWORD, Mem.of(Gpr.RSP, F_VMCTX), Gpr.RDI);
        a.mov(Size.QWORD, Gpr.R10, Gpr.RDX);
        a.mov(Size.QWORD, Gpr.R15, Gpr.RDI);
        a.mov(Size.QWORD, Gpr.R11, Mem.of(Gpr.R15, STORE_BLOCK));
        a.mov(Size.QWORD, Gpr.RAX, Mem.of(Gpr.R11, SB_UNWIND_RSP));
        a.mov(Size.QWORD, Mem.of(Gpr.RSP, F_OLD_RSP), Gpr.RAX);
        a.mov(Size.QWORD, Gpr.RAX, Mem.of(Gpr.R11, SB_UNWIND_TARGET));
        a.mov(Size.QWORD, Mem.of(Gpr.RSP, F_OLD_TARGET), Gpr.RAX);
        a.mov(Size.QWORD, Gpr.RAX, Gpr.RSP);
        a.lea(Size.QWORD, Gpr.RCX, Mem.rip(landing));
        publishUnwind(a);
        int area = sig.stackArea();
        if (area > 0) {
            a.sub(Size.QWORD, Gpr.RSP, area);
        }
        for (int k = 0; k < sig.paramCount(); k++) {
            int loc = sig.location()[k];
            if (loc < 0) {
                for (int half = 0; half < (sig.isV128(k) ? 2 : 1); half++) {
                    a.mov(Size.QWORD, Gpr.RAX, Mem.of(Gpr.R10, sig.argOffset(k) + 8 * half));
                    a.mov(Size.QWORD, Mem.of(Gpr.RSP, 8 * (-1 - loc + half)), Gpr.RAX);
                }
            }
        }
        for (int k = 0; k < sig.paramCount(); k++) {
            int loc = sig.location()[k];
            if (loc >= 0 && sig.isFloat()[k]) {
                if (sig.isV128(k)) {
                    a.movdqu(Xmm.values()[loc], Mem.of(Gpr.R10, sig.argOffset(k)));
                } else {
                    movqLoad(a, loc, Gpr.R10, sig.argOffset(k));
                }
            }
        }
        for (int k = 0; k < sig.paramCount(); k++) {
            int loc = sig.location()[k];
            if (loc >= 0 && !sig.isFloat()[k]) {
                a.mov(Size.QWORD, INT_ARGS[loc], Mem.of(Gpr.R10, sig.argOffset(k)));
            }
        }
        a.mov(Size.QWORD, Gpr.R11, Mem.of(Gpr.RSP, area + F_CODE));
        if (sig.multiResult()) {
            // ABI v2: the callee writes its results straight into resultv
            a.mov(Size.QWORD, SysVAbi.RESULTS_AREA, Mem.of(Gpr.RSP, area + F_RESULTV));
        }
        // ABI v4: the callee may return with rsp moved (a tail call resized its stack area) and
        // r15 switched (restoreUnwind reloads it); rbx, saved above, keeps this frame's rsp
        a.mov(Size.QWORD, Gpr.RBX, Gpr.RSP);
        a.call(Gpr.R11);
        a.lea(Size.QWORD, Gpr.RSP, Mem.of(Gpr.RBX, area));
        a.mov(Size.QWORD, Gpr.RCX, Mem.of(Gpr.RSP, F_RESULTV));
        if (sig.hasResult()) {
            if (sig.v128Result()) {
                a.movdqu(Mem.of(Gpr.RCX), Xmm.XMM0);
            } else if (sig.floatResult()) {
                movqStore(a, Gpr.RCX, 0, 0);
            } else {
                a.mov(Size.QWORD, Mem.of(Gpr.RCX), Gpr.RAX);
            }
        }
        restoreUnwind(a);
        a.xor(Size.DWORD, Gpr.RAX, Gpr.RAX);
        a.bind(exit);
        a.add(Size.QWORD, Gpr.RSP, ENTRY_FRAME);
        a.pop(Gpr.R15);
        a.pop(Gpr.R14);
        a.pop(Gpr.R13);
        a.pop(Gpr.R12);
        a.pop(Gpr.RBX);
        a.pop(Gpr.RBP);
        a.ret();

        // Trap stubs arrive with rsp = this frame and r15 = the trapping instance's vmctx.
        a.bind(landing);
        recordBacktrace(a);
        Label known = a.newLabel();
        a.mov(Size.DWORD, Gpr.RAX, Mem.of(Gpr.R15, TRAP_CODE));
        a.mov(Size.DWORD, Mem.of(Gpr.R15, TRAP_CODE), 0);
        a.mov(Size.QWORD, Gpr.RCX, Mem.of(Gpr.R15, TRAP_DETAIL));
        a.mov(Size.QWORD, Gpr.R11, Mem.of(Gpr.R15, STORE_BLOCK));
        a.mov(Size.QWORD, Mem.of(Gpr.R11, SB_TRAP_DETAIL), Gpr.RCX);
        a.test(Size.DWORD, Gpr.RAX, Gpr.RAX);
        a.jcc(Cond.NE, known);
        a.mov(Size.DWORD, Gpr.RAX, UNKNOWN_TRAP);
        a.bind(known);
        a.mov(Size.QWORD, Mem.of(Gpr.RSP, F_CODE), Gpr.RAX);
        restoreUnwind(a);
        a.mov(Size.DWORD, Gpr.RAX, Mem.of(Gpr.RSP, F_CODE));
        a.jmp(exit);
        return a.buffer().finish();
    }

    /**
     * The landing pad's first act: records the backtrace into the store block before anything
     * can overwrite the frames below rsp. Compiled code arrives with rax = an address inside the
     * trapping function and rbp = its frame pointer; glue arrives with rax = 0 and rbp = its own
     * frame (or its caller's). The walk follows saved rbp values, reading only 8-byte aligned
     * frames strictly between the real stack limit ({@link #SB_STACK_LIMIT}, less
     * {@link #FRAME_SLACK}) and this entry frame, each further out than the last, so a chain that
     * leaves the wasm frames ends it; it never dereferences rax. Uses rcx, rdx, r8-r11.
     */
    private static void recordBacktrace(X64Assembler a) {
        Label loop = a.newLabel();
        Label done = a.newLabel();
        a.mov(Size.QWORD, Gpr.R11, Mem.of(Gpr.R15, STORE_BLOCK));
        a.mov(Size.QWORD, Mem.of(Gpr.R11, SB_TRACE), Gpr.RAX);
        a.lea(Size.QWORD, Gpr.R8, Mem.of(Gpr.R11, SB_TRACE + 8));
        a.lea(Size.QWORD, Gpr.R9, Mem.of(Gpr.R11, SB_TRACE + 8 * MAX_TRACE));
        a.mov(Size.QWORD, Gpr.R10, Mem.of(Gpr.R11, SB_STACK_LIMIT));
        a.sub(Size.QWORD, Gpr.R10, FRAME_SLACK);
        a.mov(Size.QWORD, Gpr.RDX, Gpr.RBP);
        a.bind(loop);
        a.cmp(Size.QWORD, Gpr.R8, Gpr.R9);
        a.jcc(Cond.AE, done);
        a.cmp(Size.QWORD, Gpr.RDX, Gpr.RSP);
        a.jcc(Cond.AE, done);
        a.cmp(Size.QWORD, Gpr.RDX, Gpr.R10);
        a.jcc(Cond.B, done);
        a.test(Size.QWORD, Gpr.RDX, 7);
        a.jcc(Cond.NE, done);
        a.mov(Size.QWORD, Gpr.RCX, Mem.of(Gpr.RDX, 8));
        a.mov(Size.QWORD, Mem.of(Gpr.R8), Gpr.RCX);
        a.add(Size.QWORD, Gpr.R8, 8);
        a.mov(Size.QWORD, Gpr.RCX, Mem.of(Gpr.RDX));
        a.cmp(Size.QWORD, Gpr.RCX, Gpr.RDX);
        a.jcc(Cond.BE, done);
        a.mov(Size.QWORD, Gpr.RDX, Gpr.RCX);
        a.jmp(loop);
        a.bind(done);
        a.sub(Size.QWORD, Gpr.R8, Gpr.R11);
        a.mov(Size.QWORD, Mem.of(Gpr.R11, SB_TRACE_END), Gpr.R8);
    }

    /** Reloads r15 from the frame and republishes the saved unwind state. */
    private static void restoreUnwind(X64Assembler a) {
        a.mov(Size.QWORD, Gpr.R15, Mem.of(Gpr.RSP, F_VMCTX));
        a.mov(Size.QWORD, Gpr.RAX, Mem.of(Gpr.RSP, F_OLD_RSP));
        a.mov(Size.QWORD, Gpr.RCX, Mem.of(Gpr.RSP, F_OLD_TARGET));
        publishUnwind(a);
    }

    /** Writes rax/rcx as unwind rsp/target into the store block and every vmctx of the store (uses r11). */
    private static void publishUnwind(X64Assembler a) {
        Label loop = a.newLabel();
        Label done = a.newLabel();
        a.mov(Size.QWORD, Gpr.R11, Mem.of(Gpr.R15, STORE_BLOCK));
        a.mov(Size.QWORD, Mem.of(Gpr.R11, SB_UNWIND_RSP), Gpr.RAX);
        a.mov(Size.QWORD, Mem.of(Gpr.R11, SB_UNWIND_TARGET), Gpr.RCX);
        a.mov(Size.QWORD, Gpr.R11, Mem.of(Gpr.R11, SB_HEAD));
        a.bind(loop);
        a.test(Size.QWORD, Gpr.R11, Gpr.R11);
        a.jcc(Cond.E, done);
        a.mov(Size.QWORD, Mem.of(Gpr.R11, UNWIND_RSP), Gpr.RAX);
        a.mov(Size.QWORD, Mem.of(Gpr.R11, UNWIND_TARGET), Gpr.RCX);
        a.mov(Size.QWORD, Gpr.R11, Mem.of(Gpr.R11, NEXT_VMCTX));
        a.jmp(loop);
        a.bind(done);
    }

    /**
     * A native function with the wasm ABI of {@code sig} that spills its arguments to a
     * stack buffer and calls {@code int upcall(long vmctx, long funcAddr, long argv, long resultv)};
     * with several results resultv is the caller's results area (ABI v2, rax at entry), so the
     * Java side writes them in place; non-zero means the Java side recorded an exception: the thunk traps HOST_EXCEPTION.
     */
    static FinishedCode upcallThunk(NativeSignature sig, long funcAddr, long upcallAddress) {
        X64Assembler a = new X64Assembler(new CodeBuffer(256));
        Label fail = a.newLabel();
        Label overflow = a.newLabel();
        int n = sig.paramCount();
        int results = sig.argBytes(); // argv, then the one result's 8 or 16 bytes (or the area's address)
        int frame = (results + 16 + 15) & -16;
        a.push(Gpr.RBP);
        a.mov(Size.QWORD, Gpr.RBP, Gpr.RSP);
        a.cmp(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, STACK_LIMIT));
        a.jcc(Cond.B, overflow);
        a.sub(Size.QWORD, Gpr.RSP, frame);
        if (sig.multiResult()) {
            // the results area's address (rax) would not survive the argument copies below
            a.mov(Size.QWORD, Mem.of(Gpr.RSP, results), SysVAbi.RESULTS_AREA);
        }
        for (int k = 0; k < n; k++) {
            int loc = sig.location()[k];
            int at = sig.argOffset(k);
            if (loc < 0) {
                for (int half = 0; half < (sig.isV128(k) ? 2 : 1); half++) {
                    a.mov(Size.QWORD, Gpr.RAX, Mem.of(Gpr.RBP, 16 + 8 * (-1 - loc + half)));
                    a.mov(Size.QWORD, Mem.of(Gpr.RSP, at + 8 * half), Gpr.RAX);
                }
            } else if (sig.isV128(k)) {
                a.movdqu(Mem.of(Gpr.RSP, at), Xmm.values()[loc]);
            } else if (sig.isFloat()[k]) {
                movqStore(a, Gpr.RSP, at, loc);
            } else {
                a.mov(Size.QWORD, Mem.of(Gpr.RSP, at), INT_ARGS[loc]);
            }
        }
        a.mov(Size.QWORD, Gpr.RDI, Gpr.R15);
        a.movabs(Gpr.RSI, funcAddr);
        a.mov(Size.QWORD, Gpr.RDX, Gpr.RSP);
        if (sig.multiResult()) {
            a.mov(Size.QWORD, Gpr.RCX, Mem.of(Gpr.RSP, results));
        } else {
            a.lea(Size.QWORD, Gpr.RCX, Mem.of(Gpr.RSP, results));
        }
        a.movabs(Gpr.RAX, upcallAddress);
        a.call(Gpr.RAX);
        a.test(Size.DWORD, Gpr.RAX, Gpr.RAX);
        a.jcc(Cond.NE, fail);
        if (sig.hasResult()) {
            if (sig.v128Result()) {
                a.movdqu(Xmm.XMM0, Mem.of(Gpr.RSP, results));
            } else if (sig.floatResult()) {
                movqLoad(a, 0, Gpr.RSP, results);
            } else {
                a.mov(Size.QWORD, Gpr.RAX, Mem.of(Gpr.RSP, results));
            }
        }
        a.mov(Size.QWORD, Gpr.RSP, Gpr.RBP);
        a.pop(Gpr.RBP);
        a.ret();
        a.bind(fail);
        trap(a, TrapCode.HOST_EXCEPTION);
        a.bind(overflow);
        trap(a, TrapCode.STACK_OVERFLOW);
        return a.buffer().finish();
    }

    /**
     * Another instance's compiled function as an import: {@code r15 = calleeVmctx; jmp calleeCode}.
     * Under ABI v4 callers of wasm code reload r15 (and re-derive rsp) after every call, so the
     * switch needs no way back and a tail call through an import stays a jump: a chain of tail
     * calls between two instances runs in constant stack. The arguments (registers, stack slots,
     * rax holding a results area) pass through untouched.
     */
    static FinishedCode crossInstanceThunk(long calleeVmctx, long calleeCode) {
        X64Assembler a = new X64Assembler(new CodeBuffer(32));
        a.movabs(Gpr.R15, calleeVmctx);
        a.movabs(Gpr.R11, calleeCode);
        a.jmp(Gpr.R11);
        return a.buffer().finish();
    }

    /**
     * A resolving thunk: code that is reached with an index in r11d in place of a callee that does
     * not exist yet, with the caller's arguments in place (registers, stack slots above the return
     * address, rax holding a results area). It keeps every argument register, calls
     * {@code int resolve(long vmctx, long index, long out, long unused)} (an FFM upcall that makes
     * the callee, points the vmctx slots at it and stores its address to {@code out}), restores the
     * registers and jumps to that code, so the callee runs as if called directly. The upcall has the
     * C signature of every other upcall ({@link #upcallThunk}'s), so FFM makes one upcall stub class
     * for all of them. An address of 0 means the Java side stored a trap code in vmctx: the thunk
     * unwinds. Below the stack limit it traps "call stack exhausted" before calling Java.
     *
     * <p>Two uses: the store's lazy-compile thunk (a module image's {@code lazy<i>} stub jumps here
     * with the function index) and the helper resolver (a {@link #resolveStub} per helper).
     */
    static FinishedCode resolvingThunk(long lazyCompileAddress) {
        X64Assembler a = new X64Assembler(new CodeBuffer(256));
        Label fail = a.newLabel();
        Label overflow = a.newLabel();
        int xmmBase = 8 * (INT_ARGS.length + 1);
        int out = xmmBase + 16 * 8; // xmm0..7 whole: a v128 argument keeps its 128 bits
        int frame = (out + 8 + 15) & -16;
        a.push(Gpr.RBP);
        a.mov(Size.QWORD, Gpr.RBP, Gpr.RSP);
        // The real limit, not the vmctx's: an interruption poisons that one, and the function
        // about to be compiled stops in its own prologue, inside its code (its frame in the backtrace).
        a.mov(Size.QWORD, Gpr.R10, Mem.of(Gpr.R15, STORE_BLOCK));
        a.cmp(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R10, SB_STACK_LIMIT));
        a.jcc(Cond.B, overflow);
        a.sub(Size.QWORD, Gpr.RSP, frame);
        for (int k = 0; k < INT_ARGS.length; k++) {
            a.mov(Size.QWORD, Mem.of(Gpr.RSP, 8 * k), INT_ARGS[k]);
        }
        a.mov(Size.QWORD, Mem.of(Gpr.RSP, 8 * INT_ARGS.length), SysVAbi.RESULTS_AREA);
        for (int x = 0; x < 8; x++) {
            a.movdqu(Mem.of(Gpr.RSP, xmmBase + 16 * x), Xmm.values()[x]);
        }
        a.mov(Size.QWORD, Gpr.RDI, Gpr.R15);
        a.mov(Size.DWORD, Gpr.RSI, Gpr.R11);
        a.lea(Size.QWORD, Gpr.RDX, Mem.of(Gpr.RSP, out));
        a.xor(Size.DWORD, Gpr.RCX, Gpr.RCX);
        a.movabs(Gpr.RAX, lazyCompileAddress);
        a.call(Gpr.RAX);
        a.mov(Size.QWORD, Gpr.R11, Mem.of(Gpr.RSP, out));
        a.test(Size.QWORD, Gpr.R11, Gpr.R11);
        a.jcc(Cond.E, fail);
        for (int x = 0; x < 8; x++) {
            a.movdqu(Xmm.values()[x], Mem.of(Gpr.RSP, xmmBase + 16 * x));
        }
        for (int k = 0; k < INT_ARGS.length; k++) {
            a.mov(Size.QWORD, INT_ARGS[k], Mem.of(Gpr.RSP, 8 * k));
        }
        a.mov(Size.QWORD, SysVAbi.RESULTS_AREA, Mem.of(Gpr.RSP, 8 * INT_ARGS.length));
        a.mov(Size.QWORD, Gpr.RSP, Gpr.RBP);
        a.pop(Gpr.RBP);
        a.jmp(Gpr.R11);
        a.bind(fail);
        a.xor(Size.DWORD, Gpr.RAX, Gpr.RAX); // glue: no address inside a function (see recordBacktrace)
        a.mov(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, UNWIND_RSP));
        a.jmp(Mem.of(Gpr.R15, UNWIND_TARGET));
        a.bind(overflow);
        trap(a, TrapCode.STACK_OVERFLOW);
        return a.buffer().finish();
    }

    /**
     * {@code mov r11d, index; movabs r10, resolve; jmp r10}: a helper slot's first target, which
     * sends the call to the resolving thunk defined as {@code resolve} in the same image (r10/r11
     * are scratch at calls under the JIT ABI).
     */
    static FinishedCode resolveStub(int index) {
        X64Assembler a = new X64Assembler(new CodeBuffer(24));
        a.mov(Size.DWORD, Gpr.R11, index);
        a.movabs(Gpr.R10, wasm.backend.code.RelocationTarget.symbol("resolve"), 0);
        a.jmp(Gpr.R10);
        return a.buffer().finish();
    }

    /** Code that only traps (stands in for functions whose signature the ABI cannot carry). */
    static FinishedCode trapThunk(TrapCode code) {
        X64Assembler a = new X64Assembler(new CodeBuffer(32));
        trap(a, code);
        return a.buffer().finish();
    }

    /**
     * {@code int rsp(long unused, long unused, long out, long unused)}: stores the caller's stack
     * pointer to {@code out} and returns 0, to measure the wasm thread's stack. It has an entry
     * trampoline's C signature on purpose: FFM caches the downcall stub of a signature, so the
     * first entry trampoline's handle then costs next to nothing.
     */
    static FinishedCode readStackPointer() {
        X64Assembler a = new X64Assembler(new CodeBuffer(16));
        a.mov(Size.QWORD, Mem.of(Gpr.RDX), Gpr.RSP);
        a.xor(Size.DWORD, Gpr.RAX, Gpr.RAX);
        a.ret();
        return a.buffer().finish();
    }

    private static void trap(X64Assembler a, TrapCode code) {
        a.mov(Size.DWORD, Mem.of(Gpr.R15, TRAP_CODE), TrapAbi.abiCode(code));
        a.xor(Size.DWORD, Gpr.RAX, Gpr.RAX); // glue: no address inside a function (see recordBacktrace)
        a.mov(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, UNWIND_RSP));
        a.jmp(Mem.of(Gpr.R15, UNWIND_TARGET));
    }

    /** {@code movq xmm, [base + disp]} (F3 0F 7E /r), xmm0..xmm7. */
    static void movqLoad(X64Assembler a, int xmm, Gpr base, int disp) {
        CodeBuffer b = a.buffer();
        b.emit8(0xF3);
        rexFor(b, base);
        b.emit8(0x0F);
        b.emit8(0x7E);
        modrmDisp32(b, xmm, base, disp);
    }

    /** {@code movq [base + disp], xmm} (66 0F D6 /r), xmm0..xmm7. */
    static void movqStore(X64Assembler a, Gpr base, int disp, int xmm) {
        CodeBuffer b = a.buffer();
        b.emit8(0x66);
        rexFor(b, base);
        b.emit8(0x0F);
        b.emit8(0xD6);
        modrmDisp32(b, xmm, base, disp);
    }

    private static void rexFor(CodeBuffer b, Gpr base) {
        if (base.encoding() >= 8) {
            b.emit8(0x41);
        }
    }

    private static void modrmDisp32(CodeBuffer b, int reg, Gpr base, int disp) {
        if (reg < 0 || reg > 7) {
            throw new IllegalArgumentException("xmm" + reg + " is not an argument register");
        }
        b.emit8(0x80 | (reg << 3) | (base.encoding() & 7));
        if ((base.encoding() & 7) == 4) {
            b.emit8(0x24);
        }
        b.emit32(disp);
    }
}
