package wasm.wasi.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The guest's linear memory as WASI sees it. Implementations supply the raw,
 * in-range operations; the default methods check every guest pointer first so
 * that a bad pointer becomes {@link Errno#FAULT} instead of a host error.
 * Guest pointers and lengths are unsigned 32-bit values passed as Java ints.
 */
public interface GuestMemory {

    /** A memory of size 0: every access faults (the module exports no memory). */
    GuestMemory NONE = new GuestMemory() {
        @Override
        public long byteSize() {
            return 0;
        }

        @Override
        public byte[] readRaw(long address, int length) {
            throw new ErrnoException(Errno.FAULT);
        }

        @Override
        public void writeRaw(long address, byte[] bytes) {
            throw new ErrnoException(Errno.FAULT);
        }
    };

    /** Current size in bytes (it changes when the guest grows its memory). */
    long byteSize();

    /** Reads bytes already known to be in range. */
    byte[] readRaw(long address, int length);

    /** Writes bytes already known to be in range. */
    void writeRaw(long address, byte[] bytes);

    /** Throws EFAULT unless {@code [ptr, ptr+length)} lies inside memory. */
    default long check(int ptr, long length) {
        long address = Integer.toUnsignedLong(ptr);
        if (length < 0 || address + length > byteSize()) {
            throw new ErrnoException(Errno.FAULT);
        }
        return address;
    }

    default byte[] read(int ptr, int length) {
        long len = Integer.toUnsignedLong(length);
        if (len > Integer.MAX_VALUE - 16) {
            throw new ErrnoException(Errno.FAULT);
        }
        return readRaw(check(ptr, len), (int) len);
    }

    default void write(int ptr, byte[] bytes) {
        writeRaw(check(ptr, bytes.length), bytes);
    }

    default void write(int ptr, byte[] bytes, int offset, int length) {
        byte[] part = new byte[length];
        System.arraycopy(bytes, offset, part, 0, length);
        write(ptr, part);
    }

    default int readI32(int ptr) {
        byte[] b = read(ptr, 4);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    default long readI64(int ptr) {
        byte[] b = read(ptr, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xFF);
        }
        return v;
    }

    default void writeI32(int ptr, int v) {
        write(ptr, new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    default void writeI64(int ptr, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        write(ptr, b);
    }

    /** Reads a UTF-8 string (WASI paths are UTF-8); invalid encodings are EILSEQ. */
    default String readString(int ptr, int length) {
        byte[] bytes = read(ptr, length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ErrnoException(Errno.ILSEQ);
        }
    }
}
