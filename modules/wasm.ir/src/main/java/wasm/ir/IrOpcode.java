package wasm.ir;

import static wasm.ir.InstFormat.*;
import static wasm.ir.Type.*;

/**
 * The IR instruction set, declared once. Instructions keep Wasm semantics
 * (a load traps when out of bounds, a division traps on zero, ...); the backend
 * makes the checks explicit.
 *
 * <p>{@code sig} is {@code "operands:results"} with one letter per value:
 * {@code T} = the controlling type (printed as the {@code .type} suffix),
 * {@code i}/{@code I}/{@code f}/{@code F}/{@code r}/{@code V} = i32/i64/f32/f64/ref/v128,
 * {@code N} = any integer type, {@code X} = any float type,
 * {@code W} = the bitcast partner of the controlling type, {@code L} = the lane
 * type of the controlling lane shape (i32 for i8x16/i16x8/i32x4 lanes, i64, f32,
 * f64), {@code *} = a variable list checked against a signature (calls, return).
 * Addresses, sizes and lengths of memories and tables are {@code N}: i32, or i64
 * for a 64-bit memory or table (memory64, table64); memory.size/grow and
 * table.size/grow take the address type as their controlling type.
 * {@code ctrl} is the mask of allowed controlling types (0: none, no suffix).
 *
 * <p>Bulk memory and table operations are opcodes, not calls; the backend
 * lowers them to calls into the runtime.
 *
 * <p>Vector opcodes (their own section, every name starting with {@code v})
 * work on the one vector type {@code v128}; their controlling type is a lane
 * shape that says how they read the lanes ({@code viadd.i32x4}). Like every
 * opcode they declare their effects here: the lanewise arithmetic is pure, the
 * vector loads and stores trap and touch memory like the scalar ones.
 */
public enum IrOpcode {
    ICONST("iconst", INT_IMM, ":T", MASK_INT, 0),
    FCONST("fconst", FLOAT_IMM, ":T", MASK_FLOAT, 0),
    REF_NULL("ref.null", PLAIN, ":r", 0, 0),
    REF_IS_NULL("ref.is_null", PLAIN, "r:i", 0, 0),
    REF_FUNC("ref.func", FUNC, ":r", 0, 0),

    IADD("iadd", PLAIN, "TT:T", MASK_INT, 0),
    ISUB("isub", PLAIN, "TT:T", MASK_INT, 0),
    IMUL("imul", PLAIN, "TT:T", MASK_INT, 0),
    SDIV("sdiv", PLAIN, "TT:T", MASK_INT, Flags.TRAPS),
    UDIV("udiv", PLAIN, "TT:T", MASK_INT, Flags.TRAPS),
    SREM("srem", PLAIN, "TT:T", MASK_INT, Flags.TRAPS),
    UREM("urem", PLAIN, "TT:T", MASK_INT, Flags.TRAPS),
    BAND("band", PLAIN, "TT:T", MASK_INT, 0),
    BOR("bor", PLAIN, "TT:T", MASK_INT, 0),
    BXOR("bxor", PLAIN, "TT:T", MASK_INT, 0),
    ISHL("ishl", PLAIN, "TT:T", MASK_INT, 0),
    SSHR("sshr", PLAIN, "TT:T", MASK_INT, 0),
    USHR("ushr", PLAIN, "TT:T", MASK_INT, 0),
    ROTL("rotl", PLAIN, "TT:T", MASK_INT, 0),
    ROTR("rotr", PLAIN, "TT:T", MASK_INT, 0),
    CLZ("clz", PLAIN, "T:T", MASK_INT, 0),
    CTZ("ctz", PLAIN, "T:T", MASK_INT, 0),
    POPCNT("popcnt", PLAIN, "T:T", MASK_INT, 0),
    EQZ("eqz", PLAIN, "T:i", MASK_INT, 0),
    ICMP("icmp", INT_COMPARE, "TT:i", MASK_INT, 0),

