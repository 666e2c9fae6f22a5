package wasm.runtime;

import wasm.core.WasmException;

/**
 * Instantiation (or the host's creation of a memory or table) would exceed the store's
 * {@link ResourceLimits}, or the host cannot provide a memory's minimum size: "memory minimum
 * size of 100 pages exceeds the limit of 16 pages", "instance limit of 10 reached". The
 * store stays usable.
 */
public final class ResourceLimitException extends WasmException {
    private static final long serialVersionUID = 1L;

    /**
     * A refused allocation.
     *
     * @param message which limit, and what was asked
     */
    public ResourceLimitException(String message) {
        super(message);
    }
}
