package wasm.runtime;

import wasm.core.WasmException;

/**
 * A precompiled module or code cache file was refused: not a {@code .cwasm}, truncated, corrupt
 * (checksum), stale (another format or compiler build), compiled for another CPU, or for another
 * module. {@link #kind()} names the check ({@code TRUNCATED}, {@code CORRUPT}, {@code STALE},
 * {@code FOREIGN_CPU}, {@code NOT_CWASM}, {@code OTHER_MODULE}).
 */
public final class CodeCacheException extends WasmException {
    private static final long serialVersionUID = 1L;
    private final String kind;

    public CodeCacheException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
