package wasm.ir.translate;

import wasm.core.model.Opcode;
import wasm.ir.FloatCC;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;

/**
 * How each Wasm SIMD instruction (0xFD prefix) becomes IR: one vector opcode with a
 * lane shape as its controlling type and, for comparisons, a condition code; an
 * extract_lane_s adds a sign extension. Derived once from the opcode names, so the
 * table cannot miss an instruction (an unmapped one fails class initialisation).
 */
final class VectorTranslation {
    private VectorTranslation() {
    }

    /**
     * @param op     the IR opcode
     * @param ctrl   its controlling type (a lane shape, v128 for plain loads and stores, or null)
     * @param cc     the condition code ordinal of a comparison, else 0
     * @param extend a scalar opcode applied to the result (sextend8/16 of extract_lane_s), or null
     */
    record Entry(IrOpcode op, Type ctrl, int cc, IrOpcode extend) {
    }

    private static final Entry[] BY_OPCODE = build();

    /** The translation of SIMD instruction {@code op}. */
    static Entry of(Opcode op) {
        return BY_OPCODE[op.ordinal()];
    }

    private static Entry[] build() {
        Entry[] table = new Entry[Opcode.values().length];
        for (Opcode op : Opcode.values()) {
            if (op.isSimd()) {
                table[op.ordinal()] = entry(op);
            }
        }
        return table;
    }

    private static Entry e(IrOpcode op, Type ctrl) {
        return new Entry(op, ctrl, 0, null);
    }

