/**
 * The optimiser of wasmoon's JIT: {@link wasm.opt.PassPipeline} runs stateless
 * {@link wasm.opt.Pass}es per {@link wasm.opt.OptLevel}, verifying after each pass
 * on request and recording each pass in the function's compile metrics.
 * {@code wasm.opt.passes} holds the passes; {@code wasm.opt.internal} (constant
 * evaluation, edge rewriting, loops) stays unexported.
 *
 * <p>A stage of the JIT, not embedding API: exported to the runtime that drives the
 * pipeline, and to the launcher, which names the optimisation levels.
 */
module wasm.opt {
    requires transitive wasm.ir;
    requires transitive perf.metrics;

    exports wasm.opt to wasm.runtime, wasmoon.cli;
    exports wasm.opt.passes to wasm.runtime, wasmoon.cli;
}
