package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import wasm.backend.CompileUnsupported;
import wasm.ir.TrapCode;
import wasm.backend.x64.AluOp;
import wasm.backend.x64.Cond;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.ShiftOp;
import wasm.backend.x64.Size;
import wasm.backend.x64.SysVAbi;
import wasm.ir.Function;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.analysis.RedundantBoundsChecks;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Signature;
import wasm.ir.Type;

/**
 * IR to {@link VCode} in one backward pass per block. Walking backwards, every
 * user is seen before the values it reads, so it can fold them: constants into
 * immediates, {@code iadd base, const} into a memory access's address, and a
 * single-use {@code icmp}/{@code eqz} into the branch or select that consumes
 * it (cmp + jcc / cmp + cmov). A folded instruction whose remaining use count
 * drops to zero is not lowered at all.
 */
public final class Lowering {
    private final Function f;
    private final int[] remaining;
    private final int[] blockIndex;       // IR block id -> VCode block index
    private final List<List<MInst>> blocks = new ArrayList<>();
    private final List<int[]> params = new ArrayList<>();
    private final List<int[]> succs = new ArrayList<>();
    /** Loop depth of each VCode block (IR natural loops; an edge block takes its shallower end's). */
    private final List<Integer> depths = new ArrayList<>();
    private final DominatorTree dom;
    private final VCode vcode;
    private final java.util.function.IntPredicate compiledTogether;
    private int maxStackArgs;
    private int maxResultSlots;
    private boolean hasIndirect;
    /**
     * ABI v2: a function with several results receives the address of its caller's results
     * area in rax; this extra vreg (past the IR's values) holds it until the returns, -1 otherwise.
     */
    private final int resultsArea;
    /** Loads and stores whose bounds check a dominating access already made. */
    private final BitSet provenInBounds;

    private Lowering(Function f, java.util.function.IntPredicate compiledTogether) {
        this.f = f;
        this.dom = DominatorTree.compute(f);
        this.provenInBounds = RedundantBoundsChecks.compute(f, dom);
        this.compiledTogether = compiledTogether;
        this.remaining = f.useCounts();
        boolean multi = f.signature().results().size() > 1;
        Type[] types = new Type[f.valueCount() + (multi ? 1 : 0)];
        for (int v = 0; v < f.valueCount(); v++) {
            types[v] = f.valueType(v);
        }
        this.resultsArea = multi ? f.valueCount() : -1;
        if (multi) {
            types[resultsArea] = Type.I64;
        }
        this.vcode = new VCode(types);
        this.blockIndex = new int[f.blockCount()];
        Arrays.fill(blockIndex, -1);
    }

    /** Lowers {@code f}; throws {@link CompileUnsupported} for what the compiler does not cover. */
    static VCode lower(Function f, java.util.function.IntPredicate compiledTogether) {
        Lowering l = new Lowering(f, compiledTogether);
        l.run();
        return l.vcode;
    }

    private static CompileUnsupported unsupported(String what) {
        return new CompileUnsupported(what + " not supported yet");
    }

