package wasm.backend.internal.x64;

import static wasm.ir.IrOpcode.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import wasm.backend.CpuFeatures.Feature;
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
import wasm.ir.FloatCC;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Signature;
import wasm.ir.TrapCode;
import wasm.ir.Type;

/**
 * The x86-64 lowering rules, in the spirit of Cranelift's {@code lower.isle}:
 * per IR opcode, rules by descending priority; the first whose body matches
 * emits the machine instructions and wins. A body that declines changes
 * nothing (it consumes no use before it is sure). Two rules of one opcode may
 * not share a priority (checked when the table is built), so the order is
 * always the one written here. The lowest rule of an opcode usually matches
 * everything; an opcode with no matching rule is "not supported yet".
 *
 * <p>{@link Lowering} counts how often each rule fired ({@code VCode.ruleHits}),
 * so tests can show that every rule is reached.
 */
final class LoweringRules {
    /** Lowers IR instruction {@code i} through {@code cx}, or returns false having changed nothing. */
    @FunctionalInterface
    interface Body {
        boolean lower(Lowering cx, int i);
    }

    record Rule(int id, String name, int priority, List<IrOpcode> opcodes, Body body) {
    }

    private static final List<Rule> ALL = new ArrayList<>();
    private static final Map<IrOpcode, Rule[]> BY_OPCODE = new EnumMap<>(IrOpcode.class);
    private static final Rule[] NONE = new Rule[0];

    private LoweringRules() {
    }

    static Rule[] of(IrOpcode op) {
        return BY_OPCODE.getOrDefault(op, NONE);
    }

    static int count() {
        return ALL.size();
    }

    static List<Rule> all() {
        return List.copyOf(ALL);
    }

    static void rule(String name, int priority, Body body, IrOpcode... opcodes) {
        Rule r = new Rule(ALL.size(), name, priority, List.of(opcodes), body);
        ALL.add(r);
        for (IrOpcode op : opcodes) {
            Rule[] old = BY_OPCODE.getOrDefault(op, NONE);
            for (Rule o : old) {
                if (o.priority() == priority) {
                    throw new IllegalStateException("rules " + o.name() + " and " + name + " overlap on " + op
                            + " at priority " + priority);
                }
            }
            Rule[] rs = Arrays.copyOf(old, old.length + 1);
            rs[old.length] = r;
            Arrays.sort(rs, Comparator.comparingInt(Rule::priority).reversed());
            BY_OPCODE.put(op, rs);
        }
    }

    static {
        constants();
        integerArithmetic();
        comparisonsAndSelects();
        floats();
        memory();
        globalsAndTables();
        calls();
        control();
        VectorRules.register();
    }

    // ---- constants ----------------------------------------------------------------------------

    private static void constants() {
        rule("iconst", 0, (cx, i) -> {
            long v = cx.ctrl(i) == Type.I32 ? cx.imm(i) & 0xFFFF_FFFFL : cx.imm(i);
            cx.emit(new MInst.LoadConst(cx.gpr(cx.result(i)), v));
            return true;
        }, ICONST);
        rule("fconst", 0, (cx, i) -> {
            boolean f64 = cx.ctrl(i) == Type.F64;
            long v = f64 ? cx.imm(i) : cx.imm(i) & 0xFFFF_FFFFL;
            cx.emit(new MInst.FpConst(cx.xmm(cx.result(i)), v, f64));
            return true;
        }, FCONST);
        rule("ref_null", 0, (cx, i) -> {
            cx.emit(new MInst.LoadConst(cx.gpr(cx.result(i)), -1));
            return true;
        }, REF_NULL);
    }

    // ---- integer arithmetic -------------------------------------------------------------------

    private static AluOp aluOp(IrOpcode op) {
        return switch (op) {
            case IADD -> AluOp.ADD;
            case ISUB -> AluOp.SUB;
            case BAND -> AluOp.AND;
            case BOR -> AluOp.OR;
            default -> AluOp.XOR;
        };
    }

    /** Operands of a binary op with the immediate second (swapped when commutative), or null without one. */
    private static int[] withImmediate(Lowering cx, int i, boolean commutative) {
        int a = cx.arg(i, 0);
        int b = cx.arg(i, 1);
        Size size = cx.size(i);
        if (commutative && cx.imm32(a, size) != null && cx.imm32(b, size) == null) {
            return new int[] {b, a};
        }
        return cx.imm32(b, size) != null ? new int[] {a, b} : null;
    }

    private static ShiftOp shiftOp(IrOpcode op) {
        return switch (op) {
            case ISHL -> ShiftOp.SHL;
            case SSHR -> ShiftOp.SAR;
            case USHR -> ShiftOp.SHR;
            case ROTL -> ShiftOp.ROL;
            default -> ShiftOp.ROR;
        };
    }

