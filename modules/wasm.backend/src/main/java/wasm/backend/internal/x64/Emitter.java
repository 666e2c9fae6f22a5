package wasm.backend.internal.x64;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import wasm.backend.Helper;
import wasm.backend.VmctxLayout;
import wasm.backend.code.CodeBuffer;
import wasm.backend.code.FixupKind;
import wasm.backend.code.Label;
import wasm.backend.code.RelocationTarget;
import wasm.backend.code.TrapAbi;
import wasm.ir.TrapCode;
import wasm.backend.x64.AluOp;
import wasm.backend.x64.Cond;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Mem;
import wasm.backend.x64.Size;
import wasm.backend.x64.SseOp;
import wasm.backend.x64.UnaryOp;
import wasm.backend.x64.Xmm;
import wasm.backend.x64.X64Assembler;

/**
 * Encodes allocated VCode: prologue (frame, callee-saved pushes, stack-limit
 * check), every instruction with its edits, epilogues, and one trap stub per
 * trap code at the end (each stores the code into vmctx and unwinds as the
 * JIT ABI says). r11 is this class's private scratch register.
 */
final class Emitter {
    private static final Gpr R11 = Gpr.R11;
    private static final Gpr R10 = Gpr.R10;
    private static final Gpr[] SAVED_ORDER = {Gpr.RBX, Gpr.R12, Gpr.R13, Gpr.R14};

    private final VCode code;
    private final Allocation alloc;
    private final VmctxLayout layout;
    private final CodeBuffer buf;
    private final X64Assembler a;
    private final Label[] blockLabels;
    private final Map<TrapCode, Label> stubs = new EnumMap<>(TrapCode.class);
    private final Gpr[] saved;
    private final int frameBytes;
    private final int r15Slot;

    private Emitter(VCode code, Allocation alloc, VmctxLayout layout, CodeBuffer buf) {
        this.code = code;
        this.alloc = alloc;
        this.layout = layout;
        this.buf = buf;
        this.a = new X64Assembler(buf);
        this.blockLabels = new Label[code.blockCount()];
        for (int b = 0; b < blockLabels.length; b++) {
            blockLabels[b] = buf.newLabel();
        }
        int count = 0;
        for (Gpr r : SAVED_ORDER) {
            if ((alloc.usedCalleeSaved() & Clobbers.bit(r)) != 0) {
                count++;
            }
        }
        saved = new Gpr[count];
        int k = 0;
        for (Gpr r : SAVED_ORDER) {
            if ((alloc.usedCalleeSaved() & Clobbers.bit(r)) != 0) {
                saved[k++] = r;
            }
        }
        int slots = alloc.spillSlots() + (code.hasIndirectCall ? 1 : 0);
        r15Slot = alloc.spillSlots();
        // [rsp, +8*maxStackArgs): outgoing stack arguments; then the results area of multi-result calls
        int bytes = 8 * slots + 8 * code.maxStackArgs + 8 * code.maxResultSlots;
        // rsp is 16-aligned after "push rbp"; keep it so after the pushes and the frame.
        if ((bytes + 8 * saved.length) % 16 != 0) {
            bytes += 8;
        }
        frameBytes = bytes;
    }

    static void emit(VCode code, Allocation alloc, VmctxLayout layout, CodeBuffer buf) {
        new Emitter(code, alloc, layout, buf).run();
    }

    private Label unwind;

    /** Unwinds without storing a trap code (a helper already did). */
    private Label unwind() {
        if (unwind == null) {
            unwind = buf.newLabel();
        }
        return unwind;
    }

    private Label stub(TrapCode c) {
        return stubs.computeIfAbsent(c, x -> buf.newLabel());
    }

    private Mem slotMem(int slot) {
        return Mem.of(Gpr.RBP, -8 * saved.length - 8 * (slot + 1));
    }

    private wasm.backend.x64.Operand x(int loc) {
        return Loc.isReg(loc) ? Loc.gpr(loc) : slotMem(Loc.slotIndex(loc));
    }

    private static Gpr r(int loc) {
        if (!Loc.isReg(loc)) {
            throw new IllegalStateException("operand must be in a register: " + Loc.text(loc));
        }
        return Loc.gpr(loc);
    }

    /** {@code mov d, src} unless src is d already (a tied operand, see LinearScan). */
    private void copy(Gpr d, wasm.backend.x64.Operand src) {
        if (!src.equals(d)) {
            a.mov(Size.QWORD, d, src);
        }
    }

    private void move(Move m) {
        a.mov(Size.QWORD, x(m.to()), x(m.from()));
    }

