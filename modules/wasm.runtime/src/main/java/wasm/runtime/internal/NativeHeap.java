package wasm.runtime.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Raw access to native memory by address, for the runtime data that generated
 * code reads and writes (global cells, table elements, vmctx, directory). The
 * callers own the lifetime of what they address: every address used here comes
 * from a segment that the store keeps alive.
 */
public final class NativeHeap {
    /** The whole address space as one segment; only ever indexed with live addresses. */
    @SuppressWarnings("restricted")
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;

    private NativeHeap() {
    }

    public static long getLong(long address) {
        return ALL.get(U64, address);
    }

    public static void putLong(long address, long value) {
        ALL.set(U64, address, value);
    }

    public static int getInt(long address) {
        return ALL.get(U32, address);
    }

    public static void putInt(long address, int value) {
        ALL.set(U32, address, value);
    }
}
