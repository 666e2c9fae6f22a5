package wasm.ir;

import wasm.core.model.ValType;

/**
 * The type of an IR value. References (funcref and externref alike) have their
 * own type {@link #REF} so the verifier can tell them from integers; at run time
 * a reference is a 64-bit pattern with null = -1 (for funcref, otherwise the
 * runtime's function handle), exactly what crosses the native boundary.
 *
 * <p>A 128-bit vector is one type, {@link #V128}, whatever its lanes mean (as in
 * Wasm). The lane shapes {@link #I8X16} ... {@link #F64X2} are never the type of a
 * value: they are the controlling types of the vector opcodes, saying how an
 * instruction reads the lanes ({@code viadd.i32x4}).
 */
public enum Type {
    I32("i32", 4, 0, null),
    I64("i64", 8, 0, null),
    F32("f32", 4, 0, null),
    F64("f64", 8, 0, null),
    REF("ref", 8, 0, null),
    V128("v128", 16, 0, null),
    I8X16("i8x16", 16, 16, I32),
    I16X8("i16x8", 16, 8, I32),
    I32X4("i32x4", 16, 4, I32),
    I64X2("i64x2", 16, 2, I64),
    F32X4("f32x4", 16, 4, F32),
    F64X2("f64x2", 16, 2, F64);

    /** Bit masks over ordinals, used by the opcode table for allowed controlling types. */
    public static final int MASK_I32 = 1, MASK_I64 = 2, MASK_F32 = 4, MASK_F64 = 8, MASK_REF = 16, MASK_V128 = 32;
    public static final int MASK_INT = MASK_I32 | MASK_I64;
    public static final int MASK_FLOAT = MASK_F32 | MASK_F64;
    public static final int MASK_NUM = MASK_INT | MASK_FLOAT;
    public static final int MASK_ANY = MASK_NUM | MASK_REF | MASK_V128;
    /** Lane shapes, as controlling types of vector opcodes. */
    public static final int MASK_I8X16 = 64, MASK_I16X8 = 128, MASK_I32X4 = 256, MASK_I64X2 = 512,
            MASK_F32X4 = 1024, MASK_F64X2 = 2048;
    public static final int MASK_VINT = MASK_I8X16 | MASK_I16X8 | MASK_I32X4 | MASK_I64X2;
    public static final int MASK_VFLOAT = MASK_F32X4 | MASK_F64X2;
    public static final int MASK_VALL = MASK_VINT | MASK_VFLOAT;

    private static final Type[] VALUES = values();

    private final String text;
    private final int bytes;
    private final int lanes;
    private final Type laneType;

    Type(String text, int bytes, int lanes, Type laneType) {
        this.text = text;
        this.bytes = bytes;
        this.lanes = lanes;
        this.laneType = laneType;
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

    /** Whether values can have this type (every type but the lane shapes). */
    public boolean isValueType() {
        return lanes == 0;
    }

    /** A lane shape ({@code i8x16} ... {@code f64x2}): a controlling type of vector opcodes only. */
    public boolean isLaneShape() {
        return lanes != 0;
    }

    /** A lane shape's lane count; 0 for value types. */
    public int lanes() {
        return lanes;
    }

    /** A lane shape's lane width in bytes; 0 for value types. */
    public int laneBytes() {
        return lanes == 0 ? 0 : 16 / lanes;
    }

    /**
     * The scalar type a lane of a shape is read into and written from: i32 for the
     * integer lanes up to 32 bits, i64, f32, f64; null for value types.
     */
    public Type laneType() {
        return laneType;
    }

    /** The same-width type of the other class ({@code i32 <-> f32}, {@code i64 <-> f64}), for bitcast. */
    public Type bitcastPartner() {
        return switch (this) {
            case I32 -> F32;
            case F32 -> I32;
            case I64 -> F64;
            case F64 -> I64;
            case REF -> REF;
            default -> throw new IllegalArgumentException("no bitcast partner for " + this);
        };
    }

    public static Type of(ValType t) {
        return switch (t) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case FUNCREF, EXTERNREF -> REF;
            case V128 -> V128;
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
