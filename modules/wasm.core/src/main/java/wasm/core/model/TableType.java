package wasm.core.model;

import java.util.Objects;

/** A table's element reference type, size limits and address type (i64: a 64-bit table). */
public record TableType(ValType elementType, Limits limits, AddressType addressType) {
    public TableType {
        Objects.requireNonNull(addressType, "addressType");
    }

    /** A table with 32-bit indices. */
    public TableType(ValType elementType, Limits limits) {
        this(elementType, limits, AddressType.I32);
    }

    public boolean is64() {
        return addressType == AddressType.I64;
    }
}
