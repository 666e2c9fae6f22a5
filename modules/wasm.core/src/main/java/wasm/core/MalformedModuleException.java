package wasm.core;

/** The bytes or text do not form a module at all (spec: "malformed"). */
public final class MalformedModuleException extends WasmException {
    private static final long serialVersionUID = 1L;

    /**
     * A decoding or parsing error.
     *
     * @param message the reference interpreter's message, such as {@code "unexpected end"}
     */
    public MalformedModuleException(String message) {
        super(message);
    }
}
