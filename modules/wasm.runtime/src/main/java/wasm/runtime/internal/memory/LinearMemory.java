package wasm.runtime.internal.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.nio.ByteOrder;

import wasm.core.model.Limits;
import wasm.runtime.ResourceLimitException;
import wasm.runtime.Trap;
import wasm.runtime.internal.NativeHeap;

/**
 * A WebAssembly linear memory in native memory. The whole maximum (4 GiB when
 * the type has none) is reserved up front and pages are committed on grow, so
 * {@link #baseAddress()} is stable for the memory's lifetime and compiled code
 * may embed it. Every access through this class is bounds-checked against the
 * current byte length before native memory is touched.
 *
 * <p>A 64-bit memory (memory64) is reserved the same way, up to its maximum or a
 * configurable limit, whichever is smaller ({@code RuntimeOptions.memory64Limit});
 * memory.grow beyond what is reserved fails (returns -1), as the spec allows.
 * Addresses are unsigned 64-bit values held in longs: a negative one is at least
 * 2^63, beyond any memory.
 */
public final class LinearMemory implements AutoCloseable {
    public static final long PAGE_SIZE = 65536;
    /** 2^16 pages = 4 GiB, the 32-bit address space. */
    public static final long MAX_PAGES = 65536;
    /** 2^48 pages, the 64-bit address space. */
    public static final long MAX_PAGES_64 = 1L << 48;

    public static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final Cleaner CLEANER = Cleaner.create();
    private static final String OOB = "out of bounds memory access";

    private final NativeMemoryReservation reservation;
    private final Cleaner.Cleanable cleanable;
    private final MemorySegment segment;
    private final long maxPages;
    private final long declaredMaxPages;
    private final boolean is64;
    /** Growth stops here: the maximum (declared or the address space), the store's limit, whichever is lower. */
    private final long limitPages;
    private long byteSize;
    /** Native u64 fields (vmctx memoryLength of each instance using this memory) kept equal to byteSize. */
    private long[] lengthMirrors = new long[0];

    /** A 32-bit memory of {@code minPages} pages; {@code maxPages} is {@link Limits#UNBOUNDED} when absent. */
    public LinearMemory(long minPages, long maxPages) {
        this(minPages, maxPages, false, MAX_PAGES * PAGE_SIZE, MAX_PAGES_64);
    }

    /**
     * A memory of {@code minPages} pages; {@code maxPages} is {@link Limits#UNBOUNDED} when
     * absent. A 64-bit memory reserves at most {@code memory64Limit} bytes (rounded down to
     * pages); a 32-bit one its maximum, at most 4 GiB. Neither grows past {@code limitPages}
     * (a store's limit; {@code memory.grow} answers -1 there). Only that much address space
     * is reserved.
     *
     * @throws ResourceLimitException when the minimum exceeds what a 64-bit memory may reserve
     *                                ({@code memory64Limit}) or the store's limit, or the host
     *                                cannot reserve or commit it
     */
    @SuppressWarnings("restricted")
    public LinearMemory(long minPages, long maxPages, boolean is64, long memory64Limit, long limitPages) {
        long addressSpacePages = is64 ? MAX_PAGES_64 : MAX_PAGES;
        if (minPages < 0 || minPages > addressSpacePages) {
            throw new IllegalArgumentException("memory size must be at most " + addressSpacePages + " pages");
        }
        this.is64 = is64;
        this.declaredMaxPages = maxPages;
        long max = maxPages != Limits.UNBOUNDED ? Math.min(maxPages, addressSpacePages) : addressSpacePages;
        if (max < minPages) {
            throw new IllegalArgumentException("size minimum must not be greater than maximum");
        }
        if (is64) {
            long reservable = Math.max(0, memory64Limit / PAGE_SIZE);
            if (minPages > reservable) {
                throw new ResourceLimitException("64-bit memory minimum size of " + minPages
                        + " pages exceeds the limit of " + reservable + " pages (the 64-bit memory limit, "
                        + bytesText(memory64Limit) + ")");
            }
            max = Math.min(max, reservable);
        }
        this.maxPages = max;
        if (minPages > limitPages) {
            throw new ResourceLimitException("memory minimum size of " + minPages + " pages exceeds the limit of "
                    + limitPages + " pages");
        }
        this.limitPages = Math.min(this.maxPages, limitPages);
        long reserve = this.limitPages * PAGE_SIZE;
        if (reserve == 0) {
            reservation = null;
            cleanable = null;
            segment = MemorySegment.NULL;
        } else {
            reservation = NativeMemoryReservation.reserve(reserve);
            cleanable = CLEANER.register(this, reservation);
            segment = MemorySegment.ofAddress(reservation.address()).reinterpret(reserve);
            if (!reservation.commit(0, minPages * PAGE_SIZE)) {
                cleanable.clean();
                throw new ResourceLimitException("the host cannot commit " + minPages + " pages of linear memory");
            }
        }
        byteSize = minPages * PAGE_SIZE;
    }

