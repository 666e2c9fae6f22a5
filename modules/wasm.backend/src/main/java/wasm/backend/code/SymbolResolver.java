package wasm.backend.code;

import java.util.OptionalLong;

/**
 * Supplies the addresses of relocation targets that a {@link CodeImage} does
 * not define itself: runtime helpers, host-function upcall stubs, libc symbols.
 */
@FunctionalInterface
public interface SymbolResolver {

    /** The absolute address of {@code target}, or empty if unknown. */
    OptionalLong addressOf(RelocationTarget target);

    /** Resolves nothing: every relocation must target something in the image. */
    static SymbolResolver none() {
        return target -> OptionalLong.empty();
    }
}
