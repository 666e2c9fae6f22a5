package wasm.core.model;

/**
 * The type of the addresses of a memory or the indices of a table: {@code i32}, or
 * {@code i64} for 3.0's 64-bit memories and tables (memory64, table64).
 */
public enum AddressType {
    /** 32-bit addresses: every memory and table before memory64. */
    I32(ValType.I32),
    /** 64-bit addresses (memory64, table64). */
    I64(ValType.I64);

    private final ValType valType;

    AddressType(ValType valType) {
        this.valType = valType;
    }

    /**
     * The value type of an address (and of sizes, lengths and page counts).
     *
     * @return {@link ValType#I32} or {@link ValType#I64}
     */
    public ValType valType() {
        return valType;
    }

    /**
     * The type of a length between two address spaces (memory.copy, table.copy between
     * memories or tables of different address types): the narrower one.
     *
     * @param a one address type
     * @param b the other
     * @return I64 only when both are
     */
    public static AddressType min(AddressType a, AddressType b) {
        return a == I64 && b == I64 ? I64 : I32;
    }
}
