package wasm.runtime.wasi.internal;

/**
 * WASI preview1 {@code rights} bits. wasmoon records the rights a guest asks
 * for (fd_fdstat_get reports them back, and wasi-libc derives the rights of a
 * new file from its directory's inheriting rights) but does not enforce them:
 * the sandbox is the preopen boundary, and read/write intent is enforced by the
 * host channel's open mode.
 */
public final class Rights {
    public static final long FD_DATASYNC = 1L << 0;
    public static final long FD_READ = 1L << 1;
    public static final long FD_SEEK = 1L << 2;
    public static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
    public static final long FD_SYNC = 1L << 4;
    public static final long FD_TELL = 1L << 5;
    public static final long FD_WRITE = 1L << 6;
    public static final long FD_ADVISE = 1L << 7;
    public static final long FD_ALLOCATE = 1L << 8;
    public static final long FD_READDIR = 1L << 14;
    public static final long FD_FILESTAT_GET = 1L << 21;
    public static final long FD_FILESTAT_SET_SIZE = 1L << 22;
    public static final long FD_FILESTAT_SET_TIMES = 1L << 23;
    public static final long POLL_FD_READWRITE = 1L << 27;
    /** Every right preview1 defines (bits 0..29). */
    public static final long ALL = (1L << 30) - 1;

    /** What the standard streams carry: no seek/tell, so wasi-libc's isatty() sees a terminal-like stream. */
    public static final long STDIN = FD_READ | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
    public static final long STDOUT = FD_WRITE | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE
            | FD_DATASYNC | FD_SYNC;

    private Rights() {
    }
}
