/**
 * The WebAssembly runtime: store, instances, linking, linear memories, tables,
 * globals, the interpreter and the JIT tier (vmctx, entry trampolines, thunks,
 * host upcalls; compiled through wasm.ir, wasm.opt and wasm.backend). Only the
 * API packages are exported.
 */
module wasm.runtime {
    requires transitive wasm.core;
    requires transitive perf.metrics;
    requires wasm.ir;
    requires wasm.opt;
    requires wasm.backend;

    exports wasm.runtime;
    exports wasm.runtime.wasi;
}
