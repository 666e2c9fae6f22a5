package wasm.core.model;

/** Value types of WebAssembly 2.0 (V128 is decoded only to be rejected as unsupported). */
public enum ValType {
    /** A 32-bit integer. */
    I32(0x7F, "i32"),
    /** A 64-bit integer. */
    I64(0x7E, "i64"),
    /** A 32-bit IEEE 754 float. */
    F32(0x7D, "f32"),
    /** A 64-bit IEEE 754 float. */
    F64(0x7C, "f64"),
    /** A 128-bit vector (SIMD). */
    V128(0x7B, "v128"),
    /** A reference to a function, or null. */
    FUNCREF(0x70, "funcref"),
    /** A reference to a host value, or null. */
    EXTERNREF(0x6F, "externref");

    private final int code;
    private final String text;

    ValType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /**
     * The binary encoding byte.
     *
     * @return the byte
     */
    public int code() {
        return code;
    }

    /**
     * The text-format keyword.
     *
     * @return the keyword, such as {@code i32}
     */
    public String text() {
        return text;
    }

    /**
     * Whether this is a number type: i32, i64, f32 or f64 (not v128).
     *
     * @return true for the four number types
     */
    public boolean isNumeric() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    /**
     * Whether this is a reference type.
     *
     * @return true for funcref and externref
     */
    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /**
     * The type for a binary code, or null when the byte is not a value type.
     *
     * @param code the byte
     * @return the type, or null
     */
    public static ValType fromCode(int code) {
        for (ValType t : values()) {
            if (t.code == code) {
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
