/**
 * The SSA intermediate representation of wasmoon's JIT: typed values, blocks
 * with parameters, an opcode table declared once ({@link wasm.ir.IrOpcode}),
 * the Wasm-to-IR translator, the verifier, the text printer and parser, and an
 * IR interpreter that serves as the oracle for passes and the backend.
 */
module wasm.ir {
    requires transitive wasm.core;

    exports wasm.ir;
    exports wasm.ir.analysis;
    exports wasm.ir.interp;
    exports wasm.ir.text;
    exports wasm.ir.translate;
    exports wasm.ir.verify;
}
