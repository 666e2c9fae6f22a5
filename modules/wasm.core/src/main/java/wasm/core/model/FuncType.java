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

    // equals and hashCode written out: a record's generated ones bootstrap an invokedynamic call
    // site on first use, milliseconds that every instantiation paid (types are map keys there)

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType t && t.params.equals(params) && t.results.equals(results);
    }

    @Override
    public int hashCode() {
        return 31 * params.hashCode() + results.hashCode();
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
