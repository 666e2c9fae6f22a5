package wasm.backend.internal.x64;

import java.util.List;

import wasm.backend.Helper;
import wasm.backend.x64.AluOp;
import wasm.backend.x64.Cond;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Reg;
import wasm.backend.x64.ShiftOp;
import wasm.backend.x64.SseOp;
import wasm.backend.x64.Size;
import wasm.backend.x64.SysVAbi;
import wasm.backend.x64.VecOp;
import wasm.backend.x64.X64Assembler;
import wasm.backend.x64.Xmm;
import wasm.ir.FloatCC;
import wasm.ir.TrapCode;

/**
 * One x86-64 machine instruction (or fixed short sequence) over virtual
 * registers: one record per form, holding exactly its operands. Register
 * operands are typed by class ({@link GReg}, {@link XReg}); each form lists
 * them for the allocator in {@link #regs}, with their constraints, and is
 * rebuilt there from what the {@link Regs} returns, so the emitter reads the
 * same fields at their allocated locations.
 */
sealed interface MInst {
    /** Passes every register operand through {@code r} (see {@link Regs}) and rebuilds the form from the results. */
    MInst regs(Regs r);

    // ---- pseudo-instructions -----------------------------------------------------------

    /** Block entry: defines the block parameters (the incoming edges' parallel moves write them). */
    record BlockStart(VReg[] params) implements MInst {
        public BlockStart regs(Regs r) {
            VReg[] ps = new VReg[params.length];
            for (int k = 0; k < ps.length; k++) {
                ps[k] = r.param(params[k]);
            }
            return new BlockStart(ps);
        }
    }

    /** Function entry: parameter k arrives in register {@code regs[k]}. */
    record Entry(VReg[] params, Reg[] inRegs) implements MInst {
        public Entry regs(Regs r) {
            VReg[] ps = new VReg[params.length];
            for (int k = 0; k < ps.length; k++) {
                ps[k] = r.defFixed(params[k], inRegs[k]);
            }
            return new Entry(ps, inRegs);
        }
    }

    /**
     * Parameter passed on the stack (either class): slot k is {@code [rbp + 16 + 8k]}; a v128
     * takes slots k and k+1.
     */
    record LoadStackArg(VReg dst, int slot, boolean v128) implements MInst {
        public LoadStackArg regs(Regs r) {
            return new LoadStackArg(r.def(dst), slot, v128);
        }
    }

    /** The vmctx (r15) as a value. */
    record Vmctx(GReg dst) implements MInst {
        public Vmctx regs(Regs r) {
            return new Vmctx(r.def(dst));
        }
    }

    /** A 64-bit constant (the shortest mov that does not touch the flags). */
    record LoadConst(GReg dst, long value) implements MInst {
        public LoadConst regs(Regs r) {
            return new LoadConst(r.def(dst), value);
        }
    }

    // ---- integer arithmetic --------------------------------------------------------------

    /** {@code dst = a op b}: add, sub, and, or, xor (a register-register add is emitted as lea when that saves a move). */
    record Alu(AluOp op, Size size, GReg a, GprMemImm b, GReg dst) implements MInst {
        public Alu regs(Regs r) {
            return new Alu(op, size, r.any(a), r.anyOrImm(b), r.defReusing(dst, a));
        }
    }

    /** {@code dst = a * b}, low bits. */
    record IMul(Size size, GReg a, GReg b, GReg dst) implements MInst {
        public IMul regs(Regs r) {
            return new IMul(size, r.any(a), r.any(b), r.defReusing(dst, a));
        }
    }

    /** {@code dst = a * imm} (three-operand imul). */
    record IMulImm(Size size, GReg a, int imm, GReg dst) implements MInst {
        public IMulImm regs(Regs r) {
            return new IMulImm(size, r.any(a), imm, r.defReusing(dst, a));
        }
    }

    /** {@code dst = a shift count}, the count an immediate already masked to the width. */
    record ShiftImm(ShiftOp op, Size size, GReg a, int count, GReg dst) implements MInst {
        public ShiftImm regs(Regs r) {
            return new ShiftImm(op, size, r.any(a), count, r.defReusing(dst, a));
        }
    }

