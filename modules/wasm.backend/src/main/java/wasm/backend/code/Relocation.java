package wasm.backend.code;

import java.util.Objects;

/**
 * A field in the code to be patched with the address of {@code target} when the
 * code is loaded (see {@link CodeMemory#load(CodeImage, SymbolResolver)}).
 *
 * @param offset where the field starts, relative to the start of its code
 * @param kind   how to compute and write the value
 * @param target what the field refers to
 * @param addend added to the target address (for PC-relative fields, usually -4)
 */
public record Relocation(int offset, RelocationKind kind, RelocationTarget target, long addend) {
    public Relocation {
        if (offset < 0) {
            throw new IllegalArgumentException("negative relocation offset " + offset);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }

    Relocation shifted(int delta) {
        return new Relocation(offset + delta, kind, target, addend);
    }
}
