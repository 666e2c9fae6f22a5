package wasm.runtime.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import wasm.core.model.GlobalType;

/**
 * A global's storage, shared by every instance that imports it and by both
 * tiers: an 8-byte native cell (compiled code addresses it through vmctx). The
 * value uses the API's long encoding (i32 sign-extended, f32 bits in the low half).
 */
public final class GlobalCell {
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG;

    public final GlobalType type;
    private final MemorySegment cell;

    public GlobalCell(GlobalType type, long value, Arena arena) {
        this.type = type;
        this.cell = arena.allocate(8, 8);
        cell.set(U64, 0, value);
    }

    public long get() {
        return cell.get(U64, 0);
    }

    public void set(long value) {
        cell.set(U64, 0, value);
    }

    /** The native address of the cell. */
    public long address() {
        return cell.address();
    }
}
