package wasm.runtime.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import wasm.core.model.AddressType;
import wasm.core.model.Limits;
import wasm.core.model.TableType;
import wasm.core.model.ValType;
import wasm.runtime.Trap;

/**
 * A table of references (store addresses of functions, host ids of extern
 * references, -1 for null), shared by both tiers: the elements are a native
 * array of u64 and a native header {u64 elementsAddress, u32 size} tells
 * compiled code where they are (vmctx holds the header's address). Grow
 * reallocates the array and updates the header; the old array is freed by the
 * GC once unreachable, and compiled code always reloads the header, so it never
 * touches a stale array.
 */
public final class Table {
    /** An implementation limit that keeps a runaway table.grow from exhausting memory. */
    public static final int MAX_ELEMENTS = (int) wasm.runtime.ResourceLimits.MAX_TABLE_ELEMENTS;
    private static final String OOB = "out of bounds table access";
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG;
    /** Header field offsets (JIT ABI). */
    public static final int HEADER_ELEMENTS = 0;
    public static final int HEADER_SIZE = 8;

    public final ValType elementType;
    /** I64 for a 64-bit table (table64): its indices, size and deltas are i64 values. */
    public final AddressType addressType;
    private final long max;
    /** Growth stops here: the store's limit (at most {@link #MAX_ELEMENTS}). */
    private final long limit;
    private final MemorySegment header;
    private MemorySegment elements;
    private int size;

    /** A table of {@code type}'s minimum size, every element {@code init}. */
    public Table(TableType type, long init, Arena headerArena) {
        this(type, init, headerArena, MAX_ELEMENTS);
    }

    /**
     * A table of {@code type}'s minimum size, every element {@code init}, that never grows past
     * {@code limit} elements (a store's limit, at most {@link #MAX_ELEMENTS}; {@code table.grow}
     * answers -1 there).
     *
     * @throws wasm.runtime.ResourceLimitException when the minimum is above the limit
     */
    public Table(TableType type, long init, Arena headerArena, long limit) {
        this(type.elementType(), type.addressType(), type.limits().min(), type.limits().max(), init, headerArena,
                limit);
    }

    public Table(ValType elementType, AddressType addressType, long min, long max, long init, Arena headerArena,
            long limit) {
        long cap = Math.min(limit, MAX_ELEMENTS);
        if (min > cap) {
            throw new wasm.runtime.ResourceLimitException("table minimum size of " + Long.toUnsignedString(min)
                    + " elements exceeds the limit of " + cap + " elements");
        }
        this.elementType = elementType;
        this.addressType = addressType;
        this.max = max;
        this.limit = cap;
        this.header = headerArena.allocate(16, 16);
        this.elements = allocate((int) Math.max(min, 1));
        this.size = (int) min;
        fillRaw(0, size, init);
        publish();
    }

    private static MemorySegment allocate(int capacity) {
        return Arena.ofAuto().allocate((long) capacity * 8, 8);
    }

    private void publish() {
        NativeHeap.putLong(header.address() + HEADER_ELEMENTS, elements.address());
        NativeHeap.putInt(header.address() + HEADER_SIZE, size);
    }

    // Elements and header go through NativeHeap, the one access shape of the runtime's native
    // data: each FFM access shape (layout, alignment, indexed or not) makes its own method-handle
    // classes the first time in a process, milliseconds on the thread that instantiates.
    private void fillRaw(int from, int to, long ref) {
        long base = elements.address();
        for (int i = from; i < to; i++) {
            NativeHeap.putLong(base + 8L * i, ref);
        }
    }

    /** The native header's address. */
    public long headerAddress() {
        return header.address();
    }

    public int size() {
        return size;
    }

    public Limits limits() {
        return new Limits(size, max);
    }

    /**
     * table.grow: the old size, or -1 (never traps) past the maximum, the store's limit, or
     * when the host cannot allocate the elements. {@code delta} is unsigned: a negative long fails.
     */
    public int grow(long delta, long init) {
        int old = size;
        long newSize = old + delta;
        if (delta < 0 || newSize > limit || (max != Limits.UNBOUNDED && newSize > max)) {
            return -1;
        }
        long capacity = elements.byteSize() / 8;
        if (newSize > capacity) {
            int newCapacity = (int) Math.max(newSize, Math.min(capacity * 2, limit));
            MemorySegment grown;
            try {
                grown = allocate(newCapacity);
            } catch (OutOfMemoryError e) {
                return -1;
            }
            MemorySegment.copy(elements, 0, grown, 0, (long) old * 8);
            elements = grown;
        }
        size = (int) newSize;
        fillRaw(old, size, init);
        publish();
        return old;
    }

    /**
     * An index, size or length operand of this table's instructions as the unsigned value it
     * stands for: all 64 bits for a 64-bit table (table64), the low 32 of {@code raw} otherwise.
     */
    public long operand(long raw) {
        return addressType == AddressType.I64 ? raw : raw & 0xFFFF_FFFFL;
    }

    public long get(long index) {
        if (index < 0 || index >= size) {
            throw new Trap(OOB);
        }
        return NativeHeap.getLong(elements.address() + 8 * index);
    }

    /** The element at an index already checked against {@link #size()}. */
    public long getUnchecked(int index) {
        return NativeHeap.getLong(elements.address() + 8L * index);
    }

    public void set(long index, long ref) {
        if (index < 0 || index >= size) {
            throw new Trap(OOB);
        }
        NativeHeap.putLong(elements.address() + 8 * index, ref);
    }

    /** table.fill with unsigned operands already widened. */
    public void fill(long start, long ref, long count) {
        checkRange(start, count, size);
        fillRaw((int) start, (int) (start + count), ref);
    }

    /** table.copy between this table (destination) and {@code src}; overlap-safe. */
    public void copyFrom(Table src, long dst, long from, long count) {
        checkRange(from, count, src.size);
        checkRange(dst, count, size);
        MemorySegment.copy(src.elements, from * 8, elements, dst * 8, count * 8);
    }

    /** table.init from an element segment's evaluated references. */
    public void init(long[] segment, long dst, long from, long count) {
        checkRange(from, count, segment.length);
        checkRange(dst, count, size);
        MemorySegment.copy(segment, (int) from, elements, U64, dst * 8, (int) count);
    }

    /** Unsigned {@code start} and {@code count} (negative: 2^63 or more); nothing can wrap. */
    private static void checkRange(long start, long count, int length) {
        if (start < 0 || count < 0 || count > length || start > length - count) {
            throw new Trap(OOB);
        }
    }
}
