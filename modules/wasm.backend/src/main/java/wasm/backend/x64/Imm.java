package wasm.backend.x64;

/** An immediate operand; instructions encode it as imm8/imm32 (sign-extended) or imm64. */
public record Imm(long value) implements Operand {
    public static Imm of(long value) {
        return new Imm(value);
    }

    /** Whether the value survives sign extension from 8 bits. */
    public boolean fitsInt8() {
        return value == (byte) value;
    }

    /** Whether the value survives sign extension from 32 bits. */
    public boolean fitsInt32() {
        return value == (int) value;
    }

    @Override
    public String toString() {
        return value < 0 ? "-0x" + Long.toHexString(-value) : "0x" + Long.toHexString(value);
    }
}
