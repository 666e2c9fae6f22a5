package wasm.backend.code;

import wasm.ir.TrapCode;

import java.util.Objects;

/**
 * A code offset at which control may leave the function because of a trap
 * (for example the start of a trap stub, or a {@code ud2} that should never be
 * reached). Kept as a side table so that code stays compact and the runtime,
 * debuggers and metrics can map an offset back to its reason.
 */
public record TrapSite(int offset, TrapCode code) {
    public TrapSite {
        if (offset < 0) {
            throw new IllegalArgumentException("negative trap site offset " + offset);
        }
        Objects.requireNonNull(code, "code");
    }

    TrapSite shifted(int delta) {
        return new TrapSite(offset + delta, code);
    }
}
