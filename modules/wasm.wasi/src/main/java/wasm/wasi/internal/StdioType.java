package wasm.wasi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import wasm.backend.os.Libc;

/**
 * What a standard stream is, as the guest sees it in fd_fdstat_get and fd_filestat_get, and
 * its rights. For the process's own streams (fds 0, 1, 2) that is the host's answer, as node
 * gives it: a terminal is a character device without seek or tell (so wasi-libc's
 * {@code isatty()} says yes), a pipe or socket is a socket stream, a file is a regular file,
 * another character device (/dev/null) has every right. A stream the embedder supplies (a
 * Java InputStream or OutputStream) is reported as a pipe: it is not a terminal.
 *
 * @param filetype   the preview1 file type
 * @param base       the base rights (read or write removed by the stream's direction)
 * @param inheriting the inheriting rights
 */
record StdioType(Filetype filetype, long base, long inheriting) {
    /** A stream the embedder supplies: a pipe-like stream. */
    static StdioType embedder(boolean input) {
        return new StdioType(Filetype.SOCKET_STREAM, direction(Rights.STREAM_BASE, input), Rights.STREAM_INHERITING);
    }

    /** What the host says about its descriptor {@code fd} (0, 1 or 2); a pipe-like stream when it cannot say. */
    static StdioType ofHostFd(int fd, boolean input) {
        int mode;
        try {
            mode = ((Number) Files.getAttribute(Path.of("/proc/self/fd/" + fd), "unix:mode")).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return embedder(input);
        }
        return switch (mode & 0170000) {
            case 0100000 -> new StdioType(Filetype.REGULAR_FILE, direction(Rights.REGULAR_FILE_BASE, input),
                    Rights.REGULAR_FILE_INHERITING);
            case 0020000 -> isatty(fd)
                    ? new StdioType(Filetype.CHARACTER_DEVICE, direction(Rights.TTY_BASE, input), Rights.TTY_INHERITING)
                    : new StdioType(Filetype.CHARACTER_DEVICE, direction(Rights.CHARACTER_DEVICE_BASE, input),
                            Rights.CHARACTER_DEVICE_INHERITING);
            case 0060000 -> new StdioType(Filetype.BLOCK_DEVICE, direction(Rights.ALL, input), Rights.ALL);
            case 0040000 -> new StdioType(Filetype.DIRECTORY, direction(Rights.DIRECTORY_BASE, input),
                    Rights.DIRECTORY_INHERITING);
            default -> embedder(input); // FIFO, socket: a socket stream, as node reports them
        };
    }

    /** An input stream cannot be written, an output stream cannot be read. */
    private static long direction(long rights, boolean input) {
        return Rights.forMode(rights, input, !input);
    }

    private static boolean isatty(int fd) {
        return Libc.isatty(fd);
    }
}
