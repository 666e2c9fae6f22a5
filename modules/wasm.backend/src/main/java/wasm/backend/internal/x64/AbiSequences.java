package wasm.backend.internal.x64;

import java.util.Map;
import java.util.function.Function;

import wasm.backend.VmctxLayout;
import wasm.backend.code.CodeBuffer;
import wasm.backend.code.Label;
import wasm.backend.code.TrapAbi;
import wasm.backend.x64.Cond;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Mem;
import wasm.backend.x64.Operand;
import wasm.backend.x64.Size;
import wasm.backend.x64.X64Assembler;
import wasm.ir.TrapCode;

/**
 * The instruction sequences of the JIT ABI that both tiers emit alike (docs/architecture.md, "JIT
 * execution ABI"): the stack-limit check, the ways out to the entry trampoline's landing pad, and
 * call_indirect's checks. One place, so that the optimizing tier's {@link Emitter} and the baseline
 * compiler cannot drift apart on the contract the runtime relies on.
 */
public final class AbiSequences {
    private AbiSequences() {
    }

    /**
     * rsp against the stack limit, jumping to {@code overflow} below it: a prologue's overflow
     * check, and a loop's interruption poll (the runtime interrupts by setting the limit to all ones).
     */
    public static void stackCheck(X64Assembler a, VmctxLayout layout, Label overflow) {
        a.cmp(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, layout.stackLimit()));
        a.jcc(Cond.B, overflow);
    }

    /**
     * The way out at {@code unwind} for a helper that stored its trap code itself, and one stub per
     * entry of {@code stubs} that stores its code first (recorded as a trap site). Every way out leaves
     * rax = an address inside the function and rbp = its frame: the landing pad records the backtrace
     * from them.
     *
     * @param unwind the helpers' way out, or null when no helper can trap
     */
    public static void waysOut(X64Assembler a, CodeBuffer buf, VmctxLayout layout, Label unwind,
                               Map<TrapCode, Label> stubs) {
        if (unwind != null) {
            a.bind(unwind);
            leave(a, layout, unwind);
        }
        for (Map.Entry<TrapCode, Label> e : stubs.entrySet()) {
            a.bind(e.getValue());
            buf.addTrapSite(e.getKey());
            a.mov(Size.DWORD, Mem.of(Gpr.R15, layout.trapCode()), TrapAbi.abiCode(e.getKey()));
            leave(a, layout, e.getValue());
        }
    }

    private static void leave(X64Assembler a, VmctxLayout layout, Label here) {
        a.lea(Size.QWORD, Gpr.RAX, Mem.rip(here));
        a.mov(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, layout.unwindRsp()));
        a.jmp(Mem.of(Gpr.R15, layout.unwindTarget()));
    }

    /**
     * call_indirect's checks in the spec's order (bounds, null, signature), each trapping with its
     * message; leaves r10 = the callee's function directory entry {code, vmctx, signature id}. The
     * index goes to vmctx's trap detail first, so that the message names it ("uninitialized element
     * 2"): one store, no extra branch (a 32-bit mov zero-extends, so the u64 holds an i32 unsigned).
     * Uses r10 and r11 only.
     *
     * @param index the table index operand (a register or memory; an i64 when {@code wide})
     * @param wide  whether the table is 64-bit (table64)
     * @param stub  the trap stub of each trap code
     */
    public static void indirectCallChecks(X64Assembler a, VmctxLayout layout, Operand index, boolean wide, int table,
                                          int typeIndex, Function<TrapCode, Label> stub) {
        Gpr r10 = Gpr.R10;
        Gpr r11 = Gpr.R11;
        a.mov(wide ? Size.QWORD : Size.DWORD, r11, index);
        a.mov(Size.QWORD, Mem.of(Gpr.R15, layout.trapDetail()), r11);
        if (wide) {
            // an i64 index of 2^32 or more is past any table (sizes are u32)
            a.shr(Size.QWORD, r11, 32);
            a.jcc(Cond.NE, stub.apply(TrapCode.UNDEFINED_ELEMENT));
            a.mov(Size.DWORD, r11, index);
        }
        a.mov(Size.QWORD, r10, Mem.of(Gpr.R15, layout.tableOffset(table)));
        a.cmp(Size.DWORD, r11, Mem.of(r10, 8));
        a.jcc(Cond.AE, stub.apply(TrapCode.UNDEFINED_ELEMENT));
        a.mov(Size.QWORD, r10, Mem.of(r10));
        a.mov(Size.QWORD, r10, Mem.of(r10, r11, 8, 0));
        a.cmp(Size.QWORD, r10, -1);
        a.jcc(Cond.E, stub.apply(TrapCode.UNINITIALIZED_ELEMENT));
        a.imul(Size.QWORD, r10, r10, layout.funcDirEntrySize());
        a.add(Size.QWORD, r10, Mem.of(Gpr.R15, layout.funcDirectoryOffset()));
        // the expected id comes from vmctx, so the code is the same for every store (r11 is free now)
        a.mov(Size.DWORD, r11, Mem.of(Gpr.R15, layout.signatureIdOffset(typeIndex)));
        a.cmp(Size.DWORD, Mem.of(r10, 16), r11);
        a.jcc(Cond.NE, stub.apply(TrapCode.BAD_SIGNATURE));
    }
}
