/**
 * The native back end for x86-64: instruction encoder, code buffer with labels,
 * fixups and side tables, executable code memory reached through the
 * Foreign Function &amp; Memory API, and the IR-to-machine-code compiler
 * ({@link wasm.backend.X64Compiler}).
 *
 * <p>{@code wasm.backend.internal.x64} (lowering, register allocation,
 * emission) stays unexported. {@code wasm.backend.os} holds the project's system
 * calls (mmap, mprotect, munmap; open, openat2, close, isatty): this is the
 * lowest module that maps memory, the runtime maps its linear memories through
 * the same bindings and WASI opens its sandbox directories through them, so it
 * is exported to wasm.runtime and wasm.wasi alone.
 *
 * <p>A stage of the JIT, not embedding API: the compiler and code memory are exported
 * to the runtime that drives them; {@code wasm.backend} also to the launcher, which
 * checks {@code -Dwasmoon.cpu.disable} ({@link wasm.backend.CpuFeatures}) before anything runs.
 */
module wasm.backend {
    requires transitive wasm.ir;
    requires perf.metrics;

    exports wasm.backend to wasm.runtime, wasmoon.cli;
    exports wasm.backend.baseline to wasm.runtime;
    exports wasm.backend.code to wasm.runtime;
    exports wasm.backend.x64 to wasm.runtime;
    exports wasm.backend.os to wasm.runtime, wasm.wasi;
}
