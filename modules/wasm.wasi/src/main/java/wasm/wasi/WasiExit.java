package wasm.wasi;

import wasm.core.WasmException;

/**
 * Thrown by {@code proc_exit}: unwinds the guest and carries its exit code.
 * It is not a trap: a guest calling {@code exit(3)} ended normally.
 */
public final class WasiExit extends WasmException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public WasiExit(int code) {
        super("exit with code " + code);
        this.code = code;
    }

    /** The exit status the guest passed to proc_exit (WASI's exitcode is a u32; shells see its low 8 bits). */
    public int code() {
        return code;
    }
}
