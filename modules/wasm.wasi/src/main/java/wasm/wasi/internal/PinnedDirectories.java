package wasm.wasi.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import wasm.backend.os.Libc;

/**
 * Host directories pinned by descriptor, so that a path resolved inside a {@link Sandbox}
 * cannot be redirected between its resolution and its use (another process, or another
 * guest sharing the directory, swapping a directory for a symlink to the outside): the
 * directory holding the final entry is opened with Linux's {@code openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_SYMLINKS)} relative to the sandbox root's own descriptor, which fails if any
 * component is (now) a symlink or leaves the root, and the operation then goes through
 * {@code /proc/self/fd/N/NAME}, which the kernel resolves through that descriptor without
 * walking the path again. The descriptors a guest call pinned are closed when it returns.
 * Not thread-safe (one per WASI instance, like the guest).
 */
final class PinnedDirectories implements AutoCloseable {
    private static final int O_DIRECTORY = 0200000;
    private static final int O_NOFOLLOW = 0400000;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_PATH = 010000000;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_NO_SYMLINKS = 0x04;
    private static final long RESOLVE_BENEATH = 0x08;
    private static final int EXDEV = 18;
    private static final int ELOOP = 40;
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;
    private static final int EACCES = 13;

    private final List<Integer> pinned = new ArrayList<>();

    /** An {@code O_PATH} descriptor of a sandbox root (the embedder's choice: trusted). */
    static int openRoot(Path root) {
        int fd = Libc.open(root.toString(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            throw new ErrnoException(Errno.NOENT);
        }
        return fd;
    }

    /**
     * Pins the directory {@code components} below the root descriptor {@code rootFd} for the
     * rest of the current call and returns the path to use for {@code name} inside it.
     */
    Path entry(int rootFd, List<String> components, String name) {
        int fd = Libc.openat2(rootFd, String.join("/", components), O_PATH | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW, 0L,
                RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
        if (fd < 0) {
            throw new ErrnoException(switch (-fd) {
                // A component turned into a symlink, or the walk left the root: a race lost by the attacker.
                case EXDEV, ELOOP -> Errno.NOTCAPABLE;
                case ENOENT -> Errno.NOENT;
                case ENOTDIR -> Errno.NOTDIR;
                case EACCES -> Errno.ACCES;
                default -> Errno.IO;
            });
        }
        pinned.add(fd);
        return Path.of("/proc/self/fd/" + fd, name);
    }

    /** Closes what the current call pinned. */
    @Override
    public void close() {
        for (int fd : pinned) {
            closeFd(fd);
        }
        pinned.clear();
    }

    static void closeFd(int fd) {
        Libc.close(fd);
    }
}