    FADD("fadd", PLAIN, "TT:T", MASK_FLOAT, 0),
    FSUB("fsub", PLAIN, "TT:T", MASK_FLOAT, 0),
    FMUL("fmul", PLAIN, "TT:T", MASK_FLOAT, 0),
    FDIV("fdiv", PLAIN, "TT:T", MASK_FLOAT, 0),
    FMIN("fmin", PLAIN, "TT:T", MASK_FLOAT, 0),
    FMAX("fmax", PLAIN, "TT:T", MASK_FLOAT, 0),
    FCOPYSIGN("fcopysign", PLAIN, "TT:T", MASK_FLOAT, 0),
    FABS("fabs", PLAIN, "T:T", MASK_FLOAT, 0),
    FNEG("fneg", PLAIN, "T:T", MASK_FLOAT, 0),
    SQRT("sqrt", PLAIN, "T:T", MASK_FLOAT, 0),
    CEIL("ceil", PLAIN, "T:T", MASK_FLOAT, 0),
    FLOOR("floor", PLAIN, "T:T", MASK_FLOAT, 0),
    TRUNC("trunc", PLAIN, "T:T", MASK_FLOAT, 0),
    NEAREST("nearest", PLAIN, "T:T", MASK_FLOAT, 0),
    FCMP("fcmp", FLOAT_COMPARE, "TT:i", MASK_FLOAT, 0),

    /** i32.wrap_i64. */
    IREDUCE("ireduce", PLAIN, "I:T", MASK_I32, 0),
    SEXTEND("sextend", PLAIN, "i:T", MASK_I64, 0),
    UEXTEND("uextend", PLAIN, "i:T", MASK_I64, 0),
    /** Sign-extend the low 8/16/32 bits in place (i32.extend8_s, ...). */
    SEXTEND8("sextend8", PLAIN, "T:T", MASK_INT, 0),
    SEXTEND16("sextend16", PLAIN, "T:T", MASK_INT, 0),
    SEXTEND32("sextend32", PLAIN, "T:T", MASK_I64, 0),
    FCVT_TO_SINT("fcvt_to_sint", PLAIN, "X:T", MASK_INT, Flags.TRAPS),
    FCVT_TO_UINT("fcvt_to_uint", PLAIN, "X:T", MASK_INT, Flags.TRAPS),
    FCVT_TO_SINT_SAT("fcvt_to_sint_sat", PLAIN, "X:T", MASK_INT, 0),
    FCVT_TO_UINT_SAT("fcvt_to_uint_sat", PLAIN, "X:T", MASK_INT, 0),
    FCVT_FROM_SINT("fcvt_from_sint", PLAIN, "N:T", MASK_FLOAT, 0),
    FCVT_FROM_UINT("fcvt_from_uint", PLAIN, "N:T", MASK_FLOAT, 0),
    FPROMOTE("fpromote", PLAIN, "f:T", MASK_F64, 0),
    FDEMOTE("fdemote", PLAIN, "F:T", MASK_F32, 0),
    /** Reinterpret the bits ({@code i32 <-> f32}, {@code i64 <-> f64}). */
    BITCAST("bitcast", PLAIN, "W:T", MASK_NUM, 0),
    /** {@code select c, a, b}: a when c != 0, else b. */
    SELECT("select", PLAIN, "iTT:T", MASK_ANY, 0),