    private static Entry entry(Opcode op) {
        String name = op.text();
        int dot = name.indexOf('.');
        String prefix = name.substring(0, dot);
        String rest = name.substring(dot + 1);
        if (prefix.equals("v128")) {
            return v128(rest, op);
        }
        Type shape = Type.fromText(prefix);
        boolean isFloat = shape.laneType().isFloat();
        Entry entry = switch (rest) {
            case "splat" -> e(IrOpcode.VSPLAT, shape);
            case "extract_lane", "extract_lane_u" -> e(IrOpcode.VEXTRACTLANE, shape);
            case "extract_lane_s" -> new Entry(IrOpcode.VEXTRACTLANE, shape, 0,
                    shape == Type.I8X16 ? IrOpcode.SEXTEND8 : IrOpcode.SEXTEND16);
            case "replace_lane" -> e(IrOpcode.VINSERTLANE, shape);
            case "shuffle" -> e(IrOpcode.VSHUFFLE, null);
            case "swizzle" -> e(IrOpcode.VSWIZZLE, null);
            case "relaxed_swizzle" -> e(IrOpcode.VRELAXED_SWIZZLE, null);
            case "eq" -> isFloat ? fcmp(shape, FloatCC.EQ) : icmp(shape, IntCC.EQ);
            case "ne" -> isFloat ? fcmp(shape, FloatCC.NE) : icmp(shape, IntCC.NE);
            case "lt" -> fcmp(shape, FloatCC.LT);
            case "gt" -> fcmp(shape, FloatCC.GT);
            case "le" -> fcmp(shape, FloatCC.LE);
            case "ge" -> fcmp(shape, FloatCC.GE);
            case "lt_s" -> icmp(shape, IntCC.SLT);
            case "lt_u" -> icmp(shape, IntCC.ULT);
            case "gt_s" -> icmp(shape, IntCC.SGT);
            case "gt_u" -> icmp(shape, IntCC.UGT);
            case "le_s" -> icmp(shape, IntCC.SLE);
            case "le_u" -> icmp(shape, IntCC.ULE);
            case "ge_s" -> icmp(shape, IntCC.SGE);
            case "ge_u" -> icmp(shape, IntCC.UGE);
            case "abs" -> e(isFloat ? IrOpcode.VFABS : IrOpcode.VIABS, shape);
            case "neg" -> e(isFloat ? IrOpcode.VFNEG : IrOpcode.VINEG, shape);
            case "popcnt" -> e(IrOpcode.VPOPCNT, shape);
            case "all_true" -> e(IrOpcode.VALL_TRUE, shape);
            case "bitmask" -> e(IrOpcode.VBITMASK, shape);
            case "narrow_i16x8_s", "narrow_i32x4_s" -> e(IrOpcode.VSNARROW, shape);
            case "narrow_i16x8_u", "narrow_i32x4_u" -> e(IrOpcode.VUNARROW, shape);
            case "ceil" -> e(IrOpcode.VCEIL, shape);
            case "floor" -> e(IrOpcode.VFLOOR, shape);
            case "trunc" -> e(IrOpcode.VTRUNC, shape);
            case "nearest" -> e(IrOpcode.VNEAREST, shape);
            case "sqrt" -> e(IrOpcode.VSQRT, shape);
            case "shl" -> e(IrOpcode.VISHL, shape);
            case "shr_s" -> e(IrOpcode.VSSHR, shape);
            case "shr_u" -> e(IrOpcode.VUSHR, shape);
            case "add" -> e(isFloat ? IrOpcode.VFADD : IrOpcode.VIADD, shape);
            case "sub" -> e(isFloat ? IrOpcode.VFSUB : IrOpcode.VISUB, shape);
            case "mul" -> e(isFloat ? IrOpcode.VFMUL : IrOpcode.VIMUL, shape);
            case "div" -> e(IrOpcode.VFDIV, shape);
            case "add_sat_s" -> e(IrOpcode.VSADD_SAT, shape);
            case "add_sat_u" -> e(IrOpcode.VUADD_SAT, shape);
            case "sub_sat_s" -> e(IrOpcode.VSSUB_SAT, shape);
            case "sub_sat_u" -> e(IrOpcode.VUSUB_SAT, shape);
            case "min_s" -> e(IrOpcode.VSMIN, shape);
            case "min_u" -> e(IrOpcode.VUMIN, shape);
            case "max_s" -> e(IrOpcode.VSMAX, shape);
            case "max_u" -> e(IrOpcode.VUMAX, shape);
            case "min" -> e(IrOpcode.VFMIN, shape);
            case "max" -> e(IrOpcode.VFMAX, shape);
            case "pmin" -> e(IrOpcode.VFPMIN, shape);
            case "pmax" -> e(IrOpcode.VFPMAX, shape);
            case "avgr_u" -> e(IrOpcode.VAVGR, shape);
            case "q15mulr_sat_s" -> e(IrOpcode.VQ15MULR_SAT, shape);
            case "dot_i16x8_s" -> e(IrOpcode.VDOT, shape);
            case "extadd_pairwise_i8x16_s", "extadd_pairwise_i16x8_s" -> e(IrOpcode.VSEXTADD_PAIRWISE, shape);
            case "extadd_pairwise_i8x16_u", "extadd_pairwise_i16x8_u" -> e(IrOpcode.VUEXTADD_PAIRWISE, shape);
            case "demote_f64x2_zero" -> e(IrOpcode.VFDEMOTE, null);
            case "promote_low_f32x4" -> e(IrOpcode.VFPROMOTE_LOW, null);
            case "convert_i32x4_s", "convert_low_i32x4_s" -> e(IrOpcode.VFCVT_FROM_SINT, shape);
            case "convert_i32x4_u", "convert_low_i32x4_u" -> e(IrOpcode.VFCVT_FROM_UINT, shape);
            // the truncations are controlled by the float shape they convert
            case "trunc_sat_f32x4_s" -> e(IrOpcode.VFCVT_TO_SINT_SAT, Type.F32X4);
            case "trunc_sat_f32x4_u" -> e(IrOpcode.VFCVT_TO_UINT_SAT, Type.F32X4);
            case "trunc_sat_f64x2_s_zero" -> e(IrOpcode.VFCVT_TO_SINT_SAT, Type.F64X2);
            case "trunc_sat_f64x2_u_zero" -> e(IrOpcode.VFCVT_TO_UINT_SAT, Type.F64X2);
            case "relaxed_trunc_f32x4_s" -> e(IrOpcode.VRELAXED_FCVT_TO_SINT, Type.F32X4);
            case "relaxed_trunc_f32x4_u" -> e(IrOpcode.VRELAXED_FCVT_TO_UINT, Type.F32X4);
            case "relaxed_trunc_f64x2_s_zero" -> e(IrOpcode.VRELAXED_FCVT_TO_SINT, Type.F64X2);
            case "relaxed_trunc_f64x2_u_zero" -> e(IrOpcode.VRELAXED_FCVT_TO_UINT, Type.F64X2);
            case "relaxed_madd" -> e(IrOpcode.VFRELAXED_MADD, shape);
            case "relaxed_nmadd" -> e(IrOpcode.VFRELAXED_NMADD, shape);
            case "relaxed_laneselect" -> e(IrOpcode.VRELAXED_LANESELECT, shape);
            case "relaxed_min" -> e(IrOpcode.VFRELAXED_MIN, shape);
            case "relaxed_max" -> e(IrOpcode.VFRELAXED_MAX, shape);
            case "relaxed_q15mulr_s" -> e(IrOpcode.VRELAXED_Q15MULR, shape);
            case "relaxed_dot_i8x16_i7x16_s" -> e(IrOpcode.VRELAXED_DOT, shape);
            case "relaxed_dot_i8x16_i7x16_add_s" -> e(IrOpcode.VRELAXED_DOT_ADD, shape);
            default -> extendOrMultiply(shape, rest);
        };
        if (entry == null) {
            throw new IllegalStateException("no IR for " + name);
        }
        return entry;
    }

