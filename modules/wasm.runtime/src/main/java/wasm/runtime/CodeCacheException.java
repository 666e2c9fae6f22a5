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
    /** The check that refused the file. */
    private final String kind;

    /**
     * A refusal by the check {@code kind}.
     *
     * @param kind the check, one of the names above
     * @param message what was wrong, for a person
     */
    public CodeCacheException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * The check that refused the file.
     *
     * @return one of the names above
     */
    public String kind() {
        return kind;
    }
}
