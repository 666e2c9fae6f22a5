package wasm.runtime.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import wasm.core.model.GlobalType;
import wasm.core.model.ValType;

/**
 * A global's storage, shared by every instance that imports it and by both
 * tiers: an 8-byte native cell (compiled code addresses it through vmctx), 16 bytes
 * for a v128 (low half first). The value uses the API's long encoding (i32
 * sign-extended, f32 bits in the low half; a v128 is two longs).
 */
public final class GlobalCell {
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG;

    public final GlobalType type;
    private final MemorySegment cell;

    public GlobalCell(GlobalType type, long value, Arena arena) {
        this(type, value, 0, arena);
    }

    /** A cell holding {@code lo} (and, for a v128 global, {@code hi} in its upper 8 bytes). */
    public GlobalCell(GlobalType type, long lo, long hi, Arena arena) {
        this.type = type;
        boolean v128 = type.type() == ValType.V128;
        this.cell = arena.allocate(v128 ? 16 : 8, v128 ? 16 : 8);
        cell.set(U64, 0, lo);
        if (v128) {
            cell.set(U64, 8, hi);
        }
    }

    /** The value, or a v128's low 64 bits. */
    public long get() {
        return cell.get(U64, 0);
    }

    public void set(long value) {
        cell.set(U64, 0, value);
    }

    /** A v128 global's high 64 bits (lanes of bytes 8..15). */
    public long getHigh() {
        return cell.get(U64, 8);
    }

    /** Sets a v128 global. */
    public void setV128(long lo, long hi) {
        cell.set(U64, 0, lo);
        cell.set(U64, 8, hi);
    }

    /** The native address of the cell. */
    public long address() {
        return cell.address();
    }
}
