package wasm.wasi.internal;

import java.util.Arrays;

/** A guest memory backed by a Java array, so the WASI layer can be tested without an interpreter. */
final class ArrayGuestMemory implements GuestMemory {
    private final byte[] bytes;

    ArrayGuestMemory(int size) {
        this.bytes = new byte[size];
    }

    @Override
    public long byteSize() {
        return bytes.length;
    }

    @Override
    public byte[] readRaw(long address, int length) {
        return Arrays.copyOfRange(bytes, (int) address, (int) address + length);
    }

    @Override
    public void writeRaw(long address, byte[] data) {
        System.arraycopy(data, 0, bytes, (int) address, data.length);
    }
}