    LOAD("load", InstFormat.LOAD, "N:T", MASK_NUM | MASK_V128, Flags.TRAPS | Flags.READS),
    ULOAD8("uload8", InstFormat.LOAD, "N:T", MASK_INT, Flags.TRAPS | Flags.READS),
    SLOAD8("sload8", InstFormat.LOAD, "N:T", MASK_INT, Flags.TRAPS | Flags.READS),
    ULOAD16("uload16", InstFormat.LOAD, "N:T", MASK_INT, Flags.TRAPS | Flags.READS),
    SLOAD16("sload16", InstFormat.LOAD, "N:T", MASK_INT, Flags.TRAPS | Flags.READS),
    ULOAD32("uload32", InstFormat.LOAD, "N:T", MASK_I64, Flags.TRAPS | Flags.READS),
    SLOAD32("sload32", InstFormat.LOAD, "N:T", MASK_I64, Flags.TRAPS | Flags.READS),
    STORE("store", InstFormat.STORE, "TN:", MASK_NUM | MASK_V128, Flags.TRAPS | Flags.WRITES),
    ISTORE8("istore8", InstFormat.STORE, "TN:", MASK_INT, Flags.TRAPS | Flags.WRITES),
    ISTORE16("istore16", InstFormat.STORE, "TN:", MASK_INT, Flags.TRAPS | Flags.WRITES),
    ISTORE32("istore32", InstFormat.STORE, "TN:", MASK_I64, Flags.TRAPS | Flags.WRITES),
    /** The size in pages, typed by the memory's address type. */
    MEMORY_SIZE("memory.size", MEMORY, ":T", MASK_INT, Flags.READS),
    MEMORY_GROW("memory.grow", MEMORY, "T:T", MASK_INT, Flags.READS | Flags.WRITES | Flags.SIDE_EFFECT),
    /** Operands: destination, source, length. */
    MEMORY_COPY("memory.copy", InstFormat.MEMORY_COPY, "NNN:", 0, Flags.TRAPS | Flags.READS | Flags.WRITES),
    /** Operands: destination, byte value, length. */
    MEMORY_FILL("memory.fill", MEMORY, "NiN:", 0, Flags.TRAPS | Flags.WRITES),
    /** Operands: destination, source offset in the segment, length. */
    MEMORY_INIT("memory.init", InstFormat.MEMORY_INIT, "Nii:", 0, Flags.TRAPS | Flags.READS | Flags.WRITES),
    DATA_DROP("data.drop", DATA, ":", 0, Flags.SIDE_EFFECT),

    GLOBAL_GET("global.get", GLOBAL, ":T", MASK_ANY, Flags.READS),
    GLOBAL_SET("global.set", GLOBAL, "T:", MASK_ANY, Flags.WRITES),
    TABLE_GET("table.get", TABLE, "N:r", 0, Flags.TRAPS | Flags.READS),
    TABLE_SET("table.set", TABLE, "Nr:", 0, Flags.TRAPS | Flags.WRITES),
    /** The size, typed by the table's address type. */
    TABLE_SIZE("table.size", TABLE, ":T", MASK_INT, Flags.READS),
    /** Operands: initial value, delta. */
    TABLE_GROW("table.grow", TABLE, "rT:T", MASK_INT, Flags.READS | Flags.WRITES | Flags.SIDE_EFFECT),
    /** Operands: start, value, length. */
    TABLE_FILL("table.fill", TABLE, "NrN:", 0, Flags.TRAPS | Flags.WRITES),
    /** Operands: destination, source, length. */
    TABLE_COPY("table.copy", InstFormat.TABLE_COPY, "NNN:", 0, Flags.TRAPS | Flags.READS | Flags.WRITES),
    /** Operands: destination, source offset in the segment, length. */
    TABLE_INIT("table.init", InstFormat.TABLE_INIT, "Nii:", 0, Flags.TRAPS | Flags.READS | Flags.WRITES),
    ELEM_DROP("elem.drop", ELEM, ":", 0, Flags.SIDE_EFFECT),

    CALL("call", InstFormat.CALL, "*:*", 0, Flags.CALL_EFFECTS),
    CALL_INDIRECT("call_indirect", InstFormat.CALL_INDIRECT, "*:*", 0, Flags.CALL_EFFECTS),
    /**
     * A tail call (Wasm return_call): calls function {@code imm} and returns its results as this
     * function's own, whose frame the callee takes over. A terminator with a call's effects and no
     * results of its own; the callee's results are the function's (the verifier checks).
     */
    RETURN_CALL("return_call", InstFormat.CALL, "*:", 0, Flags.CALL_EFFECTS | Flags.TERMINATOR),
    /** return_call_indirect: call_indirect's checks and traps, then a tail call like {@link #RETURN_CALL}. */
    RETURN_CALL_INDIRECT("return_call_indirect", InstFormat.CALL_INDIRECT, "*:", 0,
            Flags.CALL_EFFECTS | Flags.TERMINATOR),

