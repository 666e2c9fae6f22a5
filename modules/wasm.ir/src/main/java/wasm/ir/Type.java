package wasm.ir;

import wasm.core.model.ValType;

/**
 * The type of an IR value. References (funcref and externref alike) have their
 * own type {@link #REF} so the verifier can tell them from integers; at run time
 * a reference is a 64-bit pattern with null = -1 (for funcref, otherwise the
 * runtime's function handle), exactly what crosses the native boundary.
 */
public enum Type {
    I32("i32", 4),
    I64("i64", 8),
    F32("f32", 4),
    F64("f64", 8),
    REF("ref", 8);

    /** Bit masks over ordinals, used by the opcode table for allowed controlling types. */
    public static final int MASK_I32 = 1, MASK_I64 = 2, MASK_F32 = 4, MASK_F64 = 8, MASK_REF = 16;
    public static final int MASK_INT = MASK_I32 | MASK_I64;
    public static final int MASK_FLOAT = MASK_F32 | MASK_F64;
    public static final int MASK_NUM = MASK_INT | MASK_FLOAT;
    public static final int MASK_ANY = MASK_NUM | MASK_REF;

    private static final Type[] VALUES = values();

    private final String text;
    private final int bytes;

    Type(String text, int bytes) {
        this.text = text;
        this.bytes = bytes;
    }

    public String text() {
        return text;
    }

    /** Width in bytes of the value's representation. */
    public int bytes() {
        return bytes;
    }

    public int mask() {
        return 1 << ordinal();
    }

    public boolean isInt() {
        return this == I32 || this == I64;
    }

    public boolean isFloat() {
        return this == F32 || this == F64;
    }

    /** The same-width type of the other class (i32 <-> f32, i64 <-> f64), for bitcast. */
    public Type bitcastPartner() {
        return switch (this) {
            case I32 -> F32;
            case F32 -> I32;
            case I64 -> F64;
            case F64 -> I64;
            case REF -> REF;
        };
    }

    public static Type of(ValType t) {
        return switch (t) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case FUNCREF, EXTERNREF -> REF;
            case V128 -> throw new IllegalArgumentException("v128 is not supported by the IR");
        };
    }

    public static Type byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The type named {@code text} ("i32", ...), or null. */
    public static Type fromText(String text) {
        for (Type t : VALUES) {
            if (t.text.equals(text)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
