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
 * captured so failures can say why. The back end maps code memory through them;
 * the runtime reserves linear memories and the function directory; WASI opens its
 * sandbox roots and pins directories with openat2, and asks whether a standard
 * stream is a terminal (a qualified export to wasm.runtime and wasm.wasi).
 *
 * <p>Every system call goes through one downcall handle, libc's {@code syscall(2)}
 * with six long arguments: the JDK makes a downcall stub per function descriptor
 * (spinning classes for milliseconds each, the largest part of a short run's
 * start-up), and one shape serves mmap, mprotect, munmap, open, close, openat2
 * and the ioctl behind isatty alike. strerror, needed only on failure, has its own
 * handle, made on first use.
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

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("syscall"),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);
    // System call numbers of x86-64 Linux (arch/x86/entry/syscalls/syscall_64.tbl).
    private static final long SYS_OPEN = 2;
    private static final long SYS_CLOSE = 3;
    private static final long SYS_MMAP = 9;
    private static final long SYS_MPROTECT = 10;
    private static final long SYS_MUNMAP = 11;
    private static final long SYS_IOCTL = 16;
    private static final long SYS_OPENAT2 = 437;
    private static final long TCGETS = 0x5401;
    /** The kernel's struct termios (TCGETS fills 36 bytes), rounded up. */
    private static final long TERMIOS_BYTES = 64;
    /** x86-64 Linux has one base page size; huge pages are opt-in and never our mappings'. */
    private static final long PAGE_SIZE = 4096;

    /** strerror(3), made on the first failure that needs a message. */
    private static final class Strerror {
        static final MethodHandle H = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("strerror"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private Libc() {}

    /**
     * syscall(2): the kernel's result, or -1 with errno in {@code state}. Pointer arguments are
     * passed as addresses of segments the caller keeps alive across the call.
     */
    private static long syscall(MemorySegment state, long nr, long a1, long a2, long a3, long a4, long a5,
            long a6) throws Throwable {
        return (long) SYSCALL.invokeExact(state, nr, a1, a2, a3, a4, a5, a6);
    }

    /** The system page size. */
    public static long pageSize() {
        return PAGE_SIZE;
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
            long address = syscall(state, SYS_MMAP, 0L, length, prot, MAP_PRIVATE | MAP_ANONYMOUS | extraFlags,
                    -1L, 0L);
            if (address == -1L) {
                throw new NativeMemoryException("mmap", length, errno(state));
            }
            return address;
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
            long rc = syscall(state, SYS_MPROTECT, address, length, prot, 0L, 0L, 0L);
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
            long rc = syscall(state, SYS_MUNMAP, address, length, 0L, 0L, 0L, 0L);
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
            long fd = syscall(state, SYS_OPEN, arena.allocateFrom(path).address(), flags, 0L, 0L, 0L, 0L);
            return fd < 0 ? -errno(state) : (int) fd;
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
            long r = syscall(state, SYS_OPENAT2, dirfd, arena.allocateFrom(path).address(), how.address(), 24L, 0L,
                    0L);
            return r < 0 ? -errno(state) : (int) r;
        } catch (Throwable t) {
            throw new AssertionError("openat2 downcall failed", t);
        }
    }

    /** close(2); its result (0, or -1 with errno set) is not needed by any caller. */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            long ignored = syscall(arena.allocate(CAPTURE_LAYOUT), SYS_CLOSE, fd, 0L, 0L, 0L, 0L, 0L);
        } catch (Throwable t) {
            throw new AssertionError("close downcall failed", t);
        }
    }

    /** isatty(3): whether {@code fd} is a terminal, asked as libc does (the TCGETS ioctl succeeds). */
    public static boolean isatty(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment termios = arena.allocate(TERMIOS_BYTES, 8);
            return syscall(arena.allocate(CAPTURE_LAYOUT), SYS_IOCTL, fd, TCGETS, termios.address(), 0L, 0L, 0L) == 0;
        } catch (Throwable t) {
            throw new AssertionError("isatty downcall failed", t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Strerror.H.invokeExact(errno);
            return s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /**
     * A failed memory-mapping call, with errno's text. The text is made when the message is asked
     * for, not when the exception is: a caller that only needs to know the call failed (a linear
     * memory's commit, which makes memory.grow answer -1) must not make strerror's downcall handle
     * then, which spins classes, possibly under the very memory limit that refused the call (a
     * lowered RLIMIT_DATA failed HotSpot's metaspace commit: MemoryCommitFailureTest's child JVM
     * crashed).
     */
    public static final class NativeMemoryException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String call;
        private final long length;
        private final int errno;

        NativeMemoryException(String call, long length, int errno) {
            this.call = call;
            this.length = length;
            this.errno = errno;
        }

        @Override
        public String getMessage() {
            return call + " of " + length + " bytes failed: " + strerror(errno) + " (errno " + errno + ")";
        }
    }
}
