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
 * would. Addresses are unsigned byte offsets; values are little-endian, as in wasm.
 *
 * <p>Every access is a use of the store ({@link Store} says what that allows across threads): while
 * another thread runs a call in the store, it is refused with an {@link IllegalStateException}, and
 * a close frees the memory only after the access. Once the store is closed and its last call has
 * ended, the memory has size 0: every access traps, and {@link #segment()} is refused.
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

    /**
     * The current type: the current page count as minimum, the declared maximum and the address type.
     *
     * @return the memory type as it stands now (its minimum grows with the memory)
     */
    public MemoryType type() {
        return store.accessMemory(() -> new MemoryType(memory.limits(), memory.is64() ? AddressType.I64 : AddressType.I32));
    }

    /**
     * The current size in 64 KiB pages. Exact for every 32-bit memory (at most 65,536 pages) and for
     * a 64-bit one below 2^31 pages (128 TiB, beyond any reservation this runtime makes).
     *
     * @return the page count
     * @throws ArithmeticException when the page count does not fit an int; {@link #pageCount()}
     *     answers for every memory
     *
     */
    public int pages() {
        return store.accessMemory(() -> Math.toIntExact(memory.pages()));
    }

    /**
     * The current size in 64 KiB pages as memory64's {@code memory.size} answers it.
     *
     * @return the page count, unsigned 64-bit in principle (never above the reservation in practice)
     */
    public long pageCount() {
        return store.accessMemory(memory::pages);
    }

    /**
     * The current size in bytes.
     *
     * @return the size in bytes: the page count times 65,536
     */
    public long byteSize() {
        return store.accessMemory(memory::byteSize);
    }

    /**
     * Grows by {@code deltaPages} (unsigned 32-bit); the old page count, or -1 (as memory.grow
     * answers).
     *
     * @param deltaPages the pages to add, read as unsigned
     * @return the page count before the grow, or -1 when the memory cannot grow that far (it is unchanged then)
     * @throws ArithmeticException when the old page count does not fit an int (see {@link #pages()})
     */
    public int grow(int deltaPages) {
        return store.accessMemory(() -> Math.toIntExact(memory.grow(Integer.toUnsignedLong(deltaPages))));
    }

    /**
     * Grows by {@code deltaPages} (unsigned 64-bit, as memory64's {@code memory.grow} takes it); the
     * old page count, or -1. A 32-bit memory refuses more than 65,536 pages in all, a 64-bit one
     * more than its reservation ({@link RuntimeOptions#memory64Limit}).
     *
     * @param deltaPages the pages to add, read as unsigned
     * @return the page count before the grow, or -1 when the memory cannot grow that far (it is unchanged then)
     */
    public long grow(long deltaPages) {
        return store.accessMemory(() -> memory.grow(deltaPages));
    }

    /**
     * A view of the memory's current bytes ({@link #byteSize()} long, little-endian layouts needed),
     * for bulk work with the FFM API. Its base is stable (the memory is reserved at its maximum), but
     * it does not see pages a later grow adds: take a new view then. It becomes inaccessible when the
     * store closes ({@link IllegalStateException}), never a dangling pointer.
     *
     * @return a segment over bytes {@code [0, byteSize())}
     * @throws IllegalStateException when the store is closed
     */
    public MemorySegment segment() {
        return store.use(() -> memory.segment().asSlice(0, memory.byteSize()).reinterpret(store.arena, null));
    }

    // ---- single values -------------------------------------------------------------------------

    /**
     * Reads the byte at {@code address}.
     *
     * @param address the unsigned byte address
     * @return the value
     */
    public byte readByte(long address) {
        return store.accessMemory(() -> checked(address, 1).get(ValueLayout.JAVA_BYTE, address));
    }

    /**
     * Writes {@code v} as the byte at {@code address}.
     *
     * @param address the unsigned byte address
     * @param v the value
     */
    public void writeByte(long address, byte v) {
        store.accessMemory(() -> checked(address, 1).set(ValueLayout.JAVA_BYTE, address, v));
    }

    /**
     * Reads the little-endian 16-bit integer at {@code address}.
     *
     * @param address the unsigned byte address
     * @return the value
     */
    public short readShort(long address) {
        return store.accessMemory(() -> checked(address, 2).get(I16, address));
    }

    /**
     * Writes {@code v} as the little-endian 16-bit integer at {@code address}.
     *
     * @param address the unsigned byte address
     * @param v the value
     */
    public void writeShort(long address, short v) {
        store.accessMemory(() -> checked(address, 2).set(I16, address, v));
    }

    /**
     * Reads the little-endian 32-bit integer at {@code address}.
     *
     * @param address the unsigned byte address
     * @return the value
     */
    public int readInt(long address) {
        return store.accessMemory(() -> checked(address, 4).get(I32, address));
    }

    /**
     * Writes {@code v} as the little-endian 32-bit integer at {@code address}.
     *
     * @param address the unsigned byte address
     * @param v the value
     */
    public void writeInt(long address, int v) {
        store.accessMemory(() -> checked(address, 4).set(I32, address, v));
    }

    /**
     * Reads the little-endian 64-bit integer at {@code address}.
     *
     * @param address the unsigned byte address
     * @return the value
     */
    public long readLong(long address) {
        return store.accessMemory(() -> checked(address, 8).get(I64, address));
    }

    /**
     * Writes {@code v} as the little-endian 64-bit integer at {@code address}.
     *
     * @param address the unsigned byte address
     * @param v the value
     */
    public void writeLong(long address, long v) {
        store.accessMemory(() -> checked(address, 8).set(I64, address, v));
    }

    /**
     * Reads the little-endian IEEE 754 32-bit float (bits unchanged, NaN payloads included) at {@code address}.
     *
     * @param address the unsigned byte address
     * @return the value
     */
    public float readFloat(long address) {
        return store.accessMemory(() -> checked(address, 4).get(F32, address));
    }

    /**
     * Writes {@code v} as the little-endian IEEE 754 32-bit float (bits unchanged, NaN payloads included) at {@code address}.
     *
     * @param address the unsigned byte address
     * @param v the value
     */
    public void writeFloat(long address, float v) {
        store.accessMemory(() -> checked(address, 4).set(F32, address, v));
    }

    /**
     * Reads the little-endian IEEE 754 64-bit float (bits unchanged, NaN payloads included) at {@code address}.
     *
     * @param address the unsigned byte address
     * @return the value
     */
    public double readDouble(long address) {
        return store.accessMemory(() -> checked(address, 8).get(F64, address));
    }

    /**
     * Writes {@code v} as the little-endian IEEE 754 64-bit float (bits unchanged, NaN payloads included) at {@code address}.
     *
     * @param address the unsigned byte address
     * @param v the value
     */
    public void writeDouble(long address, double v) {
        store.accessMemory(() -> checked(address, 8).set(F64, address, v));
    }

    /**
     * The same as {@link #readInt}: kept for existing callers.
     *
     * @param address the unsigned byte address
     * @return the value
     */
    public int readI32(long address) {
        return readInt(address);
    }

    /**
     * The same as {@link #writeInt}: kept for existing callers.
     *
     * @param address the unsigned byte address
     * @param v the value
     */
    public void writeI32(long address, int v) {
        writeInt(address, v);
    }

    // ---- strings -------------------------------------------------------------------------------

    /**
     * The {@code length} bytes at {@code address} decoded as UTF-8 (malformed input replaced).
     *
     * @param address the unsigned byte address of the first byte
     * @param length the number of bytes (not characters)
     * @return the decoded string
     */
    public String readUtf8(long address, int length) {
        return new String(read(address, length), StandardCharsets.UTF_8);
    }

    /**
     * The NUL-terminated UTF-8 string at {@code address}, reading at most {@code maxLength} bytes.
     *
     * @param address the unsigned byte address of the first byte
     * @param maxLength the most bytes to look through for the NUL; 0 or less finds none
     * @return the decoded bytes before the NUL
     * @throws Trap when no NUL lies within {@code maxLength} bytes and the memory's end
     */
    public String readCString(long address, int maxLength) {
        return store.accessMemory(() -> {
            MemorySegment seg = checked(address, 0);
            long limit = Math.min(memory.byteSize(), address + Math.max(0, maxLength));
            for (long a = address; a < limit; a++) {
                if (seg.get(ValueLayout.JAVA_BYTE, a) == 0) {
                    return new String(memory.read(address, (int) (a - address)), StandardCharsets.UTF_8);
                }
            }
            throw new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS.message());
        });
    }

    /**
     * Writes {@code s} as UTF-8 (no terminator) at {@code address}; the number of bytes written.
     *
     * @param address the unsigned byte address of the first byte
     * @param s the string; an unpaired surrogate is written as {@code ?}
     * @return the number of bytes written
     */
    public int writeUtf8(long address, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        write(address, bytes);
        return bytes.length;
    }

    // ---- bulk ----------------------------------------------------------------------------------

    /**
     * Copies {@code length} bytes at {@code address} into a new array.
     *
     * @param address the unsigned byte address of the first byte
     * @param length the number of bytes
     * @return a new array of {@code length} bytes
     */
    public byte[] read(long address, int length) {
        return store.accessMemory(() -> memory.read(address, length));
    }

    /**
     * Copies {@code length} bytes at {@code address} into {@code dst[offset..]}.
     *
     * @param address the unsigned byte address of the first byte
     * @param dst the array to fill
     * @param offset where in {@code dst} the first byte goes
     * @param length the number of bytes
     * @throws IndexOutOfBoundsException when the range does not fit {@code dst} (checked before the memory)
     */
    public void read(long address, byte[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        store.accessMemory(() -> MemorySegment.copy(checked(address, length), ValueLayout.JAVA_BYTE, address,
                dst, offset, length));
    }

    /**
     * Copies all of {@code bytes} to {@code address}.
     *
     * @param address the unsigned byte address of the first byte
     * @param bytes the bytes
     */
    public void write(long address, byte[] bytes) {
        store.accessMemory(() -> memory.write(address, bytes));
    }

    /**
     * Copies {@code src[offset..offset+length)} to {@code address}.
     *
     * @param address the unsigned byte address of the first byte
     * @param src the array to copy from
     * @param offset where in {@code src} the first byte is
     * @param length the number of bytes
     * @throws IndexOutOfBoundsException when the range does not fit {@code src} (checked before the memory)
     */
    public void write(long address, byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        store.accessMemory(() -> memory.write(address, src, offset, length));
    }

    /**
     * Fills {@code dst}'s remaining bytes from {@code address}, advancing its position.
     *
     * @param address the unsigned byte address of the first byte
     * @param dst the buffer; its position moves only when the copy succeeds
     */
    public void read(long address, ByteBuffer dst) {
        int n = dst.remaining();
        store.accessMemory(() -> MemorySegment.ofBuffer(dst).copyFrom(checked(address, n).asSlice(address, n)));
        dst.position(dst.position() + n);
    }

    /**
     * Writes {@code src}'s remaining bytes at {@code address}, advancing its position.
     *
     * @param address the unsigned byte address of the first byte
     * @param src the buffer; its position moves only when the copy succeeds
     */
    public void write(long address, ByteBuffer src) {
        int n = src.remaining();
        store.accessMemory(() -> checked(address, n).asSlice(address, n).copyFrom(MemorySegment.ofBuffer(src)));
        src.position(src.position() + n);
    }

    /**
     * Sets {@code length} bytes at {@code address} to {@code value} (memory.fill).
     *
     * @param address the unsigned byte address of the first byte
     * @param value the byte to store
     * @param length the number of bytes
     */
    public void fill(long address, byte value, long length) {
        store.accessMemory(() -> memory.fill(address, value, length));
    }

    /** The memory's segment, once {@code [address, address + length)} is checked to lie in it (else a trap). */
    private MemorySegment checked(long address, long length) {
        memory.checkRange(address, length);
        return memory.segment();
    }

    StoreState store() {
        return store;
    }

    LinearMemory memory() {
        return memory;
    }
}
