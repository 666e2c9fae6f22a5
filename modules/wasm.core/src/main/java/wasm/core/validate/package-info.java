/**
 * Validation of WebAssembly 2.0 modules (without SIMD), following the
 * specification's validation algorithm: an operand stack of value types with an
 * unknown bottom type and a stack of control frames.
 *
 * <p>{@link wasm.core.validate.Validator#validate(wasm.core.model.Module)} is the
 * entry point; the other classes of this package are package-private.
 */
package wasm.core.validate;
