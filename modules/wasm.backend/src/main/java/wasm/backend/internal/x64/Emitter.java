package wasm.backend.internal.x64;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import wasm.backend.Helper;
import wasm.backend.VmctxLayout;
import wasm.backend.code.CodeBuffer;
import wasm.backend.code.FixupKind;
import wasm.backend.code.Label;
import wasm.backend.code.RelocationTarget;
import wasm.ir.TrapCode;
import wasm.backend.x64.AluOp;
import wasm.backend.x64.Cond;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Mem;
import wasm.backend.x64.Size;
import wasm.backend.x64.SseOp;
import wasm.backend.x64.SysVAbi;
import wasm.backend.x64.UnaryOp;
import wasm.backend.x64.VecOp;
import wasm.backend.x64.Xmm;
import wasm.backend.x64.X64Assembler;

/**
 * Encodes allocated VCode: prologue (frame, callee-saved pushes, stack-limit
 * check), every instruction with its edits in the block order of
 * {@link BlockLayout} (loop back-edge moves fall through, trap blocks last), epilogues, one trap stub per
 * trap code at the end (each stores the code into vmctx and unwinds as the
 * JIT ABI says), then the constant pool (16-byte aligned entries read by
 * RIP-relative operands: float constants and sign masks). r11 is this class's
 * private scratch register; it also uses r10 and xmm15 (the allocator's
 * scratch registers) inside an instruction whose operands cannot be there.
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
    /** Blocks in emission order ({@link BlockLayout}), and the block laid out after each (-1 for the last). */
    private final int[] layoutOrder;
    private final int[] nextInLayout;
    private final Map<TrapCode, Label> stubs = new EnumMap<>(TrapCode.class);
    private final Gpr[] saved;
    private final int frameBytes;
    /** Where the prologue keeps r15 when a call of the function is fixed up (r15 reloaded after it). */
    private final Mem r15Slot;
    /**
     * Bytes from rbp down to the spill area: the callee-saved pushes and the r15 slot, rounded up to 16
     * when floats spill.
     */
    private final int slotBase;
    private final Map<ConstantPool, Label> constants = new LinkedHashMap<>();

    /** A 16-byte constant-pool entry (low and high quadword). */
    private record ConstantPool(long lo, long hi) {
    }

    /** Whether VEX (AVX) forms may be used for vector instructions. */
    private final boolean avx;

    private Emitter(VCode code, Allocation alloc, VmctxLayout layout, CodeBuffer buf, boolean avx) {
        this.avx = avx;
        this.code = code;
        this.alloc = alloc;
        this.layout = layout;
        this.buf = buf;
        this.a = new X64Assembler(buf);
        this.blockLabels = new Label[code.blockCount()];
        for (int b = 0; b < blockLabels.length; b++) {
            blockLabels[b] = buf.newLabel();
        }
        this.layoutOrder = BlockLayout.order(code);
        this.nextInLayout = BlockLayout.successorsInLayout(layoutOrder);
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
        // r15's slot right below the pushes, away from the outgoing area: a stray store past that
        // area would hit a spill slot (a wrong value a test sees), not the vmctx pointer
        int top = 8 * saved.length + (code.callFixups ? 8 : 0);
        r15Slot = Mem.of(Gpr.RBP, -top);
        // rbp is 16-aligned (rsp is at every call, SysV); float slots must be too (Loc).
        slotBase = floatSpilled(code, alloc) ? (top + 15) & -16 : top;
        // [rsp, +stackArea(maxStackArgs)): outgoing stack arguments, padded to 16 bytes (a callee owns
        // the padding too, SysVAbi.stackArea); then the results area of multi-result calls
        int bytes = (slotBase - 8 * saved.length) + 8 * alloc.spillSlots() + SysVAbi.stackArea(code.maxStackArgs)
                + 8 * code.maxResultSlots;
        // rsp is 16-aligned after "push rbp"; keep it so after the pushes and the frame.
        if ((bytes + 8 * saved.length) % 16 != 0) {
            bytes += 8;
        }
        frameBytes = bytes;
    }

    /** Emits the function; returns the offset of its constant pool, or -1 when it has none. */
    static int emit(VCode code, Allocation alloc, VmctxLayout layout, CodeBuffer buf, boolean avx) {
        return new Emitter(code, alloc, layout, buf, avx).run();
    }

    /** Whether a value of the XMM class lives in a spill slot (which must then be 16-byte aligned). */
    private static boolean floatSpilled(VCode code, Allocation alloc) {
        for (int v = 0; v < code.vregCount(); v++) {
            int l = alloc.vregLoc()[v];
            if (l >= 0 && !Loc.isReg(l) && RegClass.of(code.vregTypes[v]) == RegClass.XMM) {
                return true;
            }
        }
        return false;
    }

    /** The constant pool entry {lo, hi}, as a RIP-relative operand. */
    private Mem constant(long lo, long hi) {
        return Mem.rip(constants.computeIfAbsent(new ConstantPool(lo, hi), c -> buf.newLabel()));
    }

    /** A float constant (f32 in the low 4 bytes), for scalar operands. */
    private Mem constant(double value, boolean f64) {
        return f64 ? constant(Double.doubleToRawLongBits(value), 0)
                : constant(Float.floatToRawIntBits((float) value) & 0xFFFF_FFFFL, 0);
    }

    /** Each lane's sign bit (f32 or f64 lanes), or with {@code abs} every other bit. */
    private Mem signMask(boolean f64, boolean abs) {
        long sign = f64 ? Long.MIN_VALUE : 0x8000_0000_8000_0000L;
        long mask = abs ? ~sign : sign;
        return constant(mask, mask);
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
        return Mem.of(Gpr.RBP, -slotBase - 8 * (slot + 1));
    }

    /** A location as an operand: a general or XMM register, or a spill slot. */
    private wasm.backend.x64.Operand x(int loc) {
        if (Loc.isRemat(loc)) {
            throw new IllegalStateException("a rematerialized constant read as an operand: " + Loc.text(loc));
        }
        return Loc.isGpr(loc) ? Loc.gpr(loc) : Loc.isXmm(loc) ? Loc.xmm(loc) : slotMem(Loc.slotIndex(loc));
    }

    /** An allocated XMM operand: its register, or its spill slot. */
    private wasm.backend.x64.Operand x(XReg v) {
        return x(v.index());
    }

    /** An allocated XMM operand that the form requires in a register. */
    private static Xmm xr(XReg v) {
        if (!Loc.isXmm(v.index())) {
            throw new IllegalStateException("operand must be in an xmm register: " + Loc.text(v.index()));
        }
        return Loc.xmm(v.index());
    }

    /** An allocated general-register operand: its register, or its spill slot. */
    private wasm.backend.x64.Operand x(GReg g) {
        return x(g.index());
    }

    private static Gpr r(int loc) {
        if (!Loc.isGpr(loc)) {
            throw new IllegalStateException("operand must be in a register: " + Loc.text(loc));
        }
        return Loc.gpr(loc);
    }

    /** An allocated general-register operand that the form requires in a register. */
    private static Gpr r(GReg g) {
        return r(g.index());
    }

    /** {@code mov d, src} unless src is d already (a tied operand, see LinearScan). */
    private void copy(Gpr d, wasm.backend.x64.Operand src) {
        if (!src.equals(d)) {
            a.mov(Size.QWORD, d, src);
        }
    }

    /**
     * An allocator edit: movaps between XMM registers, movdqu between one and a slot (the whole
     * 16-byte slot of the XMM class: a v128, or a float with bits to spare), else mov.
     */
    private void move(Move m) {
        if (Loc.isRemat(m.from())) {
            materialize(m.from(), m.to());
            return;
        }
        switch (x(m.from())) {
            case Xmm from -> {
                switch (x(m.to())) {
                    case Xmm to -> a.movaps(to, from);
                    case Mem to -> a.movdqu(to, from);
                    default -> throw new IllegalStateException("no move from " + from + " to " + Loc.text(m.to()));
                }
            }
            case Mem from when x(m.to()) instanceof Xmm to -> a.movdqu(to, from);
            case wasm.backend.x64.Operand from -> a.mov(Size.QWORD, x(m.to()), from);
        }
    }

    /**
     * Re-creates a rematerialized constant ({@link Rematerialization}) in {@code to}: into a register
     * by emitting its defining instruction there; into a slot (an edge move into a spilled block
     * parameter) as {@code mov [slot], simm32} or through r11, both halves of a v128's slot. No
     * form touches the flags (movConst and the constant-pool loads; xorps and pcmpeqd only XMM state).
     */
    private void materialize(int remat, int to) {
        if (Loc.isReg(to)) {
            inst(alloc.rematerialized(remat, to), -1);
            return;
        }
        Mem low = slotMem(Loc.slotIndex(to));
        switch (alloc.rematerialized(remat, to)) {
            case MInst.LoadConst c -> a.storeConst(low, c.value(), R11);
            case MInst.FpConst c -> a.storeConst(low, c.bits(), R11);
            case MInst.VecConst c -> {
                a.storeConst(low, c.lo(), R11);
                a.storeConst(slotMem(Loc.slotIndex(to) - 1), c.hi(), R11);
            }
            default -> throw new IllegalStateException("not a constant: " + alloc.rematerialized(remat, to));
        }
    }

    /** Whether a constant's definition is at a remat location: re-created at its uses, it emits nothing here. */
    private static boolean rematerialized(VReg dst) {
        return Loc.isRemat(dst.index());
    }

    /** {@code d = src}, all 128 bits: movaps from a register, movdqu from a (16-byte) slot. */
    private void loadFp(Xmm d, XReg src) {
        switch (x(src)) {
            case Xmm s -> {
                if (s != d) {
                    a.movaps(d, s);
                }
            }
            case Mem m -> a.movdqu(d, m);
            default -> throw new IllegalStateException();
        }
    }

    private void sse(SseOp op, Xmm d, XReg src) {
        switch (x(src)) {
            case Xmm s -> a.sse(op, d, s);
            case Mem m -> a.sse(op, d, m);
            default -> throw new IllegalStateException();
        }
    }

    private int run() {
        a.push(Gpr.RBP);
        a.mov(Size.QWORD, Gpr.RBP, Gpr.RSP);
        for (Gpr s : saved) {
            a.push(s);
        }
        if (frameBytes > 0) {
            a.sub(Size.QWORD, Gpr.RSP, frameBytes);
        }
        stackCheck();
        if (layout.fuelCounter() >= 0) {
            chargeFuel();
        }
        if (code.callFixups) {
            a.mov(Size.QWORD, r15Slot, Gpr.R15);
        }
        for (int b : layoutOrder) {
            a.bind(blockLabels[b]);
            for (int i = code.start(b); i < code.end(b); i++) {
                MInst m = alloc.located(code, i);
                for (Move mv : alloc.before().get(i)) {
                    move(mv);
                }
                if (m instanceof MInst.Jump j) {
                    for (Move mv : alloc.after().get(i)) {
                        move(mv);
                    }
                    if (j.target() != nextInLayout[b]) {
                        a.jmp(blockLabels[j.target()]);
                    }
                    continue;
                }
                inst(m, b);
                for (Move mv : alloc.after().get(i)) {
                    move(mv);
                }
            }
        }
        // Every way out to the entry trampoline's landing pad leaves rax = an address inside this
        // function and rbp = its frame: the landing pad records the backtrace from them.
        AbiSequences.waysOut(a, buf, layout, unwind, stubs);
        if (constants.isEmpty()) {
            return -1;
        }
        // Aligned within the function, whose start the code image aligns to 16 bytes.
        a.align(16);
        int pool = buf.position();
        for (Map.Entry<ConstantPool, Label> e : constants.entrySet()) {
            a.bind(e.getValue());
            buf.emit64(e.getKey().lo());
            buf.emit64(e.getKey().hi());
        }
        return pool;
    }

    /**
     * rsp against the stack limit: the prologue's overflow check, and the interruption check of a
     * loop's poll (the runtime interrupts by setting the limit to all ones, so the compare fails).
     */
    private void stackCheck() {
        AbiSequences.stackCheck(a, layout, stub(TrapCode.STACK_OVERFLOW));
    }

    /** One unit off the store's fuel counter (its address is in the vmctx), trapping when it goes negative. */
    private void chargeFuel() {
        a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.fuelCounter()));
        a.alu(AluOp.SUB, Size.QWORD, Mem.of(R11), wasm.backend.x64.Imm.of(1));
        a.jcc(Cond.S, stub(TrapCode.OUT_OF_FUEL));
    }

    private void epilogue() {
        tearDownFrame();
        a.ret();
    }

    /** Undoes the prologue: frame, callee-saved registers, rbp; rsp then points at the return address. */
    private void tearDownFrame() {
        if (frameBytes > 0) {
            a.add(Size.QWORD, Gpr.RSP, frameBytes);
        }
        for (int k = saved.length - 1; k >= 0; k--) {
            a.pop(saved[k]);
        }
        a.pop(Gpr.RBP);
    }

    /** cmp a, (b | imm), using r11 when both sides are in memory. */
    private void compare(MInst.IntCompare c) {
        Size size = c.size();
        wasm.backend.x64.Operand lhs = x(c.lhs());
        if (c.rhs() instanceof Imm32(int imm)) {
            if (lhs instanceof Gpr g && imm == 0) {
                a.test(size, g, g);
            } else {
                a.alu(AluOp.CMP, size, lhs, wasm.backend.x64.Imm.of(imm));
            }
            return;
        }
        wasm.backend.x64.Operand rhs = x((GReg) c.rhs());
        if (lhs instanceof Mem && rhs instanceof Mem) {
            a.mov(Size.QWORD, R11, lhs);
            lhs = R11;
        }
        a.alu(AluOp.CMP, size, lhs, rhs);
    }

    private void inst(MInst m, int block) {
        switch (m) {
            case MInst.BlockStart x -> { }
            case MInst.Entry x -> { }
            case MInst.LoadStackArg x -> {
                Mem arg = Mem.of(Gpr.RBP, 16 + 8 * x.slot());
                switch (x.dst()) {
                    case GReg g -> a.mov(Size.QWORD, r(g), arg);
                    case XReg f when x.v128() -> a.movdqu(xr(f), arg);
                    case XReg f -> a.movsd(xr(f), arg);
                }
            }
            case MInst.LoadConst x when rematerialized(x.dst()) -> { }
            case MInst.LoadConst x -> a.movConst(r(x.dst()), x.value());
            case MInst.Vmctx x -> a.mov(Size.QWORD, r(x.dst()), Gpr.R15);
            case MInst.Alu x -> alu(x);
            case MInst.IMul x -> {
                Gpr d = r(x.dst());
                copy(d, x(x.a()));
                switch (x(x.b())) {
                    case Gpr g -> a.imul(x.size(), d, g);
                    case Mem mm -> a.imul(x.size(), d, mm);
                    default -> throw new IllegalStateException();
                }
            }
            case MInst.IMulImm x -> {
                Gpr d = r(x.dst());
                switch (x(x.a())) {
                    case Gpr g -> a.imul(x.size(), d, g, x.imm());
                    case Mem mm -> a.imul(x.size(), d, mm, x.imm());
                    default -> throw new IllegalStateException();
                }
            }
            case MInst.ShiftImm x -> {
                Gpr d = r(x.dst());
                copy(d, x(x.a()));
                a.shift(x.op(), x.size(), d, x.count());
            }
            case MInst.ShiftCl x -> {
                Gpr d = r(x.dst());
                copy(d, x(x.a()));
                a.shiftByCl(x.op(), x.size(), d);
            }
            case MInst.Div x -> div(x);
            case MInst.BitCount x -> {
                Gpr d = r(x.dst());
                switch (x(x.src())) {
                    case Gpr g -> {
                        switch (x.op()) {
                            case LZCNT -> a.lzcnt(x.size(), d, g);
                            case TZCNT -> a.tzcnt(x.size(), d, g);
                            case POPCNT -> a.popcnt(x.size(), d, g);
                        }
                    }
                    case Mem mm -> {
                        switch (x.op()) {
                            case LZCNT -> a.lzcnt(x.size(), d, mm);
                            case TZCNT -> a.tzcnt(x.size(), d, mm);
                            case POPCNT -> a.popcnt(x.size(), d, mm);
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            case MInst.BitScan x -> bitScan(x);
            case MInst.PopcntBits x -> popcntBits(x);
            case MInst.FpRoundBits x -> roundBits(x);
            case MInst.CmpSet x -> {
                Gpr d = r(x.dst());
                a.xor(Size.DWORD, d, d);
                compare(x.cmp());
                a.setcc(x.cmp().cond(), d);
            }
            case MInst.Extend x -> {
                Gpr d = r(x.dst());
                wasm.backend.x64.Operand s = x(x.src());
                switch (x.ext()) {
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
                        Size from = x.ext() == MInst.Ext.SX8 ? Size.BYTE : Size.WORD;
                        if (s instanceof Gpr g) {
                            a.movsx(x.size(), d, from, g);
                        } else {
                            a.movsx(x.size(), d, from, (Mem) s);
                        }
                    }
                }
            }
            case MInst.Select x -> {
                Gpr d = r(x.dst());
                a.mov(Size.QWORD, d, x(x.ifFalse()));
                compare(x.cmp());
                switch (x(x.ifTrue())) {
                    case Gpr g -> a.cmov(x.cmp().cond(), Size.QWORD, d, g);
                    case Mem mm -> a.cmov(x.cmp().cond(), Size.QWORD, d, mm);
                    default -> throw new IllegalStateException();
                }
            }
            case MInst.Load x -> {
                Mem mem = address(x.access(), x.addr());
                if (mem == null) {
                    return;
                }
                Gpr d = r(x.dst());
                int bytes = x.access().bytes();
                switch (bytes) {
                    case 8 -> a.mov(Size.QWORD, d, mem);
                    case 4 -> {
                        if (x.access().signExtend()) {
                            a.movsxd(d, mem);
                        } else {
                            a.mov(Size.DWORD, d, mem);
                        }
                    }
                    default -> {
                        Size from = bytes == 1 ? Size.BYTE : Size.WORD;
                        if (x.access().signExtend()) {
                            a.movsx(x.size(), d, from, mem);
                        } else {
                            a.movzx(Size.DWORD, d, from, mem);
                        }
                    }
                }
            }
            case MInst.Store x -> {
                Mem mem = address(x.access(), x.addr());
                if (mem == null) {
                    return;
                }
                Size s = switch (x.access().bytes()) {
                    case 1 -> Size.BYTE;
                    case 2 -> Size.WORD;
                    case 4 -> Size.DWORD;
                    default -> Size.QWORD;
                };
                a.mov(s, mem, r(x.value()));
            }
            case MInst.HeapRmw x -> {
                Mem mem = address(x.access(), x.addr());
                if (mem == null) {
                    return;
                }
                a.alu(x.op(), x.size(), mem, r(x.src()));
            }
            case MInst.GlobalGet x -> {
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset(x.global())));
                a.mov(x.size(), r(x.dst()), Mem.of(R11));
            }
            case MInst.GlobalSet x -> {
                Gpr v = r(x.value());
                if (x.size() == Size.DWORD) {
                    a.movsxd(R10, v); // cells hold i32 sign-extended
                    v = R10;
                }
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset(x.global())));
                a.mov(Size.QWORD, Mem.of(R11), v);
            }
            case MInst.TableSize x -> {
                Gpr d = r(x.dst());
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.tableOffset(x.table())));
                a.mov(Size.DWORD, d, Mem.of(R11, 8));
            }
            case MInst.TableGet x -> {
                tableElement(x.table(), x.wide(), x.index());
                a.mov(Size.QWORD, r(x.dst()), Mem.of(R11));
            }
            case MInst.TableSet x -> {
                tableElement(x.table(), x.wide(), x.index());
                if (x(x.value()) instanceof Gpr v) {
                    a.mov(Size.QWORD, Mem.of(R11), v);
                } else {
                    a.mov(Size.QWORD, R10, x(x.value()));
                    a.mov(Size.QWORD, Mem.of(R11), R10);
                }
            }
            case MInst.MemoryField x -> a.mov(Size.QWORD, r(x.dst()), Mem.of(Gpr.R15,
                    x.field() == MInst.HeapField.BASE ? layout.memoryBase(x.memory()) : layout.memoryLength(x.memory())));
            case MInst.MemorySize x -> {
                Gpr d = r(x.dst());
                a.mov(Size.QWORD, d, Mem.of(Gpr.R15, layout.memoryLength(x.memory())));
                a.shr(Size.QWORD, d, 16);
            }
            case MInst.Call x -> call(x);
            case MInst.TailCall x -> tailCall(x);
            case MInst.Branch x -> {
                compare(x.cmp());
                Cond cond = x.cmp().cond();
                if (x.taken() == nextInLayout[block]) {
                    a.jcc(cond.invert(), blockLabels[x.notTaken()]);
                } else {
                    a.jcc(cond, blockLabels[x.taken()]);
                    if (x.notTaken() != nextInLayout[block]) {
                        a.jmp(blockLabels[x.notTaken()]);
                    }
                }
            }
            case MInst.BrTable x -> brTable(x);
            case MInst.LoadResult x -> {
                switch (x.dst()) {
                    case GReg g -> a.mov(Size.QWORD, r(g), resultSlot(x.slot()));
                    case XReg f when x.v128() -> a.movdqu(xr(f), resultSlot(x.slot()));
                    case XReg f -> a.movsd(xr(f), resultSlot(x.slot()));
                }
            }
            case MInst.Return x -> epilogue();
            case MInst.ReturnMulti x -> {
                // ABI v2: store every result into the caller's results area (r11 = its address)
                a.mov(Size.QWORD, R11, x(x.area()));
                int slot = 0;
                for (int k = 0; k < x.values().length; k++) {
                    storeValue(Mem.of(R11, 8 * slot), x.values()[k].index(), x.v128()[k], R10);
                    slot += x.v128()[k] ? 2 : 1;
                }
                epilogue();
            }
            case MInst.FpConst x when rematerialized(x.dst()) -> { }
            case MInst.FpConst x -> {
                Xmm d = xr(x.dst());
                if (x.bits() == 0) {
                    a.sse(SseOp.XORPS, d, d);
                } else {
                    a.movScalar(x.f64() ? Size.QWORD : Size.DWORD, d, constant(x.bits(), 0));
                }
            }
            case MInst.FpArith x -> {
                Xmm d = xr(x.dst());
                if (avx && x(x.a()) instanceof Xmm s) {
                    // three operands: no copy of a first when a lives on (matmul's aik * b[j])
                    a.vsse(x.op(), d, s, x(x.b()));
                } else {
                    loadFp(d, x.a());
                    sse(x.op(), d, x.b());
                }
            }
            case MInst.FpUnary x -> {
                Xmm d = xr(x.dst());
                if (avx && x(x.src()) instanceof Xmm s) {
                    // upper bits from the source too: the legacy form merges into d's old value, a
                    // false dependency on whatever last wrote d
                    a.vsse(x.op(), d, s, s);
                } else {
                    sse(x.op(), d, x.src());
                }
            }
            case MInst.FpMinMax x -> minMax(x);
            case MInst.FpSign x -> {
                Xmm d = xr(x.dst());
                SseOp op = x.op() == MInst.SignOp.ABS ? SseOp.ANDPS : SseOp.XORPS;
                Mem mask = signMask(x.f64(), x.op() == MInst.SignOp.ABS);
                if (avx && x(x.src()) instanceof Xmm s) {
                    a.vsse(op, d, s, mask);
                } else {
                    loadFp(d, x.src());
                    a.sse(op, d, mask);
                }
            }
            case MInst.FpCopySign x -> {
                // d = a ^ ((a ^ b) & sign): the sign of b, every other bit of a
                Xmm d = xr(x.dst());
                loadFp(d, x.a());
                sse(SseOp.XORPS, d, x.b());
                a.sse(SseOp.ANDPS, d, signMask(x.f64(), false));
                sse(SseOp.XORPS, d, x.a());
            }
            case MInst.FpRound x -> {
                Xmm d = xr(x.dst());
                switch (x(x.src())) {
                    case Xmm s -> a.round(x.f64(), d, s, x.mode().imm);
                    case Mem mm -> a.round(x.f64(), d, mm, x.mode().imm);
                    default -> throw new IllegalStateException();
                }
            }
            case MInst.IntToFp x -> intToFp(x);
            case MInst.FpToInt x -> fpToInt(x);
            case MInst.FpCompare x -> fpCompare(x);
            case MInst.FpSelect x -> {
                Xmm d = xr(x.dst());
                Label skip = a.newLabel();
                loadFp(d, x.ifFalse());
                compare(x.cmp());
                a.jcc(x.cmp().cond().invert(), skip);
                loadFp(d, x.ifTrue());
                a.bind(skip);
            }
            case MInst.GprToXmm x -> {
                Xmm d = xr(x.dst());
                switch (x(x.src())) {
                    case Gpr g -> a.movToXmm(x.size(), d, g);
                    case Mem mm -> a.movScalar(x.size(), d, mm);
                    default -> throw new IllegalStateException();
                }
            }
            case MInst.XmmToGpr x -> {
                Gpr d = r(x.dst());
                switch (x(x.src())) {
                    case Xmm s -> a.movFromXmm(x.size(), d, s);
                    case Mem mm -> a.mov(x.size(), d, mm);
                    default -> throw new IllegalStateException();
                }
            }
            case MInst.FpLoad x -> {
                Mem mem = address(x.access(), x.addr());
                if (mem != null) {
                    a.movScalar(x.f64() ? Size.QWORD : Size.DWORD, xr(x.dst()), mem);
                }
            }
            case MInst.FpStore x -> {
                Mem mem = address(x.access(), x.addr());
                if (mem != null) {
                    a.movScalar(x.f64() ? Size.QWORD : Size.DWORD, mem, xr(x.value()));
                }
            }
            case MInst.FpGlobalGet x -> {
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset(x.global())));
                a.movScalar(x.f64() ? Size.QWORD : Size.DWORD, xr(x.dst()), Mem.of(R11));
            }
            case MInst.FpGlobalSet x -> {
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset(x.global())));
                if (x.f64()) {
                    a.movsd(Mem.of(R11), xr(x.value()));
                } else {
                    a.movFromXmm(Size.DWORD, R10, xr(x.value())); // f32 bits zero-extended
                    a.mov(Size.QWORD, Mem.of(R11), R10);
                }
            }
            case MInst.VecConst x when rematerialized(x.dst()) -> { }
            case MInst.VecConst x -> {
                Xmm d = xr(x.dst());
                if (x.lo() == 0 && x.hi() == 0) {
                    vop(VecOp.PXOR, 0, d, d, d);
                } else if (x.lo() == -1 && x.hi() == -1) {
                    vop(VecOp.PCMPEQD, 0, d, d, d);
                } else {
                    unary(VecOp.MOVDQU, 0, d, constant(x.lo(), x.hi()));
                }
            }
            case MInst.VecBinary x -> binary(x.op(), x.imm(), xr(x.dst()), x.a(), x(x.b()));
            case MInst.VecBinaryConst x -> binary(x.op(), x.imm(), xr(x.dst()), x.a(), constant(x.lo(), x.hi()));
            case MInst.VecUnary x -> unary(x.op(), x.imm(), xr(x.dst()), x(x.src()));
            case MInst.VecShiftImm x -> {
                Xmm d = xr(x.dst());
                if (avx) {
                    a.vexShift(x.op(), d, firstSource(d, x.src()), x.count());
                } else {
                    loadFp(d, x.src());
                    a.vecShift(x.op(), d, x.count());
                }
            }
            case MInst.VecInsert x -> {
                Xmm d = xr(x.dst());
                if (avx) {
                    a.vpinsr(x.width(), d, firstSource(d, x.vec()), x(x.value()), x.lane());
                } else {
                    loadFp(d, x.vec());
                    a.pinsr(x.width(), d, x(x.value()), x.lane());
                }
            }
            case MInst.VecExtract x -> {
                Gpr d = r(x.dst());
                Xmm s = xr(x.src());
                if (x.lane() == 0 && x.width() == X64Assembler.LaneWidth.D) {
                    a.movFromXmm(Size.DWORD, d, s);
                } else if (x.lane() == 0 && x.width() == X64Assembler.LaneWidth.Q) {
                    a.movFromXmm(Size.QWORD, d, s);
                } else if (avx) {
                    a.vpextr(x.width(), d, s, x.lane());
                } else {
                    a.pextr(x.width(), d, s, x.lane());
                }
            }
            case MInst.VecMoveMask x -> a.moveMask(x.op(), r(x.dst()), xr(x.src()));
            case MInst.VecTest x -> {
                Gpr d = r(x.dst());
                Xmm s = xr(x.src());
                a.xor(Size.DWORD, d, d); // before ptest: xor writes the flags
                if (avx) {
                    a.vex(VecOp.PTEST, s, null, s);
                } else {
                    a.vec(VecOp.PTEST, s, s);
                }
                a.setcc(x.zero() ? Cond.E : Cond.NE, d);
            }
            case MInst.VecBlend x -> {
                Xmm d = xr(x.dst());
                if (avx) {
                    a.vblendv(x.op(), d, firstSource(d, x.b()), x(x.a()), xr(x.mask()));
                } else {
                    loadFp(d, x.b());
                    a.blendv(x.op(), d, x(x.a()));
                }
            }
            case MInst.VecLoad x -> {
                Mem mem = address(x.access(), x.addr());
                if (mem != null) {
                    unary(x.op(), 0, xr(x.dst()), mem);
                }
            }
            case MInst.VecLoadLane x -> {
                Mem mem = address(x.access(), x.addr());
                if (mem != null) {
                    Xmm d = xr(x.dst());
                    loadFp(d, x.vec());
                    if (avx) {
                        a.vpinsr(x.width(), d, d, mem, x.lane());
                    } else {
                        a.pinsr(x.width(), d, mem, x.lane());
                    }
                }
            }
            case MInst.VecStore x -> {
                Mem mem = address(x.access(), x.addr());
                if (mem != null) {
                    Xmm v = xr(x.value());
                    if (x.width() == null) {
                        a.movdqu(mem, v);
                    } else if (x.lane() == 0 && x.width() == X64Assembler.LaneWidth.D) {
                        a.movd(mem, v);
                    } else if (x.lane() == 0 && x.width() == X64Assembler.LaneWidth.Q) {
                        a.movq(mem, v);
                    } else if (avx) {
                        a.vpextr(x.width(), mem, v, x.lane());
                    } else {
                        a.pextr(x.width(), mem, v, x.lane());
                    }
                }
            }
            case MInst.VecGlobalGet x -> {
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset(x.global())));
                a.movdqu(xr(x.dst()), Mem.of(R11));
            }
            case MInst.VecGlobalSet x -> {
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset(x.global())));
                a.movdqu(Mem.of(R11), xr(x.value()));
            }
            case MInst.Trap x -> a.jmp(stub(x.code()));
            case MInst.Poll x -> {
                // as the prologue: the interruption check first, then the fuel
                if (x.interrupt()) {
                    stackCheck();
                }
                if (x.fuel()) {
                    chargeFuel();
                }
            }
            case MInst.Jump x -> throw new IllegalStateException("jumps are emitted with their edge moves");
        }
    }

    // ---- vectors ------------------------------------------------------------------------

    /** {@code op} with its immediate when it takes one, legacy ({@code d = d op src}) or VEX ({@code d = s1 op src}). */
    private void vop(VecOp op, int imm, Xmm d, Xmm s1, wasm.backend.x64.Operand src) {
        if (avx) {
            if (op.hasImm()) {
                a.vex(op, d, s1, src, imm);
            } else {
                a.vex(op, d, s1, src);
            }
        } else {
            if (s1 != null && s1 != d) {
                throw new IllegalStateException("legacy " + op.mnemonic() + " writes its first source");
            }
            if (op.hasImm()) {
                a.vec(op, d, src, imm);
            } else {
                a.vec(op, d, src);
            }
        }
    }

    /** {@code d = op src} for a unary op. */
    private void unary(VecOp op, int imm, Xmm d, wasm.backend.x64.Operand src) {
        vop(op, imm, d, null, src);
    }

    /** VEX's first source: {@code v}'s register, or {@code d} after loading a spilled {@code v} into it. */
    private Xmm firstSource(Xmm d, XReg v) {
        if (x(v) instanceof Xmm s) {
            return s;
        }
        loadFp(d, v);
        return d;
    }

    /**
     * {@code d = first op src}: VEX three-operand, or a copy of {@code first} into {@code d} and the
     * legacy two-operand form. ({@code d} may be xmm15, the allocator's scratch register, when the
     * result is spilled at once: this method uses no scratch register of its own.)
     */
    private void binary(VecOp op, int imm, Xmm d, XReg first, wasm.backend.x64.Operand src) {
        if (avx) {
            vop(op, imm, d, firstSource(d, first), src);
        } else {
            loadFp(d, first);
            vop(op, imm, d, d, src);
        }
    }

    private void alu(MInst.Alu x) {
        Gpr d = r(x.dst());
        Integer disp = x.b() instanceof Imm32(int imm) ? leaDisplacement(x.op(), imm) : null;
        if (disp != null && x(x.a()) instanceof Gpr s && s != d) {
            // Three-operand add: "lea d, [s + imm]" instead of "mov d, s; add d, imm". Same
            // result at either width (the 32-bit form zero-extends); nothing reads the flags.
            a.lea(x.size(), d, Mem.of(s, disp));
            return;
        }
        if (x.op() == AluOp.ADD && x.b() instanceof GReg b && x(x.a()) instanceof Gpr s1 && x(b) instanceof Gpr s2
                && s1 != d && s2 != d) {
            a.lea(x.size(), d, Mem.of(s1, s2, 1, 0));
            return;
        }
        copy(d, x(x.a()));
        switch (x.b()) {
            case Imm32(int imm) -> a.alu(x.op(), x.size(), d, imm);
            case GReg b -> a.alu(x.op(), x.size(), d, x(b));
        }
    }

    /**
     * table.get/set: header {u64 elements, u32 size}: bounds check, then r11 = &elements[index].
     * (A spilled TableGet result lives in r10, written last; TableSet's value is never r10: it may
     * come from memory.)
     */
    private void tableElement(int table, boolean wide, GReg index) {
        if (wide) {
            // an i64 index (table64) of 2^32 or more is past any table (sizes are u32)
            a.mov(Size.QWORD, R11, x(index));
            a.shr(Size.QWORD, R11, 32);
            a.jcc(Cond.NE, stub(TrapCode.TABLE_OOB));
        }
        a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.tableOffset(table)));
        a.mov(Size.DWORD, R10, x(index));
        a.cmp(Size.DWORD, R10, Mem.of(R11, 8));
        a.jcc(Cond.AE, stub(TrapCode.TABLE_OOB));
        a.mov(Size.QWORD, R11, Mem.of(R11));
        a.lea(Size.QWORD, R11, Mem.of(R11, R10, 8, 0));
    }

    /** The displacement of an ALU add/sub of an immediate as a lea, or null when it is neither. */
    private static Integer leaDisplacement(AluOp op, int imm) {
        return switch (op) {
            case ADD -> imm;
            case SUB -> imm == Integer.MIN_VALUE ? null : -imm;
            default -> null;
        };
    }

    /**
     * The address of a 32-bit memory's access, after the explicit bounds check of the ABI against
     * the memory's length: r11 = zext(addr) (+ folded constant, wrapping at 32 bits) + offset + N;
     * trap if it exceeds the length; the access is {@code [base + r11 - N]}. Null when the access
     * can never be in bounds (offset + N > 2^32): the trap jump is all there is.
     * An unchecked access ({@link MInst.HeapAccess#checked()} false: a dominating access checked
     * this address to at least this end, and memory never shrinks) is {@code [base + r11 + offset]}
     * with r11 = zext(addr). Base and length are registers of the function ({@link HeapValues}),
     * or spill slots. A 64-bit address has its own form ({@link #wideAddress}).
     */
    private Mem address(MInst.HeapAccess m, MInst.HeapAddr h) {
        if (m.wide()) {
            return wideAddress(m, h);
        }
        long end = m.offset() + m.bytes();
        if (m.offset() < 0 || end > 0x1_0000_0000L) {
            a.jmp(stub(TrapCode.HEAP_OOB));
            return null;
        }
        wasm.backend.x64.Operand index = x(h.index());
        boolean plain = h.indexZeroExtended() && !(m.folded() && m.addend() != 0) && index instanceof Gpr;
        if (!m.checked()) {
            if (plain) {
                return heapMem(h, (Gpr) index, (int) m.offset()); // one instruction: [base + index + offset]
            }
            zeroExtendedIndex(m, index);
            return heapMem(h, R11, (int) m.offset());
        }
        if (plain && end <= Integer.MAX_VALUE) {
            a.lea(Size.QWORD, R11, Mem.of((Gpr) index, (int) end));
            a.alu(AluOp.CMP, Size.QWORD, R11, x(h.length()));
            a.jcc(Cond.A, stub(TrapCode.HEAP_OOB));
            return heapMem(h, R11, -m.bytes());
        }
        zeroExtendedIndex(m, index);
        for (long rest = end; rest > 0; ) {
            int chunk = (int) Math.min(rest, Integer.MAX_VALUE);
            a.add(Size.QWORD, R11, chunk);
            rest -= chunk;
        }
        a.alu(AluOp.CMP, Size.QWORD, R11, x(h.length()));
        a.jcc(Cond.A, stub(TrapCode.HEAP_OOB));
        return heapMem(h, R11, -m.bytes());
    }

    /** r11 = zext(index + the folded addend, wrapping at 32 bits). */
    private void zeroExtendedIndex(MInst.HeapAccess m, wasm.backend.x64.Operand index) {
        int addend = m.folded() ? m.addend() : 0;
        if (addend != 0 && index instanceof Gpr g) {
            a.lea(Size.DWORD, R11, Mem.of(g, addend)); // a 32-bit lea wraps and zero-extends
            return;
        }
        a.mov(Size.DWORD, R11, index);
        if (addend != 0) {
            a.add(Size.DWORD, R11, addend);
        }
    }

    /**
     * {@code [base + index + disp]}, or with the base in a spill slot r11 = index + base and
     * {@code [r11 + disp]}.
     */
    private Mem heapMem(MInst.HeapAddr h, Gpr index, int disp) {
        wasm.backend.x64.Operand base = x(h.base());
        if (base instanceof Gpr b) {
            return Mem.of(b, index, 1, disp);
        }
        if (index != R11) {
            a.mov(Size.QWORD, R11, index);
        }
        a.add(Size.QWORD, R11, (Mem) base);
        return Mem.of(R11, disp);
    }

    /**
     * The bounds check of a 64-bit address (memory64): address, offset and end are unsigned
     * 64-bit values and no sum may wrap. With end = offset + N (a compile-time constant; an end
     * past 2^64 - 1 can never be in bounds: the trap jump is all there is):
     * <ul>
     * <li>end below 2^31: r11 = addr + end, trapping on the carry out of bit 63 and when r11
     * exceeds the length; the access is [base + r11 - N];
     * <li>a larger end: r11 = length - end, trapping on the borrow (the memory is shorter
     * than end) and when addr exceeds r11 (r11 - addr borrows); then r11 = offset + addr,
     * which no longer wraps, and the access is [base + r11].
     * </ul>
     * Only r11 is written: r10 may hold a store's reloaded value. An unchecked access
     * ({@link MInst.HeapAccess#checked()} false) is [base + addr + offset].
     */
    private Mem wideAddress(MInst.HeapAccess m, MInst.HeapAddr h) {
        long offset = m.offset();
        long end = offset + m.bytes();
        if (Long.compareUnsigned(end, offset) < 0) {
            a.jmp(stub(TrapCode.HEAP_OOB));
            return null;
        }
        wasm.backend.x64.Operand addr = x(h.index());
        if (!m.checked()) {
            if (addr instanceof Gpr g) {
                return heapMem(h, g, (int) offset);
            }
            a.mov(Size.QWORD, R11, addr);
            return heapMem(h, R11, (int) offset);
        }
        wasm.backend.x64.Operand length = x(h.length());
        if (end >= 0 && end <= Integer.MAX_VALUE) {
            a.mov(Size.QWORD, R11, addr);
            a.add(Size.QWORD, R11, (int) end);
            a.jcc(Cond.B, stub(TrapCode.HEAP_OOB)); // carry: addr + end wrapped past 2^64
            a.alu(AluOp.CMP, Size.QWORD, R11, length);
            a.jcc(Cond.A, stub(TrapCode.HEAP_OOB));
            return heapMem(h, R11, -m.bytes());
        }
        // r11 = 2^64 - end; adding the length carries exactly when length >= end
        a.movConst(R11, -end);
        a.alu(AluOp.ADD, Size.QWORD, R11, length);
        a.jcc(Cond.AE, stub(TrapCode.HEAP_OOB)); // no carry: the memory is shorter than end
        a.alu(AluOp.SUB, Size.QWORD, R11, addr);
        a.jcc(Cond.B, stub(TrapCode.HEAP_OOB)); // borrow: addr > length - end
        a.movConst(R11, offset);
        a.alu(AluOp.ADD, Size.QWORD, R11, addr);
        return heapMem(h, R11, 0);
    }

    private void div(MInst.Div m) {
        wasm.backend.x64.Operand b = x(m.divisor());
        Size size = m.size();
        if (b instanceof Gpr g) {
            a.test(size, g, g);
        } else {
            a.cmp(size, (Mem) b, 0);
        }
        a.jcc(Cond.E, stub(TrapCode.INT_DIVZ));
        UnaryOp op = m.kind().signed() ? UnaryOp.IDIV : UnaryOp.DIV;
        Label done = null;
        switch (m.kind()) {
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
        return Mem.of(Gpr.RSP, SysVAbi.stackArea(code.maxStackArgs) + 8 * k);
    }

    /** ABI v2: the results area's address in rax, set after every argument was read, just before the call. */
    private void passResultsArea(MInst.Call m) {
        if (m.resultsArea()) {
            a.lea(Size.QWORD, wasm.backend.x64.SysVAbi.RESULTS_AREA, resultSlot(0));
        }
    }

    private void call(MInst.Call m) {
        // Stack arguments: their sources are never argument registers (the
        // allocator keeps values read by a call out of its fixed registers).
        for (MInst.CallArg arg : m.args()) {
            if (arg.reg() == null) {
                storeValue(Mem.of(Gpr.RSP, 8 * arg.stackSlot()), arg.value().index(), arg.v128(), R11);
            }
        }
        switch (m.target()) {
            case MInst.Direct d -> {
                passResultsArea(m);
                a.call(RelocationTarget.function(d.func()));
                afterWasmCall(m);
            }
            case MInst.ViaSlot s -> {
                passResultsArea(m);
                a.call(Mem.of(Gpr.R15, layout.calleeCodeOffset(s.func())));
                afterWasmCall(m);
            }
            case MInst.RuntimeHelper h -> {
                a.mov(Size.QWORD, Gpr.RDI, Gpr.R15);
                for (MInst.ConstArg c : h.consts()) {
                    a.movConst(c.reg(), c.value());
                }
                a.call(Mem.of(Gpr.R15, layout.helperOffset(h.helper())));
                if (h.helper().canTrap()) {
                    // the helper stored the trap code already
                    a.test(Size.DWORD, Gpr.RAX, Gpr.RAX);
                    a.jcc(Cond.NE, unwind());
                }
            }
            case MInst.Indirect ind -> {
                indirectChecks(ind);
                passResultsArea(m);
                a.mov(Size.QWORD, Gpr.R15, Mem.of(R10, 8));
                a.call(Mem.of(R10));
                afterWasmCall(m);
            }
        }
    }

    /**
     * call_indirect's checks in the spec's order (bounds, null, signature), each trapping with its
     * message; leaves r10 = the callee's function directory entry {code, vmctx, signature id}.
     */
    private void indirectChecks(MInst.Indirect ind) {
        AbiSequences.indirectCallChecks(a, layout, x(ind.index()), ind.wide(), ind.table(), ind.type(), this::stub);
    }

    /**
     * After a call of wasm code (ABI v4): the callee, or a function it tail-called, may have moved
     * the return address (a callee area of another size, {@link SysVAbi#stackArea}) and switched r15
     * (another instance's function), so rsp is re-derived from rbp and r15 reloaded from the slot the
     * prologue filled; not after a callee that returns in place ({@link MInst.Call#fixup}).
     * {@code lea} leaves the flags alone.
     */
    private void afterWasmCall(MInst.Call m) {
        if (!m.fixup()) {
            return;
        }
        a.lea(Size.QWORD, Gpr.RSP, Mem.of(Gpr.RBP, -(8 * saved.length + frameBytes)));
        a.mov(Size.QWORD, Gpr.R15, r15Slot);
    }

    /**
     * return_call(_indirect), always a jump. Register arguments (and rax = this function's results
     * area) are in place, put there by the allocator's parallel moves; no source lives in the
     * incoming argument area (stack parameters were read into registers or spill slots at entry).
     * An indirect callee's vmctx goes to r15 (this function's callers reload theirs after the
     * call, ABI v4). The jmp lands on the callee's prologue with this function's return address on
     * top: the callee returns to this function's caller. The prologue's stack and fuel checks run per
     * tail call, so an endless tail-recursive loop stays interruptible and bounded.
     *
     * <p>When the callee's stack area is as large as this function's (the common case: no stack
     * arguments), its stack arguments are stored straight into the incoming slots and the frame
     * goes. Otherwise the area is resized in place, keeping its top where this function's caller
     * put it, so a chain of such tail calls runs in constant stack: the arguments are staged in this
     * frame's outgoing area, the callee-saved registers and rbp restored, the staged slots copied
     * (highest first: the destination always lies at least 16 bytes above the source, since the
     * frame holds the staging area) to their places above the moved return address, and rsp set to
     * it. Every store is at or above rsp, so nothing is written where a signal could land.
     */
    private void tailCall(MInst.TailCall m) {
        if (m.target() instanceof MInst.Indirect ind) {
            indirectChecks(ind);
            a.mov(Size.QWORD, Gpr.R15, Mem.of(R10, 8));
        }
        int shift = m.shift();
        if (shift == 0) {
            for (MInst.CallArg arg : m.args()) {
                if (arg.reg() == null) {
                    storeValue(Mem.of(Gpr.RBP, 16 + 8 * arg.stackSlot()), arg.value().index(), arg.v128(), R11);
                }
            }
            tearDownFrame();
        } else {
            for (MInst.CallArg arg : m.args()) {
                if (arg.reg() == null) {
                    storeValue(Mem.of(Gpr.RSP, 8 * arg.stackSlot()), arg.value().index(), arg.v128(), R11);
                }
            }
            for (int k = 0; k < saved.length; k++) {
                a.mov(Size.QWORD, saved[k], Mem.of(Gpr.RBP, -8 * (k + 1)));
            }
            // rsp = rbp - frame; the return address moves from [rbp + 8] to [rbp + 8 + shift]
            int frame = 8 * saved.length + frameBytes;
            a.mov(Size.QWORD, R11, Mem.of(Gpr.RBP, 8));
            a.mov(Size.QWORD, Gpr.RBP, Mem.of(Gpr.RBP));
            for (int k = m.calleeSlots() - 1; k >= 0; k--) {
                a.movsd(SCRATCH_XMM, Mem.of(Gpr.RSP, 8 * k));
                a.movsd(Mem.of(Gpr.RSP, frame + 16 + shift + 8 * k), SCRATCH_XMM);
            }
            a.mov(Size.QWORD, Mem.of(Gpr.RSP, frame + 8 + shift), R11);
            a.lea(Size.QWORD, Gpr.RSP, Mem.of(Gpr.RSP, frame + 8 + shift));
        }
        switch (m.target()) {
            case MInst.Direct d -> a.jmp(RelocationTarget.function(d.func()));
            case MInst.ViaSlot s -> a.jmp(Mem.of(Gpr.R15, layout.calleeCodeOffset(s.func())));
            case MInst.Indirect ind -> a.jmp(Mem.of(R10));
            case MInst.RuntimeHelper h -> throw new IllegalStateException("helpers are not tail-called");
        }
    }

    /**
     * Stores the 8 bytes at {@code loc} (either class; 16 for a v128) to {@code dst}, through
     * {@code via} from a slot (a v128 slot in two halves: its 16-byte slot is named by its low unit).
     */
    private void storeValue(Mem dst, int loc, boolean v128, Gpr via) {
        switch (x(loc)) {
            case Gpr g -> a.mov(Size.QWORD, dst, g);
            case Xmm f when v128 -> a.movdqu(dst, f);
            case Xmm f -> a.movsd(dst, f);
            case Mem slot -> {
                a.mov(Size.QWORD, via, slot);
                a.mov(Size.QWORD, dst, via);
                if (v128) {
                    a.mov(Size.QWORD, via, slotMem(Loc.slotIndex(loc) - 1));
                    Mem.BaseDisp d = (Mem.BaseDisp) dst;
                    a.mov(Size.QWORD, Mem.of(d.base(), d.disp() + 8), via);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private static final Xmm SCRATCH_XMM = LinearScan.XMM_SCRATCH;

    /** clz = (bits - 1) - bsr(x), ctz = bsf(x); x == 0 sets ZF and leaves the result to a cmovz. */
    private void bitScan(MInst.BitScan m) {
        Gpr d = r(m.dst());
        Size size = m.size();
        wasm.backend.x64.Operand src = x(m.src());
        switch (src) {
            case Gpr g -> {
                if (m.leading()) {
                    a.bsr(size, d, g);
                } else {
                    a.bsf(size, d, g);
                }
            }
            case Mem mm -> {
                if (m.leading()) {
                    a.bsr(size, d, mm);
                } else {
                    a.bsf(size, d, mm);
                }
            }
            default -> throw new IllegalStateException();
        }
        // mov does not touch the flags bsr/bsf set
        if (m.leading()) {
            a.movConst(R11, -1); // 31 - (-1) = 32 (63 - (-1) = 64) for zero
            a.cmov(Cond.E, size, d, R11);
            a.neg(size, d);
            a.add(size, d, size.bits() - 1);
        } else {
            a.mov(Size.DWORD, R11, size.bits());
            a.cmov(Cond.E, size, d, R11);
        }
    }

    /** popcount without POPCNT: pair, nibble and byte sums (SWAR), then a multiply adds the bytes. */
    private void popcntBits(MInst.PopcntBits m) {
        Gpr d = r(m.dst());
        Size size = m.size();
        boolean wide = size == Size.QWORD;
        if (!x(m.src()).equals(d)) {
            a.mov(size, d, x(m.src()));
        }
        a.mov(size, R11, d);
        a.shr(size, R11, 1);
        bitMask(R11, size, 0x5555_5555_5555_5555L);
        a.sub(size, d, R11);
        a.mov(size, R11, d);
        a.shr(size, R11, 2);
        bitMask(R11, size, 0x3333_3333_3333_3333L);
        bitMask(d, size, 0x3333_3333_3333_3333L);
        a.add(size, d, R11);
        a.mov(size, R11, d);
        a.shr(size, R11, 4);
        a.add(size, d, R11);
        bitMask(d, size, 0x0F0F_0F0F_0F0F_0F0FL);
        if (wide) {
            a.imul(size, d, constant(0x0101_0101_0101_0101L, 0));
            a.shr(size, d, 56);
        } else {
            a.imul(size, d, d, 0x0101_0101);
            a.shr(size, d, 24);
        }
    }

    /** {@code and r, mask}: an immediate at 32 bits, the constant pool at 64. */
    private void bitMask(Gpr r, Size size, long mask) {
        if (size == Size.QWORD) {
            a.alu(AluOp.AND, size, r, constant(mask, 0));
        } else {
            a.and(size, r, (int) mask);
        }
    }

    /** ceil / floor / trunc / nearest without roundss/roundsd (see {@link MInst.FpRoundBits}). */
    private void roundBits(MInst.FpRoundBits m) {
        boolean f64 = m.f64();
        Size size = f64 ? Size.QWORD : Size.DWORD;
        Xmm d = xr(m.dst());
        Label big = a.newLabel();
        Label done = a.newLabel();
        double limit = f64 ? 0x1p52 : 0x1p23;
        loadFp(d, m.src());
        a.sse(SseOp.ANDPS, d, signMask(f64, true));
        a.sse(f64 ? SseOp.UCOMISD : SseOp.UCOMISS, d, constant(limit, f64));
        a.jcc(Cond.P, big);
        a.jcc(Cond.AE, big);
        if (m.mode() == MInst.RoundMode.NEAREST) {
            // |x| + 2^52 has no fraction bits left: the add rounds to nearest, ties to even
            a.sse(f64 ? SseOp.ADDSD : SseOp.ADDSS, d, constant(limit, f64));
            a.sse(f64 ? SseOp.SUBSD : SseOp.SUBSS, d, constant(limit, f64));
        } else {
            a.cvtts2si(f64, Size.QWORD, R11, d); // trunc(|x|), exact below 2^52
            a.cvtsi2s(f64, Size.QWORD, d, R11);
        }
        // the sign of x onto the magnitude (r10: no general-register operand here)
        switch (x(m.src())) {
            case Xmm s -> a.movFromXmm(size, R10, s);
            case Mem mm -> a.mov(size, R10, mm);
            default -> throw new IllegalStateException();
        }
        if (f64) {
            a.shr(Size.QWORD, R10, 63);
            a.shl(Size.QWORD, R10, 63);
        } else {
            a.and(Size.DWORD, R10, Integer.MIN_VALUE);
        }
        a.movFromXmm(size, R11, d);
        a.or(size, R11, R10);
        a.movToXmm(size, d, R11);
        if (m.mode() == MInst.RoundMode.FLOOR || m.mode() == MInst.RoundMode.CEIL) {
            // truncation went up for negative x (floor) or down for positive x (ceil): one step
            boolean floor = m.mode() == MInst.RoundMode.FLOOR;
            sse(f64 ? SseOp.UCOMISD : SseOp.UCOMISS, d, m.src());
            a.jcc(floor ? Cond.BE : Cond.AE, done);
            a.sse(floor ? (f64 ? SseOp.SUBSD : SseOp.SUBSS) : (f64 ? SseOp.ADDSD : SseOp.ADDSS), d,
                    constant(1.0, f64));
        }
        a.jmp(done);
        a.bind(big);
        // integral already (or infinite); a NaN comes out quiet, as roundss/roundsd make it
        loadFp(d, m.src());
        a.sse(f64 ? SseOp.MULSD : SseOp.MULSS, d, constant(1.0, f64));
        a.bind(done);
    }

    /** Wasm min/max: NaN if either is NaN (propagated by an add), and -0 < +0 (or/and of equal values). */
    private void minMax(MInst.FpMinMax m) {
        boolean f64 = m.f64();
        Xmm d = xr(m.dst());
        loadFp(d, m.a());
        Label nan = a.newLabel();
        Label ordered = a.newLabel();
        Label done = a.newLabel();
        sse(f64 ? SseOp.UCOMISD : SseOp.UCOMISS, d, m.b());
        a.jcc(Cond.P, nan);
        a.jcc(Cond.NE, ordered);
        // equal: only the signs of zeros can differ
        sse(m.min() ? SseOp.ORPS : SseOp.ANDPS, d, m.b());
        a.jmp(done);
        a.bind(nan);
        sse(f64 ? SseOp.ADDSD : SseOp.ADDSS, d, m.b());
        a.jmp(done);
        a.bind(ordered);
        sse(m.min() ? (f64 ? SseOp.MINSD : SseOp.MINSS) : (f64 ? SseOp.MAXSD : SseOp.MAXSS), d, m.b());
        a.bind(done);
    }

    /**
     * Integer to float; the destination is zeroed first (cvtsi2s writes only the low lane, which
     * would otherwise wait for the register's last writer). Unsigned 32-bit values convert exactly
     * as signed 64-bit ones; unsigned 64-bit values with the top bit set are halved keeping the lost
     * bit sticky (round to odd), converted and doubled.
     */
    private void intToFp(MInst.IntToFp m) {
        Xmm d = xr(m.dst());
        boolean f64 = m.f64();
        wasm.backend.x64.Operand src = x(m.src());
        if (m.signed()) {
            a.sse(SseOp.XORPS, d, d);
            switch (src) {
                case Gpr g -> a.cvtsi2s(f64, m.intSize(), d, g);
                case Mem mm -> a.cvtsi2s(f64, m.intSize(), d, mm);
                default -> throw new IllegalStateException();
            }
            return;
        }
        if (m.intSize() == Size.DWORD) {
            a.mov(Size.DWORD, R11, src); // zero-extends: exact as a signed 64-bit value
            a.sse(SseOp.XORPS, d, d);
            a.cvtsi2s(f64, Size.QWORD, d, R11);
            return;
        }
        Label big = a.newLabel();
        Label done = a.newLabel();
        a.mov(Size.QWORD, R11, src);
        a.sse(SseOp.XORPS, d, d);
        a.test(Size.QWORD, R11, R11);
        a.jcc(Cond.S, big);
        a.cvtsi2s(f64, Size.QWORD, d, R11);
        a.jmp(done);
        a.bind(big);
        a.mov(Size.QWORD, R10, R11); // the source is a register or a slot, never r10
        a.and(Size.DWORD, R10, 1);
        a.shr(Size.QWORD, R11, 1);
        a.or(Size.QWORD, R11, R10);
        a.cvtsi2s(f64, Size.QWORD, d, R11);
        a.sse(f64 ? SseOp.ADDSD : SseOp.ADDSS, d, d);
        a.bind(done);
    }

    /**
     * Float to integer: NaN and out-of-range inputs are found by comparing against
     * the exact bounds first (trap, or saturate for the _sat forms); in-range inputs
     * convert with cvtts2si (u64 at or above 2^63 by subtracting 2^63 in xmm15 and
     * flipping the top bit back).
     */
    private void fpToInt(MInst.FpToInt m) {
        boolean f64 = m.f64();
        boolean signed = m.kind().signed();
        boolean sat = m.kind().saturating();
        boolean wide = m.intSize() == Size.QWORD;
        Gpr d = r(m.dst());
        Xmm x = xr(m.src());
        double lo;
        boolean loStrict;
        double hi;
        if (signed) {
            loStrict = !wide && f64;
            lo = wide ? -0x1p63 : loStrict ? -2147483649.0 : -0x1p31;
            hi = wide ? 0x1p63 : 0x1p31;
        } else {
            loStrict = true;
            lo = -1.0;
            hi = wide ? 0x1p64 : 0x1p32;
        }
        SseOp ucomis = f64 ? SseOp.UCOMISD : SseOp.UCOMISS;
        Label done = a.newLabel();
        Label low = sat ? a.newLabel() : stub(TrapCode.INT_OVF);
        Label high = sat ? a.newLabel() : stub(TrapCode.INT_OVF);
        if (sat) {
            a.xor(Size.DWORD, d, d);
        }
        a.sse(ucomis, x, x);
        a.jcc(Cond.P, sat ? done : stub(TrapCode.BAD_TOINT));
        a.sse(ucomis, x, constant(lo, f64));
        a.jcc(loStrict ? Cond.BE : Cond.B, low);
        a.sse(ucomis, x, constant(hi, f64));
        a.jcc(Cond.AE, high);
        if (signed) {
            a.cvtts2si(f64, m.intSize(), d, x);
        } else if (!wide) {
            a.cvtts2si(f64, Size.QWORD, d, x);
        } else {
            Label big = a.newLabel();
            a.sse(ucomis, x, constant(0x1p63, f64));
            a.jcc(Cond.AE, big);
            a.cvtts2si(f64, Size.QWORD, d, x);
            a.jmp(done);
            a.bind(big);
            if (x != SCRATCH_XMM) {
                a.movaps(SCRATCH_XMM, x);
            }
            a.sse(f64 ? SseOp.SUBSD : SseOp.SUBSS, SCRATCH_XMM, constant(0x1p63, f64));
            a.cvtts2si(f64, Size.QWORD, d, SCRATCH_XMM);
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

    /** ucomis: unordered sets ZF, PF and CF, so "above" forms are false on NaN; eq needs !PF, ne takes PF. */
    private void fpCompare(MInst.FpCompare m) {
        Gpr d = r(m.dst());
        Xmm lhs = xr(m.lhs());
        SseOp ucomis = m.f64() ? SseOp.UCOMISD : SseOp.UCOMISS;
        a.xor(Size.DWORD, d, d);
        switch (m.cc()) {
            case EQ -> {
                a.xor(Size.DWORD, R11, R11);
                sse(ucomis, lhs, m.rhs());
                a.setcc(Cond.E, d);
                a.setcc(Cond.NP, R11);
                a.and(Size.DWORD, d, R11);
            }
            case NE -> {
                a.xor(Size.DWORD, R11, R11);
                sse(ucomis, lhs, m.rhs());
                a.setcc(Cond.NE, d);
                a.setcc(Cond.P, R11);
                a.or(Size.DWORD, d, R11);
            }
            case GT -> {
                sse(ucomis, lhs, m.rhs());
                a.setcc(Cond.A, d);
            }
            case GE -> {
                sse(ucomis, lhs, m.rhs());
                a.setcc(Cond.AE, d);
            }
            default -> throw new IllegalStateException("lowering swaps " + m.cc() + " into gt/ge");
        }
    }

    private void brTable(MInst.BrTable m) {
        int[] targets = m.targets();
        int n = targets.length - 1;
        Label dflt = blockLabels[targets[0]];
        a.mov(Size.DWORD, R11, x(m.index()));
        if (n <= 4) {
            // A short compare chain beats the table's indirect jump.
            for (int k = 0; k < n; k++) {
                a.cmp(Size.DWORD, R11, k);
                a.jcc(Cond.E, blockLabels[targets[k + 1]]);
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
            buf.emitLabelReference(blockLabels[targets[k]], FixupKind.REL32, buf.position() - tableStart);
        }
    }

    static List<Gpr> savedOrder() {
        return List.of(SAVED_ORDER);
    }
}
