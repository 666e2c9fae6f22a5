package wasm.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import wasm.core.model.AddressType;
import wasm.core.model.MemoryType;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.memory.LinearMemory;

/**
 * A linear memory. Every access is bounds-checked against the current size: an access that does
 * not fit throws a {@link Trap} of kind {@link TrapKind#MEMORY_OUT_OF_BOUNDS} ("out of bounds memory
 * access"), so a host function that passes it on ends the guest's call as the guest's own access
 * would. Addresses are unsigned byte offsets; values are little-endian, as in wasm. Once the store
 * is closed the memory has size 0: every access traps, and {@link #segment()} is refused.
 */
public final class MemoryInstance implements Extern {
    private static final ValueLayout.OfShort I16 = LinearMemory.I16;
    private static final ValueLayout.OfInt I32 = LinearMemory.I32;
    private static final ValueLayout.OfLong I64 = LinearMemory.I64;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 =
            ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final StoreState store;
    private final LinearMemory memory;

    MemoryInstance(StoreState store, LinearMemory memory) {
        this.store = store;
        this.memory = memory;
    }

    /** The current type: the current page count as minimum, the declared maximum and the address type. */
    public MemoryType type() {
        return new MemoryType(memory.limits(), memory.is64() ? AddressType.I64 : AddressType.I32);
    }

    /**
     * The current size in 64 KiB pages. Exact for every 32-bit memory (at most 65,536 pages) and for
     * a 64-bit one below 2^31 pages (128 TiB, beyond any reservation this runtime makes).
     *
     * @throws ArithmeticException when the page count does not fit an int; {@link #pageCount()}
     *     answers for every memory
     */
    public int pages() {
        return Math.toIntExact(memory.pages());
    }

    /** The current size in 64 KiB pages as memory64's {@code memory.size} answers it. */
    public long pageCount() {
        return memory.pages();
    }

    /** The current size in bytes. */
    public long byteSize() {
        return memory.byteSize();
    }

    /**
     * Grows by {@code deltaPages} (unsigned 32-bit); the old page count, or -1 (as memory.grow
     * answers).
     *
     * @throws ArithmeticException when the old page count does not fit an int (see {@link #pages()})
     */
    public int grow(int deltaPages) {
        return Math.toIntExact(memory.grow(Integer.toUnsignedLong(deltaPages)));
    }

    /**
     * Grows by {@code deltaPages} (unsigned 64-bit, as memory64's {@code memory.grow} takes it); the
     * old page count, or -1. A 32-bit memory refuses more than 65,536 pages in all, a 64-bit one
     * more than its reservation ({@link RuntimeOptions#memory64Limit}).
     */
    public long grow(long deltaPages) {
        return memory.grow(deltaPages);
    }

    /**
     * A view of the memory's current bytes ({@link #byteSize()} long, little-endian layouts needed),
     * for bulk work with the FFM API. Its base is stable (the memory is reserved at its maximum), but
     * it does not see pages a later grow adds: take a new view then. It becomes inaccessible when the
     * store closes ({@link IllegalStateException}), never a dangling pointer.
     */
    public MemorySegment segment() {
        checkOpen();
        return memory.segment().asSlice(0, memory.byteSize()).reinterpret(store.arena, null);
    }

    // ---- single values -------------------------------------------------------------------------

    public byte readByte(long address) {
        checkRange(address, 1);
        return memory.segment().get(ValueLayout.JAVA_BYTE, address);
    }

    public void writeByte(long address, byte v) {
        checkRange(address, 1);
        memory.segment().set(ValueLayout.JAVA_BYTE, address, v);
    }

    public short readShort(long address) {
        checkRange(address, 2);
        return memory.segment().get(I16, address);
    }

    public void writeShort(long address, short v) {
        checkRange(address, 2);
        memory.segment().set(I16, address, v);
    }

    public int readInt(long address) {
        checkRange(address, 4);
        return memory.segment().get(I32, address);
    }

