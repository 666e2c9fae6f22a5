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
 * {@code i}/{@code I}/{@code f}/{@code F}/{@code r} = i32/i64/f32/f64/ref,
 * {@code N} = any integer type, {@code X} = any float type,
 * {@code W} = the bitcast partner of the controlling type, {@code *} = a
 * variable list checked against a signature (calls, return).
 * {@code ctrl} is the mask of allowed controlling types (0: none, no suffix).
 *
 * <p>Bulk memory and table operations are opcodes, not calls; the backend
 * lowers them to calls into the runtime.
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
    /** Reinterpret the bits (i32 <-> f32, i64 <-> f64). */
    BITCAST("bitcast", PLAIN, "W:T", MASK_NUM, 0),
    /** {@code select c, a, b}: a when c != 0, else b. */
    SELECT("select", PLAIN, "iTT:T", MASK_ANY, 0),

    LOAD("load", InstFormat.LOAD, "i:T", MASK_NUM, Flags.TRAPS | Flags.READS),
    ULOAD8("uload8", InstFormat.LOAD, "i:T", MASK_INT, Flags.TRAPS | Flags.READS),
    SLOAD8("sload8", InstFormat.LOAD, "i:T", MASK_INT, Flags.TRAPS | Flags.READS),
    ULOAD16("uload16", InstFormat.LOAD, "i:T", MASK_INT, Flags.TRAPS | Flags.READS),
    SLOAD16("sload16", InstFormat.LOAD, "i:T", MASK_INT, Flags.TRAPS | Flags.READS),
    ULOAD32("uload32", InstFormat.LOAD, "i:T", MASK_I64, Flags.TRAPS | Flags.READS),
    SLOAD32("sload32", InstFormat.LOAD, "i:T", MASK_I64, Flags.TRAPS | Flags.READS),
    STORE("store", InstFormat.STORE, "Ti:", MASK_NUM, Flags.TRAPS | Flags.WRITES),
    ISTORE8("istore8", InstFormat.STORE, "Ti:", MASK_INT, Flags.TRAPS | Flags.WRITES),
    ISTORE16("istore16", InstFormat.STORE, "Ti:", MASK_INT, Flags.TRAPS | Flags.WRITES),
    ISTORE32("istore32", InstFormat.STORE, "Ti:", MASK_I64, Flags.TRAPS | Flags.WRITES),
    MEMORY_SIZE("memory.size", PLAIN, ":i", 0, Flags.READS),
    MEMORY_GROW("memory.grow", PLAIN, "i:i", 0, Flags.READS | Flags.WRITES | Flags.SIDE_EFFECT),
    /** Operands: destination, source, length. */
    MEMORY_COPY("memory.copy", PLAIN, "iii:", 0, Flags.TRAPS | Flags.READS | Flags.WRITES),
    /** Operands: destination, byte value, length. */
    MEMORY_FILL("memory.fill", PLAIN, "iii:", 0, Flags.TRAPS | Flags.WRITES),
    /** Operands: destination, source offset in the segment, length. */
    MEMORY_INIT("memory.init", DATA, "iii:", 0, Flags.TRAPS | Flags.READS | Flags.WRITES),
    DATA_DROP("data.drop", DATA, ":", 0, Flags.SIDE_EFFECT),

    GLOBAL_GET("global.get", GLOBAL, ":T", MASK_ANY, Flags.READS),
    GLOBAL_SET("global.set", GLOBAL, "T:", MASK_ANY, Flags.WRITES),
    TABLE_GET("table.get", TABLE, "i:r", 0, Flags.TRAPS | Flags.READS),
    TABLE_SET("table.set", TABLE, "ir:", 0, Flags.TRAPS | Flags.WRITES),
    TABLE_SIZE("table.size", TABLE, ":i", 0, Flags.READS),
    /** Operands: initial value, delta. */
    TABLE_GROW("table.grow", TABLE, "ri:i", 0, Flags.READS | Flags.WRITES | Flags.SIDE_EFFECT),
    /** Operands: start, value, length. */
    TABLE_FILL("table.fill", TABLE, "iri:", 0, Flags.TRAPS | Flags.WRITES),
    /** Operands: destination, source, length. */
    TABLE_COPY("table.copy", InstFormat.TABLE_COPY, "iii:", 0, Flags.TRAPS | Flags.READS | Flags.WRITES),
    /** Operands: destination, source offset in the segment, length. */
    TABLE_INIT("table.init", InstFormat.TABLE_INIT, "iii:", 0, Flags.TRAPS | Flags.READS | Flags.WRITES),
    ELEM_DROP("elem.drop", ELEM, ":", 0, Flags.SIDE_EFFECT),

    CALL("call", InstFormat.CALL, "*:*", 0, Flags.CALL_EFFECTS),
    CALL_INDIRECT("call_indirect", InstFormat.CALL_INDIRECT, "*:*", 0, Flags.CALL_EFFECTS),

    JUMP("jump", InstFormat.JUMP, ":", 0, Flags.TERMINATOR),
    BRIF("brif", InstFormat.BRIF, "i:", 0, Flags.TERMINATOR),
    BR_TABLE("br_table", InstFormat.BR_TABLE, "i:", 0, Flags.TERMINATOR),
    RETURN("return", InstFormat.RETURN, "*:", 0, Flags.TERMINATOR),
    TRAP("trap", InstFormat.TRAP, ":", 0, Flags.TERMINATOR | Flags.TRAPS);

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
            default -> 0;
        };
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
