package wasm.wasi.internal;

/**
 * Unwinds a WASI call to its dispatcher, which returns {@link #errno()} to the
 * guest. Never escapes to the embedder; it carries no stack trace because it is
 * ordinary control flow (a guest asking for a missing file is not exceptional).
 */
public final class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Errno errno;

    public ErrnoException(Errno errno) {
        super(errno.name(), null, false, false);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
