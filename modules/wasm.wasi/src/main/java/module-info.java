/**
 * WASI preview 1 for wasmoon guests: {@link wasm.wasi.WasiConfig} says what a guest may see
 * (arguments, environment, preopened directories, standard streams), {@link wasm.wasi.WasiPreview1}
 * provides {@code wasi_snapshot_preview1} to a {@link wasm.runtime.Linker} in one call. A module of
 * its own, so an embedder who does not want WASI does not get it. {@code wasm.wasi.internal}
 * (the system calls, descriptors, the sandbox) stays unexported.
 */
module wasm.wasi {
    requires transitive wasm.runtime;
    requires wasm.backend; // wasm.backend.os.Libc: open, openat2, close, isatty (qualified export)

    exports wasm.wasi;
}
