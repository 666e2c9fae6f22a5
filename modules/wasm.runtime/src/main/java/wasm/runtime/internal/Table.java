package wasm.runtime.internal;

import java.util.Arrays;

import wasm.core.model.Limits;
import wasm.core.model.ValType;
import wasm.runtime.Trap;

/**
 * A table of references (store addresses of functions, host ids of extern
 * references, -1 for null). {@code elements.length} is the current size.
 */
public final class Table {
    /** An implementation limit that keeps a runaway table.grow from exhausting the Java heap. */
    public static final int MAX_ELEMENTS = 10_000_000;
    private static final String OOB = "out of bounds table access";

    public final ValType elementType;
    private final long max;
    public long[] elements;

    public Table(ValType elementType, long min, long max, long init) {
        if (min > MAX_ELEMENTS) {
            throw new OutOfMemoryError("table of " + min + " elements exceeds the implementation limit");
        }
        this.elementType = elementType;
        this.max = max;
        this.elements = new long[(int) min];
        Arrays.fill(elements, init);
    }

    public int size() {
        return elements.length;
    }

    public Limits limits() {
        return new Limits(elements.length, max);
    }

    /** table.grow: the old size, or -1 (never traps). {@code delta} is an unsigned 32-bit count. */
    public int grow(long delta, long init) {
        int old = elements.length;
        long newSize = old + delta;
        if (delta < 0 || newSize > MAX_ELEMENTS || (max != Limits.UNBOUNDED && newSize > max)) {
            return -1;
        }
        long[] grown = Arrays.copyOf(elements, (int) newSize);
        Arrays.fill(grown, old, (int) newSize, init);
        elements = grown;
        return old;
    }

    public long get(long index) {
        if (index < 0 || index >= elements.length) {
            throw new Trap(OOB);
        }
        return elements[(int) index];
    }

    public void set(long index, long ref) {
        if (index < 0 || index >= elements.length) {
            throw new Trap(OOB);
        }
        elements[(int) index] = ref;
    }

    /** table.fill with unsigned operands already widened. */
    public void fill(long start, long ref, long count) {
        checkRange(start, count, elements.length);
        Arrays.fill(elements, (int) start, (int) (start + count), ref);
    }

    /** table.copy between this table (destination) and {@code src}; overlap-safe. */
    public void copyFrom(Table src, long dst, long from, long count) {
        checkRange(from, count, src.elements.length);
        checkRange(dst, count, elements.length);
        System.arraycopy(src.elements, (int) from, elements, (int) dst, (int) count);
    }

    /** table.init from an element segment's evaluated references. */
    public void init(long[] segment, long dst, long from, long count) {
        checkRange(from, count, segment.length);
        checkRange(dst, count, elements.length);
        System.arraycopy(segment, (int) from, elements, (int) dst, (int) count);
    }

    private static void checkRange(long start, long count, int length) {
        if (start < 0 || count < 0 || start + count > length) {
            throw new Trap(OOB);
        }
    }
}