    public void writeInt(long address, int v) {
        checkRange(address, 4);
        memory.segment().set(I32, address, v);
    }

    public long readLong(long address) {
        checkRange(address, 8);
        return memory.segment().get(I64, address);
    }

    public void writeLong(long address, long v) {
        checkRange(address, 8);
        memory.segment().set(I64, address, v);
    }

    public float readFloat(long address) {
        checkRange(address, 4);
        return memory.segment().get(F32, address);
    }

    public void writeFloat(long address, float v) {
        checkRange(address, 4);
        memory.segment().set(F32, address, v);
    }

    public double readDouble(long address) {
        checkRange(address, 8);
        return memory.segment().get(F64, address);
    }

    public void writeDouble(long address, double v) {
        checkRange(address, 8);
        memory.segment().set(F64, address, v);
    }

    /** The same as {@link #readInt}: kept for existing callers. */
    public int readI32(long address) {
        return readInt(address);
    }

    /** The same as {@link #writeInt}: kept for existing callers. */
    public void writeI32(long address, int v) {
        writeInt(address, v);
    }

    // ---- strings -------------------------------------------------------------------------------

    /** The {@code length} bytes at {@code address} decoded as UTF-8 (malformed input replaced). */
    public String readUtf8(long address, int length) {
        return new String(read(address, length), StandardCharsets.UTF_8);
    }

    /**
     * The NUL-terminated UTF-8 string at {@code address}, reading at most {@code maxLength} bytes.
     *
     * @throws Trap when no NUL lies within {@code maxLength} bytes and the memory's end
     */
    public String readCString(long address, int maxLength) {
        checkRange(address, 0);
        long limit = Math.min(memory.byteSize(), address + Math.max(0, maxLength));
        MemorySegment seg = memory.segment();
        for (long a = address; a < limit; a++) {
            if (seg.get(ValueLayout.JAVA_BYTE, a) == 0) {
                return readUtf8(address, (int) (a - address));
            }
        }
        throw new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS.message());
    }

    /** Writes {@code s} as UTF-8 (no terminator) at {@code address}; the number of bytes written. */
    public int writeUtf8(long address, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        write(address, bytes);
        return bytes.length;
    }

    // ---- bulk ----------------------------------------------------------------------------------

    public byte[] read(long address, int length) {
        return memory.read(address, length);
    }

    /** Copies {@code length} bytes at {@code address} into {@code dst[offset..]}. */
    public void read(long address, byte[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        checkRange(address, length);
        MemorySegment.copy(memory.segment(), ValueLayout.JAVA_BYTE, address, dst, offset, length);
    }

    public void write(long address, byte[] bytes) {
        memory.write(address, bytes);
    }

    /** Copies {@code src[offset..offset+length)} to {@code address}. */
    public void write(long address, byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        memory.write(address, src, offset, length);
    }

    /** Fills {@code dst}'s remaining bytes from {@code address}, advancing its position. */
    public void read(long address, ByteBuffer dst) {
        int n = dst.remaining();
        checkRange(address, n);
        MemorySegment.ofBuffer(dst).copyFrom(memory.segment().asSlice(address, n));
        dst.position(dst.position() + n);
    }

    /** Writes {@code src}'s remaining bytes at {@code address}, advancing its position. */
    public void write(long address, ByteBuffer src) {
        int n = src.remaining();
        checkRange(address, n);
        memory.segment().asSlice(address, n).copyFrom(MemorySegment.ofBuffer(src));
        src.position(src.position() + n);
    }

    /** Sets {@code length} bytes at {@code address} to {@code value} (memory.fill). */
    public void fill(long address, byte value, long length) {
        memory.fill(address, value, length);
    }

    private void checkRange(long address, long length) {
        memory.checkRange(address, length);
    }

    private void checkOpen() {
        if (store.isClosed()) {
            throw new IllegalStateException("the store is closed");
        }
    }

    StoreState store() {
        return store;
    }

    LinearMemory memory() {
        return memory;
    }
}
