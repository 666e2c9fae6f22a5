/**
 * The {@code wasmoon} command line: run, explore, validate, wat2wasm, wasm2wat
 * and the WAST spec-test runner. An application module: it exports nothing.
 * It reads the JIT's stages for {@code explore} through wasm.runtime's tooling
 * package (never the compiler modules directly), and owns the process's
 * compile-metrics session (perf.metrics).
 */
module wasmoon.cli {
    requires wasm.core;
    requires wasm.runtime;
    requires wasm.backend; // CpuFeatures: checking -Dwasmoon.cpu.disable before anything runs
    requires wasm.wasi;
    requires perf.metrics;
    requires jdk.management; // process CPU time in run --verbose (brings java.management)
}