    /** lzcnt / tzcnt / popcnt when the CPU has {@code needs}. */
    private static boolean bitCount(Lowering cx, int i, Feature needs, MInst.BitOp op) {
        if (!cx.has(needs)) {
            return false;
        }
        cx.emit(new MInst.BitCount(op, cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.result(i))));
        return true;
    }

    private static void integerArithmetic() {
        rule("alu_imm", 1, (cx, i) -> {
            int[] ab = withImmediate(cx, i, cx.opcode(i) != ISUB);
            if (ab == null) {
                return false;
            }
            int imm = (int) (long) cx.imm32(ab[1], cx.size(i));
            cx.consume(ab[1]);
            cx.emit(new MInst.Alu(aluOp(cx.opcode(i)), cx.size(i), cx.gpr(ab[0]), new Imm32(imm), cx.gpr(cx.result(i))));
            return true;
        }, IADD, ISUB, BAND, BOR, BXOR);
        rule("alu", 0, (cx, i) -> {
            cx.emit(new MInst.Alu(aluOp(cx.opcode(i)), cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.arg(i, 1)),
                    cx.gpr(cx.result(i))));
            return true;
        }, IADD, ISUB, BAND, BOR, BXOR);
        rule("imul_imm", 1, (cx, i) -> {
            int[] ab = withImmediate(cx, i, true);
            if (ab == null) {
                return false;
            }
            int imm = (int) (long) cx.imm32(ab[1], cx.size(i));
            cx.consume(ab[1]);
            cx.emit(new MInst.IMulImm(cx.size(i), cx.gpr(ab[0]), imm, cx.gpr(cx.result(i))));
            return true;
        }, IMUL);
        rule("imul", 0, (cx, i) -> {
            cx.emit(new MInst.IMul(cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.arg(i, 1)), cx.gpr(cx.result(i))));
            return true;
        }, IMUL);
        rule("shift_imm", 1, (cx, i) -> {
            int c = cx.arg(i, 1);
            if (!cx.isConst(c)) {
                return false;
            }
            cx.consume(c);
            int count = (int) (cx.constValue(c) & (cx.size(i).bits() - 1));
            cx.emit(new MInst.ShiftImm(shiftOp(cx.opcode(i)), cx.size(i), cx.gpr(cx.arg(i, 0)), count,
                    cx.gpr(cx.result(i))));
            return true;
        }, ISHL, SSHR, USHR, ROTL, ROTR);
        rule("shift_cl", 0, (cx, i) -> {
            cx.emit(new MInst.ShiftCl(shiftOp(cx.opcode(i)), cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.arg(i, 1)),
                    cx.gpr(cx.result(i))));
            return true;
        }, ISHL, SSHR, USHR, ROTL, ROTR);
        rule("div", 0, (cx, i) -> {
            MInst.DivKind kind = switch (cx.opcode(i)) {
                case SDIV -> MInst.DivKind.SDIV;
                case UDIV -> MInst.DivKind.UDIV;
                case SREM -> MInst.DivKind.SREM;
                default -> MInst.DivKind.UREM;
            };
            cx.emit(new MInst.Div(kind, cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.arg(i, 1)), cx.gpr(cx.result(i))));
            return true;
        }, SDIV, UDIV, SREM, UREM);
        rule("clz_lzcnt", 1, (cx, i) -> bitCount(cx, i, Feature.LZCNT, MInst.BitOp.LZCNT), CLZ);
        rule("clz_bsr", 0, (cx, i) -> {
            cx.emit(new MInst.BitScan(true, cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.result(i))));
            return true;
        }, CLZ);
        rule("ctz_tzcnt", 1, (cx, i) -> bitCount(cx, i, Feature.BMI1, MInst.BitOp.TZCNT), CTZ);
        rule("ctz_bsf", 0, (cx, i) -> {
            cx.emit(new MInst.BitScan(false, cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.result(i))));
            return true;
        }, CTZ);
        rule("popcnt", 1, (cx, i) -> bitCount(cx, i, Feature.POPCNT, MInst.BitOp.POPCNT), POPCNT);
        rule("popcnt_bits", 0, (cx, i) -> {
            cx.emit(new MInst.PopcntBits(cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.result(i))));
            return true;
        }, POPCNT);
        rule("extend", 0, (cx, i) -> {
            MInst.Ext ext = switch (cx.opcode(i)) {
                case IREDUCE, UEXTEND -> MInst.Ext.ZX32;
                case SEXTEND, SEXTEND32 -> MInst.Ext.SX32;
                case SEXTEND8 -> MInst.Ext.SX8;
                default -> MInst.Ext.SX16;
            };
            cx.emit(new MInst.Extend(ext, cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.result(i))));
            return true;
        }, IREDUCE, UEXTEND, SEXTEND, SEXTEND8, SEXTEND16, SEXTEND32);
        rule("bitcast_to_float", 1, (cx, i) -> {
            if (!cx.inXmm(cx.result(i))) {
                return false;
            }
            cx.emit(new MInst.GprToXmm(cx.size(i), cx.gpr(cx.arg(i, 0)), cx.xmm(cx.result(i))));
            return true;
        }, BITCAST);
        rule("bitcast_to_int", 0, (cx, i) -> {
            cx.emit(new MInst.XmmToGpr(cx.size(i), cx.xmm(cx.arg(i, 0)), cx.gpr(cx.result(i))));
            return true;
        }, BITCAST);
    }

    // ---- comparisons, selects ---------------------------------------------------------------

    /** The compare of a fusable single-use {@code icmp} defining {@code c} (consumed), or null. */
    private static MInst.IntCompare fusedIcmp(Lowering cx, int c, int block) {
        if (!cx.foldable(c, ICMP, block)) {
            return null;
        }
        int i = cx.def(c);
        cx.consume(c);
        return cx.compare(cx.arg(i, 0), cx.arg(i, 1), IntCC.values()[(int) cx.imm(i)], cx.size(i));
    }

    /** The compare of a fusable single-use {@code eqz} defining {@code c} (consumed), or null. */
    private static MInst.IntCompare fusedEqz(Lowering cx, int c, int block) {
        if (!cx.foldable(c, EQZ, block)) {
            return null;
        }
        int i = cx.def(c);
        cx.consume(c);
        return new MInst.IntCompare(cx.size(i), Cond.E, cx.gpr(cx.arg(i, 0)), new Imm32(0));
    }

    /** {@code c != 0} for a condition nothing could be fused with. */
    private static MInst.IntCompare nonZero(Lowering cx, int c) {
        return new MInst.IntCompare(Size.DWORD, Cond.NE, cx.gpr(c), new Imm32(0));
    }

    private static boolean select(Lowering cx, int i, MInst.IntCompare cmp) {
        if (cmp == null) {
            return false;
        }
        int r = cx.result(i);
        if (cx.inXmm(r)) {
            cx.emit(new MInst.FpSelect(cmp, cx.xmm(cx.arg(i, 1)), cx.xmm(cx.arg(i, 2)), cx.xmm(r)));
        } else {
            cx.emit(new MInst.Select(cmp, cx.gpr(cx.arg(i, 1)), cx.gpr(cx.arg(i, 2)), cx.gpr(r)));
        }
        return true;
    }

    private static void comparisonsAndSelects() {
        rule("icmp", 0, (cx, i) -> {
            MInst.IntCompare c = cx.compare(cx.arg(i, 0), cx.arg(i, 1), IntCC.values()[(int) cx.imm(i)], cx.size(i));
            cx.emit(new MInst.CmpSet(c, cx.gpr(cx.result(i))));
            return true;
        }, ICMP);
        rule("eqz", 0, (cx, i) -> {
            cx.emit(new MInst.CmpSet(new MInst.IntCompare(cx.size(i), Cond.E, cx.gpr(cx.arg(i, 0)), new Imm32(0)),
                    cx.gpr(cx.result(i))));
            return true;
        }, EQZ);
        rule("ref_is_null", 0, (cx, i) -> {
            cx.emit(new MInst.CmpSet(new MInst.IntCompare(Size.QWORD, Cond.E, cx.gpr(cx.arg(i, 0)), new Imm32(-1)),
                    cx.gpr(cx.result(i))));
            return true;
        }, REF_IS_NULL);
        rule("select_icmp", 2, (cx, i) -> select(cx, i, fusedIcmp(cx, cx.arg(i, 0), cx.block(i))), SELECT);
        rule("select_eqz", 1, (cx, i) -> select(cx, i, fusedEqz(cx, cx.arg(i, 0), cx.block(i))), SELECT);
        rule("select", 0, (cx, i) -> select(cx, i, nonZero(cx, cx.arg(i, 0))), SELECT);
    }

    // ---- floats ---------------------------------------------------------------------------------

    private static SseOp arith(IrOpcode op, boolean f64) {
        return switch (op) {
            case FADD -> f64 ? SseOp.ADDSD : SseOp.ADDSS;
            case FSUB -> f64 ? SseOp.SUBSD : SseOp.SUBSS;
            case FMUL -> f64 ? SseOp.MULSD : SseOp.MULSS;
            default -> f64 ? SseOp.DIVSD : SseOp.DIVSS;
        };
    }

    private static MInst.RoundMode roundMode(IrOpcode op) {
        return switch (op) {
            case CEIL -> MInst.RoundMode.CEIL;
            case FLOOR -> MInst.RoundMode.FLOOR;
            case TRUNC -> MInst.RoundMode.TRUNC;
            default -> MInst.RoundMode.NEAREST;
        };
    }

    private static void floats() {
        rule("fp_arith", 0, (cx, i) -> {
            cx.emit(new MInst.FpArith(arith(cx.opcode(i), cx.ctrl(i) == Type.F64), cx.xmm(cx.arg(i, 0)),
                    cx.xmm(cx.arg(i, 1)), cx.xmm(cx.result(i))));
            return true;
        }, FADD, FSUB, FMUL, FDIV);
        rule("fp_min_max", 0, (cx, i) -> {
            cx.emit(new MInst.FpMinMax(cx.opcode(i) == FMIN, cx.ctrl(i) == Type.F64, cx.xmm(cx.arg(i, 0)),
                    cx.xmm(cx.arg(i, 1)), cx.xmm(cx.result(i))));
            return true;
        }, FMIN, FMAX);
        rule("fp_copysign", 0, (cx, i) -> {
            cx.emit(new MInst.FpCopySign(cx.ctrl(i) == Type.F64, cx.xmm(cx.arg(i, 0)), cx.xmm(cx.arg(i, 1)),
                    cx.xmm(cx.result(i))));
            return true;
        }, FCOPYSIGN);
        rule("fp_sign", 0, (cx, i) -> {
            cx.emit(new MInst.FpSign(cx.opcode(i) == FABS ? MInst.SignOp.ABS : MInst.SignOp.NEG,
                    cx.ctrl(i) == Type.F64, cx.xmm(cx.arg(i, 0)), cx.xmm(cx.result(i))));
            return true;
        }, FABS, FNEG);
        rule("fp_sqrt", 0, (cx, i) -> {
            SseOp op = cx.ctrl(i) == Type.F64 ? SseOp.SQRTSD : SseOp.SQRTSS;
            cx.emit(new MInst.FpUnary(op, cx.xmm(cx.arg(i, 0)), cx.xmm(cx.result(i))));
            return true;
        }, SQRT);
        rule("fp_round", 1, (cx, i) -> {
            if (!cx.has(Feature.SSE41)) {
                return false;
            }
            cx.emit(new MInst.FpRound(roundMode(cx.opcode(i)), cx.ctrl(i) == Type.F64, cx.xmm(cx.arg(i, 0)),
                    cx.xmm(cx.result(i))));
            return true;
        }, CEIL, FLOOR, TRUNC, NEAREST);
        rule("fp_round_bits", 0, (cx, i) -> {
            cx.emit(new MInst.FpRoundBits(roundMode(cx.opcode(i)), cx.ctrl(i) == Type.F64, cx.xmm(cx.arg(i, 0)),
                    cx.xmm(cx.result(i))));
            return true;
        }, CEIL, FLOOR, TRUNC, NEAREST);
        rule("fp_promote_demote", 0, (cx, i) -> {
            SseOp op = cx.opcode(i) == FPROMOTE ? SseOp.CVTSS2SD : SseOp.CVTSD2SS;
            cx.emit(new MInst.FpUnary(op, cx.xmm(cx.arg(i, 0)), cx.xmm(cx.result(i))));
            return true;
        }, FPROMOTE, FDEMOTE);
        rule("int_to_fp", 0, (cx, i) -> {
            int src = cx.arg(i, 0);
            cx.emit(new MInst.IntToFp(cx.opcode(i) == FCVT_FROM_SINT, Lowering.sizeOf(cx.type(src)),
                    cx.ctrl(i) == Type.F64, cx.gpr(src), cx.xmm(cx.result(i))));
            return true;
        }, FCVT_FROM_SINT, FCVT_FROM_UINT);
        rule("fp_to_int", 0, (cx, i) -> {
            MInst.ToInt kind = switch (cx.opcode(i)) {
                case FCVT_TO_SINT -> MInst.ToInt.SIGNED;
                case FCVT_TO_UINT -> MInst.ToInt.UNSIGNED;
                case FCVT_TO_SINT_SAT -> MInst.ToInt.SIGNED_SAT;
                default -> MInst.ToInt.UNSIGNED_SAT;
            };
            int src = cx.arg(i, 0);
            cx.emit(new MInst.FpToInt(kind, cx.type(src) == Type.F64, cx.size(i), cx.xmm(src), cx.gpr(cx.result(i))));
            return true;
        }, FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT);
        rule("fp_compare", 0, (cx, i) -> {
            FloatCC cc = FloatCC.values()[(int) cx.imm(i)];
            int a = cx.arg(i, 0);
            int b = cx.arg(i, 1);
            // ucomis sets "above" for a > b and clears it on NaN: lt and le compare the other way round
            boolean swap = cc == FloatCC.LT || cc == FloatCC.LE;
            FloatCC c = cc == FloatCC.LT ? FloatCC.GT : cc == FloatCC.LE ? FloatCC.GE : cc;
            cx.emit(new MInst.FpCompare(c, cx.ctrl(i) == Type.F64, cx.xmm(swap ? b : a), cx.xmm(swap ? a : b),
                    cx.gpr(cx.result(i))));
            return true;
        }, FCMP);
    }

    // ---- linear memory ----------------------------------------------------------------------

    static MInst.HeapAccess access(Lowering cx, int i, boolean folded, int addend) {
        IrOpcode op = cx.opcode(i);
        boolean wide = cx.type(cx.arg(i, op.addressOperand())) == Type.I64;
        return new MInst.HeapAccess(op.accessBytes(cx.ctrl(i)), op.isSignedLoad(), cx.imm(i), folded, addend,
                cx.provenInBounds(i), cx.function().memoryOf(i), wide);
    }

    /**
     * A single-use {@code iadd base, const} address: {base, const} (not consumed), or null. Only a
     * 32-bit address folds (its sum wraps at 32 bits, which the emitter reproduces); a 64-bit one
     * (memory64) is checked as the one value it is.
     */
    static int[] foldableAddress(Lowering cx, int addr, int block) {
        if (cx.type(addr) != Type.I32 || !cx.foldable(addr, IADD, block)) {
            return null;
        }
        int a = cx.def(addr);
        if (cx.isConst(cx.arg(a, 1))) {
            return new int[] {cx.arg(a, 0), cx.arg(a, 1)};
        }
        return cx.isConst(cx.arg(a, 0)) ? new int[] {cx.arg(a, 1), cx.arg(a, 0)} : null;
    }

    /** A load or store whose address is {@code iadd base, const}: the base, with the constant folded in. */
    private static boolean access(Lowering cx, int i, int addrArg, boolean load) {
        int addr = cx.arg(i, addrArg);
        int[] folded = foldableAddress(cx, addr, cx.block(i));
        if (folded == null) {
            return false;
        }
        cx.consume(addr);
        cx.consume(folded[1]);
        emitAccess(cx, i, load, access(cx, i, true, (int) cx.constValue(folded[1])), folded[0]);
        return true;
    }

    private static void emitAccess(Lowering cx, int i, boolean load, MInst.HeapAccess access, int addr) {
        Size size = cx.size(i);
        Type t = cx.ctrl(i);
        MInst.HeapAddr at = cx.heapAddr(i, addr);
        if (t == Type.V128) {
            cx.emit(load ? new MInst.VecLoad(VecOp.MOVDQU, access, at, cx.xmm(cx.result(i)))
                    : new MInst.VecStore(null, 0, access, cx.xmm(cx.arg(i, 0)), at));
        } else if (t.isFloat()) {
            boolean f64 = t == Type.F64;
            cx.emit(load ? new MInst.FpLoad(access, f64, at, cx.xmm(cx.result(i)))
                    : new MInst.FpStore(access, f64, cx.xmm(cx.arg(i, 0)), at));
        } else if (load) {
            cx.emit(new MInst.Load(access, size, at, cx.gpr(cx.result(i))));
        } else {
            cx.emit(new MInst.Store(access, size, cx.gpr(cx.arg(i, 0)), at));
        }
    }

    /**
     * {@code store (op (load a) y) a}, op one of iadd, isub (the load first), band, bor, bxor, the load
     * and the op single-use in the store's block with only pure, non-trapping instructions and loads
     * between the load and the store, at the same address value, offset, memory and width (a narrow store
     * of a narrow load: the low bits of the sum depend only on the low bits of its operands):
     * {@code op size PTR [addr], y}. The fused access does the load's check, at the store's place;
     * nothing between them writes, and what may trap there traps as the load would (out of bounds),
     * so no value read and no reported trap changes ({@code acc[j] ^= block[j]} fuses).
     */
    private static boolean readModifyWrite(Lowering cx, int i) {
        int value = cx.arg(i, 0);
        int addr = cx.function().resolve(cx.arg(i, 1));
        int block = cx.block(i);
        AluOp op = null;
        for (IrOpcode o : new IrOpcode[] {IADD, ISUB, BAND, BOR, BXOR}) {
            if (cx.foldable(value, o, block)) {
                op = switch (o) {
                    case IADD -> AluOp.ADD;
                    case ISUB -> AluOp.SUB;
                    case BAND -> AluOp.AND;
                    case BOR -> AluOp.OR;
                    default -> AluOp.XOR;
                };
            }
        }
        if (op == null) {
            return false;
        }
        int bin = cx.def(value);
        for (int side = 0; side < 2; side++) {
            int loaded = cx.arg(bin, side);
            if (side == 1 && op == AluOp.SUB) {
                break; // y - load is no read-modify-write
            }
            int load = cx.function().isInstResult(loaded) ? cx.def(loaded) : -1;
            if (load < 0 || !cx.foldable(loaded, cx.opcode(load), block) || !sameAccess(cx, load, i, addr)
                    || !cx.onlyPureOrLoadsBetween(load, i)) {
                continue;
            }
            int other = cx.arg(bin, 1 - side);
            cx.consume(value);
            cx.consume(loaded);
            cx.absorb(load);
            IrOpcode lop = cx.opcode(load);
            boolean wide = cx.type(addr) == Type.I64;
            MInst.HeapAccess access = new MInst.HeapAccess(lop.accessBytes(cx.ctrl(load)), false, cx.imm(load),
                    false, 0, cx.provenInBounds(load), cx.function().memoryOf(load), wide);
            Size size = switch (access.bytes()) {
                case 1 -> Size.BYTE;
                case 2 -> Size.WORD;
                case 4 -> Size.DWORD;
                default -> Size.QWORD;
            };
            cx.emit(new MInst.HeapRmw(op, access, size, cx.gpr(other), cx.heapAddr(load, addr)));
            return true;
        }
        return false;
    }

    /** Whether load {@code load} and store {@code store} touch the same bytes of one memory at address {@code addr}. */
    private static boolean sameAccess(Lowering cx, int load, int store, int addr) {
        IrOpcode l = cx.opcode(load);
        IrOpcode s = cx.opcode(store);
        Type t = cx.ctrl(load);
        if (l.format() != wasm.ir.InstFormat.LOAD || cx.function().resolve(cx.arg(load, 0)) != addr
                || cx.imm(load) != cx.imm(store) || cx.function().memoryOf(load) != cx.function().memoryOf(store)
                || t != cx.ctrl(store) || !(t == Type.I32 || t == Type.I64)) {
            return false;
        }
        return switch (s) {
            case STORE -> l == LOAD;
            case ISTORE8 -> l == ULOAD8 || l == SLOAD8;
            case ISTORE16 -> l == ULOAD16 || l == SLOAD16;
            case ISTORE32 -> l == ULOAD32 || l == SLOAD32;
            default -> false;
        };
    }

    private static void memory() {
        IrOpcode[] loads = {LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32};
        IrOpcode[] stores = {STORE, ISTORE8, ISTORE16, ISTORE32};
        rule("load_folded_address", 1, (cx, i) -> access(cx, i, 0, true), loads);
        rule("load", 0, (cx, i) -> {
            emitAccess(cx, i, true, access(cx, i, false, 0), cx.arg(i, 0));
            return true;
        }, loads);
        rule("store_rmw", 2, LoweringRules::readModifyWrite, stores);
        rule("store_folded_address", 1, (cx, i) -> access(cx, i, 1, false), stores);
        rule("store", 0, (cx, i) -> {
            emitAccess(cx, i, false, access(cx, i, false, 0), cx.arg(i, 1));
            return true;
        }, stores);
        rule("memory_size", 0, (cx, i) -> {
            cx.emit(new MInst.MemorySize((int) cx.imm(i), cx.gpr(cx.result(i))));
            return true;
        }, MEMORY_SIZE);
        // The helpers take the memory index first; their address and length operands are whole
        // registers, of which they read the low 32 bits for a 32-bit memory (see Helper).
        rule("memory_grow", 0, (cx, i) -> helper(cx, i, Helper.MEMORY_GROW, cx.imm(i), vreg(cx, i, 0)), MEMORY_GROW);
        rule("memory_fill", 0, (cx, i) -> bulk(cx, i, Helper.MEMORY_FILL, cx.imm(i)), MEMORY_FILL);
        rule("memory_copy", 0, (cx, i) -> bulk(cx, i, Helper.MEMORY_COPY, cx.imm(i), cx.function().imm2(i)),
                MEMORY_COPY);
        rule("memory_init", 0, (cx, i) -> bulk(cx, i, Helper.MEMORY_INIT, cx.function().imm2(i), cx.imm(i)),
                MEMORY_INIT);
        rule("data_drop", 0, (cx, i) -> helper(cx, i, Helper.DATA_DROP, cx.imm(i)), DATA_DROP);
    }

    // ---- globals, tables, runtime helpers -------------------------------------------------------

    /** A vreg argument of a helper call (as opposed to a Long immediate). */
    private record VregArg(int vreg) {
    }

    private static VregArg vreg(Lowering cx, int i, int k) {
        return new VregArg(cx.arg(i, k));
    }

    /** A runtime helper call: (vmctx, args...) with immediates and values in the SysV integer registers. */
    private static boolean helper(Lowering cx, int i, Helper h, Object... args) {
        List<MInst.CallArg> regArgs = new ArrayList<>();
        List<MInst.ConstArg> consts = new ArrayList<>();
        for (int k = 0; k < args.length; k++) {
            Gpr reg = Lowering.helperArg(k + 1);
            switch (args[k]) {
                case VregArg v -> regArgs.add(new MInst.CallArg(cx.gpr(v.vreg()), reg, -1, false));
                case Long imm -> consts.add(new MInst.ConstArg(reg, imm));
                default -> throw new IllegalArgumentException(String.valueOf(args[k]));
            }
        }
        GReg result = cx.function().resultCount(i) == 1 ? cx.gpr(cx.result(i)) : null;
        cx.emit(new MInst.Call(new MInst.RuntimeHelper(h, List.copyOf(consts)),
                regArgs.toArray(MInst.CallArg[]::new), result, false, false));
        return true;
    }

    /** Whether operand {@code k} of {@code i} is an i64 (a 64-bit table's index: table64). */
    private static boolean wide(Lowering cx, int i, int k) {
        return cx.type(cx.arg(i, k)) == Type.I64;
    }

    /**
     * A bulk memory or table operation: its helper called with {@code indices} (memories, tables,
     * segments: immediates, in the helper's order) and then the instruction's three operands.
     */
    private static boolean bulk(Lowering cx, int i, Helper h, long... indices) {
        Object[] args = new Object[indices.length + 3];
        for (int k = 0; k < indices.length; k++) {
            args[k] = indices[k];
        }
        for (int k = 0; k < 3; k++) {
            args[indices.length + k] = vreg(cx, i, k);
        }
        return helper(cx, i, h, args);
    }

    private static void globalsAndTables() {
        rule("vec_global_get", 2, (cx, i) -> {
            if (cx.ctrl(i) != Type.V128) {
                return false;
            }
            cx.emit(new MInst.VecGlobalGet((int) cx.imm(i), cx.xmm(cx.result(i))));
            return true;
        }, GLOBAL_GET);
        rule("vec_global_set", 2, (cx, i) -> {
            if (cx.ctrl(i) != Type.V128) {
                return false;
            }
            cx.emit(new MInst.VecGlobalSet((int) cx.imm(i), cx.xmm(cx.arg(i, 0))));
            return true;
        }, GLOBAL_SET);
        rule("fp_global_get", 1, (cx, i) -> {
            if (!cx.ctrl(i).isFloat()) {
                return false;
            }
            cx.emit(new MInst.FpGlobalGet((int) cx.imm(i), cx.ctrl(i) == Type.F64, cx.xmm(cx.result(i))));
            return true;
        }, GLOBAL_GET);
        rule("global_get", 0, (cx, i) -> {
            cx.emit(new MInst.GlobalGet((int) cx.imm(i), cx.size(i), cx.gpr(cx.result(i))));
            return true;
        }, GLOBAL_GET);
        rule("fp_global_set", 1, (cx, i) -> {
            if (!cx.ctrl(i).isFloat()) {
                return false;
            }
            cx.emit(new MInst.FpGlobalSet((int) cx.imm(i), cx.ctrl(i) == Type.F64, cx.xmm(cx.arg(i, 0))));
            return true;
        }, GLOBAL_SET);
        rule("global_set", 0, (cx, i) -> {
            // i32 cells hold the value sign-extended
            cx.emit(new MInst.GlobalSet((int) cx.imm(i), cx.size(i), cx.gpr(cx.arg(i, 0))));
            return true;
        }, GLOBAL_SET);
        rule("table_size", 0, (cx, i) -> {
            cx.emit(new MInst.TableSize((int) cx.imm(i), cx.gpr(cx.result(i))));
            return true;
        }, TABLE_SIZE);
        rule("table_get", 0, (cx, i) -> {
            cx.emit(new MInst.TableGet((int) cx.imm(i), wide(cx, i, 0), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.result(i))));
            return true;
        }, TABLE_GET);
        rule("table_set", 0, (cx, i) -> {
            cx.emit(new MInst.TableSet((int) cx.imm(i), wide(cx, i, 0), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.arg(i, 1))));
            return true;
        }, TABLE_SET);
        rule("table_grow", 0, (cx, i) -> helper(cx, i, Helper.TABLE_GROW, cx.imm(i), vreg(cx, i, 0),
                vreg(cx, i, 1)), TABLE_GROW);
        rule("table_fill", 0, (cx, i) -> bulk(cx, i, Helper.TABLE_FILL, cx.imm(i)), TABLE_FILL);
        rule("table_copy", 0, (cx, i) -> bulk(cx, i, Helper.TABLE_COPY, cx.imm(i), cx.function().imm2(i)),
                TABLE_COPY);
        rule("table_init", 0, (cx, i) -> bulk(cx, i, Helper.TABLE_INIT, cx.function().imm2(i), cx.imm(i)),
                TABLE_INIT);
        rule("elem_drop", 0, (cx, i) -> helper(cx, i, Helper.ELEM_DROP, cx.imm(i)), ELEM_DROP);
        rule("ref_func", 0, (cx, i) -> helper(cx, i, Helper.REF_FUNC, cx.imm(i)), REF_FUNC);
    }

    // ---- calls ------------------------------------------------------------------------------------

    /**
     * The arguments of call {@code i} from operand {@code first} on, in SysV order: integer and float
     * registers, then 8-byte stack slots (two per v128); {@code stackSlots[0]} receives the slots used.
     */
    private static MInst.CallArg[] callArgs(Lowering cx, int i, int first, int[] stackSlots) {
        var f = cx.function();
        int nargs = f.argCount(i) - first;
        MInst.CallArg[] args = new MInst.CallArg[nargs];
        int stack = 0;
        int ints = 0;
        int floats = 0;
        for (int k = 0; k < nargs; k++) {
            int v = cx.arg(i, first + k);
            Reg reg = null;
            if (!cx.inXmm(v) && ints < SysVAbi.INT_ARGS.size()) {
                reg = SysVAbi.INT_ARGS.get(ints++);
            } else if (cx.inXmm(v) && floats < SysVAbi.FLOAT_ARGS.size()) {
                reg = SysVAbi.FLOAT_ARGS.get(floats++);
            }
            boolean v128 = cx.type(v) == Type.V128;
            args[k] = new MInst.CallArg(cx.reg(v), reg, reg == null ? stack : -1, v128);
            if (reg == null) {
                stack += v128 ? 2 : 1; // a v128 on the stack takes two 8-byte slots
            }
        }
        stackSlots[0] = stack;
        return args;
    }

    /** Whom call {@code i} reaches: the table slot of an indirect one, a function of this image, or a vmctx slot. */
    private static MInst.CallTarget callTarget(Lowering cx, int i, boolean indirect) {
        if (indirect) {
            return new MInst.Indirect((int) cx.imm(i), cx.function().imm2(i), wide(cx, i, 0), cx.gpr(cx.arg(i, 0)));
        }
        int callee = (int) cx.imm(i);
        return cx.compiledTogether(callee) ? new MInst.Direct(callee) : new MInst.ViaSlot(callee);
    }

    /**
     * Whether a call of {@code target} must re-derive rsp and reload r15 afterwards (ABI v4). Not when
     * the callee is a function of this module whose code has no tail call: it returns with the rsp and
     * r15 it was called with, since its epilogue pops its own frame and it fixes up after each of its
     * own calls that needs it (by induction over the calls it makes). Whatever else a call reaches
     * (an import: another instance's function, through a thunk that switches r15, which may tail-call
     * onward with another stack area; a table's function, which may be any instance's) needs it.
     */
    private static boolean needsFixup(Lowering cx, MInst.CallTarget target) {
        return switch (target) {
            case MInst.Direct d -> !cx.returnsInPlace(d.func());
            case MInst.ViaSlot s -> !cx.returnsInPlace(s.func());
            case MInst.Indirect ind -> true;
            case MInst.RuntimeHelper h -> false;
        };
    }

    private static boolean call(Lowering cx, int i) {
        var f = cx.function();
        boolean indirect = cx.opcode(i) == CALL_INDIRECT;
        Signature sig = indirect ? f.typeSignature((int) cx.imm(i)) : f.calleeSignature((int) cx.imm(i));
        boolean multi = sig.results().size() > 1;
        int[] stackSlots = new int[1];
        MInst.CallArg[] args = callArgs(cx, i, indirect ? 1 : 0, stackSlots);
        int stack = stackSlots[0];
        boolean result = !multi && f.resultCount(i) == 1;
        MInst.CallTarget target = callTarget(cx, i, indirect);
        boolean fixup = needsFixup(cx, target);
        if (fixup) {
            cx.noteCallFixup();
        }
        cx.emit(new MInst.Call(target, args, result ? cx.reg(cx.result(i)) : null, multi, fixup));
        cx.noteStackArgs(stack);
        if (multi) {
            // the callee wrote every result to this frame's results area (two slots per v128); read
            // back the used ones
            int slot = 0;
            for (int k = 0; k < f.resultCount(i); k++) {
                int v = f.result(i, k);
                boolean v128 = cx.type(v) == Type.V128;
                if (cx.remaining(v) > 0) {
                    cx.emit(new MInst.LoadResult(slot, cx.reg(v), v128));
                }
                slot += v128 ? 2 : 1;
            }
            cx.noteResultSlots(slot);
        }
        return true;
    }

    /**
     * return_call(_indirect): always a jump in this function's frame. The callee's stack arguments go
     * to the incoming area this function received ({@link SysVAbi#stackArea}: its caller reserved
     * that many bytes above the return address); when the callee's area has another size, the
     * return address moves (the emitter stages the arguments in this frame's outgoing area first,
     * which is reserved here).
     */
    private static boolean tailCall(Lowering cx, int i) {
        boolean indirect = cx.opcode(i) == RETURN_CALL_INDIRECT;
        int[] stackSlots = new int[1];
        MInst.CallArg[] args = callArgs(cx, i, indirect ? 1 : 0, stackSlots);
        int calleeSlots = stackSlots[0];
        if (SysVAbi.stackArea(calleeSlots) != SysVAbi.stackArea(cx.incomingStackSlots())) {
            cx.noteStackArgs(calleeSlots);
        }
        MInst.CallTarget target = callTarget(cx, i, indirect);
        GReg area = cx.resultsArea() >= 0 ? cx.gpr(cx.resultsArea()) : null;
        cx.emit(new MInst.TailCall(target, args, area, calleeSlots, cx.incomingStackSlots()));
        cx.successors();
        return true;
    }

    private static void calls() {
        rule("call", 0, LoweringRules::call, CALL, CALL_INDIRECT);
        rule("return_call", 0, LoweringRules::tailCall, RETURN_CALL, RETURN_CALL_INDIRECT);
    }

    // ---- control flow ------------------------------------------------------------------------------

    private static boolean brif(Lowering cx, int i, IrOpcode fused) {
        int c = cx.arg(i, 0);
        if (fused != null && !cx.foldable(c, fused, cx.block(i))) {
            return false;
        }
        int taken = cx.edge(i, 0);
        int notTaken = cx.edge(i, 1);
        MInst.IntCompare cmp = fused == ICMP ? fusedIcmp(cx, c, cx.block(i))
                : fused == EQZ ? fusedEqz(cx, c, cx.block(i)) : nonZero(cx, c);
        cx.emit(new MInst.Branch(cmp, taken, notTaken));
        cx.successors(taken, notTaken);
        return true;
    }

    private static boolean jump(Lowering cx, int i) {
        var f = cx.function();
        int target = cx.blockOf(f.targetBlock(i, 0));
        VReg[] args = new VReg[f.targetArgCount(i, 0)];
        for (int k = 0; k < args.length; k++) {
            args[k] = cx.reg(f.targetArg(i, 0, k));
        }
        cx.emit(new MInst.Jump(target, args));
        cx.successors(target);
        return true;
    }

    private static void control() {
        rule("jump_back_edge", 1, (cx, i) -> {
            // a loop goes round: poll (interruption, fuel) before the jump and its parallel move
            MInst.Poll poll = cx.backEdgePoll(i, cx.function().targetBlock(i, 0));
            if (poll == null) {
                return false;
            }
            cx.emit(poll);
            return jump(cx, i);
        }, JUMP);
        rule("jump", 0, LoweringRules::jump, JUMP);
        rule("brif_icmp", 2, (cx, i) -> brif(cx, i, ICMP), BRIF);
        rule("brif_eqz", 1, (cx, i) -> brif(cx, i, EQZ), BRIF);
        rule("brif", 0, (cx, i) -> brif(cx, i, null), BRIF);
        rule("br_table", 0, (cx, i) -> {
            int n = cx.function().targetCount(i);
            int[] ts = new int[n];
            for (int t = 0; t < n; t++) {
                ts[t] = cx.edge(i, t);
            }
            cx.emit(new MInst.BrTable(cx.gpr(cx.arg(i, 0)), ts));
            cx.successors(ts);
            return true;
        }, BR_TABLE);
        rule("return_multi", 2, (cx, i) -> {
            var f = cx.function();
            if (f.argCount(i) < 2) {
                return false;
            }
            // ABI v2: every result goes to the caller's results area
            VReg[] values = new VReg[f.argCount(i)];
            boolean[] v128 = new boolean[values.length];
            for (int k = 0; k < values.length; k++) {
                values[k] = cx.reg(cx.arg(i, k));
                v128[k] = cx.type(cx.arg(i, k)) == Type.V128;
            }
            cx.emit(new MInst.ReturnMulti(cx.gpr(cx.resultsArea()), values, v128));
            cx.successors();
            return true;
        }, RETURN);
        rule("return", 0, (cx, i) -> {
            cx.emit(new MInst.Return(cx.function().argCount(i) == 0 ? null : cx.reg(cx.arg(i, 0))));
            cx.successors();
            return true;
        }, RETURN);
        rule("trap", 0, (cx, i) -> {
            cx.emit(new MInst.Trap(TrapCode.byOrdinal((int) cx.imm(i))));
            cx.successors();
            return true;
        }, TRAP);
    }
}
