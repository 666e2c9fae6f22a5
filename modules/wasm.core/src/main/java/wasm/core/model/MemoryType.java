package wasm.core.model;

/** A linear memory's limits, in 64 KiB pages. */
public record MemoryType(Limits limits) {
}
