package wasm.wasi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
        Map<String, Object> a;
        try {
            a = Files.readAttributes(Path.of("/proc/self/fd/" + fd), "unix:mode,rdev");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return embedder(input);
        }
        if (!(a.get("mode") instanceof Integer mode) || !(a.get("rdev") instanceof Long rdev)) {
            return embedder(input);
        }
        return switch (mode & 0170000) {
            case 0100000 -> new StdioType(Filetype.REGULAR_FILE, direction(Rights.REGULAR_FILE_BASE, input),
                    Rights.REGULAR_FILE_INHERITING);
            case 0020000 -> isatty(fd, rdev)
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

    /**
     * Whether host descriptor {@code fd}, a character device numbered {@code rdev}, is a terminal,
     * as isatty() answers: its TCGETS ioctl succeeds exactly on the devices of a tty driver, and the
     * kernel lists every tty driver with its device numbers in /proc/tty/drivers. Answered from that
     * list when the kernel has it, without a native call: the first FFM stub of a process costs tens
     * of milliseconds, which a program the interpreter runs (or the JIT, before its set-up is ready)
     * should not wait for at start-up. Without the list, the ioctl answers.
     */
    static boolean isatty(int fd, long rdev) {
        TtyDevices ttys = TtyDevices.KERNEL;
        return ttys != null ? ttys.contains(rdev) : Libc.isatty(fd);
    }

    /** The device numbers of the kernel's tty drivers: per driver a major and a range of minors. */
    static final class TtyDevices {
        /** This kernel's, or null when /proc/tty/drivers cannot be read or parsed. */
        static final TtyDevices KERNEL = read(Path.of("/proc/tty/drivers"));

        /** Per driver: major, first minor, last minor. */
        private final long[] ranges;

        private TtyDevices(long[] ranges) {
            this.ranges = ranges;
        }

        static TtyDevices read(Path drivers) {
            try {
                // bytes, not readAllLines, and no regex: the reader, the charset decoder and the
                // regex engine are classes a run does not otherwise load (milliseconds at
                // start-up); the file is ASCII
                return parse(List.of(new String(Files.readAllBytes(drivers), StandardCharsets.ISO_8859_1).split("\n")));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /**
         * Lines as /proc/tty/drivers has them: name, device path, major, minor or first-last minors,
         * type ({@code pty_slave /dev/pts 136 0-1048575 pty:slave}).
         *
         * @throws IllegalArgumentException for a line of another shape
         */
        static TtyDevices parse(List<String> lines) {
            long[] ranges = new long[3 * lines.size()];
            int n = 0;
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = fields(line);
                if (f.length < 5) {
                    throw new IllegalArgumentException("not a tty driver line: " + line);
                }
                int dash = f[3].indexOf('-');
                ranges[n++] = Long.parseLong(f[2]);
                ranges[n++] = Long.parseLong(dash < 0 ? f[3] : f[3].substring(0, dash));
                ranges[n++] = Long.parseLong(dash < 0 ? f[3] : f[3].substring(dash + 1));
            }
            return new TtyDevices(Arrays.copyOf(ranges, n));
        }

        /**
         * The fields of a line, separated by spaces or tabs: what {@code split("\\s+")} gives,
         * without the regex engine, whose classes a run otherwise does not load.
         */
        static String[] fields(String line) {
            List<String> fields = new java.util.ArrayList<>();
            int i = 0;
            int n = line.length();
            while (i < n) {
                while (i < n && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    fields.add(line.substring(start, i));
                }
            }
            return fields.toArray(String[]::new);
        }

        /** Whether device {@code rdev} (a Linux dev_t: major and minor split over its bits) is one of them. */
        boolean contains(long rdev) {
            long major = (rdev >>> 8 & 0xfff) | (rdev >>> 32 & ~0xfffL);
            long minor = (rdev & 0xff) | (rdev >>> 12 & ~0xffL);
            for (int i = 0; i < ranges.length; i += 3) {
                if (ranges[i] == major && ranges[i + 1] <= minor && minor <= ranges[i + 2]) {
                    return true;
                }
            }
            return false;
        }
    }
}
