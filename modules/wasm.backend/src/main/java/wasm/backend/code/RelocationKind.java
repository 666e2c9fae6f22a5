package wasm.backend.code;

/** How a {@link Relocation} is patched once the target's address is known. */
public enum RelocationKind {
    /** An 8-byte absolute address ({@code target + addend}), e.g. the imm64 of a movabs. */
    ABS64(8),
    /**
     * A signed 32-bit displacement {@code target + addend - fieldAddress}, e.g.
     * the rel32 of {@code call} ({@code addend = -4}). Only valid when the
     * target lies within ±2 GiB: true for functions of the same {@link CodeImage}.
     */
    PC_REL32(4);

    private final int size;

    RelocationKind(int size) {
        this.size = size;
    }

    /** The patched field's size in bytes. */
    public int size() {
        return size;
    }
}
