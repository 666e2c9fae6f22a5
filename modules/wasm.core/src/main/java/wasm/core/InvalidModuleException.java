package wasm.core;

/** The module is well formed but fails validation (spec: "invalid"). */
public final class InvalidModuleException extends WasmException {
    private static final long serialVersionUID = 1L;

    public InvalidModuleException(String message) {
        super(message);
    }
}
