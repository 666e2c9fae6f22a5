package wasm.backend.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls wasmoon needs (Linux x86-64), as FFM downcalls, with errno
 * captured so failures can say why. The handles are immutable constants. The
 * back end maps code memory through them; the runtime reserves linear memories
 * and the function directory; WASI opens its sandbox roots and pins directories
 * with openat2, and asks whether a standard stream is a terminal (a qualified
 * export to wasm.runtime and wasm.wasi).
 */
// Binding libc is restricted FFM use by nature.
@SuppressWarnings("restricted")
public final class Libc {
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    /** No swap reserved for the mapping: address space for memories that may never be touched. */
    public static final int MAP_NORESERVE = 0x4000;
    private static final int SC_PAGESIZE = 30;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle MMAP = downcall("mmap", FunctionDescriptor.of(ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle MPROTECT = downcall("mprotect", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle MUNMAP = downcall("munmap", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle SYSCONF = downcall("sysconf",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERROR = downcall("strerror",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle ISATTY = downcall("isatty",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    /** syscall(2) with the number and three more arguments (openat2: dirfd, path, how, size). */
    private static final MethodHandle SYSCALL4 = downcall("syscall",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);
    private static final long SYS_OPENAT2 = 437;

    private Libc() {}

    private static MethodHandle downcall(String name, FunctionDescriptor desc, Linker.Option... options) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), desc, options);
    }

    /** The system page size. */
    public static long pageSize() {
        try {
            return (long) SYSCONF.invokeExact(SC_PAGESIZE);
        } catch (Throwable t) {
            throw new AssertionError("sysconf failed", t);
        }
    }

    /** mmap of anonymous private memory; returns the address. */
    public static long mmapAnonymous(long length, int prot) {
        return mmapAnonymous(length, prot, 0);
    }

    /**
     * mmap of anonymous private memory with {@code extraFlags} (e.g. {@link #MAP_NORESERVE}) added;
     * returns the address.
     *
     * @throws NativeMemoryException when the kernel refuses, with errno's text
     */
    public static long mmapAnonymous(long length, int prot, int extraFlags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment result = (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, length, prot,
                    MAP_PRIVATE | MAP_ANONYMOUS | extraFlags, -1, 0L);
            if (result.address() == -1L) {
                throw new NativeMemoryException("mmap", length, errno(state));
            }
            return result.address();
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("mmap downcall failed", t);
        }
    }

    /**
     * Changes the protection of {@code [address, address+length)}.
     *
     * @throws NativeMemoryException when the kernel refuses, with errno's text
     */
    public static void mprotect(long address, long length, int prot) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int rc = (int) MPROTECT.invokeExact(state, MemorySegment.ofAddress(address), length, prot);
            if (rc != 0) {
                throw new NativeMemoryException("mprotect", length, errno(state));
            }
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("mprotect downcall failed", t);
        }
    }

    /**
     * Unmaps {@code [address, address+length)}.
     *
     * @throws NativeMemoryException when the kernel refuses, with errno's text
     */
    public static void munmap(long address, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int rc = (int) MUNMAP.invokeExact(state, MemorySegment.ofAddress(address), length);
            if (rc != 0) {
                throw new NativeMemoryException("munmap", length, errno(state));
            }
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("munmap downcall failed", t);
        }
    }

    /** open(2) of {@code path} with {@code flags} (no mode): the descriptor, or minus errno. */
    public static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags);
            return fd < 0 ? -errno(state) : fd;
        } catch (Throwable t) {
            throw new AssertionError("open downcall failed", t);
        }
    }

    /**
     * openat2(2) of {@code path} below the directory descriptor {@code dirfd} with
     * {@code struct open_how {flags, mode, resolve}}: the descriptor, or minus errno.
     */
    public static int openat2(int dirfd, String path, long flags, long mode, long resolve) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment how = arena.allocate(24, 8);
            how.set(ValueLayout.JAVA_LONG, 0, flags);
            how.set(ValueLayout.JAVA_LONG, 8, mode);
            how.set(ValueLayout.JAVA_LONG, 16, resolve);
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            long r = (long) SYSCALL4.invokeExact(state, SYS_OPENAT2, (long) dirfd, arena.allocateFrom(path), how,
                    24L);
            return r < 0 ? -errno(state) : (int) r;
        } catch (Throwable t) {
            throw new AssertionError("openat2 downcall failed", t);
        }
    }

    /** close(2); its result (0, or -1 with errno set) is not needed by any caller. */
    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new AssertionError("close downcall failed", t);
        }
    }

    /** isatty(3): whether {@code fd} is a terminal. */
    public static boolean isatty(int fd) {
        try {
            return (int) ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw new AssertionError("isatty downcall failed", t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** A failed memory-mapping call, with errno's text. */
    public static final class NativeMemoryException extends IllegalStateException {
        NativeMemoryException(String call, long length, int errno) {
            super(call + " of " + length + " bytes failed: " + strerror(errno) + " (errno " + errno + ")");
        }
    }
}