    /** extend_{low,high}_X_{s,u} and extmul_{low,high}_X_{s,u}. */
    private static Entry extendOrMultiply(Type shape, String rest) {
        boolean low = rest.contains("_low_");
        boolean signed = rest.endsWith("_s");
        if (rest.startsWith("extend_")) {
            return e(signed ? (low ? IrOpcode.VSWIDEN_LOW : IrOpcode.VSWIDEN_HIGH)
                    : (low ? IrOpcode.VUWIDEN_LOW : IrOpcode.VUWIDEN_HIGH), shape);
        }
        if (rest.startsWith("extmul_")) {
            return e(signed ? (low ? IrOpcode.VSEXTMUL_LOW : IrOpcode.VSEXTMUL_HIGH)
                    : (low ? IrOpcode.VUEXTMUL_LOW : IrOpcode.VUEXTMUL_HIGH), shape);
        }
        return null;
    }

    private static Entry icmp(Type shape, IntCC cc) {
        return new Entry(IrOpcode.VICMP, shape, cc.ordinal(), null);
    }

    private static Entry fcmp(Type shape, FloatCC cc) {
        return new Entry(IrOpcode.VFCMP, shape, cc.ordinal(), null);
    }

    /** v128.* : bitwise operations, loads and stores. */
    private static Entry v128(String rest, Opcode op) {
        return switch (rest) {
            case "const" -> e(IrOpcode.VCONCAT, null);
            case "not" -> e(IrOpcode.VNOT, null);
            case "and" -> e(IrOpcode.VAND, null);
            case "andnot" -> e(IrOpcode.VANDNOT, null);
            case "or" -> e(IrOpcode.VOR, null);
            case "xor" -> e(IrOpcode.VXOR, null);
            case "bitselect" -> e(IrOpcode.VBITSELECT, null);
            case "any_true" -> e(IrOpcode.VANY_TRUE, null);
            case "load" -> e(IrOpcode.LOAD, Type.V128);
            case "store" -> e(IrOpcode.STORE, Type.V128);
            case "load8x8_s" -> e(IrOpcode.VSLOAD_EXTEND, Type.I16X8);
            case "load8x8_u" -> e(IrOpcode.VULOAD_EXTEND, Type.I16X8);
            case "load16x4_s" -> e(IrOpcode.VSLOAD_EXTEND, Type.I32X4);
            case "load16x4_u" -> e(IrOpcode.VULOAD_EXTEND, Type.I32X4);
            case "load32x2_s" -> e(IrOpcode.VSLOAD_EXTEND, Type.I64X2);
            case "load32x2_u" -> e(IrOpcode.VULOAD_EXTEND, Type.I64X2);
            case "load8_splat", "load16_splat", "load32_splat", "load64_splat" ->
                    e(IrOpcode.VLOAD_SPLAT, byWidth(op.accessBytes()));
            case "load32_zero", "load64_zero" -> e(IrOpcode.VLOAD_ZERO, byWidth(op.accessBytes()));
            case "load8_lane", "load16_lane", "load32_lane", "load64_lane" ->
                    e(IrOpcode.VLOAD_LANE, byWidth(op.accessBytes()));
            case "store8_lane", "store16_lane", "store32_lane", "store64_lane" ->
                    e(IrOpcode.VSTORE_LANE, byWidth(op.accessBytes()));
            default -> throw new IllegalStateException("no IR for v128." + rest);
        };
    }

    /** The integer lane shape of lanes {@code bytes} wide. */
    private static Type byWidth(int bytes) {
        return switch (bytes) {
            case 1 -> Type.I8X16;
            case 2 -> Type.I16X8;
            case 4 -> Type.I32X4;
            default -> Type.I64X2;
        };
    }
}
