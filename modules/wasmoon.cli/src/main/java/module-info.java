/**
 * The {@code wasmoon} command line: run, explore, validate, wat2wasm, wasm2wat
 * and the WAST spec-test runner. An application module: it exports nothing.
 * It reads the JIT's stages directly (wasm.ir, wasm.opt, wasm.backend) for
 * {@code explore}, and owns the process's compile-metrics session (perf.metrics).
 */
module wasmoon.cli {
    requires wasm.core;
    requires wasm.runtime;
    requires wasm.backend; // CpuFeatures: checking -Dwasmoon.cpu.disable before anything runs
    requires perf.metrics;
    requires java.management; // thread CPU time for MetricsOverheadBenchmark
    requires jdk.management; // process CPU time in run --verbose
}