    /** {@code dst = a shift cl} (the hardware masks the count). */
    record ShiftCl(ShiftOp op, Size size, GReg a, GReg count, GReg dst) implements MInst {
        public ShiftCl regs(Regs r) {
            return new ShiftCl(op, size, r.any(a), r.fixed(count, Gpr.RCX), r.defReusing(dst, a));
        }
    }

    enum DivKind {
        SDIV, UDIV, SREM, UREM;

        boolean signed() {
            return this == SDIV || this == SREM;
        }

        boolean remainder() {
            return this == SREM || this == UREM;
        }
    }

    /**
     * Division or remainder with Wasm's traps (zero divisor, signed overflow) and
     * {@code INT_MIN % -1 == 0}: dividend in rax, result in rax or rdx.
     */
    record Div(DivKind kind, Size size, GReg dividend, GReg divisor, GReg dst) implements MInst {
        public Div regs(Regs r) {
            return new Div(kind, size, r.fixed(dividend, Gpr.RAX), r.any(divisor),
                    r.defFixed(dst, kind.remainder() ? Gpr.RDX : Gpr.RAX));
        }
    }

    enum BitOp { LZCNT, TZCNT, POPCNT }

    /** lzcnt / tzcnt / popcnt. */
    record BitCount(BitOp op, Size size, GReg src, GReg dst) implements MInst {
        public BitCount regs(Regs r) {
            return new BitCount(op, size, r.any(src), r.defReusing(dst, src));
        }
    }

    /**
     * clz with bsr, or ctz with bsf, and the zero case (which leaves ZF set and the destination
     * undefined): for CPUs without LZCNT / BMI1. Reads {@code src} once, first.
     */
    record BitScan(boolean leading, Size size, GReg src, GReg dst) implements MInst {
        public BitScan regs(Regs r) {
            return new BitScan(leading, size, r.any(src), r.defReusing(dst, src));
        }
    }

    /** popcnt by shifts and masks (SWAR), for CPUs without POPCNT. Reads {@code src} once, first. */
    record PopcntBits(Size size, GReg src, GReg dst) implements MInst {
        public PopcntBits regs(Regs r) {
            return new PopcntBits(size, r.any(src), r.defReusing(dst, src));
        }
    }

    enum Ext { ZX32, SX32, SX8, SX16, MOV64 }

    /** Zero or sign extension (or a plain 64-bit copy) of {@code src}. */
    record Extend(Ext ext, Size size, GReg src, GReg dst) implements MInst {
        public Extend regs(Regs r) {
            return new Extend(ext, size, r.any(src), r.defReusing(dst, src));
        }
    }

    /** {@code cmp lhs, rhs} at {@code size}, tested for {@code cond}: the comparison of a setcc, cmov or jcc. */
    record IntCompare(Size size, Cond cond, GReg lhs, GprMemImm rhs) {
        IntCompare regs(Regs r) {
            return new IntCompare(size, cond, r.any(lhs), r.anyOrImm(rhs));
        }
    }

    /** {@code dst = cmp ? 1 : 0}. */
    record CmpSet(IntCompare cmp, GReg dst) implements MInst {
        public CmpSet regs(Regs r) {
            return new CmpSet(cmp.regs(r), r.def(dst));
        }
    }

    /** {@code dst = cmp ? ifTrue : ifFalse} (mov + cmov, 64 bits). */
    record Select(IntCompare cmp, GReg ifTrue, GReg ifFalse, GReg dst) implements MInst {
        public Select regs(Regs r) {
            GReg t = r.any(ifTrue);
            GReg f = r.any(ifFalse);
            return new Select(cmp.regs(r), t, f, r.def(dst));
        }
    }

    // ---- floats in XMM registers --------------------------------------------------------

    /** A float constant: {@code xorps} for +0.0, else a load from the function's constant pool. */
    record FpConst(XReg dst, long bits, boolean f64) implements MInst {
        public FpConst regs(Regs r) {
            return new FpConst(r.def(dst), bits, f64);
        }
    }

    /** {@code dst = a op b}: addss/sd, subss/sd, mulss/sd, divss/sd ({@code b} may be a spill slot). */
    record FpArith(SseOp op, XReg a, XReg b, XReg dst) implements MInst {
        public FpArith regs(Regs r) {
            return new FpArith(op, r.any(a), r.any(b), r.defReusing(dst, a));
        }
    }

