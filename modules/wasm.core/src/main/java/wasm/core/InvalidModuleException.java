package wasm.core;

/** The module is well formed but fails validation (spec: "invalid"). */
public final class InvalidModuleException extends WasmException {
    private static final long serialVersionUID = 1L;

    /**
     * A validation error.
     *
     * @param message the reference interpreter's message, such as {@code "type mismatch"}
     */
    public InvalidModuleException(String message) {
        super(message);
    }
}
