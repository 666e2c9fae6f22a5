package wasm.core.model;

/**
 * A global's value type and mutability.
 *
 * @param type the value type
 * @param mutable whether {@code global.set} (and the host) may change it
 */
public record GlobalType(ValType type, boolean mutable) {
}
