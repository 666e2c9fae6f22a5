package wasm.backend;

import wasm.core.WasmException;

/**
 * The function uses something the compiler does not cover; the runtime keeps
 * it in the interpreter. The message is the reason (e.g. "f32.add not supported yet").
 */
public final class CompileUnsupported extends WasmException {
    private static final long serialVersionUID = 1L;

    public CompileUnsupported(String reason) {
        super(reason);
    }

    public String reason() {
        return getMessage();
    }
}
