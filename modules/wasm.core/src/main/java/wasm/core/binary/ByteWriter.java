package wasm.core.binary;

import java.util.Arrays;

/** A growable byte buffer with the binary format's primitive encodings (canonical, shortest LEB128). */
final class ByteWriter {
    private byte[] buf = new byte[256];
    private int size;

    int size() {
        return size;
    }

    void u8(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    void bytes(ByteWriter other) {
        ensure(other.size);
        System.arraycopy(other.buf, 0, buf, size, other.size);
        size += other.size;
    }

    /** Unsigned LEB128 of the value's 64 bits read as unsigned. */
    void unsigned(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            if (v != 0) {
                b |= 0x80;
            }
            u8(b);
        } while (v != 0);
    }

    /** An index or count: the int's 32 bits as an unsigned value. */
    void u32(int v) {
        unsigned(Integer.toUnsignedLong(v));
    }

    void signed(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            if (done) {
                u8(b);
                return;
            }
            u8(b | 0x80);
        }
    }

    void fixed32(int v) {
        u8(v);
        u8(v >>> 8);
        u8(v >>> 16);
        u8(v >>> 24);
    }

    void fixed64(long v) {
        fixed32((int) v);
        fixed32((int) (v >>> 32));
    }

    void name(String s) {
        byte[] b = Utf8.encode(s);
        u32(b.length);
        bytes(b);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