    /** {@code dst = op src}: sqrtss/sd, cvtss2sd, cvtsd2ss (writes the low lane of {@code dst}). */
    record FpUnary(SseOp op, XReg src, XReg dst) implements MInst {
        public FpUnary regs(Regs r) {
            return new FpUnary(op, r.any(src), r.defReusing(dst, src));
        }
    }

    /** Wasm's min/max: NaN if either is NaN, and -0 below +0 (minss/maxss alone get both wrong). */
    record FpMinMax(boolean min, boolean f64, XReg a, XReg b, XReg dst) implements MInst {
        public FpMinMax regs(Regs r) {
            return new FpMinMax(min, f64, r.any(a), r.any(b), r.defReusing(dst, a));
        }
    }

    enum SignOp { ABS, NEG }

    /** abs / neg: and / xor with a sign-bit mask from the constant pool. */
    record FpSign(SignOp op, boolean f64, XReg src, XReg dst) implements MInst {
        public FpSign regs(Regs r) {
            return new FpSign(op, f64, r.any(src), r.defReusing(dst, src));
        }
    }

    /** {@code dst = a ^ ((a ^ b) & sign)}: reads {@code a} after writing {@code dst}, so never reuses it. */
    record FpCopySign(boolean f64, XReg a, XReg b, XReg dst) implements MInst {
        public FpCopySign regs(Regs r) {
            return new FpCopySign(f64, r.any(a), r.any(b), r.def(dst));
        }
    }

    enum RoundMode {
        NEAREST(0), FLOOR(1), CEIL(2), TRUNC(3);

        /** The roundss/roundsd immediate, with bit 3 set: no precision exception. */
        final int imm;

        RoundMode(int mode) {
            this.imm = mode | 8;
        }
    }

    /** ceil, floor, trunc, nearest with roundss/roundsd (SSE4.1). */
    record FpRound(RoundMode mode, boolean f64, XReg src, XReg dst) implements MInst {
        public FpRound regs(Regs r) {
            return new FpRound(mode, f64, r.any(src), r.defReusing(dst, src));
        }
    }

    /**
     * ceil, floor, trunc, nearest without SSE4.1: values of magnitude 2^52 (2^23 for f32) and
     * beyond, infinities and NaNs are integral already (a multiply by 1 quiets a NaN); the rest
     * truncate through a 64-bit integer (nearest: add and subtract 2^52 under round-to-nearest-
     * even), take the input's sign back (so -0.5 gives -0) and step floor/ceil by one where
     * truncation went the wrong way. Reads {@code src} after writing {@code dst}.
     */
    record FpRoundBits(RoundMode mode, boolean f64, XReg src, XReg dst) implements MInst {
        public FpRoundBits regs(Regs r) {
            return new FpRoundBits(mode, f64, r.any(src), r.def(dst));
        }
    }

    /** Signed or unsigned integer of {@code intSize} to float (the unsigned 64-bit case halves big values). */
    record IntToFp(boolean signed, Size intSize, boolean f64, GReg src, XReg dst) implements MInst {
        public IntToFp regs(Regs r) {
            return new IntToFp(signed, intSize, f64, r.any(src), r.def(dst));
        }
    }

    enum ToInt {
        SIGNED, UNSIGNED, SIGNED_SAT, UNSIGNED_SAT;

        boolean signed() {
            return this == SIGNED || this == SIGNED_SAT;
        }

        boolean saturating() {
            return this == SIGNED_SAT || this == UNSIGNED_SAT;
        }
    }

    /**
     * Float to integer of {@code intSize}: NaN and out-of-range inputs are found by comparing
     * against the exact bounds first (trap, or saturate), then cvttss2si/cvttsd2si.
     */
    record FpToInt(ToInt kind, boolean f64, Size intSize, XReg src, GReg dst) implements MInst {
        public FpToInt regs(Regs r) {
            return new FpToInt(kind, f64, intSize, r.use(src), r.def(dst));
        }
    }

    /**
     * {@code dst = lhs cc rhs ? 1 : 0} with ucomiss/ucomisd; {@code cc} is EQ, NE, GT or GE
     * (lowering swaps the operands of LT and LE), all false on NaN but NE.
     */
    record FpCompare(FloatCC cc, boolean f64, XReg lhs, XReg rhs, GReg dst) implements MInst {
        public FpCompare regs(Regs r) {
            return new FpCompare(cc, f64, r.use(lhs), r.any(rhs), r.def(dst));
        }
    }