    JUMP("jump", InstFormat.JUMP, ":", 0, Flags.TERMINATOR),
    BRIF("brif", InstFormat.BRIF, "i:", 0, Flags.TERMINATOR),
    BR_TABLE("br_table", InstFormat.BR_TABLE, "i:", 0, Flags.TERMINATOR),
    RETURN("return", InstFormat.RETURN, "*:", 0, Flags.TERMINATOR),
    TRAP("trap", InstFormat.TRAP, ":", 0, Flags.TERMINATOR | Flags.TRAPS),

    // ---- vectors: v128 values, lane shapes as controlling types ----

    /** A v128 from its low and high 64 bits (bytes 0..7, then 8..15): how vector constants are built. */
    VCONCAT("vconcat", PLAIN, "II:V", 0, 0),
    VSPLAT("vsplat", PLAIN, "L:V", MASK_VALL, 0),
    /** Lane {@code imm}, zero-extended for 8- and 16-bit lanes (Wasm's {@code _s} adds sextend8/16). */
    VEXTRACTLANE("vextractlane", LANE, "V:L", MASK_VALL, 0),
    VINSERTLANE("vinsertlane", LANE, "VL:V", MASK_VALL, 0),
    /** i8x16.shuffle: lane indices 0..31 packed five bits each (see {@link InstFormat#SHUFFLE}). */
    VSHUFFLE("vshuffle", InstFormat.SHUFFLE, "VV:V", 0, 0),
    /** i8x16.swizzle: an index of 16 or more gives 0. */
    VSWIZZLE("vswizzle", PLAIN, "VV:V", 0, 0),
    /** i8x16.relaxed_swizzle as x86 pshufb: an index with its top bit set gives 0, else its low nibble picks. */
    VRELAXED_SWIZZLE("vrelaxed_swizzle", PLAIN, "VV:V", 0, 0),
    VNOT("vnot", PLAIN, "V:V", 0, 0),
    VAND("vand", PLAIN, "VV:V", 0, 0),
    /** {@code a & ~b}. */
    VANDNOT("vandnot", PLAIN, "VV:V", 0, 0),
    VOR("vor", PLAIN, "VV:V", 0, 0),
    VXOR("vxor", PLAIN, "VV:V", 0, 0),
    /** {@code (a & c) | (b & ~c)}. */
    VBITSELECT("vbitselect", PLAIN, "VVV:V", 0, 0),
    VANY_TRUE("vany_true", PLAIN, "V:i", 0, 0),
    VALL_TRUE("vall_true", PLAIN, "V:i", MASK_VINT, 0),
    VBITMASK("vbitmask", PLAIN, "V:i", MASK_VINT, 0),
    VIADD("viadd", PLAIN, "VV:V", MASK_VINT, 0),
    VISUB("visub", PLAIN, "VV:V", MASK_VINT, 0),
    VIMUL("vimul", PLAIN, "VV:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2, 0),
    VINEG("vineg", PLAIN, "V:V", MASK_VINT, 0),
    VIABS("viabs", PLAIN, "V:V", MASK_VINT, 0),
    VSADD_SAT("vsadd_sat", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8, 0),
    VUADD_SAT("vuadd_sat", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8, 0),
    VSSUB_SAT("vssub_sat", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8, 0),
    VUSUB_SAT("vusub_sat", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8, 0),
    VSMIN("vsmin", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8 | MASK_I32X4, 0),
    VUMIN("vumin", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8 | MASK_I32X4, 0),
    VSMAX("vsmax", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8 | MASK_I32X4, 0),
    VUMAX("vumax", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8 | MASK_I32X4, 0),
    /** Unsigned rounding average {@code (a + b + 1) >> 1}. */
    VAVGR("vavgr", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8, 0),
    VPOPCNT("vpopcnt", PLAIN, "V:V", MASK_I8X16, 0),
    /** i16x8.q15mulr_sat_s: {@code sat16((a * b + 0x4000) >> 15)}. */
    VQ15MULR_SAT("vq15mulr_sat", PLAIN, "VV:V", MASK_I16X8, 0),
    /** i16x8.relaxed_q15mulr_s as x86 pmulhrsw: the same without saturation. */
    VRELAXED_Q15MULR("vrelaxed_q15mulr", PLAIN, "VV:V", MASK_I16X8, 0),
    /** Shifts by an i32 count taken modulo the lane width. */
    VISHL("vishl", PLAIN, "Vi:V", MASK_VINT, 0),
    VSSHR("vsshr", PLAIN, "Vi:V", MASK_VINT, 0),
    VUSHR("vushr", PLAIN, "Vi:V", MASK_VINT, 0),
    /** Lanewise comparison, all ones where it holds. */
    VICMP("vicmp", INT_COMPARE, "VV:V", MASK_VINT, 0),
    VFCMP("vfcmp", FLOAT_COMPARE, "VV:V", MASK_VFLOAT, 0),
    VFADD("vfadd", PLAIN, "VV:V", MASK_VFLOAT, 0),
    VFSUB("vfsub", PLAIN, "VV:V", MASK_VFLOAT, 0),
    VFMUL("vfmul", PLAIN, "VV:V", MASK_VFLOAT, 0),
    VFDIV("vfdiv", PLAIN, "VV:V", MASK_VFLOAT, 0),
    VFMIN("vfmin", PLAIN, "VV:V", MASK_VFLOAT, 0),
    VFMAX("vfmax", PLAIN, "VV:V", MASK_VFLOAT, 0),
    /** {@code b < a ? b : a}, bits of the chosen operand. */
    VFPMIN("vfpmin", PLAIN, "VV:V", MASK_VFLOAT, 0),
    /** {@code a < b ? b : a}. */
    VFPMAX("vfpmax", PLAIN, "VV:V", MASK_VFLOAT, 0),
    /** relaxed_min as x86 minps: {@code a < b ? a : b} (b when either is NaN or both are zeros). */
    VFRELAXED_MIN("vfrelaxed_min", PLAIN, "VV:V", MASK_VFLOAT, 0),
    /** relaxed_max as x86 maxps: {@code a > b ? a : b}. */
    VFRELAXED_MAX("vfrelaxed_max", PLAIN, "VV:V", MASK_VFLOAT, 0),
    VFABS("vfabs", PLAIN, "V:V", MASK_VFLOAT, 0),
    VFNEG("vfneg", PLAIN, "V:V", MASK_VFLOAT, 0),
    VSQRT("vsqrt", PLAIN, "V:V", MASK_VFLOAT, 0),
    VCEIL("vceil", PLAIN, "V:V", MASK_VFLOAT, 0),
    VFLOOR("vfloor", PLAIN, "V:V", MASK_VFLOAT, 0),
    VTRUNC("vtrunc", PLAIN, "V:V", MASK_VFLOAT, 0),
    VNEAREST("vnearest", PLAIN, "V:V", MASK_VFLOAT, 0),
    /** relaxed_madd, unfused: {@code a * b + c} with the product rounded (x86 mulps, addps). */
    VFRELAXED_MADD("vfrelaxed_madd", PLAIN, "VVV:V", MASK_VFLOAT, 0),
    /** relaxed_nmadd, unfused: {@code -(a * b) + c}. */
    VFRELAXED_NMADD("vfrelaxed_nmadd", PLAIN, "VVV:V", MASK_VFLOAT, 0),
    /** relaxed_laneselect as x86 blendv: the top bit of each 8-bit (i8x16, i16x8), 32- or 64-bit element of c picks a. */
    VRELAXED_LANESELECT("vrelaxed_laneselect", PLAIN, "VVV:V", MASK_VINT, 0),
    /** Saturating narrowing of a's then b's lanes of twice the width into the controlling shape. */
    VSNARROW("vsnarrow", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8, 0),
    VUNARROW("vunarrow", PLAIN, "VV:V", MASK_I8X16 | MASK_I16X8, 0),
    /** The low or high half's lanes extended to the controlling shape (twice their width). */
    VSWIDEN_LOW("vswiden_low", PLAIN, "V:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2, 0),
    VSWIDEN_HIGH("vswiden_high", PLAIN, "V:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2, 0),
    VUWIDEN_LOW("vuwiden_low", PLAIN, "V:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2, 0),
    VUWIDEN_HIGH("vuwiden_high", PLAIN, "V:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2, 0),
    /** Products of the low or high half's lanes, extended to the controlling shape. */
    VSEXTMUL_LOW("vsextmul_low", PLAIN, "VV:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2, 0),
    VSEXTMUL_HIGH("vsextmul_high", PLAIN, "VV:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2, 0),
    VUEXTMUL_LOW("vuextmul_low", PLAIN, "VV:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2, 0),
    VUEXTMUL_HIGH("vuextmul_high", PLAIN, "VV:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2, 0),
    /** Sums of adjacent lane pairs, extended to the controlling shape. */
    VSEXTADD_PAIRWISE("vsextadd_pairwise", PLAIN, "V:V", MASK_I16X8 | MASK_I32X4, 0),
    VUEXTADD_PAIRWISE("vuextadd_pairwise", PLAIN, "V:V", MASK_I16X8 | MASK_I32X4, 0),
    /** i32x4.dot_i16x8_s. */
    VDOT("vdot", PLAIN, "VV:V", MASK_I32X4, 0),
    /** i16x8.relaxed_dot_i8x16_i7x16_s as x86 pmaddubsw (b's bytes unsigned, a's signed, pairs summed with saturation). */
    VRELAXED_DOT("vrelaxed_dot", PLAIN, "VV:V", MASK_I16X8, 0),
    /** i32x4.relaxed_dot_i8x16_i7x16_add_s: pmaddubsw, pairs of i16 summed to i32, plus c. */
    VRELAXED_DOT_ADD("vrelaxed_dot_add", PLAIN, "VVV:V", MASK_I32X4, 0),
    /** i32 lanes to the controlling float shape (f64x2: the low two lanes). */
    VFCVT_FROM_SINT("vfcvt_from_sint", PLAIN, "V:V", MASK_VFLOAT, 0),
    VFCVT_FROM_UINT("vfcvt_from_uint", PLAIN, "V:V", MASK_VFLOAT, 0),
    /** The controlling float shape's lanes to saturated i32 lanes (f64x2: into the low two, the rest zero). */
    VFCVT_TO_SINT_SAT("vfcvt_to_sint_sat", PLAIN, "V:V", MASK_VFLOAT, 0),
    VFCVT_TO_UINT_SAT("vfcvt_to_uint_sat", PLAIN, "V:V", MASK_VFLOAT, 0),
    /** relaxed_trunc (signed) as x86 cvttps2dq / cvttpd2dq: NaN and out-of-range lanes give 0x80000000. */
    VRELAXED_FCVT_TO_SINT("vrelaxed_fcvt_to_sint", PLAIN, "V:V", MASK_VFLOAT, 0),
    /** relaxed_trunc (unsigned): saturating, as {@link #VFCVT_TO_UINT_SAT}. */
    VRELAXED_FCVT_TO_UINT("vrelaxed_fcvt_to_uint", PLAIN, "V:V", MASK_VFLOAT, 0),
    /** f32x4.demote_f64x2_zero. */
    VFDEMOTE("vfdemote", PLAIN, "V:V", 0, 0),
    /** f64x2.promote_low_f32x4. */
    VFPROMOTE_LOW("vfpromote_low", PLAIN, "V:V", 0, 0),
    /** 64 bits of half-width lanes, sign- or zero-extended to the controlling shape (v128.load8x8_s, ...). */
    VSLOAD_EXTEND("vsload_extend", InstFormat.LOAD, "N:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2,
            Flags.TRAPS | Flags.READS),
    VULOAD_EXTEND("vuload_extend", InstFormat.LOAD, "N:V", MASK_I16X8 | MASK_I32X4 | MASK_I64X2,
            Flags.TRAPS | Flags.READS),
    /** One lane loaded into every lane. */
    VLOAD_SPLAT("vload_splat", InstFormat.LOAD, "N:V", MASK_VINT, Flags.TRAPS | Flags.READS),
    /** One lane loaded into lane 0, the others zero (v128.load32_zero, load64_zero). */
    VLOAD_ZERO("vload_zero", InstFormat.LOAD, "N:V", MASK_I32X4 | MASK_I64X2, Flags.TRAPS | Flags.READS),
    /** Operands: address, vector; one lane loaded into the vector ({@code imm2}: memory and lane). */
    VLOAD_LANE("vload_lane", InstFormat.LOAD_LANE, "NV:V", MASK_VINT, Flags.TRAPS | Flags.READS),
    /** Operands: vector, address; one lane stored ({@code imm2}: memory and lane). */
    VSTORE_LANE("vstore_lane", InstFormat.STORE_LANE, "VN:", MASK_VINT, Flags.TRAPS | Flags.WRITES);

    /** Effect flags. An opcode with none of them is pure: it can be moved, merged or deleted when unused. */
    public static final class Flags {
        public static final int TRAPS = 1;
        public static final int READS = 2;
        public static final int WRITES = 4;
        public static final int CALL = 8;
        public static final int TERMINATOR = 16;
        /** Changes state other than memory bytes (sizes, dropped segments) or otherwise must stay. */
        public static final int SIDE_EFFECT = 32;
        static final int CALL_EFFECTS = CALL | TRAPS | READS | WRITES | SIDE_EFFECT;

        private Flags() {
        }
    }

    private static final IrOpcode[] VALUES = values();

    private final String text;
    private final InstFormat format;
    private final String operandSig;
    private final String resultSig;
    private final int ctrlTypes;
    private final int flags;

    IrOpcode(String text, InstFormat format, String sig, int ctrlTypes, int flags) {
        this.text = text;
        this.format = format;
        int colon = sig.indexOf(':');
        this.operandSig = sig.substring(0, colon);
        this.resultSig = sig.substring(colon + 1);
        this.ctrlTypes = ctrlTypes;
        this.flags = flags;
    }

    public String text() {
        return text;
    }

    public InstFormat format() {
        return format;
    }

    /** Operand letters (see the class comment); {@code "*"} for variable operand lists. */
    public String operandSig() {
        return operandSig;
    }

    /** Result letters; {@code "*"} when given by a callee signature. */
    public String resultSig() {
        return resultSig;
    }

    /** Mask of allowed controlling types ({@link Type#mask()}); 0 when the opcode has none. */
    public int ctrlTypes() {
        return ctrlTypes;
    }

    public boolean hasCtrlType() {
        return ctrlTypes != 0;
    }

    public int flags() {
        return flags;
    }

    /** No effect at all: may be moved, CSE'd, or deleted when its results are unused. */
    public boolean isPure() {
        return flags == 0;
    }

    public boolean canTrap() {
        return (flags & Flags.TRAPS) != 0;
    }

    public boolean readsMemory() {
        return (flags & Flags.READS) != 0;
    }

    public boolean writesMemory() {
        return (flags & Flags.WRITES) != 0;
    }

    public boolean isCall() {
        return (flags & Flags.CALL) != 0;
    }

    public boolean isTerminator() {
        return (flags & Flags.TERMINATOR) != 0;
    }

    /** return_call or return_call_indirect: a call that ends the block and the function. */
    public boolean isTailCall() {
        return this == RETURN_CALL || this == RETURN_CALL_INDIRECT;
    }

    public boolean isBranch() {
        return format == InstFormat.JUMP || format == InstFormat.BRIF || format == InstFormat.BR_TABLE;
    }

    /**
     * Must be kept even when its results are unused: writes, calls, terminators,
     * side effects, and traps (a dead division by zero still traps in Wasm).
     */
    public boolean hasSideEffects() {
        return (flags & (Flags.TRAPS | Flags.WRITES | Flags.CALL | Flags.TERMINATOR | Flags.SIDE_EFFECT)) != 0;
    }

    /** Bytes a load or store touches under controlling type {@code ctrl}; 0 for other opcodes. */
    public int accessBytes(Type ctrl) {
        return switch (this) {
            case LOAD, STORE -> ctrl.bytes();
            case ULOAD8, SLOAD8, ISTORE8 -> 1;
            case ULOAD16, SLOAD16, ISTORE16 -> 2;
            case ULOAD32, SLOAD32, ISTORE32 -> 4;
            case VSLOAD_EXTEND, VULOAD_EXTEND -> 8;
            case VLOAD_SPLAT, VLOAD_ZERO, VLOAD_LANE, VSTORE_LANE -> ctrl.laneBytes();
            default -> 0;
        };
    }

    /**
     * The operand that is the memory address of a load or store (0 for loads, 1 for
     * stores, whose operand 0 is the value), or -1 for an opcode that accesses no memory
     * by address. Read from the format, so analyses of memory accesses need no list of opcodes.
     */
    public int addressOperand() {
        return switch (format) {
            case LOAD, LOAD_LANE -> 0;
            case STORE, STORE_LANE -> 1;
            default -> -1;
        };
    }

    /** A vector opcode (section "vectors" of the table): it reads or makes v128 values. */
    public boolean isVector() {
        return ordinal() >= VCONCAT.ordinal();
    }

    /** True for the loads that sign-extend a narrower access. */
    public boolean isSignedLoad() {
        return this == SLOAD8 || this == SLOAD16 || this == SLOAD32;
    }

    /** Number of fixed operands, or -1 when variable ({@code *}). */
    public int fixedOperandCount() {
        return operandSig.equals("*") ? -1 : operandSig.length();
    }

    /** Number of fixed results, or -1 when variable. */
    public int fixedResultCount() {
        return resultSig.equals("*") ? -1 : resultSig.length();
    }

    /** Result type {@code k} for controlling type {@code ctrl}, for fixed-result opcodes. */
    public Type resultType(int k, Type ctrl) {
        return letterType(resultSig.charAt(k), ctrl);
    }

    /**
     * The exact type of a letter under a controlling type, or null for the
     * letters that only constrain a class ({@code N}, {@code X}).
     */
    public static Type letterType(char c, Type ctrl) {
        return switch (c) {
            case 'T' -> ctrl;
            case 'i' -> Type.I32;
            case 'I' -> Type.I64;
            case 'f' -> Type.F32;
            case 'F' -> Type.F64;
            case 'r' -> Type.REF;
            case 'V' -> Type.V128;
            case 'L' -> ctrl.laneType();
            case 'W' -> ctrl.bitcastPartner();
            default -> null;
        };
    }

    /** Whether {@code t} satisfies operand letter {@code c} under controlling type {@code ctrl}. */
    public static boolean letterAccepts(char c, Type ctrl, Type t) {
        return switch (c) {
            case 'N' -> t.isInt();
            case 'X' -> t.isFloat();
            default -> letterType(c, ctrl) == t;
        };
    }

    public static IrOpcode byOrdinal(int o) {
        return VALUES[o];
    }

    /** The opcode named {@code text}, or null. */
    public static IrOpcode fromText(String text) {
        for (IrOpcode op : VALUES) {
            if (op.text.equals(text)) {
                return op;
            }
        }
        return null;
    }
}
