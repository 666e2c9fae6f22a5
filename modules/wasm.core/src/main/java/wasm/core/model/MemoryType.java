package wasm.core.model;

import java.util.Objects;

/** A linear memory's limits, in 64 KiB pages, and its address type (i64: a 64-bit memory). */
public record MemoryType(Limits limits, AddressType addressType) {
    public MemoryType {
        Objects.requireNonNull(addressType, "addressType");
    }

    /** A 32-bit memory. */
    public MemoryType(Limits limits) {
        this(limits, AddressType.I32);
    }

    public boolean is64() {
        return addressType == AddressType.I64;
    }
}
