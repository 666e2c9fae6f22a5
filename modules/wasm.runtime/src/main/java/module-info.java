/**
 * The WebAssembly runtime: store, instances, linking, linear memories, tables,
 * globals, the interpreter and the JIT tier (vmctx, entry trampolines, thunks,
 * host upcalls; compiled through wasm.ir, wasm.opt and wasm.backend). Only the
 * API packages are exported; {@code wasm.runtime.tooling} (the JIT's stages of a
 * function for {@code wasmoon explore}, a store's JIT coverage) is for the
 * command line's tools only.
 */
module wasm.runtime {
    requires transitive wasm.core;
    requires transitive perf.metrics;
    requires wasm.ir;
    requires wasm.opt;
    requires wasm.backend;

    exports wasm.runtime;
    exports wasm.runtime.tooling to wasmoon.cli;
}
