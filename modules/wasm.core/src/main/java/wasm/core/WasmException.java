package wasm.core;

/**
 * Root of every error wasmoon reports about a module or its execution. Messages
 * are the WebAssembly specification's own wording ("unexpected end", "type
 * mismatch", "integer divide by zero", ...) so that spec scripts can match them.
 */
public abstract class WasmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with the specification's wording.
     *
     * @param message the message
     */
    protected WasmException(String message) {
        super(message);
    }

    /**
     * An error with the specification's wording and the exception that caused it.
     *
     * @param message the message
     * @param cause the cause, or null
     */
    protected WasmException(String message, Throwable cause) {
        super(message, cause);
    }
}