    /** {@code dst = cmp ? ifTrue : ifFalse} for floats: a move, the compare and a branch over a second move. */
    record FpSelect(IntCompare cmp, XReg ifTrue, XReg ifFalse, XReg dst) implements MInst {
        public FpSelect regs(Regs r) {
            XReg t = r.any(ifTrue);
            XReg f = r.any(ifFalse);
            return new FpSelect(cmp.regs(r), t, f, r.def(dst));
        }
    }

    /** Reinterprets integer bits as a float: {@code movd/movq xmm, r} ({@code src} may be a slot). */
    record GprToXmm(Size size, GReg src, XReg dst) implements MInst {
        public GprToXmm regs(Regs r) {
            return new GprToXmm(size, r.any(src), r.def(dst));
        }
    }

    /** Reinterprets float bits as an integer: {@code movd/movq r, xmm} (movd zero-extends). */
    record XmmToGpr(Size size, XReg src, GReg dst) implements MInst {
        public XmmToGpr regs(Regs r) {
            return new XmmToGpr(size, r.any(src), r.def(dst));
        }
    }

    // ---- vectors (v128) in XMM registers ----------------------------------------------------

    /** A v128 constant: pxor for zero, pcmpeqd for all ones, else a load from the constant pool. */
    record VecConst(XReg dst, long lo, long hi) implements MInst {
        public VecConst regs(Regs r) {
            return new VecConst(r.def(dst), lo, hi);
        }
    }

    /**
     * {@code dst = a op b} for a binary {@link VecOp} ({@code b} may be a spill slot): SSE
     * {@code movdqa dst, a; op dst, b}, or AVX {@code vop dst, a, b} where the emitter's target has it.
     * With {@code imm}: the instruction's immediate (ignored by ops without one).
     */
    record VecBinary(VecOp op, int imm, XReg a, XReg b, XReg dst) implements MInst {
        public VecBinary regs(Regs r) {
            return new VecBinary(op, imm, r.any(a), r.any(b), r.defReusing(dst, a));
        }
    }

    /** {@code dst = a op [constant lo, hi]}: the second operand from the constant pool. */
    record VecBinaryConst(VecOp op, int imm, XReg a, long lo, long hi, XReg dst) implements MInst {
        public VecBinaryConst regs(Regs r) {
            return new VecBinaryConst(op, imm, r.any(a), lo, hi, r.defReusing(dst, a));
        }
    }

    /** {@code dst = op src} for a unary {@link VecOp} (with its immediate, if it takes one). */
    record VecUnary(VecOp op, int imm, XReg src, XReg dst) implements MInst {
        public VecUnary regs(Regs r) {
            return new VecUnary(op, imm, r.any(src), r.defReusing(dst, src));
        }
    }

    /** {@code dst = src shifted by count} (psllw ... psrldq with an immediate count). */
    record VecShiftImm(X64Assembler.VecShift op, int count, XReg src, XReg dst) implements MInst {
        public VecShiftImm regs(Regs r) {
            return new VecShiftImm(op, count, r.any(src), r.defReusing(dst, src));
        }
    }

    /** {@code dst = vec} with lane {@code lane} from the low bits of {@code value} (pinsrb/w/d/q). */
    record VecInsert(X64Assembler.LaneWidth width, int lane, XReg vec, GReg value, XReg dst) implements MInst {
        public VecInsert regs(Regs r) {
            return new VecInsert(width, lane, r.any(vec), r.any(value), r.defReusing(dst, vec));
        }
    }

    /** {@code dst = lane of src}, zero-extended (pextrb/w/d/q; movd/movq for lane 0). */
    record VecExtract(X64Assembler.LaneWidth width, int lane, XReg src, GReg dst) implements MInst {
        public VecExtract regs(Regs r) {
            return new VecExtract(width, lane, r.use(src), r.def(dst));
        }
    }

