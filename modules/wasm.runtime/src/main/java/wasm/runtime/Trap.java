package wasm.runtime;

import wasm.core.WasmException;

/**
 * A WebAssembly trap. The message is the specification's wording
 * ("unreachable", "integer divide by zero", "out of bounds memory access",
 * "call stack exhausted", ...). A trap aborts the current call; the store stays
 * usable.
 */
public class Trap extends WasmException {
    private static final long serialVersionUID = 1L;

    public Trap(String message) {
        super(message);
    }

    public Trap(String message, Throwable cause) {
        super(message, cause);
    }
}
