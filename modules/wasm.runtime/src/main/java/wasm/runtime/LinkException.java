package wasm.runtime;

import wasm.core.WasmException;

/** Instantiation failed while matching imports: "unknown import" or "incompatible import type". */
public class LinkException extends WasmException {
    private static final long serialVersionUID = 1L;

    /**
     * A link error.
     *
     * @param message the specification's wording ("unknown import", "incompatible import type"), then the details
     */
    public LinkException(String message) {
        super(message);
    }
}