    /** {@code dst = the sign bits of src} (pmovmskb, movmskps, movmskpd). */
    record VecMoveMask(X64Assembler.MoveMask op, XReg src, GReg dst) implements MInst {
        public VecMoveMask regs(Regs r) {
            return new VecMoveMask(op, r.use(src), r.def(dst));
        }
    }

    /** {@code dst = (src == 0) == zero ? 1 : 0} with ptest: any_true ({@code zero} false), all-lanes-zero. */
    record VecTest(boolean zero, XReg src, GReg dst) implements MInst {
        public VecTest regs(Regs r) {
            return new VecTest(zero, r.use(src), r.def(dst));
        }
    }

    /**
     * {@code dst = mask ? a : b} per byte / f32 / f64 lane, by the mask's sign bits: SSE4.1 blendv
     * reads its mask from xmm0, and so does this form under AVX (vblendv could take any register,
     * but then the mask and the result would be two register-only operands of the XMM class, which
     * may both be given xmm15 when spilled). Reads {@code a} after writing {@code dst} (a copy of b),
     * so never reuses it.
     */
    record VecBlend(X64Assembler.Blend op, XReg mask, XReg a, XReg b, XReg dst) implements MInst {
        public VecBlend regs(Regs r) {
            XReg m = r.fixed(mask, Xmm.XMM0);
            return new VecBlend(op, m, r.any(a), r.any(b), r.def(dst));
        }
    }

    /** A vector load: movdqu, movq / movd (zero-extended), pmovsx / pmovzx (64 bits widened). */
    record VecLoad(VecOp op, HeapAccess access, HeapAddr addr, XReg dst) implements MInst {
        public VecLoad regs(Regs r) {
            return new VecLoad(op, access, addr.regs(r), r.def(dst));
        }
    }

    /** {@code dst = vec} with lane {@code lane} loaded from memory (pinsrb/w/d/q). */
    record VecLoadLane(X64Assembler.LaneWidth width, int lane, HeapAccess access, HeapAddr addr, XReg vec, XReg dst)
            implements MInst {
        public VecLoadLane regs(Regs r) {
            return new VecLoadLane(width, lane, access, addr.regs(r), r.any(vec), r.def(dst));
        }
    }

    /** A vector store: all 16 bytes (width null), or lane {@code lane} of {@code width}. */
    record VecStore(X64Assembler.LaneWidth width, int lane, HeapAccess access, XReg value, HeapAddr addr)
            implements MInst {
        public VecStore regs(Regs r) {
            return new VecStore(width, lane, access, r.use(value), addr.regs(r));
        }
    }

    record VecGlobalGet(int global, XReg dst) implements MInst {
        public VecGlobalGet regs(Regs r) {
            return new VecGlobalGet(global, r.def(dst));
        }
    }

    /** Stores a v128 into the global's 16-byte cell. */
    record VecGlobalSet(int global, XReg value) implements MInst {
        public VecGlobalSet regs(Regs r) {
            return new VecGlobalSet(global, r.use(value));
        }
    }

    // ---- memory, globals, tables ---------------------------------------------------------

    /**
     * A linear-memory access of {@code bytes} at {@code zext(addr + addend) + offset} in memory
     * {@code memory} (the addend is a folded {@code iadd addr, const}, wrapping at 32 bits, when
     * {@code folded}); {@code inBounds}: a dominating access checked this address to at least this
     * end, so there is no check. {@code wide}: the address is an i64 (memory64), used whole, never
     * folded; {@code offset} is then unsigned up to 2^64-1.
     */
    record HeapAccess(int bytes, boolean signExtend, long offset, boolean folded, int addend, boolean inBounds,
                      int memory, boolean wide) {
        public HeapAccess {
            if (wide && folded) {
                throw new IllegalArgumentException("a 64-bit address never folds");
            }
        }

        /** Whether the emitter checks this access against the memory's length (and so reads it). */
        boolean checked() {
            return checked(inBounds, offset);
        }

        /**
         * An access proven in bounds needs no check when its offset fits the displacement of
         * {@code [base + index + offset]}; any other is checked against the length.
         */
        static boolean checked(boolean inBounds, long offset) {
            return !(inBounds && offset >= 0 && offset <= Integer.MAX_VALUE);
        }
    }

