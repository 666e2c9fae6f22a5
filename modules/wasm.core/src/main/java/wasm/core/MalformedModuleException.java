package wasm.core;

/** The bytes or text do not form a module at all (spec: "malformed"). */
public final class MalformedModuleException extends WasmException {
    private static final long serialVersionUID = 1L;

    public MalformedModuleException(String message) {
        super(message);
    }
}
