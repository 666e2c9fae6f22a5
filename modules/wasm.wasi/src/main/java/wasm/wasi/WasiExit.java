package wasm.wasi;

import wasm.core.WasmException;

/**
 * Thrown by {@code proc_exit}: unwinds the guest and carries its exit code.
 * It is not a trap: a guest calling {@code exit(3)} ended normally.
 */
public final class WasiExit extends WasmException {
    private static final long serialVersionUID = 1L;

    /** The guest's exit status. */
    private final int code;

    /**
     * An exit with status {@code code}.
     *
     * @param code the status as the guest passed it (a u32 read as an int)
     */
    public WasiExit(int code) {
        super(null);
        this.code = code;
    }

    /**
     * "exit with code N", made when asked for: every program that calls exit() throws this, and
     * a string concatenation's first run costs milliseconds of class generation (an
     * invokedynamic bootstrap), which nothing but a log line needs.
     */
    @Override
    public String getMessage() {
        return "exit with code " + code;
    }

    /**
     * The exit status the guest passed to proc_exit (WASI's exitcode is a u32; shells see its low 8 bits).
     *
     * @return the status
     */
    public int code() {
        return code;
    }
}
