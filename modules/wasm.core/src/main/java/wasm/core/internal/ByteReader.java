package wasm.core.internal;

import wasm.core.MalformedModuleException;

/**
 * A cursor over the whole module's bytes. Like the spec's reference interpreter,
 * sections and function bodies are read from the one stream and their declared
 * sizes are checked afterwards ("section size mismatch"), so a body that lacks
 * its {@code end} reports the same error the official suite expects.
 * Every length read is checked against the bytes left before anything is
 * allocated for it.
 *
 * <p>Internal to wasm.core (the decoder, the lazy function bodies and the validator share it);
 * its package is not exported.
 */
public final class ByteReader {
    /** The reference interpreter's message for input that ends too early. */
    public static final String UNEXPECTED_END = "unexpected end of section or function";

    private final byte[] bytes;
    private int pos;

    /**
     * A cursor at the start of {@code bytes}.
     *
     * @param bytes the input, not copied
     */
    public ByteReader(byte[] bytes) {
        this(bytes, 0);
    }

    /**
     * A cursor at {@code pos} of {@code bytes}.
     *
     * @param bytes the input, not copied
     * @param pos the first byte to read
     */
    public ByteReader(byte[] bytes, int pos) {
        this.bytes = bytes;
        this.pos = pos;
    }

    public int pos() {
        return pos;
    }

    public int length() {
        return bytes.length;
    }

    public boolean atEnd() {
        return pos >= bytes.length;
    }

    public int remaining() {
        return bytes.length - pos;
    }

    /** The next byte without consuming it, or -1 at the end. */
    public int peek() {
        return pos < bytes.length ? bytes[pos] & 0xFF : -1;
    }

    /** The byte after the next one; callers check {@link #remaining()} first. */
    public int peekSecond() {
        return bytes[pos + 1] & 0xFF;
    }

    public int u8() {
        if (pos >= bytes.length) {
            throw malformed(UNEXPECTED_END);
        }
        return bytes[pos++] & 0xFF;
    }

    public byte[] bytes(int n) {
        if (n < 0 || n > remaining()) {
            throw malformed(UNEXPECTED_END);
        }
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }

    /**
     * A copy of {@code bytes[from..to)}, zero-padded past the end of the input (as
     * {@link java.util.Arrays#copyOfRange(byte[], int, int)}).
     *
     * @param from the first byte, at most the input's length
     * @param to one past the last byte, at least {@code from}
     * @return the copy
     */
    public byte[] copy(int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    public void skip(int n) {
        if (n < 0 || n > remaining()) {
            throw malformed(UNEXPECTED_END);
        }
        pos += n;
    }

    /** Little-endian fixed-width 32 bits (f32 constants). */
    public int fixed32() {
        int b0 = u8();
        int b1 = u8();
        int b2 = u8();
        int b3 = u8();
        return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
    }

    public long fixed64() {
        long lo = fixed32() & 0xFFFFFFFFL;
        long hi = fixed32() & 0xFFFFFFFFL;
        return lo | (hi << 32);
    }

    /**
     * Unsigned LEB128 of at most {@code bits} bits: at most ceil(bits/7) bytes
     * ("integer representation too long") and the unused bits of the last byte
     * zero ("integer too large"). The result is the raw 64-bit pattern.
     */
    public long unsigned(int bits) {
        long result = 0;
        int shift = 0;
        int remainingBits = bits;
        while (true) {
            if (remainingBits <= 0) {
                throw malformed("integer representation too long");
            }
            int b = u8();
            if (remainingBits < 7 && (b & 0x7F) >= (1 << remainingBits)) {
                throw malformed("integer too large");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
            remainingBits -= 7;
        }
    }

    /** Signed LEB128 of at most {@code bits} bits; unused bits must repeat the sign. */
    public long signed(int bits) {
        long result = 0;
        int shift = 0;
        int remainingBits = bits;
        while (true) {
            if (remainingBits <= 0) {
                throw malformed("integer representation too long");
            }
            int b = u8();
            if (remainingBits < 7) {
                int mask = (-1 << (remainingBits - 1)) & 0x7F;
                if ((b & mask) != 0 && (b & mask) != mask) {
                    throw malformed("integer too large");
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
            remainingBits -= 7;
        }
    }

    /** A u32 as an int holding the same 32 bits (values above 2^31-1 come out negative). */
    public int u32() {
        // Most indices fit one byte: read it without the general loop.
        if (pos < bytes.length && bytes[pos] >= 0) {
            return bytes[pos++];
        }
        return (int) unsigned(32);
    }

    public int s32() {
        if (pos < bytes.length && bytes[pos] >= 0) {
            int b = bytes[pos++];
            return (b << 25) >> 25; // one byte: 7 bits, bit 6 the sign
        }
        return (int) signed(32);
    }

    /**
     * A length (vector count, string or section size). Like the spec it may not
     * exceed the bytes left after the position where the length starts, which
     * also bounds every allocation by the input size.
     */
    public int length32() {
        int start = pos;
        long n = unsigned(32);
        if (n > bytes.length - start) {
            throw malformed("length out of bounds");
        }
        return (int) n;
    }

    public static MalformedModuleException malformed(String message) {
        return new MalformedModuleException(message);
    }
}
