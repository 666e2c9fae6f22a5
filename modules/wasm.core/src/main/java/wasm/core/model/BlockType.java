package wasm.core.model;

/** The type of a block, loop or if: empty, a single result, or a type index. */
public sealed interface BlockType {
    /** {@code []  -> []}. */
    record Empty() implements BlockType {
    }

    /**
     * {@code [] -> [type]}.
     *
     * @param type the one result type
     */
    record Value(ValType type) implements BlockType {
    }

    /**
     * {@code types[typeIndex]}: parameters and results (multi-value).
     *
     * @param typeIndex an index into the module's types
     */
    record TypeIndex(int typeIndex) implements BlockType {
    }

    /** {@code [] -> []}, shared. */
    BlockType EMPTY = new Empty();
}