    /**
     * The registers of a linear-memory access: the address operand ({@code index}: an i32, used
     * zero-extended, or an i64 for memory64), the memory's base and, for a {@link HeapAccess#checked()
     * checked} access, its byte length (null otherwise). Base and length are values of the
     * function ({@link HeapValues}), defined by {@link MemoryField} where the lowering placed them;
     * all three may be in spill slots (the emitter builds the address in r11 then).
     * {@code indexZeroExtended}: the i32 index's register holds it zero-extended
     * ({@link ZeroExtendedValues}), so it can be the index of the address as it is.
     */
    record HeapAddr(GReg index, boolean indexZeroExtended, GReg base, GReg length) {
        HeapAddr regs(Regs r) {
            return new HeapAddr(r.any(index), indexZeroExtended, r.any(base), length == null ? null : r.any(length));
        }
    }

    /** Which vmctx field of a memory a {@link MemoryField} reads. */
    enum HeapField {
        BASE, LENGTH
    }

    /**
     * {@code dst = [vmctx + memoryBase(memory)]} or {@code memoryLength(memory)}: the value
     * {@link HeapAddr} reads, defined once per region without calls or memory.grow.
     */
    record MemoryField(HeapField field, int memory, GReg dst) implements MInst {
        public MemoryField regs(Regs r) {
            return new MemoryField(field, memory, r.def(dst));
        }
    }

    /** A load into a general register, zero- or sign-extended to {@code size}. */
    record Load(HeapAccess access, Size size, HeapAddr addr, GReg dst) implements MInst {
        public Load regs(Regs r) {
            HeapAddr a = addr.regs(r);
            return new Load(access, size, a, r.defReusing(dst, addr.index()));
        }
    }

    /** A store of the low {@code access.bytes()} of {@code value}. */
    record Store(HeapAccess access, Size size, GReg value, HeapAddr addr) implements MInst {
        public Store regs(Regs r) {
            return new Store(access, size, r.use(value), addr.regs(r));
        }
    }

    /**
     * A read-modify-write of memory, {@code op size PTR [addr], src}: the fusion of a load, an
     * {@code add}/{@code sub}/{@code and}/{@code or}/{@code xor} of it with {@code src} and a store
     * of the low {@code access.bytes()} back to the same address ({@code t[i] += x}). One access,
     * checked as the load was.
     */
    record HeapRmw(AluOp op, HeapAccess access, Size size, GReg src, HeapAddr addr) implements MInst {
        public HeapRmw regs(Regs r) {
            return new HeapRmw(op, access, size, r.use(src), addr.regs(r));
        }
    }

    /** A float load: movss / movsd. */
    record FpLoad(HeapAccess access, boolean f64, HeapAddr addr, XReg dst) implements MInst {
        public FpLoad regs(Regs r) {
            return new FpLoad(access, f64, addr.regs(r), r.def(dst));
        }
    }

    /** A float store: movss / movsd. */
    record FpStore(HeapAccess access, boolean f64, XReg value, HeapAddr addr) implements MInst {
        public FpStore regs(Regs r) {
            return new FpStore(access, f64, r.use(value), addr.regs(r));
        }
    }

    /** memory.size of {@code memory}, in pages (its address type's width: the same bits). */
    record MemorySize(int memory, GReg dst) implements MInst {
        public MemorySize regs(Regs r) {
            return new MemorySize(memory, r.def(dst));
        }
    }

    record GlobalGet(int global, Size size, GReg dst) implements MInst {
        public GlobalGet regs(Regs r) {
            return new GlobalGet(global, size, r.def(dst));
        }
    }

    /** Stores an integer or reference into the global's 8-byte cell (i32 sign-extended). */
    record GlobalSet(int global, Size size, GReg value) implements MInst {
        public GlobalSet regs(Regs r) {
            return new GlobalSet(global, size, r.use(value));
        }
    }

    record FpGlobalGet(int global, boolean f64, XReg dst) implements MInst {
        public FpGlobalGet regs(Regs r) {
            return new FpGlobalGet(global, f64, r.def(dst));
        }
    }

    /** Stores a float into the global's cell (f32 bits zero-extended to 64). */
    record FpGlobalSet(int global, boolean f64, XReg value) implements MInst {
        public FpGlobalSet regs(Regs r) {
            return new FpGlobalSet(global, f64, r.use(value));
        }
    }

