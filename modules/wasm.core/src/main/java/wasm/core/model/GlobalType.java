package wasm.core.model;

/** A global's value type and mutability. */
public record GlobalType(ValType type, boolean mutable) {
}
