package wasm.backend.internal.x64;

import static wasm.ir.IrOpcode.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    private static void rule(String name, int priority, Body body, IrOpcode... opcodes) {
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
    }

    // ---- constants ----------------------------------------------------------------------------

    private static void constants() {
        rule("iconst", 0, (cx, i) -> {
            long v = cx.ctrl(i) == Type.I32 ? cx.imm(i) & 0xFFFF_FFFFL : cx.imm(i);
            cx.emit(new MInst.LoadConst(cx.gpr(cx.result(i)), v));
            return true;
        }, ICONST);
        rule("fconst_bits", 0, (cx, i) -> {
            long v = cx.ctrl(i) == Type.F32 ? cx.imm(i) & 0xFFFF_FFFFL : cx.imm(i);
            cx.emit(new MInst.LoadConst(cx.gpr(cx.result(i)), v));
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
        rule("bitcount", 0, (cx, i) -> {
            MInst.BitOp op = switch (cx.opcode(i)) {
                case CLZ -> MInst.BitOp.LZCNT;
                case CTZ -> MInst.BitOp.TZCNT;
                default -> MInst.BitOp.POPCNT;
            };
            cx.emit(new MInst.BitCount(op, cx.size(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.result(i))));
            return true;
        }, CLZ, CTZ, POPCNT);
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
        rule("bitcast_bits", 0, (cx, i) -> {
            Size size = cx.size(i);
            MInst.Ext ext = size == Size.DWORD ? MInst.Ext.ZX32 : MInst.Ext.MOV64;
            cx.emit(new MInst.Extend(ext, size, cx.gpr(cx.arg(i, 0)), cx.gpr(cx.result(i))));
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
        cx.emit(new MInst.Select(cmp, cx.gpr(cx.arg(i, 1)), cx.gpr(cx.arg(i, 2)), cx.gpr(cx.result(i))));
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

    // ---- floats (bit patterns in general registers) -----------------------------------------

    private static boolean floatBits(Lowering cx, int i, MInst.FOp op, boolean f64, Size intSize, FloatCC cc,
                                     int operands) {
        GReg b = operands == 2 ? cx.gpr(cx.arg(i, 1)) : null;
        cx.emit(new MInst.FloatBits(op, f64, intSize, cc, cx.gpr(cx.arg(i, 0)), b, cx.gpr(cx.result(i))));
        return true;
    }

    private static void floats() {
        rule("float_binary_bits", 0, (cx, i) -> floatBits(cx, i, switch (cx.opcode(i)) {
            case FADD -> MInst.FOp.ADD;
            case FSUB -> MInst.FOp.SUB;
            case FMUL -> MInst.FOp.MUL;
            case FDIV -> MInst.FOp.DIV;
            case FMIN -> MInst.FOp.MIN;
            case FMAX -> MInst.FOp.MAX;
            default -> MInst.FOp.COPYSIGN;
        }, cx.ctrl(i) == Type.F64, null, null, 2), FADD, FSUB, FMUL, FDIV, FMIN, FMAX, FCOPYSIGN);
        rule("float_unary_bits", 0, (cx, i) -> floatBits(cx, i, switch (cx.opcode(i)) {
            case FABS -> MInst.FOp.ABS;
            case FNEG -> MInst.FOp.NEG;
            case SQRT -> MInst.FOp.SQRT;
            case CEIL -> MInst.FOp.CEIL;
            case FLOOR -> MInst.FOp.FLOOR;
            case TRUNC -> MInst.FOp.TRUNC;
            default -> MInst.FOp.NEAREST;
        }, cx.ctrl(i) == Type.F64, null, null, 1), FABS, FNEG, SQRT, CEIL, FLOOR, TRUNC, NEAREST);
        rule("fpromote_bits", 0, (cx, i) -> floatBits(cx, i, MInst.FOp.PROMOTE, false, null, null, 1), FPROMOTE);
        rule("fdemote_bits", 0, (cx, i) -> floatBits(cx, i, MInst.FOp.DEMOTE, true, null, null, 1), FDEMOTE);
        rule("fcvt_from_int_bits", 0, (cx, i) -> floatBits(cx, i,
                cx.opcode(i) == FCVT_FROM_SINT ? MInst.FOp.FROM_SINT : MInst.FOp.FROM_UINT, cx.ctrl(i) == Type.F64,
                Lowering.sizeOf(cx.type(cx.arg(i, 0))), null, 1), FCVT_FROM_SINT, FCVT_FROM_UINT);
        rule("fcvt_to_int_bits", 0, (cx, i) -> floatBits(cx, i, switch (cx.opcode(i)) {
            case FCVT_TO_SINT -> MInst.FOp.TO_SINT;
            case FCVT_TO_UINT -> MInst.FOp.TO_UINT;
            case FCVT_TO_SINT_SAT -> MInst.FOp.TO_SINT_SAT;
            default -> MInst.FOp.TO_UINT_SAT;
        }, cx.type(cx.arg(i, 0)) == Type.F64, cx.size(i), null, 1),
                FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT);
        rule("fcmp_bits", 0, (cx, i) -> floatBits(cx, i, MInst.FOp.CMP, cx.ctrl(i) == Type.F64, null,
                FloatCC.values()[(int) cx.imm(i)], 2), FCMP);
    }

    // ---- linear memory ----------------------------------------------------------------------

    private static MInst.HeapAccess access(Lowering cx, int i, boolean folded, int addend) {
        IrOpcode op = cx.opcode(i);
        return new MInst.HeapAccess(op.accessBytes(cx.ctrl(i)), op.isSignedLoad(), cx.imm(i), folded, addend,
                cx.provenInBounds(i));
    }

    /** A single-use {@code iadd base, const} address: {base, const} (not consumed), or null. */
    private static int[] foldableAddress(Lowering cx, int addr, int block) {
        if (!cx.foldable(addr, IADD, block)) {
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

    private static void emitAccess(Lowering cx, int i, boolean load, MInst.HeapAccess access, int base) {
        Size size = cx.size(i);
        if (load) {
            cx.emit(new MInst.Load(access, size, cx.gpr(base), cx.gpr(cx.result(i))));
        } else {
            cx.emit(new MInst.Store(access, size, cx.gpr(cx.arg(i, 0)), cx.gpr(base)));
        }
    }

    private static void memory() {
        IrOpcode[] loads = {LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32};
        IrOpcode[] stores = {STORE, ISTORE8, ISTORE16, ISTORE32};
        rule("load_folded_address", 1, (cx, i) -> access(cx, i, 0, true), loads);
        rule("load", 0, (cx, i) -> {
            emitAccess(cx, i, true, access(cx, i, false, 0), cx.arg(i, 0));
            return true;
        }, loads);
        rule("store_folded_address", 1, (cx, i) -> access(cx, i, 1, false), stores);
        rule("store", 0, (cx, i) -> {
            emitAccess(cx, i, false, access(cx, i, false, 0), cx.arg(i, 1));
            return true;
        }, stores);
        rule("memory_size", 0, (cx, i) -> {
            cx.emit(new MInst.MemorySize(cx.gpr(cx.result(i))));
            return true;
        }, MEMORY_SIZE);
        rule("memory_grow", 0, (cx, i) -> helper(cx, i, Helper.MEMORY_GROW, vreg(cx, i, 0)), MEMORY_GROW);
        rule("memory_fill", 0, (cx, i) -> helper(cx, i, Helper.MEMORY_FILL, vreg(cx, i, 0), vreg(cx, i, 1),
                vreg(cx, i, 2)), MEMORY_FILL);
        rule("memory_copy", 0, (cx, i) -> helper(cx, i, Helper.MEMORY_COPY, vreg(cx, i, 0), vreg(cx, i, 1),
                vreg(cx, i, 2)), MEMORY_COPY);
        rule("memory_init", 0, (cx, i) -> helper(cx, i, Helper.MEMORY_INIT, cx.imm(i), vreg(cx, i, 0),
                vreg(cx, i, 1), vreg(cx, i, 2)), MEMORY_INIT);
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
                regArgs.toArray(MInst.CallArg[]::new), result, false, false, false));
        return true;
    }

    private static void globalsAndTables() {
        rule("global_get", 0, (cx, i) -> {
            cx.emit(new MInst.GlobalGet((int) cx.imm(i), cx.size(i), cx.gpr(cx.result(i))));
            return true;
        }, GLOBAL_GET);
        rule("global_set", 0, (cx, i) -> {
            // i32 cells are sign-extended, f32 cells zero-extended
            cx.emit(new MInst.GlobalSet((int) cx.imm(i), cx.size(i), cx.ctrl(i) == Type.I32, cx.gpr(cx.arg(i, 0))));
            return true;
        }, GLOBAL_SET);
        rule("table_size", 0, (cx, i) -> {
            cx.emit(new MInst.TableSize((int) cx.imm(i), cx.gpr(cx.result(i))));
            return true;
        }, TABLE_SIZE);
        rule("table_get", 0, (cx, i) -> {
            cx.emit(new MInst.TableGet((int) cx.imm(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.result(i))));
            return true;
        }, TABLE_GET);
        rule("table_set", 0, (cx, i) -> {
            cx.emit(new MInst.TableSet((int) cx.imm(i), cx.gpr(cx.arg(i, 0)), cx.gpr(cx.arg(i, 1))));
            return true;
        }, TABLE_SET);
        rule("table_grow", 0, (cx, i) -> helper(cx, i, Helper.TABLE_GROW, cx.imm(i), vreg(cx, i, 0),
                vreg(cx, i, 1)), TABLE_GROW);
        rule("table_fill", 0, (cx, i) -> helper(cx, i, Helper.TABLE_FILL, cx.imm(i), vreg(cx, i, 0),
                vreg(cx, i, 1), vreg(cx, i, 2)), TABLE_FILL);
        rule("table_copy", 0, (cx, i) -> helper(cx, i, Helper.TABLE_COPY, cx.imm(i),
                (long) cx.function().imm2(i), vreg(cx, i, 0), vreg(cx, i, 1), vreg(cx, i, 2)), TABLE_COPY);
        rule("table_init", 0, (cx, i) -> helper(cx, i, Helper.TABLE_INIT, (long) cx.function().imm2(i), cx.imm(i),
                vreg(cx, i, 0), vreg(cx, i, 1), vreg(cx, i, 2)), TABLE_INIT);
        rule("elem_drop", 0, (cx, i) -> helper(cx, i, Helper.ELEM_DROP, cx.imm(i)), ELEM_DROP);
        rule("ref_func", 0, (cx, i) -> helper(cx, i, Helper.REF_FUNC, cx.imm(i)), REF_FUNC);
    }

    // ---- calls ------------------------------------------------------------------------------------

    private static boolean call(Lowering cx, int i) {
        var f = cx.function();
        boolean indirect = cx.opcode(i) == CALL_INDIRECT;
        Signature sig = indirect ? f.typeSignature((int) cx.imm(i)) : f.calleeSignature((int) cx.imm(i));
        boolean multi = sig.results().size() > 1;
        int first = indirect ? 1 : 0;
        int nargs = f.argCount(i) - first;
        MInst.CallArg[] args = new MInst.CallArg[nargs];
        int stack = 0;
        int ints = 0;
        int floats = 0;
        for (int k = 0; k < nargs; k++) {
            int v = cx.arg(i, first + k);
            Type t = cx.type(v);
            boolean f64 = t == Type.F64;
            Reg reg = null;
            if (!t.isFloat() && ints < SysVAbi.INT_ARGS.size()) {
                reg = SysVAbi.INT_ARGS.get(ints++);
            } else if (t.isFloat() && floats < 8) {
                reg = Xmm.values()[floats++];
            }
            args[k] = new MInst.CallArg(cx.gpr(v), reg, reg == null ? stack++ : -1, f64);
        }
        boolean result = !multi && f.resultCount(i) == 1;
        MInst.CallTarget target;
        if (indirect) {
            target = new MInst.Indirect((int) cx.imm(i), f.imm2(i), cx.gpr(cx.arg(i, 0)));
            cx.noteIndirectCall();
        } else {
            int callee = (int) cx.imm(i);
            target = cx.compiledTogether(callee) ? new MInst.Direct(callee) : new MInst.ViaSlot(callee);
        }
        Type resultType = result ? sig.results().get(0) : null;
        cx.emit(new MInst.Call(target, args, result ? cx.gpr(cx.result(i)) : null,
                resultType != null && resultType.isFloat(), resultType == Type.F64, multi));
        cx.noteStackArgs(stack);
        if (multi) {
            // the callee wrote every result to this frame's results area; read back the used ones
            cx.noteResultSlots(sig.results().size());
            for (int k = 0; k < f.resultCount(i); k++) {
                int v = f.result(i, k);
                if (cx.remaining(v) > 0) {
                    cx.emit(new MInst.LoadResult(k, cx.gpr(v)));
                }
            }
        }
        return true;
    }

    private static void calls() {
        rule("call", 0, LoweringRules::call, CALL, CALL_INDIRECT);
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

    private static void control() {
        rule("jump", 0, (cx, i) -> {
            var f = cx.function();
            int target = cx.blockOf(f.targetBlock(i, 0));
            VReg[] args = new VReg[f.targetArgCount(i, 0)];
            for (int k = 0; k < args.length; k++) {
                args[k] = cx.reg(f.targetArg(i, 0, k));
            }
            cx.emit(new MInst.Jump(target, args));
            cx.successors(target);
            return true;
        }, JUMP);
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
            for (int k = 0; k < values.length; k++) {
                values[k] = cx.reg(cx.arg(i, k));
            }
            cx.emit(new MInst.ReturnMulti(cx.gpr(cx.resultsArea()), values));
            cx.successors();
            return true;
        }, RETURN);
        rule("return_float_bits", 1, (cx, i) -> {
            if (cx.function().argCount(i) != 1 || !cx.type(cx.arg(i, 0)).isFloat()) {
                return false;
            }
            cx.emit(new MInst.ReturnFloatBits(cx.gpr(cx.arg(i, 0)), cx.type(cx.arg(i, 0)) == Type.F64));
            cx.successors();
            return true;
        }, RETURN);
        rule("return", 0, (cx, i) -> {
            cx.emit(new MInst.Return(cx.function().argCount(i) == 0 ? null : cx.gpr(cx.arg(i, 0))));
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