    record TableSize(int table, GReg dst) implements MInst {
        public TableSize regs(Regs r) {
            return new TableSize(table, r.def(dst));
        }
    }

    /** table.get; {@code wide}: the index is an i64 (table64). */
    record TableGet(int table, boolean wide, GReg index, GReg dst) implements MInst {
        public TableGet regs(Regs r) {
            return new TableGet(table, wide, r.any(index), r.def(dst));
        }
    }

    /** table.set; {@code wide}: the index is an i64 (table64). */
    record TableSet(int table, boolean wide, GReg index, GReg value) implements MInst {
        public TableSet regs(Regs r) {
            return new TableSet(table, wide, r.any(index), r.any(value));
        }
    }

    // ---- calls ---------------------------------------------------------------------------

    /** Whom a call reaches. */
    sealed interface CallTarget {
    }

    /** A function of the same code image: {@code call rel32} with a relocation. */
    record Direct(int func) implements CallTarget {
    }

    /** A function reached through its vmctx code slot. */
    record ViaSlot(int func) implements CallTarget {
    }

    /** call_indirect through table {@code table}, checked against canonical type {@code type}. */
    /** call_indirect through {@code table}; {@code wide}: the index is an i64 (table64). */
    record Indirect(int type, int table, boolean wide, GReg index) implements CallTarget {
    }

    /** An immediate argument of a runtime helper, written into {@code reg} right before the call. */
    record ConstArg(Gpr reg, long value) {
    }

    /** A runtime helper {@code (vmctx, args...)}: vmctx in rdi, constant arguments written by the call itself. */
    record RuntimeHelper(Helper helper, List<ConstArg> consts) implements CallTarget {
    }

    /**
     * One argument of a call: in the SysV register {@code reg} (a fixed use: rdi.. for integers,
     * xmm0.. for floats), or, with {@code reg} null, in stack slot {@code stackSlot}
     * ({@code [rsp + 8k]}, from a register or a spill slot; a v128 takes slots k and k+1).
     */
    record CallArg(VReg value, Reg reg, int stackSlot, boolean v128) {
        CallArg regs(Regs r) {
            return new CallArg(reg == null ? r.any(value) : r.fixed(value, reg), reg, stackSlot, v128);
        }
    }

    /** Where a call's one result arrives: rax for integers, xmm0 for floats. */
    static Reg resultRegister(VReg v) {
        return v instanceof XReg ? Xmm.XMM0 : Gpr.RAX;
    }

    /**
     * A call: arguments, then the target's own operand (the table index of call_indirect),
     * then the result (rax or xmm0), or none. {@code resultsArea}: several results, written by the
     * callee to this frame's results area (ABI v2), whose address goes in rax right before the call.
     * {@code fixup}: the callee may return with rsp moved and another instance's vmctx in r15 (it, or
     * a function it tail-called, resized its stack area or switched instances: ABI v4), so rsp is
     * re-derived from rbp and r15 reloaded after the call; false for runtime helpers and for callees
     * that return in place (functions of this module whose code never tail-calls).
     */
    record Call(CallTarget target, CallArg[] args, VReg result, boolean resultsArea, boolean fixup) implements MInst {
        public Call {
            if (fixup && target instanceof RuntimeHelper) {
                throw new IllegalArgumentException("a runtime helper returns in place");
            }
        }

        public Call regs(Regs r) {
            CallArg[] as = new CallArg[args.length];
            for (int k = 0; k < as.length; k++) {
                as[k] = args[k].regs(r);
            }
            CallTarget t = target instanceof Indirect i ? new Indirect(i.type(), i.table(), i.wide(), r.any(i.index())) : target;
            VReg res = result == null ? null : r.defFixed(result, resultRegister(result));
            return new Call(t, as, res, resultsArea, fixup);
        }

        /** Registers the call writes before it reads its register arguments: rdi and the constant arguments. */
        int earlyClobbers() {
            int mask = 0;
            if (target instanceof RuntimeHelper h) {
                mask |= Clobbers.bit(SysVAbi.INT_ARGS.get(0));
                for (ConstArg c : h.consts()) {
                    mask |= Clobbers.bit(c.reg());
                }
            }
            return mask;
        }
    }

