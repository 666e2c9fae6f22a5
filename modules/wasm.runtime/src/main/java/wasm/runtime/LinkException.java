package wasm.runtime;

import wasm.core.WasmException;

/** Instantiation failed while matching imports: "unknown import" or "incompatible import type". */
public class LinkException extends WasmException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
