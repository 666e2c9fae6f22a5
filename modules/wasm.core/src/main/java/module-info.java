/**
 * The WebAssembly module model, binary decoder and encoder, text (WAT/WAST)
 * parser and printer, and validator.
 */
module wasm.core {
    exports wasm.core;
    exports wasm.core.binary;
    exports wasm.core.model;
    exports wasm.core.text;
    exports wasm.core.validate;
    // wasm.core.internal (the byte and instruction readers, lazily decoded bodies) is not exported.
}
