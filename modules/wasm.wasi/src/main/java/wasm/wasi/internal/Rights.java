package wasm.wasi.internal;

/**
 * WASI preview1 {@code rights} bits, and the rights each kind of descriptor can hold. They are
 * enforced as node's WASI (uvwasi) enforces them: every fd operation needs its right in the
 * descriptor's base rights (else {@link Errno#NOTCAPABLE}), path_open needs PATH_OPEN (plus
 * PATH_CREATE_FILE for O_CREAT, PATH_FILESTAT_SET_SIZE for O_TRUNC) and may only ask for
 * rights within the directory's inheriting rights, and a new descriptor gets what it asked
 * for within what its file type and open mode allow (a directory never has FD_READ, so
 * reading one answers NOTCAPABLE, as in node).
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
    public static final long PATH_CREATE_DIRECTORY = 1L << 9;
    public static final long PATH_CREATE_FILE = 1L << 10;
    public static final long PATH_LINK_SOURCE = 1L << 11;
    public static final long PATH_LINK_TARGET = 1L << 12;
    public static final long PATH_OPEN = 1L << 13;
    public static final long FD_READDIR = 1L << 14;
    public static final long PATH_READLINK = 1L << 15;
    public static final long PATH_RENAME_SOURCE = 1L << 16;
    public static final long PATH_RENAME_TARGET = 1L << 17;
    public static final long PATH_FILESTAT_GET = 1L << 18;
    public static final long PATH_FILESTAT_SET_SIZE = 1L << 19;
    public static final long PATH_FILESTAT_SET_TIMES = 1L << 20;
    public static final long FD_FILESTAT_GET = 1L << 21;
    public static final long FD_FILESTAT_SET_SIZE = 1L << 22;
    public static final long FD_FILESTAT_SET_TIMES = 1L << 23;
    public static final long PATH_SYMLINK = 1L << 24;
    public static final long PATH_REMOVE_DIRECTORY = 1L << 25;
    public static final long PATH_UNLINK_FILE = 1L << 26;
    public static final long POLL_FD_READWRITE = 1L << 27;
    public static final long SOCK_SHUTDOWN = 1L << 28;
    public static final long SOCK_ACCEPT = 1L << 29;
    /** Every right preview1 defines (bits 0..29). */
    public static final long ALL = (1L << 30) - 1;

    /** What a regular file can do. */
    public static final long REGULAR_FILE_BASE = FD_DATASYNC | FD_READ | FD_SEEK | FD_FDSTAT_SET_FLAGS | FD_SYNC
            | FD_TELL | FD_WRITE | FD_ADVISE | FD_ALLOCATE | FD_FILESTAT_GET | FD_FILESTAT_SET_SIZE
            | FD_FILESTAT_SET_TIMES | POLL_FD_READWRITE;
    public static final long REGULAR_FILE_INHERITING = 0;
    /** What a directory can do: paths below it, its listing, its own metadata; never read or write. */
    public static final long DIRECTORY_BASE = FD_FDSTAT_SET_FLAGS | FD_SYNC | FD_ADVISE | PATH_CREATE_DIRECTORY
            | PATH_CREATE_FILE | PATH_LINK_SOURCE | PATH_LINK_TARGET | PATH_OPEN | FD_READDIR | PATH_READLINK
            | PATH_RENAME_SOURCE | PATH_RENAME_TARGET | PATH_FILESTAT_GET | PATH_FILESTAT_SET_SIZE
            | PATH_FILESTAT_SET_TIMES | FD_FILESTAT_GET | FD_FILESTAT_SET_TIMES | PATH_SYMLINK | PATH_UNLINK_FILE
            | PATH_REMOVE_DIRECTORY | POLL_FD_READWRITE;
    /** What may be opened below a directory: more directories and regular files. */
    public static final long DIRECTORY_INHERITING = DIRECTORY_BASE | REGULAR_FILE_BASE;
    /** A terminal: no seek or tell, which is how wasi-libc's isatty() recognises one. */
    public static final long TTY_BASE = FD_READ | FD_FDSTAT_SET_FLAGS | FD_WRITE | FD_FILESTAT_GET | POLL_FD_READWRITE;
    public static final long TTY_INHERITING = 0;
    /** A pipe or a socket (preview1 calls both a socket stream). */
    public static final long STREAM_BASE = FD_READ | FD_FDSTAT_SET_FLAGS | FD_WRITE | FD_FILESTAT_GET
            | POLL_FD_READWRITE;
    public static final long STREAM_INHERITING = ALL;
    /** A character device that is not a terminal (/dev/null): everything, seek included. */
    public static final long CHARACTER_DEVICE_BASE = ALL;
    public static final long CHARACTER_DEVICE_INHERITING = ALL;

    /** The rights that reading needs, and those that writing needs, for open-mode masking. */
    static final long READING = FD_READ | FD_READDIR;
    static final long WRITING = FD_DATASYNC | FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE;

    private Rights() {
    }

    /** {@code base} without the rights an open mode excludes: no write rights read-only, no read rights write-only. */
    static long forMode(long base, boolean readable, boolean writable) {
        long r = base;
        if (!writable) {
            r &= ~FD_WRITE;
        }
        if (!readable) {
            r &= ~FD_READ;
        }
        return r;
    }

    /**
     * The base rights {@code f} needs on the descriptor in its first argument (0 for functions
     * that check nothing there, or check elsewhere: path_open, path_link, path_rename,
     * path_symlink).
     */
    static long required(WasiFunction f) {
        return switch (f) {
            case FD_ADVISE -> FD_ADVISE;
            case FD_ALLOCATE -> FD_ALLOCATE;
            case FD_DATASYNC -> FD_DATASYNC;
            case FD_SYNC -> FD_SYNC;
            case FD_FDSTAT_SET_FLAGS -> FD_FDSTAT_SET_FLAGS;
            case FD_FILESTAT_GET -> FD_FILESTAT_GET;
            case FD_FILESTAT_SET_SIZE -> FD_FILESTAT_SET_SIZE;
            case FD_FILESTAT_SET_TIMES -> FD_FILESTAT_SET_TIMES;
            case FD_PREAD -> FD_READ | FD_SEEK;
            case FD_READ -> FD_READ;
            case FD_PWRITE -> FD_WRITE | FD_SEEK;
            case FD_WRITE -> FD_WRITE;
            case FD_READDIR -> FD_READDIR;
            case FD_SEEK -> FD_SEEK;
            case FD_TELL -> FD_TELL;
            case PATH_CREATE_DIRECTORY -> PATH_CREATE_DIRECTORY;
            case PATH_FILESTAT_GET -> PATH_FILESTAT_GET;
            case PATH_FILESTAT_SET_TIMES -> PATH_FILESTAT_SET_TIMES;
            case PATH_READLINK -> PATH_READLINK;
            case PATH_REMOVE_DIRECTORY -> PATH_REMOVE_DIRECTORY;
            case PATH_UNLINK_FILE -> PATH_UNLINK_FILE;
            default -> 0;
        };
    }
}