    private void run() {
        int n = 0;
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            blockIndex[b] = n++;
            blocks.add(null);
            params.add(null);
            succs.add(null);
            depths.add(dom.loopDepth(b));
        }
        // Blocks are independent of each other's lowering except for folding
        // counts; walk them backwards in layout order so that users usually come first.
        for (int b = f.lastBlock(); b >= 0; b = f.prevBlock(b)) {
            lowerBlock(b);
        }
        int pos = 0;
        for (int b = 0; b < blocks.size(); b++) {
            List<MInst> insts = blocks.get(b);
            vcode.insts.addAll(insts);
            vcode.blockRanges.add(new int[] {pos, pos + insts.size()});
            vcode.succs.add(succs.get(b));
            vcode.blockParams.add(params.get(b));
            vcode.loopDepths.add(depths.get(b));
            pos += insts.size();
        }
        vcode.maxStackArgs = maxStackArgs;
        vcode.maxResultSlots = maxResultSlots;
        vcode.hasIndirectCall = hasIndirect;
    }

    private static void checkIntClass(Type t, String what) {
        if (t.isFloat()) {
            throw new CompileUnsupported(what);
        }
    }

    private void lowerBlock(int b) {
        int vb = blockIndex[b];
        List<List<MInst>> backwards = new ArrayList<>();
        for (int i = f.lastInst(b); i >= 0; i = f.prevInst(i)) {
            List<MInst> out = new ArrayList<>(2);
            lowerInst(i, vb, out);
            backwards.add(out);
        }
        List<MInst> insts = new ArrayList<>();
        int[] ps = new int[f.blockParamCount(b)];
        if (b == f.entryBlock()) {
            ps = new int[0];
            insts.add(new MInst(MInst.Op.BLOCK_START));
            List<Operand> fixedDefs = new ArrayList<>();
            List<MInst> stackLoads = new ArrayList<>();
            int vmctx = f.blockParam(b, 0);
            List<MInst> floatParams = new ArrayList<>();
            int ints = 0;
            int floats = 0;
            int stack = 0;
            for (int k = 1; k < f.blockParamCount(b); k++) {
                int v = f.blockParam(b, k);
                boolean isFloat = f.valueType(v).isFloat();
                if (!isFloat && ints < SysVAbi.INT_ARGS.size()) {
                    fixedDefs.add(Operand.defFixed(v, SysVAbi.INT_ARGS.get(ints++)));
                } else if (isFloat && floats < 8) {
                    MInst fp = new MInst(MInst.Op.FPARAM, Operand.defReg(v));
                    fp.imm = floats++;
                    fp.dbl = f.valueType(v) == Type.F64;
                    floatParams.add(fp);
                } else {
                    MInst ld = new MInst(MInst.Op.LOAD_STACK_ARG, Operand.defReg(v));
                    ld.imm = stack++;
                    stackLoads.add(ld);
                }
            }
            if (resultsArea >= 0) {
                fixedDefs.add(Operand.defFixed(resultsArea, SysVAbi.RESULTS_AREA));
            }
            insts.add(new MInst(MInst.Op.ENTRY, fixedDefs.toArray(Operand[]::new)));
            // float parameters leave xmm0..7 before anything can clobber them
            insts.addAll(floatParams);
            insts.addAll(stackLoads);
            if (remaining[vmctx] > 0) {
                insts.add(new MInst(MInst.Op.VMCTX, Operand.defReg(vmctx)));
            }
        } else {
            Operand[] defs = new Operand[ps.length];
            for (int k = 0; k < ps.length; k++) {
                ps[k] = f.blockParam(b, k);
                defs[k] = Operand.defParam(ps[k]);
            }
            insts.add(new MInst(MInst.Op.BLOCK_START, defs));
        }
        for (int k = backwards.size() - 1; k >= 0; k--) {
            insts.addAll(backwards.get(k));
        }
        blocks.set(vb, insts);
        params.set(vb, ps);
    }

    // ---- folding helpers -----------------------------------------------------------

    private boolean isConst(int v) {
        return f.isInstResult(v) && f.opcode(f.valueInst(v)) == IrOpcode.ICONST;
    }

    private long constValue(int v) {
        return f.imm(f.valueInst(v));
    }

    /** The constant {@code v} as an imm32 for an operation of {@code size}, or null. */
    private Long imm32(int v, Size size) {
        if (!isConst(v)) {
            return null;
        }
        long c = constValue(v);
        if (size == Size.DWORD) {
            return (long) (int) c;
        }
        return c == (int) c ? c : null;
    }

    private void consume(int v) {
        remaining[v]--;
    }

    /** Whether {@code v} is the single-use result of {@code op} defined in block {@code b}. */
    private boolean foldable(int v, IrOpcode op, int b) {
        return f.isInstResult(v) && f.opcode(f.valueInst(v)) == op && remaining[v] == 1
                && f.instBlock(f.valueInst(v)) == b;
    }

    private static Size sizeOf(Type t) {
        return t == Type.I32 || t == Type.F32 ? Size.DWORD : Size.QWORD;
    }

    static Cond cond(IntCC cc) {
        return switch (cc) {
            case EQ -> Cond.E;
            case NE -> Cond.NE;
            case SLT -> Cond.L;
            case ULT -> Cond.B;
            case SGT -> Cond.G;
            case UGT -> Cond.A;
            case SLE -> Cond.LE;
            case ULE -> Cond.BE;
            case SGE -> Cond.GE;
            case UGE -> Cond.AE;
        };
    }

    /** A comparison feeding a branch or select: operands and condition, possibly an immediate. */
    private record Compare(Size size, int a, int b, Long imm, Cond cond) {}

    /**
     * The comparison a branch/select on {@code c} needs: the icmp or eqz defining
     * {@code c} when it can be fused (consumed here), else {@code c != 0}.
     */
    private Compare compareFor(int c, int block) {
        if (foldable(c, IrOpcode.ICMP, block)) {
            int i = f.valueInst(c);
            consume(c);
            return compareOf(f.arg(i, 0), f.arg(i, 1), IntCC.values()[(int) f.imm(i)], sizeOf(f.ctrlType(i)));
        }
        if (foldable(c, IrOpcode.EQZ, block)) {
            int i = f.valueInst(c);
            consume(c);
            return new Compare(sizeOf(f.ctrlType(i)), f.arg(i, 0), -1, 0L, Cond.E);
        }
        return new Compare(Size.DWORD, c, -1, 0L, Cond.NE);
    }

    private Compare compareOf(int a, int b, IntCC cc, Size size) {
        Long ib = imm32(b, size);
        if (ib != null) {
            consume(b);
            return new Compare(size, a, -1, ib, cond(cc));
        }
        Long ia = imm32(a, size);
        if (ia != null) {
            consume(a);
            return new Compare(size, b, -1, ia, cond(cc.swapped()));
        }
        return new Compare(size, a, b, null, cond(cc));
    }

    private static void setCompare(MInst m, Compare c) {
        m.size = c.size();
        m.cond = c.cond();
        if (c.imm() != null) {
            m.hasImm = true;
            m.imm = c.imm();
        }
    }

    // ---- instructions --------------------------------------------------------------

    private int target(int inst, int t, int block, MInst.Op viaKind) {
        int tb = f.targetBlock(inst, t);
        if (tb == f.entryBlock()) {
            throw new CompileUnsupported("branch to the entry block");
        }
        int n = f.targetArgCount(inst, t);
        if (n == 0) {
            return blockIndex[tb];
        }
        // An edge with arguments out of a multi-way branch gets its own block
        // (critical-edge splitting): the parallel move lives there.
        Operand[] args = new Operand[n];
        for (int k = 0; k < n; k++) {
            args[k] = Operand.useAny(f.targetArg(inst, t, k));
        }
        MInst jump = new MInst(MInst.Op.JUMP, args);
        jump.target = blockIndex[tb];
        int idx = blocks.size();
        blocks.add(List.of(new MInst(MInst.Op.BLOCK_START), jump));
        params.add(new int[0]);
        succs.add(new int[] {jump.target});
        depths.add(Math.min(dom.loopDepth(f.instBlock(inst)), dom.loopDepth(tb)));
        return idx;
    }

    private void lowerInst(int i, int vb, List<MInst> out) {
        IrOpcode op = f.opcode(i);
        int b = f.instBlock(i);
        if (f.resultCount(i) == 1 && !op.hasSideEffects() && remaining[f.firstResult(i)] <= 0) {
            return; // dead or folded into every user
        }
        Type ctrl = f.ctrlType(i);
        Size size = ctrl == null ? Size.QWORD : sizeOf(ctrl);
        switch (op) {
            case ICONST -> {
                MInst m = new MInst(MInst.Op.CONST, Operand.defReg(f.firstResult(i)));
                m.imm = ctrl == Type.I32 ? f.imm(i) & 0xFFFF_FFFFL : f.imm(i);
                out.add(m);
            }
            case FCONST -> {
                MInst m = new MInst(MInst.Op.CONST, Operand.defReg(f.firstResult(i)));
                m.imm = ctrl == Type.F32 ? f.imm(i) & 0xFFFF_FFFFL : f.imm(i);
                out.add(m);
            }
            case FADD, FSUB, FMUL, FDIV, FMIN, FMAX, FCOPYSIGN -> out.add(floatOp(i, switch (op) {
                case FADD -> MInst.FOp.ADD;
                case FSUB -> MInst.FOp.SUB;
                case FMUL -> MInst.FOp.MUL;
                case FDIV -> MInst.FOp.DIV;
                case FMIN -> MInst.FOp.MIN;
                case FMAX -> MInst.FOp.MAX;
                default -> MInst.FOp.COPYSIGN;
            }, ctrl == Type.F64, 2));
            case FABS, FNEG, SQRT, CEIL, FLOOR, TRUNC, NEAREST -> out.add(floatOp(i, switch (op) {
                case FABS -> MInst.FOp.ABS;
                case FNEG -> MInst.FOp.NEG;
                case SQRT -> MInst.FOp.SQRT;
                case CEIL -> MInst.FOp.CEIL;
                case FLOOR -> MInst.FOp.FLOOR;
                case TRUNC -> MInst.FOp.TRUNC;
                default -> MInst.FOp.NEAREST;
            }, ctrl == Type.F64, 1));
            case FPROMOTE -> out.add(floatOp(i, MInst.FOp.PROMOTE, false, 1));
            case FDEMOTE -> out.add(floatOp(i, MInst.FOp.DEMOTE, true, 1));
            case FCVT_FROM_SINT, FCVT_FROM_UINT -> {
                MInst m = floatOp(i, op == IrOpcode.FCVT_FROM_SINT ? MInst.FOp.FROM_SINT : MInst.FOp.FROM_UINT,
                        ctrl == Type.F64, 1);
                m.intSize = sizeOf(f.valueType(f.arg(i, 0)));
                out.add(m);
            }
            case FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT -> {
                MInst m = floatOp(i, switch (op) {
                    case FCVT_TO_SINT -> MInst.FOp.TO_SINT;
                    case FCVT_TO_UINT -> MInst.FOp.TO_UINT;
                    case FCVT_TO_SINT_SAT -> MInst.FOp.TO_SINT_SAT;
                    default -> MInst.FOp.TO_UINT_SAT;
                }, f.valueType(f.arg(i, 0)) == Type.F64, 1);
                m.intSize = size;
                out.add(m);
            }
            case FCMP -> {
                MInst m = floatOp(i, MInst.FOp.CMP, f.ctrlType(i) == Type.F64, 2);
                m.fcc = wasm.ir.FloatCC.values()[(int) f.imm(i)];
                out.add(m);
            }
            case BITCAST -> {
                MInst m = new MInst(MInst.Op.EXTEND, Operand.defReg(f.firstResult(i)), Operand.useAny(f.arg(i, 0)));
                m.ext = size == Size.DWORD ? MInst.Ext.ZX32 : MInst.Ext.MOV64;
                m.size = size;
                out.add(m);
            }
            case REF_NULL -> {
                MInst m = new MInst(MInst.Op.CONST, Operand.defReg(f.firstResult(i)));
                m.imm = -1;
                out.add(m);
            }
            case REF_IS_NULL -> {
                MInst m = new MInst(MInst.Op.CMP_SET, Operand.defReg(f.firstResult(i)), Operand.useAny(f.arg(i, 0)));
                m.size = Size.QWORD;
                m.cond = Cond.E;
                m.hasImm = true;
                m.imm = -1;
                out.add(m);
            }
            case IADD, ISUB, BAND, BOR, BXOR, IMUL -> {
                int a = f.arg(i, 0);
                int c = f.arg(i, 1);
                boolean commutative = op != IrOpcode.ISUB;
                if (commutative && imm32(a, size) != null && imm32(c, size) == null) {
                    int t = a;
                    a = c;
                    c = t;
                }
                MInst.Op kind = op == IrOpcode.IMUL ? MInst.Op.IMUL : MInst.Op.ALU;
                Long imm = imm32(c, size);
                MInst m;
                if (imm != null) {
                    consume(c);
                    m = new MInst(kind, Operand.defReg(f.firstResult(i)), Operand.useAny(a));
                    m.hasImm = true;
                    m.imm = imm;
                } else {
                    m = new MInst(kind, Operand.defReg(f.firstResult(i)), Operand.useAny(a), Operand.useAny(c));
                }
                m.size = size;
                m.alu = switch (op) {
                    case IADD -> AluOp.ADD;
                    case ISUB -> AluOp.SUB;
                    case BAND -> AluOp.AND;
                    case BOR -> AluOp.OR;
                    case BXOR -> AluOp.XOR;
                    default -> null;
                };
                out.add(m);
            }
            case ISHL, SSHR, USHR, ROTL, ROTR -> {
                int a = f.arg(i, 0);
                int c = f.arg(i, 1);
                MInst m;
                if (isConst(c)) {
                    consume(c);
                    m = new MInst(MInst.Op.SHIFT, Operand.defReg(f.firstResult(i)), Operand.useAny(a));
                    m.hasImm = true;
                    m.imm = constValue(c) & (size.bits() - 1);
                } else {
                    m = new MInst(MInst.Op.SHIFT, Operand.defReg(f.firstResult(i)), Operand.useAny(a),
                            Operand.useFixed(c, Gpr.RCX));
                }
                m.size = size;
                m.shift = switch (op) {
                    case ISHL -> ShiftOp.SHL;
                    case SSHR -> ShiftOp.SAR;
                    case USHR -> ShiftOp.SHR;
                    case ROTL -> ShiftOp.ROL;
                    default -> ShiftOp.ROR;
                };
                out.add(m);
            }
            case SDIV, UDIV, SREM, UREM -> {
                boolean rem = op == IrOpcode.SREM || op == IrOpcode.UREM;
                MInst m = new MInst(MInst.Op.DIV, Operand.useFixed(f.arg(i, 0), Gpr.RAX), Operand.useAny(f.arg(i, 1)),
                        Operand.defFixed(f.firstResult(i), rem ? Gpr.RDX : Gpr.RAX));
                m.size = size;
                m.div = switch (op) {
                    case SDIV -> MInst.DivKind.SDIV;
                    case UDIV -> MInst.DivKind.UDIV;
                    case SREM -> MInst.DivKind.SREM;
                    default -> MInst.DivKind.UREM;
                };
                out.add(m);
            }
            case CLZ, CTZ, POPCNT -> {
                MInst m = new MInst(MInst.Op.BITCOUNT, Operand.defReg(f.firstResult(i)), Operand.useAny(f.arg(i, 0)));
                m.size = size;
                m.bitOp = op == IrOpcode.CLZ ? MInst.BitOp.LZCNT : op == IrOpcode.CTZ ? MInst.BitOp.TZCNT : MInst.BitOp.POPCNT;
                out.add(m);
            }
            case EQZ -> {
                MInst m = new MInst(MInst.Op.CMP_SET, Operand.defReg(f.firstResult(i)), Operand.useAny(f.arg(i, 0)));
                m.size = size;
                m.cond = Cond.E;
                m.hasImm = true;
                m.imm = 0;
                out.add(m);
            }
            case ICMP -> {
                Compare c = compareOf(f.arg(i, 0), f.arg(i, 1), IntCC.values()[(int) f.imm(i)], size);
                MInst m = c.b() >= 0
                        ? new MInst(MInst.Op.CMP_SET, Operand.defReg(f.firstResult(i)), Operand.useAny(c.a()), Operand.useAny(c.b()))
                        : new MInst(MInst.Op.CMP_SET, Operand.defReg(f.firstResult(i)), Operand.useAny(c.a()));
                setCompare(m, c);
                out.add(m);
            }
            case IREDUCE, UEXTEND, SEXTEND, SEXTEND8, SEXTEND16, SEXTEND32 -> {
                MInst m = new MInst(MInst.Op.EXTEND, Operand.defReg(f.firstResult(i)), Operand.useAny(f.arg(i, 0)));
                m.size = size;
                m.ext = switch (op) {
                    case IREDUCE, UEXTEND -> MInst.Ext.ZX32;
                    case SEXTEND, SEXTEND32 -> MInst.Ext.SX32;
                    case SEXTEND8 -> MInst.Ext.SX8;
                    default -> MInst.Ext.SX16;
                };
                out.add(m);
            }
            case SELECT -> {
                Compare c = compareFor(f.arg(i, 0), b);
                List<Operand> ops = new ArrayList<>(List.of(Operand.defReg(f.firstResult(i)),
                        Operand.useAny(f.arg(i, 1)), Operand.useAny(f.arg(i, 2)), Operand.useAny(c.a())));
                if (c.b() >= 0) {
                    ops.add(Operand.useAny(c.b()));
                }
                MInst m = new MInst(MInst.Op.SELECT, ops.toArray(Operand[]::new));
                setCompare(m, c);
                m.ext = size == Size.DWORD ? MInst.Ext.ZX32 : null; // value width
                out.add(m);
            }
            case LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32 -> {
                MInst m = new MInst(MInst.Op.LOAD, Operand.defReg(f.firstResult(i)), address(f.arg(i, 0), b, null));
                memory(m, i, op, ctrl, f.arg(i, 0), b);
                m.provenInBounds = provenInBounds.get(i);
                out.add(m);
            }
            case STORE, ISTORE8, ISTORE16, ISTORE32 -> {
                MInst m = new MInst(MInst.Op.STORE, Operand.useReg(f.arg(i, 0)), address(f.arg(i, 1), b, null));
                memory(m, i, op, ctrl, f.arg(i, 1), b);
                m.provenInBounds = provenInBounds.get(i);
                out.add(m);
            }
            case MEMORY_SIZE -> out.add(new MInst(MInst.Op.MEMORY_SIZE, Operand.defReg(f.firstResult(i))));
            case MEMORY_GROW -> {
                MInst m = new MInst(MInst.Op.CALL, Operand.useFixed(f.arg(i, 0), Gpr.RSI),
                        Operand.defFixed(f.firstResult(i), Gpr.RAX));
                m.callKind = MInst.CallKind.HELPER;
                m.helper = wasm.backend.Helper.MEMORY_GROW;
                m.hasResult = true;
                out.add(m);
            }
            case MEMORY_FILL, MEMORY_COPY -> {
                MInst m = new MInst(MInst.Op.CALL, Operand.useFixed(f.arg(i, 0), Gpr.RSI),
                        Operand.useFixed(f.arg(i, 1), Gpr.RDX), Operand.useFixed(f.arg(i, 2), Gpr.RCX));
                m.callKind = MInst.CallKind.HELPER;
                m.helper = op == IrOpcode.MEMORY_FILL ? wasm.backend.Helper.MEMORY_FILL : wasm.backend.Helper.MEMORY_COPY;
                out.add(m);
            }
            case MEMORY_INIT -> out.add(helper(wasm.backend.Helper.MEMORY_INIT, i, f.imm(i), arg(i, 0), arg(i, 1), arg(i, 2)));
            case DATA_DROP -> out.add(helper(wasm.backend.Helper.DATA_DROP, i, f.imm(i)));
            case TABLE_GROW -> out.add(helper(wasm.backend.Helper.TABLE_GROW, i, f.imm(i), arg(i, 0), arg(i, 1)));
            case TABLE_FILL -> out.add(helper(wasm.backend.Helper.TABLE_FILL, i, f.imm(i), arg(i, 0), arg(i, 1), arg(i, 2)));
            case TABLE_COPY -> out.add(helper(wasm.backend.Helper.TABLE_COPY, i, f.imm(i), (long) f.imm2(i),
                    arg(i, 0), arg(i, 1), arg(i, 2)));
            case TABLE_INIT -> out.add(helper(wasm.backend.Helper.TABLE_INIT, i, (long) f.imm2(i), f.imm(i),
                    arg(i, 0), arg(i, 1), arg(i, 2)));
            case ELEM_DROP -> out.add(helper(wasm.backend.Helper.ELEM_DROP, i, f.imm(i)));
            case REF_FUNC -> out.add(helper(wasm.backend.Helper.REF_FUNC, i, f.imm(i)));
            case TABLE_SIZE -> {
                MInst m = new MInst(MInst.Op.TABLE_SIZE, Operand.defReg(f.firstResult(i)));
                m.imm = f.imm(i);
                out.add(m);
            }
            case TABLE_GET -> {
                MInst m = new MInst(MInst.Op.TABLE_GET, Operand.defReg(f.firstResult(i)), Operand.useAny(f.arg(i, 0)));
                m.imm = f.imm(i);
                out.add(m);
            }
            case TABLE_SET -> {
                MInst m = new MInst(MInst.Op.TABLE_SET, Operand.useAny(f.arg(i, 0)), Operand.useAny(f.arg(i, 1)));
                m.imm = f.imm(i);
                out.add(m);
            }
            case GLOBAL_GET -> {
                MInst m = new MInst(MInst.Op.GLOBAL_GET, Operand.defReg(f.firstResult(i)));
                m.imm = f.imm(i);
                m.size = size;
                out.add(m);
            }
            case GLOBAL_SET -> {
                MInst m = new MInst(MInst.Op.GLOBAL_SET, Operand.useReg(f.arg(i, 0)));
                m.signedLoad = ctrl == Type.I32; // i32 cells are sign-extended, f32 cells zero-extended
                m.imm = f.imm(i);
                m.size = size;
                out.add(m);
            }
            case CALL, CALL_INDIRECT -> call(i, op, out);
            case JUMP -> {
                int tb = f.targetBlock(i, 0);
                if (tb == f.entryBlock()) {
                    throw new CompileUnsupported("branch to the entry block");
                }
                int n = f.targetArgCount(i, 0);
                Operand[] args = new Operand[n];
                for (int k = 0; k < n; k++) {
                    args[k] = Operand.useAny(f.targetArg(i, 0, k));
                }
                MInst m = new MInst(MInst.Op.JUMP, args);
                m.target = blockIndex[tb];
                succs.set(vb, new int[] {m.target});
                out.add(m);
            }
            case BRIF -> {
                int t0 = target(i, 0, b, MInst.Op.JUMP);
                int t1 = target(i, 1, b, MInst.Op.JUMP);
                Compare c = compareFor(f.arg(i, 0), b);
                MInst m = c.b() >= 0
                        ? new MInst(MInst.Op.BRANCH, Operand.useAny(c.a()), Operand.useAny(c.b()))
                        : new MInst(MInst.Op.BRANCH, Operand.useAny(c.a()));
                setCompare(m, c);
                m.target = t0;
                m.target2 = t1;
                succs.set(vb, t0 == t1 ? new int[] {t0} : new int[] {t0, t1});
                out.add(m);
            }
            case BR_TABLE -> {
                int n = f.targetCount(i);
                int[] ts = new int[n];
                for (int t = 0; t < n; t++) {
                    ts[t] = target(i, t, b, MInst.Op.JUMP);
                }
                MInst m = new MInst(MInst.Op.BR_TABLE, Operand.useAny(f.arg(i, 0)));
                m.targets = ts;
                succs.set(vb, Arrays.stream(ts).distinct().toArray());
                out.add(m);
            }
            case RETURN -> {
                succs.set(vb, new int[0]);
                if (f.argCount(i) == 0) {
                    out.add(new MInst(MInst.Op.RETURN));
                } else if (f.argCount(i) > 1) {
                    // ABI v2: every result goes to the caller's results area
                    Operand[] ops = new Operand[1 + f.argCount(i)];
                    ops[0] = Operand.useAny(resultsArea);
                    for (int k = 0; k < f.argCount(i); k++) {
                        ops[1 + k] = Operand.useAny(f.arg(i, k));
                    }
                    MInst m = new MInst(MInst.Op.RETURN, ops);
                    m.multiValue = true;
                    out.add(m);
                } else if (f.valueType(f.arg(i, 0)).isFloat()) {
                    MInst m = new MInst(MInst.Op.RETURN, Operand.useReg(f.arg(i, 0)));
                    m.floatValue = true;
                    m.dbl = f.valueType(f.arg(i, 0)) == Type.F64;
                    out.add(m);
                } else {
                    out.add(new MInst(MInst.Op.RETURN, Operand.useFixed(f.arg(i, 0), Gpr.RAX)));
                }
            }
            case TRAP -> {
                succs.set(vb, new int[0]);
                MInst m = new MInst(MInst.Op.TRAP);
                m.trap = TrapCode.byOrdinal((int) f.imm(i));
                out.add(m);
            }
            default -> throw unsupported(op.text() + (ctrl == null ? "" : "." + ctrl));
        }
    }

    /** A vreg argument of a helper call (as opposed to a Long immediate). */
    private record VregArg(int vreg) {}

    private VregArg arg(int inst, int k) {
        return new VregArg(f.arg(inst, k));
    }

    /** A runtime helper call: (vmctx, args...) with immediates and values in the SysV integer registers. */
    private MInst helper(wasm.backend.Helper h, int i, Object... args) {
        List<Operand> ops = new ArrayList<>();
        long[] imms = new long[args.length];
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case VregArg v -> {
                    ops.add(Operand.useFixed(v.vreg(), SysVAbi.INT_ARGS.get(k + 1)));
                    imms[k] = Long.MIN_VALUE;
                }
                case Long imm -> imms[k] = imm;
                default -> throw new IllegalArgumentException(String.valueOf(args[k]));
            }
        }
        boolean result = f.resultCount(i) == 1;
        if (result) {
            ops.add(Operand.defFixed(f.firstResult(i), Gpr.RAX));
        }
        MInst m = new MInst(MInst.Op.CALL, ops.toArray(Operand[]::new));
        m.callKind = MInst.CallKind.HELPER;
        m.helper = h;
        m.helperImms = imms;
        m.hasResult = result;
        return m;
    }

    private MInst floatOp(int i, MInst.FOp fop, boolean dbl, int operands) {
        MInst m = operands == 2
                ? new MInst(MInst.Op.FLOAT, Operand.defReg(f.firstResult(i)), Operand.useAny(f.arg(i, 0)),
                        Operand.useAny(f.arg(i, 1)))
                : new MInst(MInst.Op.FLOAT, Operand.defReg(f.firstResult(i)), Operand.useAny(f.arg(i, 0)));
        m.fop = fop;
        m.dbl = dbl;
        return m;
    }

    /** The address operand of a memory access, folding a single-use {@code iadd x, const}. */
    private Operand address(int addr, int block, Object unused) {
        if (foldable(addr, IrOpcode.IADD, block)) {
            int i = f.valueInst(addr);
            if (isConst(f.arg(i, 1)) || isConst(f.arg(i, 0))) {
                return Operand.useAny(isConst(f.arg(i, 1)) ? f.arg(i, 0) : f.arg(i, 1));
            }
        }
        return Operand.useAny(addr);
    }

    private void memory(MInst m, int i, IrOpcode op, Type ctrl, int addr, int block) {
        m.accessBytes = op.accessBytes(ctrl);
        m.signedLoad = op.isSignedLoad();
        m.offset = f.imm(i);
        m.size = sizeOf(ctrl);
        if (foldable(addr, IrOpcode.IADD, block)) {
            int a = f.valueInst(addr);
            int k = isConst(f.arg(a, 1)) ? 1 : isConst(f.arg(a, 0)) ? 0 : -1;
            if (k >= 0) {
                consume(addr);
                consume(f.arg(a, k));
                m.foldedBase = true;
                m.foldedAdd = (int) constValue(f.arg(a, k));
            }
        }
    }

    private void call(int i, IrOpcode op, List<MInst> out) {
        boolean indirect = op == IrOpcode.CALL_INDIRECT;
        Signature sig = indirect ? f.typeSignature((int) f.imm(i)) : f.calleeSignature((int) f.imm(i));
        boolean multi = sig.results().size() > 1;
        int first = indirect ? 1 : 0;
        int nargs = f.argCount(i) - first;
        List<Operand> ops = new ArrayList<>();
        int stack = 0;
        int ints = 0;
        int floats = 0;
        int[] dest = new int[nargs];
        boolean[] dbl = new boolean[nargs];
        for (int k = 0; k < nargs; k++) {
            int v = f.arg(i, first + k);
            Type t = f.valueType(v);
            dbl[k] = t == Type.F64;
            if (!t.isFloat() && ints < SysVAbi.INT_ARGS.size()) {
                ops.add(Operand.useFixed(v, SysVAbi.INT_ARGS.get(ints++)));
                dest[k] = -1;
            } else if (t.isFloat() && floats < 8) {
                ops.add(Operand.useAny(v));
                dest[k] = -2 - floats++;
            } else {
                ops.add(Operand.useAny(v));
                dest[k] = stack++;
            }
        }
        if (indirect) {
            ops.add(Operand.useAny(f.arg(i, 0)));
        }
        boolean result = !multi && f.resultCount(i) == 1;
        if (result) {
            ops.add(Operand.defFixed(f.firstResult(i), Gpr.RAX));
        }
        MInst m = new MInst(MInst.Op.CALL, ops.toArray(Operand[]::new));
        m.resultArea = multi;
        m.argDest = dest;
        m.argDouble = dbl;
        m.floatValue = result && sig.results().get(0).isFloat();
        m.dbl = result && sig.results().get(0) == Type.F64;
        m.stackArgs = stack;
        m.hasResult = result;
        maxStackArgs = Math.max(maxStackArgs, stack);
        if (indirect) {
            m.callKind = MInst.CallKind.INDIRECT;
            m.callee = (int) f.imm(i);
            m.tableIndex = f.imm2(i);
            m.indexOperand = true;
            hasIndirect = true;
        } else {
            int callee = (int) f.imm(i);
            m.callee = callee;
            m.callKind = compiledTogether.test(callee) ? MInst.CallKind.DIRECT : MInst.CallKind.SLOT;
        }
        out.add(m);
        if (multi) {
            // the callee wrote every result to this frame's results area; read back the used ones
            maxResultSlots = Math.max(maxResultSlots, sig.results().size());
            for (int k = 0; k < f.resultCount(i); k++) {
                int v = f.result(i, k);
                if (remaining[v] > 0) {
                    MInst ld = new MInst(MInst.Op.LOAD_RESULT, Operand.defReg(v));
                    ld.imm = k;
                    out.add(ld);
                }
            }
        }
    }
}
