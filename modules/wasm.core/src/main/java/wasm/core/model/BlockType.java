package wasm.core.model;

/** The type of a block, loop or if: empty, a single result, or a type index. */
public sealed interface BlockType {
    /** {@code []  -> []}. */
    record Empty() implements BlockType {
    }

    /** {@code [] -> [type]}. */
    record Value(ValType type) implements BlockType {
    }

    /** {@code types[typeIndex]}: parameters and results (multi-value). */
    record TypeIndex(int typeIndex) implements BlockType {
    }

    BlockType EMPTY = new Empty();
}
