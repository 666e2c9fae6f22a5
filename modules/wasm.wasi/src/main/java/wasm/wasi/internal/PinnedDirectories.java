package wasm.wasi.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    private static final int SYS_OPENAT2 = 437;
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

    private static final MethodHandle SYSCALL;
    private static final MethodHandle OPEN;
    private static final MethodHandle CLOSE;
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        SYSCALL = linker.downcallHandle(libc.find("syscall").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                Linker.Option.firstVariadicArg(1), errno);
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno);
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private final List<Integer> pinned = new ArrayList<>();

    /** An {@code O_PATH} descriptor of a sandbox root (the embedder's choice: trusted). */
    @SuppressWarnings("restricted")
    static int openRoot(Path root) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(root.toString()),
                    O_PATH | O_DIRECTORY | O_CLOEXEC);
            if (fd < 0) {
                throw new ErrnoException(Errno.NOENT);
            }
            return fd;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("open downcall failed", t);
        }
    }

    /**
     * Pins the directory {@code components} below the root descriptor {@code rootFd} for the
     * rest of the current call and returns the path to use for {@code name} inside it.
     */
    @SuppressWarnings("restricted")
    Path entry(int rootFd, List<String> components, String name) {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment how = arena.allocate(24, 8);
            how.set(ValueLayout.JAVA_LONG, 0, O_PATH | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
            how.set(ValueLayout.JAVA_LONG, 8, 0L);
            how.set(ValueLayout.JAVA_LONG, 16, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
            MemorySegment state = arena.allocate(CAPTURE);
            long r = (long) SYSCALL.invokeExact(state, (long) SYS_OPENAT2, (long) rootFd,
                    arena.allocateFrom(String.join("/", components)), how, 24L);
            if (r < 0) {
                int errno = (int) ERRNO.get(state, 0L);
                throw new ErrnoException(switch (errno) {
                    // A component turned into a symlink, or the walk left the root: a race lost by the attacker.
                    case EXDEV, ELOOP -> Errno.NOTCAPABLE;
                    case ENOENT -> Errno.NOENT;
                    case ENOTDIR -> Errno.NOTDIR;
                    case EACCES -> Errno.ACCES;
                    default -> Errno.IO;
                });
            }
            fd = (int) r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("openat2 downcall failed", t);
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

    @SuppressWarnings("restricted")
    static void closeFd(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close downcall failed", t);
        }
    }
}
