package wasm.core.model;

import java.util.List;

/**
 * An element segment. Every item is kept as a constant expression ending with
 * {@code end} (a plain function index {@code i} becomes {@code ref.func i; end}),
 * so the binary and text readers produce equal models whatever encoding they saw.
 * {@code tableIndex} and {@code offset} are meaningful only for ACTIVE segments
 * ({@code offset} is an empty list otherwise).
 *
 * @param type the reference type of the items
 * @param items the items, each a constant expression ending with {@code end}
 * @param mode ACTIVE, PASSIVE or DECLARATIVE
 * @param tableIndex the table an active segment initialises
 * @param offset the constant expression of an active segment's first index, ending with {@code end}
 */
public record ElementSegment(ValType type, List<List<Instruction>> items, SegmentMode mode,
                             int tableIndex, List<Instruction> offset) {
    /**
     * Copies the lists.
     *
     * @throws NullPointerException when a list or one of its elements is null
     */
    public ElementSegment {
        items = items.stream().map(List::copyOf).toList();
        offset = List.copyOf(offset);
    }
}