    /**
     * A tail call (return_call, return_call_indirect), the last instruction of its block: always a
     * jump. Arguments as a call's; stack argument k goes to slot k of the incoming area this function
     * received ({@code [rbp + 16 + 8k]}), which is {@link SysVAbi#stackArea}({@code ownSlots}) bytes;
     * when the callee's area ({@code calleeSlots}) has another size the return address moves by the
     * difference (the arguments are staged in the outgoing area first). call_indirect's checks come
     * first, then r15 takes the callee's vmctx. {@code area} is this function's own results area
     * (several results), passed on in rax for the callee to fill.
     */
    record TailCall(CallTarget target, CallArg[] args, GReg area, int calleeSlots, int ownSlots) implements MInst {
        public TailCall {
            if (target instanceof RuntimeHelper) {
                throw new IllegalArgumentException("a runtime helper is never tail-called");
            }
        }

        /** Bytes the return address moves up (negative: down) so the callee's area ends where this one did. */
        int shift() {
            return SysVAbi.stackArea(ownSlots) - SysVAbi.stackArea(calleeSlots);
        }

        public TailCall regs(Regs r) {
            CallArg[] as = new CallArg[args.length];
            for (int k = 0; k < as.length; k++) {
                as[k] = args[k].regs(r);
            }
            CallTarget t = target instanceof Indirect i ? new Indirect(i.type(), i.table(), i.wide(), r.any(i.index())) : target;
            return new TailCall(t, as, area == null ? null : r.fixed(area, SysVAbi.RESULTS_AREA), calleeSlots, ownSlots);
        }
    }

    /**
     * A result of the preceding multi-result call, read from 8-byte slot {@code slot} of this frame's
     * results area (a v128 from slots {@code slot} and {@code slot + 1}).
     */
    record LoadResult(int slot, VReg dst, boolean v128) implements MInst {
        public LoadResult regs(Regs r) {
            return new LoadResult(slot, r.def(dst), v128);
        }
    }

    // ---- control flow --------------------------------------------------------------------

    /** Jumps to {@code target} with block arguments (the edge's parallel move runs first). */
    record Jump(int target, VReg[] args) implements MInst {
        public Jump regs(Regs r) {
            return new Jump(target, r.anyEach(args));
        }
    }

    /** {@code cmp; jcc taken; jmp notTaken} (either jump left out when it is the fall-through). */
    record Branch(IntCompare cmp, int taken, int notTaken) implements MInst {
        public Branch regs(Regs r) {
            return new Branch(cmp.regs(r), taken, notTaken);
        }
    }

    /** {@code targets[0]} is the default; {@code targets[1 + k]} is taken for index k. */
    record BrTable(GReg index, int[] targets) implements MInst {
        public BrTable regs(Regs r) {
            return new BrTable(r.any(index), targets);
        }
    }

    /** Returns nothing, or one result in rax or xmm0. */
    record Return(VReg value) implements MInst {
        public Return regs(Regs r) {
            return new Return(value == null ? null : r.fixed(value, resultRegister(value)));
        }
    }

    /**
     * Returns several results (ABI v2): each stored to the caller's results area (from a register or
     * a slot), one 8-byte slot per value, two for a v128 ({@code v128[k]}), in order.
     */
    record ReturnMulti(GReg area, VReg[] values, boolean[] v128) implements MInst {
        public ReturnMulti regs(Regs r) {
            return new ReturnMulti(r.any(area), r.anyEach(values), v128);
        }
    }

    record Trap(TrapCode code) implements MInst {
        public Trap regs(Regs r) {
            return this;
        }
    }

    /**
     * A loop back edge's poll (no register operands; r11 and the flags are the emitter's): with
     * {@code interrupt}, the prologue's stack-limit compare, which traps once the runtime poisons the
     * limit to interrupt; with {@code fuel}, one unit off the store's fuel counter, trapping "all fuel
     * consumed" when it goes negative. Placed before the back edge's jump, or alone in the edge block
     * of a conditional back edge, so it runs once per iteration taken.
     */
    record Poll(boolean interrupt, boolean fuel) implements MInst {
        public Poll {
            if (!interrupt && !fuel) {
                throw new IllegalArgumentException("a poll checks for an interruption, fuel or both");
            }
        }

        public Poll regs(Regs r) {
            return this;
        }
    }
}
