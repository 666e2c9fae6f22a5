package wasm.backend.internal.x64;

import java.util.List;

import wasm.backend.Helper;
import wasm.backend.x64.AluOp;
import wasm.backend.x64.Cond;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Reg;
import wasm.backend.x64.ShiftOp;
import wasm.backend.x64.Size;
import wasm.backend.x64.SysVAbi;
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

    /** Parameter passed on the stack: slot k is {@code [rbp + 16 + 8k]}. */
    record LoadStackArg(GReg dst, int slot) implements MInst {
        public LoadStackArg regs(Regs r) {
            return new LoadStackArg(r.def(dst), slot);
        }
    }

    /** A float parameter that arrived in {@code xmm}, moved to a general register as bits. */
    record FloatParamBits(GReg dst, Xmm xmm, boolean f64) implements MInst {
        public FloatParamBits regs(Regs r) {
            return new FloatParamBits(r.def(dst), xmm, f64);
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

    // ---- floats as bit patterns in general registers (the v1 value model) ------------------

    enum FOp { ADD, SUB, MUL, DIV, MIN, MAX, SQRT, CEIL, FLOOR, TRUNC, NEAREST, ABS, NEG, COPYSIGN, PROMOTE, DEMOTE,
        FROM_SINT, FROM_UINT, CMP, TO_SINT, TO_UINT, TO_SINT_SAT, TO_UINT_SAT }

    /**
     * A float operation on bit patterns held in general registers, moved through
     * xmm14/xmm15: {@code b} is null for one operand; {@code intSize} is the integer
     * side of a conversion; {@code cc} the condition of CMP.
     */
    record FloatBits(FOp op, boolean f64, Size intSize, FloatCC cc, GReg a, GReg b, GReg dst) implements MInst {
        public FloatBits regs(Regs r) {
            GReg x = r.any(a);
            GReg y = b == null ? null : r.any(b);
            return new FloatBits(op, f64, intSize, cc, x, y, r.def(dst));
        }
    }

    // ---- memory, globals, tables ---------------------------------------------------------

    /**
     * A linear-memory access of {@code bytes} at {@code zext(addr + addend) + offset} (the addend is a
     * folded {@code iadd addr, const}, wrapping at 32 bits, when {@code folded}); {@code inBounds}: a
     * dominating access checked this address to at least this end, so there is no check.
     */
    record HeapAccess(int bytes, boolean signExtend, long offset, boolean folded, int addend, boolean inBounds) {
    }

    /** A load into a general register, zero- or sign-extended to {@code size}. */
    record Load(HeapAccess access, Size size, GReg addr, GReg dst) implements MInst {
        public Load regs(Regs r) {
            return new Load(access, size, r.any(addr), r.defReusing(dst, addr));
        }
    }

    /** A store of the low {@code access.bytes()} of {@code value}. */
    record Store(HeapAccess access, Size size, GReg value, GReg addr) implements MInst {
        public Store regs(Regs r) {
            return new Store(access, size, r.use(value), r.any(addr));
        }
    }

    record MemorySize(GReg dst) implements MInst {
        public MemorySize regs(Regs r) {
            return new MemorySize(r.def(dst));
        }
    }

    record GlobalGet(int global, Size size, GReg dst) implements MInst {
        public GlobalGet regs(Regs r) {
            return new GlobalGet(global, size, r.def(dst));
        }
    }

    /** Stores into the global's 8-byte cell: i32 sign-extended, f32 bits zero-extended. */
    record GlobalSet(int global, Size size, boolean signExtend, GReg value) implements MInst {
        public GlobalSet regs(Regs r) {
            return new GlobalSet(global, size, signExtend, r.use(value));
        }
    }

    record TableSize(int table, GReg dst) implements MInst {
        public TableSize regs(Regs r) {
            return new TableSize(table, r.def(dst));
        }
    }

    record TableGet(int table, GReg index, GReg dst) implements MInst {
        public TableGet regs(Regs r) {
            return new TableGet(table, r.any(index), r.def(dst));
        }
    }

    record TableSet(int table, GReg index, GReg value) implements MInst {
        public TableSet regs(Regs r) {
            return new TableSet(table, r.any(index), r.any(value));
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
    record Indirect(int type, int table, GReg index) implements CallTarget {
    }

    /** An immediate argument of a runtime helper, written into {@code reg} right before the call. */
    record ConstArg(Gpr reg, long value) {
    }

    /** A runtime helper {@code (vmctx, args...)}: vmctx in rdi, constant arguments written by the call itself. */
    record RuntimeHelper(Helper helper, List<ConstArg> consts) implements CallTarget {
    }

    /**
     * One argument of a call: in register {@code reg} (fixed; an xmm register for a float
     * passed as bits, moved by the emitter), or stack slot {@code stackSlot} ({@code [rsp + 8k]}).
     */
    record CallArg(VReg value, Reg reg, int stackSlot, boolean f64) {
        CallArg regs(Regs r) {
            if (reg instanceof Gpr) {
                return new CallArg(r.fixed(value, reg), reg, stackSlot, f64);
            }
            return new CallArg(r.any(value), reg, stackSlot, f64);
        }
    }

    /**
     * A call: arguments, then the target's own operand (the table index of call_indirect),
     * then the result in {@code resultReg} (rax; a float result arrives in xmm0 and is moved
     * there as bits), or none. {@code resultsArea}: several results, written by the callee to
     * this frame's results area (ABI v2), whose address goes in rax right before the call.
     */
    record Call(CallTarget target, CallArg[] args, VReg result, boolean floatResult, boolean f64Result,
                boolean resultsArea) implements MInst {
        public Call regs(Regs r) {
            CallArg[] as = new CallArg[args.length];
            for (int k = 0; k < as.length; k++) {
                as[k] = args[k].regs(r);
            }
            CallTarget t = target instanceof Indirect i ? new Indirect(i.type(), i.table(), r.any(i.index())) : target;
            VReg res = result == null ? null : r.defFixed(result, Gpr.RAX);
            return new Call(t, as, res, floatResult, f64Result, resultsArea);
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

    /** Result k of the preceding multi-result call, read from this frame's results area. */
    record LoadResult(int k, GReg dst) implements MInst {
        public LoadResult regs(Regs r) {
            return new LoadResult(k, r.def(dst));
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

    /** Returns nothing, or one integer result in rax. */
    record Return(VReg value) implements MInst {
        public Return regs(Regs r) {
            return new Return(value == null ? null : r.fixed(value, Gpr.RAX));
        }
    }

    /** Returns one float result (bits in a general register) in xmm0. */
    record ReturnFloatBits(GReg value, boolean f64) implements MInst {
        public ReturnFloatBits regs(Regs r) {
            return new ReturnFloatBits(r.use(value), f64);
        }
    }

    /** Returns several results (ABI v2): each stored to {@code [area + 8k]}. */
    record ReturnMulti(GReg area, VReg[] values) implements MInst {
        public ReturnMulti regs(Regs r) {
            return new ReturnMulti(r.any(area), r.anyEach(values));
        }
    }

    record Trap(TrapCode code) implements MInst {
        public Trap regs(Regs r) {
            return this;
        }
    }
}
