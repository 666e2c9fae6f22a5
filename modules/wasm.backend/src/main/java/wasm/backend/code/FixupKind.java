package wasm.backend.code;

/**
 * How a reference to a {@link Label} is written into the code once the label's
 * offset is known. The stored value is {@code target + addend - fieldOffset}
 * (the ELF {@code S + A - P} rule), so one kind serves jumps ({@code addend = -4}
 * for rel32), RIP-relative operands followed by an immediate
 * ({@code addend = -4 - immBytes}) and jump-table entries relative to the table
 * start ({@code addend = fieldOffset - tableStart}).
 */
public enum FixupKind {
    /** A signed 8-bit field (short jumps); out of range is an error at finish. */
    REL8(1),
    /** A signed 32-bit little-endian field. */
    REL32(4);

    private final int size;

    FixupKind(int size) {
        this.size = size;
    }

    /** The field's size in bytes. */
    public int size() {
        return size;
    }
}
