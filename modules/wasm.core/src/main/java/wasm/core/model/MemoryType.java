package wasm.core.model;

import java.util.Objects;

/**
 * A linear memory's limits, in 64 KiB pages, and its address type (i64: a 64-bit memory).
 *
 * @param limits the size limits, in 64 KiB pages
 * @param addressType I32, or I64 for a 64-bit memory
 */
public record MemoryType(Limits limits, AddressType addressType) {
    /**
     * Checks that there is an address type.
     *
     * @throws NullPointerException when {@code addressType} is null
     */
    public MemoryType {
        Objects.requireNonNull(addressType, "addressType");
    }

    /**
     * A 32-bit memory.
     *
     * @param limits the size limits, in 64 KiB pages
     */
    public MemoryType(Limits limits) {
        this(limits, AddressType.I32);
    }

    /**
     * Whether the memory is addressed by i64 (memory64).
     *
     * @return true for {@link AddressType#I64}
     */
    public boolean is64() {
        return addressType == AddressType.I64;
    }
}
