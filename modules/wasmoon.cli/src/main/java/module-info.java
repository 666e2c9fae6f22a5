/**
 * The {@code wasmoon} command line: run, validate, wat2wasm, wasm2wat and the
 * WAST spec-test runner. An application module: it exports nothing.
 */
module wasmoon.cli {
    requires wasm.core;
    requires wasm.runtime;
}
