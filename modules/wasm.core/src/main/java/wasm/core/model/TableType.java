package wasm.core.model;

import java.util.Objects;

/**
 * A table's element reference type, size limits and address type (i64: a 64-bit table).
 *
 * @param elementType FUNCREF or EXTERNREF
 * @param limits the size limits, in elements
 * @param addressType I32, or I64 for a 64-bit table
 */
public record TableType(ValType elementType, Limits limits, AddressType addressType) {
    /**
     * Checks that there is an address type.
     *
     * @throws NullPointerException when {@code addressType} is null
     */
    public TableType {
        Objects.requireNonNull(addressType, "addressType");
    }

    /**
     * A table with 32-bit indices.
     *
     * @param elementType FUNCREF or EXTERNREF
     * @param limits the size limits, in elements
     */
    public TableType(ValType elementType, Limits limits) {
        this(elementType, limits, AddressType.I32);
    }

    /**
     * Whether the table is indexed by i64 (table64).
     *
     * @return true for {@link AddressType#I64}
     */
    public boolean is64() {
        return addressType == AddressType.I64;
    }
}
