/**
 * The optimiser of wasmoon's JIT: {@link wasm.opt.PassPipeline} runs stateless
 * {@link wasm.opt.Pass}es per {@link wasm.opt.OptLevel}, verifying after each pass
 * on request and recording each pass in the function's compile metrics.
 * {@code wasm.opt.passes} holds the passes (exported so tools and tests can run
 * one alone); {@code wasm.opt.internal} (constant evaluation, edge rewriting,
 * loops) stays unexported.
 */
module wasm.opt {
    requires transitive wasm.ir;
    requires transitive perf.metrics;

    exports wasm.opt;
    exports wasm.opt.passes;
}
