/**
 * The native back end for x86-64: instruction encoder, code buffer with labels,
 * fixups and side tables, and executable code memory reached through the
 * Foreign Function &amp; Memory API.
 *
 * <p>{@code wasm.backend.internal} (libc bindings) stays unexported.
 */
module wasm.backend {
    exports wasm.backend.code;
    exports wasm.backend.x64;
}
