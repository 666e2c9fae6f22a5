package wasm.runtime;

import java.util.List;
import wasm.core.model.ValType;

/**
 * How many {@code long}s a value takes in the API's encoding (the arguments and results
 * of {@link FunctionInstance#call} and {@link HostFunction}, the interpreter's stack):
 * one for every type but {@code v128}, which takes two consecutive longs, the low 64
 * bits first (bytes 0..7 of the vector, little-endian: lane 0 of an {@code i32x4} is
 * the low half of the first long).
 */
public final class ValueSlots {
    private ValueSlots() {
    }

    /**
     * 2 for v128, else 1.
     *
     * @param type a value type
     * @return the longs one value of it takes
     */
    public static int of(ValType type) {
        return type == ValType.V128 ? 2 : 1;
    }

    /**
     * The longs a list of values takes.
     *
     * @param types value types, such as a function's parameters
     * @return the sum of the longs each takes
     */
    public static int of(List<ValType> types) {
        int n = 0;
        for (ValType t : types) {
            n += of(t);
        }
        return n;
    }
}
