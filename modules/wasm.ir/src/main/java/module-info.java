/**
 * The SSA intermediate representation of wasmoon's JIT: typed values, blocks
 * with parameters, an opcode table declared once ({@link wasm.ir.IrOpcode}),
 * the Wasm-to-IR translator, the verifier, the text printer and parser, and an
 * IR interpreter that serves as the oracle for passes and the backend.
 *
 * <p>The IR is the JIT's own working language, not embedding API: its packages are
 * exported to the pipeline's later stages alone (the optimiser, the back end and the
 * runtime that drives them), so it can change with the compiler. An embedder reaches
 * compiled code through {@code wasm.runtime}; tools see the IR as text through the
 * runtime's inspector.
 */
module wasm.ir {
    requires transitive wasm.core;

    exports wasm.ir to wasm.opt, wasm.backend, wasm.runtime;
    exports wasm.ir.analysis to wasm.opt, wasm.backend, wasm.runtime;
    exports wasm.ir.interp to wasm.opt, wasm.backend, wasm.runtime;
    exports wasm.ir.text to wasm.opt, wasm.backend, wasm.runtime;
    exports wasm.ir.translate to wasm.opt, wasm.backend, wasm.runtime;
    exports wasm.ir.verify to wasm.opt, wasm.backend, wasm.runtime;
}
