/**
 * The native back end for x86-64: instruction encoder, code buffer with labels,
 * fixups and side tables, executable code memory reached through the
 * Foreign Function &amp; Memory API, and the IR-to-machine-code compiler
 * ({@link wasm.backend.X64Compiler}).
 *
 * <p>{@code wasm.backend.internal} (libc bindings, lowering, register
 * allocation, emission) stays unexported.
 */
module wasm.backend {
    requires transitive wasm.ir;
    requires perf.metrics;

    exports wasm.backend;
    exports wasm.backend.code;
    exports wasm.backend.x64;
}
