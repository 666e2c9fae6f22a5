package wasm.core.model;

import java.util.List;

/**
 * An element segment. Every item is kept as a constant expression ending with
 * {@code end} (a plain function index {@code i} becomes {@code ref.func i; end}),
 * so the binary and text readers produce equal models whatever encoding they saw.
 * {@code tableIndex} and {@code offset} are meaningful only for ACTIVE segments
 * ({@code offset} is an empty list otherwise).
 */
public record ElementSegment(ValType type, List<List<Instruction>> items, SegmentMode mode,
                             int tableIndex, List<Instruction> offset) {
    public ElementSegment {
        items = items.stream().map(List::copyOf).toList();
        offset = List.copyOf(offset);
    }
}
