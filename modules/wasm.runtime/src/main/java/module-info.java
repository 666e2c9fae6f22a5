/**
 * The WebAssembly runtime: store, instances, linking, linear memories, tables,
 * globals and the interpreter. Only the API package is exported.
 */
module wasm.runtime {
    requires transitive wasm.core;

    exports wasm.runtime;
    exports wasm.runtime.wasi;
}