    /** {@code bytes} as whole GiB or MiB when it is one, else in bytes. */
    private static String bytesText(long bytes) {
        if (bytes > 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes > 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes + " bytes";
    }

    /** The reserved segment; only offsets below {@link #byteSize()} are accessible. */
    public MemorySegment segment() {
        return segment;
    }

    /** The stable native base address (0 for a memory whose maximum is 0 pages). */
    public long baseAddress() {
        return segment.address();
    }

    /** The current length in bytes. */
    public long byteSize() {
        return byteSize;
    }

    /** The current size in pages. */
    public long pages() {
        return byteSize / PAGE_SIZE;
    }

    /** True for a 64-bit memory (i64 addresses). */
    public boolean is64() {
        return is64;
    }

    /** The maximum from the type, or {@link Limits#UNBOUNDED}. */
    public long declaredMaxPages() {
        return declaredMaxPages;
    }

    /** The current type: the current size as minimum, the declared maximum. */
    public Limits limits() {
        return new Limits(pages(), declaredMaxPages());
    }

    /**
     * memory.grow: the old page count, or -1 (never traps) when the maximum, the store's limit
     * or what is reserved would be exceeded, or the host cannot commit the pages (mprotect
     * refused: an address-space or data limit, strict overcommit); the memory is unchanged
     * then. {@code deltaPages} is unsigned: a negative long fails.
     */
    public long grow(long deltaPages) {
        long old = pages();
        if (deltaPages < 0 || deltaPages > limitPages - old) {
            return -1;
        }
        if (deltaPages == 0) {
            return old;
        }
        if (reservation == null || !reservation.commit(old * PAGE_SIZE, deltaPages * PAGE_SIZE)) {
            return -1;
        }
        byteSize = (old + deltaPages) * PAGE_SIZE;
        publishLength();
        return old;
    }

    /**
     * Keeps the native u64 at {@code address} equal to the byte length from now on (compiled
     * code bounds-checks against it); the caller keeps that address valid while this memory lives.
     */
    public void addLengthMirror(long address) {
        lengthMirrors = java.util.Arrays.copyOf(lengthMirrors, lengthMirrors.length + 1);
        lengthMirrors[lengthMirrors.length - 1] = address;
        NativeHeap.putLong(address, byteSize);
    }

    /** Stops keeping the length mirrors: their owner is about to free them (a store's arena on close). */
    public void dropLengthMirrors() {
        lengthMirrors = new long[0];
    }

    private void publishLength() {
        for (long a : lengthMirrors) {
            NativeHeap.putLong(a, byteSize);
        }
    }

    /**
     * Throws the spec trap unless {@code [address, address+length)} lies in the current
     * memory; both are unsigned (a negative long is 2^63 or more), and nothing can wrap.
     */
    public void checkRange(long address, long length) {
        if (address < 0 || length < 0 || length > byteSize || address > byteSize - length) {
            throw new Trap(OOB);
        }
    }

    /**
     * The effective address of an access of {@code size} bytes at unsigned {@code address}
     * plus unsigned {@code offset}, or -1 when it is not inside the memory. The sum is
     * computed without wrapping: each operand must be below 2^63 (a larger one is beyond
     * any memory) and so is their sum when it is in bounds.
     */
    public long effectiveAddress(long address, long offset, int size) {
        long ea = address + offset;
        if ((address | offset | ea) < 0 || ea > byteSize - size) {
            return -1;
        }
        return ea;
    }

    public byte[] read(long address, int length) {
        checkRange(address, length);
        byte[] out = new byte[length];
        MemorySegment.copy(segment, I8, address, out, 0, length);
        return out;
    }

    public void write(long address, byte[] bytes) {
        write(address, bytes, 0, bytes.length);
    }

    public void write(long address, byte[] bytes, int from, int length) {
        checkRange(address, length);
        MemorySegment.copy(bytes, from, segment, I8, address, length);
    }

    public int readI32(long address) {
        checkRange(address, 4);
        return segment.get(I32, address);
    }

    public void writeI32(long address, int value) {
        checkRange(address, 4);
        segment.set(I32, address, value);
    }

    /**
     * An address, size or length operand of this memory's instructions as the unsigned value it
     * stands for: all 64 bits for a 64-bit memory, the low 32 of {@code raw} for a 32-bit one.
     */
    public long operand(long raw) {
        return is64 ? raw : raw & 0xFFFF_FFFFL;
    }

    /** memory.init: {@code n} bytes of {@code data} from unsigned {@code src} to unsigned {@code dst}. */
    public void init(byte[] data, long dst, long src, long n) {
        if (src < 0 || n < 0 || src + n > data.length) {
            throw new Trap(OOB);
        }
        write(dst, data, (int) src, (int) n);
    }

    /** memory.fill with unsigned 32-bit operands already widened. */
    public void fill(long address, byte value, long length) {
        checkRange(address, length);
        if (length > 0) {
            segment.asSlice(address, length).fill(value);
        }
    }

    /** memory.copy (overlap-safe), both ranges checked before anything is written. */
    public void copy(long dst, long src, long length) {
        copyFrom(this, dst, src, length);
    }

    /** memory.copy from {@code source} (this memory or another) into this memory. */
    public void copyFrom(LinearMemory source, long dst, long src, long length) {
        source.checkRange(src, length);
        checkRange(dst, length);
        if (length > 0) {
            MemorySegment.copy(source.segment, src, segment, dst, length);
        }
    }

    /** Frees the native memory; afterwards the memory has size 0, so every access traps. */
    @Override
    public void close() {
        byteSize = 0;
        publishLength();
        lengthMirrors = new long[0];
        if (cleanable != null) {
            cleanable.clean();
        }
    }
}
