package wasm.core.model;

import java.util.List;

/**
 * A function signature: parameter and result types.
 *
 * @param params the parameter types, in order
 * @param results the result types, in order
 */
public record FuncType(List<ValType> params, List<ValType> results) {
    /**
     * Copies the lists.
     *
     * @throws NullPointerException when a list or one of its elements is null
     */
    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /**
     * The same as the constructor, for reading ease at call sites.
     *
     * @param params the parameter types
     * @param results the result types
     * @return the type
     */
    public static FuncType of(List<ValType> params, List<ValType> results) {
        return new FuncType(params, results);
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