    private void run() {
        a.push(Gpr.RBP);
        a.mov(Size.QWORD, Gpr.RBP, Gpr.RSP);
        for (Gpr s : saved) {
            a.push(s);
        }
        if (frameBytes > 0) {
            a.sub(Size.QWORD, Gpr.RSP, frameBytes);
        }
        a.cmp(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, layout.stackLimit()));
        a.jcc(Cond.B, stub(TrapCode.STACK_OVERFLOW));
        for (int b = 0; b < code.blockCount(); b++) {
            a.bind(blockLabels[b]);
            for (int i = code.start(b); i < code.end(b); i++) {
                MInst m = code.insts.get(i);
                int[] al = alloc.allocs()[i];
                for (Move mv : alloc.before().get(i)) {
                    move(mv);
                }
                if (m.op == MInst.Op.JUMP) {
                    for (Move mv : alloc.after().get(i)) {
                        move(mv);
                    }
                    if (m.target != b + 1) {
                        a.jmp(blockLabels[m.target]);
                    }
                    continue;
                }
                inst(m, al, b);
                for (Move mv : alloc.after().get(i)) {
                    move(mv);
                }
            }
        }
        if (unwind != null) {
            a.bind(unwind);
            a.mov(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, layout.unwindRsp()));
            a.jmp(Mem.of(Gpr.R15, layout.unwindTarget()));
        }
        for (Map.Entry<TrapCode, Label> e : stubs.entrySet()) {
            a.bind(e.getValue());
            buf.addTrapSite(e.getKey());
            a.mov(Size.DWORD, Mem.of(Gpr.R15, layout.trapCode()), TrapAbi.abiCode(e.getKey()));
            a.mov(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, layout.unwindRsp()));
            a.jmp(Mem.of(Gpr.R15, layout.unwindTarget()));
        }
    }

    private void epilogue() {
        if (frameBytes > 0) {
            a.add(Size.QWORD, Gpr.RSP, frameBytes);
        }
        for (int k = saved.length - 1; k >= 0; k--) {
            a.pop(saved[k]);
        }
        a.pop(Gpr.RBP);
        a.ret();
    }

    /** cmp a, (b | imm), using r11 when both sides are in memory. */
    private void compare(Size size, int aLoc, int bLoc, boolean hasImm, long imm) {
        wasm.backend.x64.Operand lhs = x(aLoc);
        if (hasImm) {
            if (lhs instanceof Gpr g && imm == 0) {
                a.test(size, g, g);
            } else {
                a.alu(AluOp.CMP, size, lhs, wasm.backend.x64.Imm.of(imm));
            }
            return;
        }
        wasm.backend.x64.Operand rhs = x(bLoc);
        if (lhs instanceof Mem && rhs instanceof Mem) {
            a.mov(Size.QWORD, R11, lhs);
            lhs = R11;
        }
        a.alu(AluOp.CMP, size, lhs, rhs);
    }

    private void inst(MInst m, int[] al, int block) {
        switch (m.op) {
            case BLOCK_START, ENTRY -> { }
            case LOAD_STACK_ARG -> a.mov(Size.QWORD, r(al[0]), Mem.of(Gpr.RBP, 16 + 8 * (int) m.imm));
            case CONST -> a.movConst(r(al[0]), m.imm);
            case VMCTX -> a.mov(Size.QWORD, r(al[0]), Gpr.R15);
            case ALU -> {
                Gpr d = r(al[0]);
                Integer disp = m.hasImm ? leaDisplacement(m) : null;
                if (disp != null && x(al[1]) instanceof Gpr s && s != d) {
                    // Three-operand add: "lea d, [s + imm]" instead of "mov d, s; add d, imm". Same
                    // result at either width (the 32-bit form zero-extends); nothing reads the flags.
                    a.lea(m.size, d, Mem.of(s, disp));
                    break;
                }
                if (!m.hasImm && m.alu == AluOp.ADD && x(al[1]) instanceof Gpr s1 && x(al[2]) instanceof Gpr s2
                        && s1 != d && s2 != d) {
                    a.lea(m.size, d, Mem.of(s1, s2, 1, 0));
                    break;
                }
                copy(d, x(al[1]));
                if (m.hasImm) {
                    a.alu(m.alu, m.size, d, (int) m.imm);
                } else {
                    a.alu(m.alu, m.size, d, x(al[2]));
                }
            }
            case IMUL -> {
                Gpr d = r(al[0]);
                if (m.hasImm) {
                    switch (x(al[1])) {
                        case Gpr g -> a.imul(m.size, d, g, (int) m.imm);
                        case Mem mm -> a.imul(m.size, d, mm, (int) m.imm);
                        default -> throw new IllegalStateException();
                    }
                } else {
                    copy(d, x(al[1]));
                    switch (x(al[2])) {
                        case Gpr g -> a.imul(m.size, d, g);
                        case Mem mm -> a.imul(m.size, d, mm);
                        default -> throw new IllegalStateException();
                    }
                }
            }
            case SHIFT -> {
                Gpr d = r(al[0]);
                copy(d, x(al[1]));
                if (m.hasImm) {
                    a.shift(m.shift, m.size, d, (int) m.imm);
                } else {
                    a.shiftByCl(m.shift, m.size, d);
                }
            }
            case DIV -> div(m, al);
            case BITCOUNT -> {
                Gpr d = r(al[0]);
                switch (x(al[1])) {
                    case Gpr g -> {
                        switch (m.bitOp) {
                            case LZCNT -> a.lzcnt(m.size, d, g);
                            case TZCNT -> a.tzcnt(m.size, d, g);
                            case POPCNT -> a.popcnt(m.size, d, g);
                        }
                    }
                    case Mem mm -> {
                        switch (m.bitOp) {
                            case LZCNT -> a.lzcnt(m.size, d, mm);
                            case TZCNT -> a.tzcnt(m.size, d, mm);
                            case POPCNT -> a.popcnt(m.size, d, mm);
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            case CMP_SET -> {
                Gpr d = r(al[0]);
                a.xor(Size.DWORD, d, d);
                compare(m.size, al[1], m.hasImm ? -1 : al[2], m.hasImm, m.imm);
                a.setcc(m.cond, d);
            }
            case EXTEND -> {
                Gpr d = r(al[0]);
                wasm.backend.x64.Operand s = x(al[1]);
                switch (m.ext) {
                    case ZX32 -> a.mov(Size.DWORD, d, s);
                    case MOV64 -> a.mov(Size.QWORD, d, s);
                    case SX32 -> {
                        if (s instanceof Gpr g) {
                            a.movsxd(d, g);
                        } else {
                            a.movsxd(d, (Mem) s);
                        }
                    }
                    case SX8, SX16 -> {
                        Size from = m.ext == MInst.Ext.SX8 ? Size.BYTE : Size.WORD;
                        if (s instanceof Gpr g) {
                            a.movsx(m.size, d, from, g);
                        } else {
                            a.movsx(m.size, d, from, (Mem) s);
                        }
                    }
                }
            }
            case SELECT -> {
                Gpr d = r(al[0]);
                a.mov(Size.QWORD, d, x(al[2]));
                compare(m.size, al[3], m.hasImm ? -1 : al[4], m.hasImm, m.imm);
                switch (x(al[1])) {
                    case Gpr g -> a.cmov(m.cond, Size.QWORD, d, g);
                    case Mem mm -> a.cmov(m.cond, Size.QWORD, d, mm);
                    default -> throw new IllegalStateException();
                }
            }
            case LOAD -> {
                Mem mem = address(m, al[1]);
                if (mem == null) {
                    return;
                }
                Gpr d = r(al[0]);
                switch (m.accessBytes) {
                    case 8 -> a.mov(Size.QWORD, d, mem);
                    case 4 -> {
                        if (m.signedLoad) {
                            a.movsxd(d, mem);
                        } else {
                            a.mov(Size.DWORD, d, mem);
                        }
                    }
                    default -> {
                        Size from = m.accessBytes == 1 ? Size.BYTE : Size.WORD;
                        if (m.signedLoad) {
                            a.movsx(m.size, d, from, mem);
                        } else {
                            a.movzx(Size.DWORD, d, from, mem);
                        }
                    }
                }
            }
            case STORE -> {
                Mem mem = address(m, al[1]);
                if (mem == null) {
                    return;
                }
                Size s = switch (m.accessBytes) {
                    case 1 -> Size.BYTE;
                    case 2 -> Size.WORD;
                    case 4 -> Size.DWORD;
                    default -> Size.QWORD;
                };
                a.mov(s, mem, r(al[0]));
            }
            case GLOBAL_GET -> {
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset((int) m.imm)));
                a.mov(m.size, r(al[0]), Mem.of(R11));
            }
            case GLOBAL_SET -> {
                Gpr v = r(al[0]);
                if (m.size == Size.DWORD) {
                    if (m.signedLoad) {
                        a.movsxd(R10, v); // cells hold i32 sign-extended
                    } else {
                        a.mov(Size.DWORD, R10, v); // f32 bits zero-extended
                    }
                    v = R10;
                }
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset((int) m.imm)));
                a.mov(Size.QWORD, Mem.of(R11), v);
            }
            case TABLE_SIZE -> {
                Gpr d = r(al[0]);
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.tableOffset((int) m.imm)));
                a.mov(Size.DWORD, d, Mem.of(R11, 8));
            }
            case TABLE_GET, TABLE_SET -> {
                // header {u64 elements, u32 size}: bounds check, then elements[index]
                // (a spilled TABLE_GET result lives in r10, written last; TABLE_SET's
                // value is never r10: it may come from memory)
                int index = m.op == MInst.Op.TABLE_GET ? al[1] : al[0];
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.tableOffset((int) m.imm)));
                a.mov(Size.DWORD, R10, x(index));
                a.cmp(Size.DWORD, R10, Mem.of(R11, 8));
                a.jcc(Cond.AE, stub(TrapCode.TABLE_OOB));
                a.mov(Size.QWORD, R11, Mem.of(R11));
                a.lea(Size.QWORD, R11, Mem.of(R11, R10, 8, 0));
                if (m.op == MInst.Op.TABLE_GET) {
                    a.mov(Size.QWORD, r(al[0]), Mem.of(R11));
                } else if (x(al[1]) instanceof Gpr v) {
                    a.mov(Size.QWORD, Mem.of(R11), v);
                } else {
                    a.mov(Size.QWORD, R10, x(al[1]));
                    a.mov(Size.QWORD, Mem.of(R11), R10);
                }
            }
            case MEMORY_SIZE -> {
                Gpr d = r(al[0]);
                a.mov(Size.QWORD, d, Mem.of(Gpr.R15, layout.memoryLength()));
                a.shr(Size.QWORD, d, 16);
            }
            case CALL -> call(m, al);
            case BRANCH -> {
                compare(m.size, al[0], m.hasImm ? -1 : al[1], m.hasImm, m.imm);
                if (m.target == block + 1) {
                    a.jcc(m.cond.invert(), blockLabels[m.target2]);
                } else {
                    a.jcc(m.cond, blockLabels[m.target]);
                    if (m.target2 != block + 1) {
                        a.jmp(blockLabels[m.target2]);
                    }
                }
            }
            case BR_TABLE -> brTable(m, al);
            case LOAD_RESULT -> a.mov(Size.QWORD, r(al[0]), resultSlot((int) m.imm));
            case RETURN -> {
                if (m.multiValue) {
                    // ABI v2: store every result into the caller's results area (r11 = its address)
                    a.mov(Size.QWORD, R11, x(al[0]));
                    for (int k = 1; k < al.length; k++) {
                        wasm.backend.x64.Operand src = x(al[k]);
                        Mem dst = Mem.of(R11, 8 * (k - 1));
                        if (src instanceof Gpr g) {
                            a.mov(Size.QWORD, dst, g);
                        } else {
                            a.mov(Size.QWORD, R10, src);
                            a.mov(Size.QWORD, dst, R10);
                        }
                    }
                }
                if (m.floatValue) {
                    a.movToXmm(m.dbl ? Size.QWORD : Size.DWORD, Xmm.XMM0, r(al[0]));
                }
                epilogue();
            }
            case FPARAM -> a.movFromXmm(m.dbl ? Size.QWORD : Size.DWORD, r(al[0]), Xmm.values()[(int) m.imm]);
            case FLOAT -> floatOp(m, al);
            case TRAP -> a.jmp(stub(m.trap));
            case JUMP -> throw new IllegalStateException("jumps are emitted with their edge moves");
        }
    }

    /** The displacement of an ALU add/sub of an immediate as a lea, or null when it is neither. */
    private static Integer leaDisplacement(MInst m) {
        return switch (m.alu) {
            case ADD -> (int) m.imm;
            case SUB -> (int) m.imm == Integer.MIN_VALUE ? null : -(int) m.imm;
            default -> null;
        };
    }

    /**
     * The explicit bounds check of the ABI: r11 = zext(addr) (+ folded constant,
     * wrapping at 32 bits) + offset + N; trap if it exceeds memoryLength; then
     * r11 += memoryBase and the access is [r11 - N]. Null when the access can
     * never be in bounds (offset + N > 2^32): the trap jump is all there is.
     * An access {@link MInst#provenInBounds} skips the check: r11 = zext(addr) +
     * memoryBase, and the access is [r11 + offset].
     */
    private Mem address(MInst m, int addrLoc) {
        long end = m.offset + m.accessBytes;
        if (end > 0x1_0000_0000L) {
            a.jmp(stub(TrapCode.HEAP_OOB));
            return null;
        }
        a.mov(Size.DWORD, R11, x(addrLoc));
        if (m.foldedBase && m.foldedAdd != 0) {
            a.add(Size.DWORD, R11, (int) m.foldedAdd);
        }
        if (m.provenInBounds && m.offset <= Integer.MAX_VALUE) {
            // A dominating access checked this address to at least this end, and memory never shrinks.
            a.add(Size.QWORD, R11, Mem.of(Gpr.R15, layout.memoryBase()));
            return Mem.of(R11, (int) m.offset);
        }
        for (long rest = end; rest > 0; ) {
            int chunk = (int) Math.min(rest, Integer.MAX_VALUE);
            a.add(Size.QWORD, R11, chunk);
            rest -= chunk;
        }
        a.cmp(Size.QWORD, R11, Mem.of(Gpr.R15, layout.memoryLength()));
        a.jcc(Cond.A, stub(TrapCode.HEAP_OOB));
        a.add(Size.QWORD, R11, Mem.of(Gpr.R15, layout.memoryBase()));
        return Mem.of(R11, -m.accessBytes);
    }

    private void div(MInst m, int[] al) {
        wasm.backend.x64.Operand b = x(al[1]);
        Size size = m.size;
        if (b instanceof Gpr g) {
            a.test(size, g, g);
        } else {
            a.cmp(size, (Mem) b, 0);
        }
        a.jcc(Cond.E, stub(TrapCode.INT_DIVZ));
        UnaryOp op = m.div == MInst.DivKind.SDIV || m.div == MInst.DivKind.SREM ? UnaryOp.IDIV : UnaryOp.DIV;
        Label done = null;
        switch (m.div) {
            case SDIV -> {
                Label go = a.newLabel();
                a.alu(AluOp.CMP, size, b, wasm.backend.x64.Imm.of(-1));
                a.jcc(Cond.NE, go);
                if (size == Size.DWORD) {
                    a.cmp(Size.DWORD, Gpr.RAX, Integer.MIN_VALUE);
                } else {
                    a.movabs(R11, Long.MIN_VALUE);
                    a.cmp(Size.QWORD, Gpr.RAX, R11);
                }
                a.jcc(Cond.E, stub(TrapCode.INT_OVF));
                a.bind(go);
                a.signExtendAccumulator(size);
            }
            case SREM -> {
                // INT_MIN % -1 faults in idiv but is 0 in Wasm: any x % -1 is 0.
                Label go = a.newLabel();
                done = a.newLabel();
                a.alu(AluOp.CMP, size, b, wasm.backend.x64.Imm.of(-1));
                a.jcc(Cond.NE, go);
                a.xor(Size.DWORD, Gpr.RDX, Gpr.RDX);
                a.jmp(done);
                a.bind(go);
                a.signExtendAccumulator(size);
            }
            default -> a.xor(Size.DWORD, Gpr.RDX, Gpr.RDX);
        }
        if (b instanceof Gpr g) {
            a.unary(op, size, g);
        } else {
            a.unary(op, size, (Mem) b);
        }
        if (done != null) {
            a.bind(done);
        }
    }

    /** Slot k of this frame's results area (above the outgoing stack arguments). */
    private Mem resultSlot(int k) {
        return Mem.of(Gpr.RSP, 8 * (code.maxStackArgs + k));
    }

    /** ABI v2: the results area's address in rax, set after every argument was read, just before the call. */
    private void passResultsArea(MInst m) {
        if (m.resultArea) {
            a.lea(Size.QWORD, wasm.backend.x64.SysVAbi.RESULTS_AREA, resultSlot(0));
        }
    }

    private void call(MInst m, int[] al) {
        int nargs = 0;
        for (Operand o : m.ops) {
            if (o.kind().isUse()) {
                nargs++;
            }
        }
        if (m.indexOperand) {
            nargs--;
        }
        // Stack arguments: their sources are never argument registers (the
        // allocator keeps values read by a call out of its fixed registers).
        for (int k = 0; m.argDest != null && k < nargs; k++) {
            int dest = m.argDest[k];
            if (dest >= 0) {
                Mem dst = Mem.of(Gpr.RSP, 8 * dest);
                wasm.backend.x64.Operand src = x(al[k]);
                if (src instanceof Gpr g) {
                    a.mov(Size.QWORD, dst, g);
                } else {
                    a.mov(Size.QWORD, R11, src);
                    a.mov(Size.QWORD, dst, R11);
                }
            } else if (dest <= -2) {
                xin(Xmm.values()[-2 - dest], al[k], m.argDouble[k]);
            }
        }
        switch (m.callKind) {
            case DIRECT -> {
                passResultsArea(m);
                a.call(RelocationTarget.function(m.callee));
            }
            case SLOT -> {
                passResultsArea(m);
                a.call(Mem.of(Gpr.R15, layout.calleeCodeOffset(m.callee)));
            }
            case HELPER -> {
                a.mov(Size.QWORD, Gpr.RDI, Gpr.R15);
                for (int k = 0; m.helperImms != null && k < m.helperImms.length; k++) {
                    if (m.helperImms[k] != Long.MIN_VALUE) {
                        a.movConst(wasm.backend.x64.SysVAbi.INT_ARGS.get(k + 1), m.helperImms[k]);
                    }
                }
                a.call(Mem.of(Gpr.R15, layout.helperOffset(m.helper)));
                if (m.helper.canTrap()) {
                    // the helper stored the trap code already
                    a.test(Size.DWORD, Gpr.RAX, Gpr.RAX);
                    a.jcc(Cond.NE, unwind());
                }
            }
            case INDIRECT -> {
                a.mov(Size.DWORD, R11, x(al[nargs]));
                // the trap message names the index ("uninitialized element 2"); one store, no extra branch
                a.mov(Size.DWORD, Mem.of(Gpr.R15, layout.trapDetail()), R11);
                a.mov(Size.QWORD, R10, Mem.of(Gpr.R15, layout.tableOffset(m.tableIndex)));
                a.cmp(Size.DWORD, R11, Mem.of(R10, 8));
                a.jcc(Cond.AE, stub(TrapCode.UNDEFINED_ELEMENT));
                a.mov(Size.QWORD, R10, Mem.of(R10));
                a.mov(Size.QWORD, R10, Mem.of(R10, R11, 8, 0));
                a.cmp(Size.QWORD, R10, -1);
                a.jcc(Cond.E, stub(TrapCode.UNINITIALIZED_ELEMENT));
                a.imul(Size.QWORD, R10, R10, layout.funcDirEntrySize());
                a.add(Size.QWORD, R10, Mem.of(Gpr.R15, layout.funcDirectoryOffset()));
                // the expected id comes from vmctx, so the code is the same for every store (r11 is free now)
                a.mov(Size.DWORD, R11, Mem.of(Gpr.R15, layout.signatureIdOffset(m.callee)));
                a.cmp(Size.DWORD, Mem.of(R10, 16), R11);
                a.jcc(Cond.NE, stub(TrapCode.BAD_SIGNATURE));
                a.mov(Size.QWORD, slotMem(r15Slot), Gpr.R15);
                a.mov(Size.QWORD, Gpr.R15, Mem.of(R10, 8));
                passResultsArea(m);
                a.call(Mem.of(R10));
                a.mov(Size.QWORD, Gpr.R15, slotMem(r15Slot));
            }
        }
        if (m.floatValue) {
            a.movFromXmm(m.dbl ? Size.QWORD : Size.DWORD, Gpr.RAX, Xmm.XMM0);
        }
    }

    private static final Xmm X = Xmm.XMM14;
    private static final Xmm Y = Xmm.XMM15;

    /** Loads the float bits at {@code loc} into {@code x} (via r11 from memory). */
    private void xin(Xmm x, int loc, boolean dbl) {
        Size s = dbl ? Size.QWORD : Size.DWORD;
        if (Loc.isReg(loc)) {
            a.movToXmm(s, x, Loc.gpr(loc));
        } else {
            a.mov(s, R11, x(loc));
            a.movToXmm(s, x, R11);
        }
    }

    private static SseOp pick(boolean dbl, SseOp single, SseOp dbl64) {
        return dbl ? dbl64 : single;
    }

    /**
     * Floats live in general registers as bit patterns (the IR's value model);
     * an operation moves them through xmm14/xmm15 and back.
     */
    private void floatOp(MInst m, int[] al) {
        Gpr d = r(al[0]);
        boolean dbl = m.dbl;
        Size fs = dbl ? Size.QWORD : Size.DWORD;
        switch (m.fop) {
            case ADD, SUB, MUL, DIV -> {
                xin(X, al[1], dbl);
                xin(Y, al[2], dbl);
                SseOp op = switch (m.fop) {
                    case ADD -> pick(dbl, SseOp.ADDSS, SseOp.ADDSD);
                    case SUB -> pick(dbl, SseOp.SUBSS, SseOp.SUBSD);
                    case MUL -> pick(dbl, SseOp.MULSS, SseOp.MULSD);
                    default -> pick(dbl, SseOp.DIVSS, SseOp.DIVSD);
                };
                a.sse(op, X, Y);
                a.movFromXmm(fs, d, X);
            }
            case MIN, MAX -> {
                // Wasm: NaN if either is NaN; -0 < +0. minss/maxss alone get both wrong.
                xin(X, al[1], dbl);
                xin(Y, al[2], dbl);
                Label nan = a.newLabel();
                Label ordered = a.newLabel();
                Label done = a.newLabel();
                a.sse(pick(dbl, SseOp.UCOMISS, SseOp.UCOMISD), X, Y);
                a.jcc(Cond.P, nan);
                a.jcc(Cond.NE, ordered);
                // equal: only the signs of zeros can differ
                a.sse(m.fop == MInst.FOp.MIN ? SseOp.ORPS : SseOp.ANDPS, X, Y);
                a.jmp(done);
                a.bind(nan);
                a.sse(pick(dbl, SseOp.ADDSS, SseOp.ADDSD), X, Y);
                a.jmp(done);
                a.bind(ordered);
                a.sse(m.fop == MInst.FOp.MIN ? pick(dbl, SseOp.MINSS, SseOp.MINSD) : pick(dbl, SseOp.MAXSS, SseOp.MAXSD), X, Y);
                a.bind(done);
                a.movFromXmm(fs, d, X);
            }
            case SQRT -> {
                xin(X, al[1], dbl);
                a.sse(pick(dbl, SseOp.SQRTSS, SseOp.SQRTSD), X, X);
                a.movFromXmm(fs, d, X);
            }
            case CEIL, FLOOR, TRUNC, NEAREST -> {
                xin(X, al[1], dbl);
                int mode = switch (m.fop) {
                    case NEAREST -> 0;
                    case FLOOR -> 1;
                    case CEIL -> 2;
                    default -> 3;
                };
                a.round(dbl, X, X, mode | 8);
                a.movFromXmm(fs, d, X);
            }
            case ABS -> {
                a.mov(fs, d, x(al[1]));
                if (dbl) {
                    a.shl(Size.QWORD, d, 1);
                    a.shr(Size.QWORD, d, 1);
                } else {
                    a.and(Size.DWORD, d, 0x7FFF_FFFF);
                }
            }
            case NEG -> {
                a.mov(fs, d, x(al[1]));
                if (dbl) {
                    a.movabs(R11, Long.MIN_VALUE);
                    a.xor(Size.QWORD, d, R11);
                } else {
                    a.xor(Size.DWORD, d, Integer.MIN_VALUE);
                }
            }
            case COPYSIGN -> {
                a.mov(fs, d, x(al[1]));
                a.mov(fs, R11, x(al[2]));
                if (dbl) {
                    a.shl(Size.QWORD, d, 1);
                    a.shr(Size.QWORD, d, 1);
                    a.shr(Size.QWORD, R11, 63);
                    a.shl(Size.QWORD, R11, 63);
                } else {
                    a.and(Size.DWORD, d, 0x7FFF_FFFF);
                    a.and(Size.DWORD, R11, Integer.MIN_VALUE);
                }
                a.or(fs, d, R11);
            }
            case PROMOTE -> {
                xin(X, al[1], false);
                a.sse(SseOp.CVTSS2SD, X, X);
                a.movFromXmm(Size.QWORD, d, X);
            }
            case DEMOTE -> {
                xin(X, al[1], true);
                a.sse(SseOp.CVTSD2SS, X, X);
                a.movFromXmm(Size.DWORD, d, X);
            }
            case FROM_SINT -> {
                a.mov(m.intSize, R11, x(al[1]));
                a.cvtsi2s(dbl, m.intSize, X, R11);
                a.movFromXmm(fs, d, X);
            }
            case FROM_UINT -> {
                if (m.intSize == Size.DWORD) {
                    a.mov(Size.DWORD, R11, x(al[1])); // zero-extends: exact as a signed 64-bit value
                    a.cvtsi2s(dbl, Size.QWORD, X, R11);
                } else {
                    // top bit set: halve keeping the lost bit sticky (round to odd), convert, double
                    Label big = a.newLabel();
                    Label done = a.newLabel();
                    a.mov(Size.QWORD, R11, x(al[1]));
                    a.test(Size.QWORD, R11, R11);
                    a.jcc(Cond.S, big);
                    a.cvtsi2s(dbl, Size.QWORD, X, R11);
                    a.jmp(done);
                    a.bind(big);
                    a.mov(Size.QWORD, d, R11);
                    a.and(Size.DWORD, d, 1);
                    a.shr(Size.QWORD, R11, 1);
                    a.or(Size.QWORD, R11, d);
                    a.cvtsi2s(dbl, Size.QWORD, X, R11);
                    a.sse(pick(dbl, SseOp.ADDSS, SseOp.ADDSD), X, X);
                    a.bind(done);
                }
                a.movFromXmm(fs, d, X);
            }
            case TO_SINT, TO_UINT, TO_SINT_SAT, TO_UINT_SAT -> toInt(m, d, al);
            case CMP -> {
                xin(X, al[1], dbl);
                xin(Y, al[2], dbl);
                a.xor(Size.DWORD, d, d);
                a.xor(Size.DWORD, R11, R11);
                SseOp ucomis = pick(dbl, SseOp.UCOMISS, SseOp.UCOMISD);
                switch (m.fcc) {
                    case EQ -> {
                        a.sse(ucomis, X, Y);
                        a.setcc(Cond.E, d);
                        a.setcc(Cond.NP, R11);
                        a.and(Size.DWORD, d, R11);
                    }
                    case NE -> {
                        a.sse(ucomis, X, Y);
                        a.setcc(Cond.NE, d);
                        a.setcc(Cond.P, R11);
                        a.or(Size.DWORD, d, R11);
                    }
                    // unordered sets CF: "above" forms are false on NaN
                    case LT -> {
                        a.sse(ucomis, Y, X);
                        a.setcc(Cond.A, d);
                    }
                    case LE -> {
                        a.sse(ucomis, Y, X);
                        a.setcc(Cond.AE, d);
                    }
                    case GT -> {
                        a.sse(ucomis, X, Y);
                        a.setcc(Cond.A, d);
                    }
                    case GE -> {
                        a.sse(ucomis, X, Y);
                        a.setcc(Cond.AE, d);
                    }
                }
            }
        }
    }

    private void loadConst(Xmm x, double value, boolean dbl) {
        if (dbl) {
            a.movabs(R11, Double.doubleToRawLongBits(value));
            a.movToXmm(Size.QWORD, x, R11);
        } else {
            a.mov(Size.DWORD, R11, Float.floatToRawIntBits((float) value));
            a.movToXmm(Size.DWORD, x, R11);
        }
    }

    /**
     * Float to integer: NaN and out-of-range inputs are found by comparing
     * against the exact bounds first (trap, or saturate for the _sat forms);
     * in-range inputs convert with cvtts2si (u64 above 2^63 by subtracting 2^63).
     */
    private void toInt(MInst m, Gpr d, int[] al) {
        boolean dbl = m.dbl;
        boolean signed = m.fop == MInst.FOp.TO_SINT || m.fop == MInst.FOp.TO_SINT_SAT;
        boolean sat = m.fop == MInst.FOp.TO_SINT_SAT || m.fop == MInst.FOp.TO_UINT_SAT;
        boolean wide = m.intSize == Size.QWORD;
        double lo;
        boolean loStrict;
        double hi;
        if (signed) {
            loStrict = !wide && dbl;
            lo = wide ? -0x1p63 : loStrict ? -2147483649.0 : -0x1p31;
            hi = wide ? 0x1p63 : 0x1p31;
        } else {
            loStrict = true;
            lo = -1.0;
            hi = wide ? 0x1p64 : 0x1p32;
        }
        SseOp ucomis = pick(dbl, SseOp.UCOMISS, SseOp.UCOMISD);
        Label done = a.newLabel();
        Label low = sat ? a.newLabel() : stub(TrapCode.INT_OVF);
        Label high = sat ? a.newLabel() : stub(TrapCode.INT_OVF);
        xin(X, al[1], dbl);
        if (sat) {
            a.xor(Size.DWORD, d, d);
        }
        a.sse(ucomis, X, X);
        a.jcc(Cond.P, sat ? done : stub(TrapCode.BAD_TOINT));
        loadConst(Y, lo, dbl);
        a.sse(ucomis, X, Y);
        a.jcc(loStrict ? Cond.BE : Cond.B, low);
        loadConst(Y, hi, dbl);
        a.sse(ucomis, X, Y);
        a.jcc(Cond.AE, high);
        if (signed) {
            a.cvtts2si(dbl, m.intSize, d, X);
        } else if (!wide) {
            a.cvtts2si(dbl, Size.QWORD, d, X);
        } else {
            Label big = a.newLabel();
            loadConst(Y, 0x1p63, dbl);
            a.sse(ucomis, X, Y);
            a.jcc(Cond.AE, big);
            a.cvtts2si(dbl, Size.QWORD, d, X);
            a.jmp(done);
            a.bind(big);
            a.sse(pick(dbl, SseOp.SUBSS, SseOp.SUBSD), X, Y);
            a.cvtts2si(dbl, Size.QWORD, d, X);
            a.movabs(R11, Long.MIN_VALUE);
            a.xor(Size.QWORD, d, R11);
        }
        if (sat) {
            a.jmp(done);
            a.bind(low);
            a.movConst(d, signed ? (wide ? Long.MIN_VALUE : 0x8000_0000L) : 0);
            a.jmp(done);
            a.bind(high);
            a.movConst(d, signed ? (wide ? Long.MAX_VALUE : 0x7FFF_FFFFL) : (wide ? -1L : 0xFFFF_FFFFL));
        }
        a.bind(done);
    }

    private void brTable(MInst m, int[] al) {
        int n = m.targets.length - 1;
        Label dflt = blockLabels[m.targets[0]];
        a.mov(Size.DWORD, R11, x(al[0]));
        if (n <= 4) {
            // A short compare chain beats the table's indirect jump.
            for (int k = 0; k < n; k++) {
                a.cmp(Size.DWORD, R11, k);
                a.jcc(Cond.E, blockLabels[m.targets[k + 1]]);
            }
            a.jmp(dflt);
            return;
        }
        Label table = a.newLabel();
        a.cmp(Size.DWORD, R11, n);
        a.jcc(Cond.AE, dflt);
        a.lea(Size.QWORD, R10, Mem.rip(table));
        a.movsxd(R11, Mem.of(R10, R11, 4, 0));
        a.add(Size.QWORD, R11, R10);
        a.jmp(R11);
        a.align(4);
        a.bind(table);
        int tableStart = buf.position();
        for (int k = 1; k <= n; k++) {
            // entry = target - table start
            buf.emitLabelReference(blockLabels[m.targets[k]], FixupKind.REL32, buf.position() - tableStart);
        }
    }

    static List<Gpr> savedOrder() {
        return List.of(SAVED_ORDER);
    }
}
