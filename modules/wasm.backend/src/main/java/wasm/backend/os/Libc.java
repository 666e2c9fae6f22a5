package wasm.backend.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import wasm.backend.code.CodeBuffer;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Size;
import wasm.backend.x64.X64Assembler;

/**
 * The system calls wasmoon needs (Linux x86-64). The back end maps code memory through them;
 * the runtime reserves linear memories and the function directory; WASI opens its sandbox
 * roots and pins directories with openat2, and asks whether a standard stream is a terminal (a
 * qualified export to wasm.runtime and wasm.wasi).
 *
 * <p>They go to the kernel through a stub of our own, {@code syscall}: the kernel answers
 * {@code -errno} on failure, so no errno needs capturing. The stub is made on the first call,
 * in a page mapped with the C library's mmap and mprotect; all three are called through the one
 * {@link DowncallShape}, whose stub class the JIT's entry trampolines share. (libc's variadic
 * {@code syscall(2)} with errno captured was a shape of its own, 22 ms more of class spinning
 * at every JIT run's start.) strerror, needed only for a failure's message, has its own handle,
 * made on first use.
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
    /** The kernel's failures are -4095..-1 (include/linux/err.h, MAX_ERRNO). */
    private static final long MAX_ERRNO = 4095;

    /** strerror(3), made on the first failure that needs a message. */
    private static final class Strerror {
        static final MethodHandle H = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().findOrThrow("strerror"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    /** The system-call stub's handle, null until the first call makes it. */
    private static volatile MethodHandle syscallStub;
    /** The stub's page, 0 until made (for tests: its mapping must be r-x). */
    private static volatile long syscallStubPage;

    private Libc() {}

    /**
     * The kernel's answer to system call {@code nr} with up to five arguments (the sixth is 0):
     * a result, or {@code -errno}. Pointer arguments are addresses of segments the caller keeps
     * alive across the call.
     */
    private static long syscall(long nr, long a1, long a2, long a3, long a4, long a5) {
        MethodHandle stub = syscallStub;
        if (stub == null) {
            stub = makeSyscallStub();
        }
        try {
            return (long) stub.invokeExact(nr, a1, a2, a3, a4, a5);
        } catch (Throwable t) {
            throw new AssertionError("system call " + nr + ": the downcall failed", t);
        }
    }

    /** The system-call stub's page, made by the first system call if none was made before. */
    static long syscallStubPage() {
        if (syscallStubPage == 0) {
            makeSyscallStub();
        }
        return syscallStubPage;
    }

    /** Whether a system call's answer is {@code -errno}. */
    private static boolean failed(long answer) {
        return answer < 0 && answer >= -MAX_ERRNO;
    }

    /**
     * The stub moves the System V arguments (nr, a1..a5 in rdi, rsi, rdx, rcx, r8, r9) to the
     * kernel's registers (rax; rdi, rsi, rdx, r10, r8, r9) and returns the kernel's rax. The
     * system call clobbers rcx and r11, which the C convention lets a callee clobber anyway.
     */
    private static byte[] syscallStubCode() {
        X64Assembler a = new X64Assembler(new CodeBuffer(32));
        a.mov(Size.QWORD, Gpr.RAX, Gpr.RDI);
        a.mov(Size.QWORD, Gpr.RDI, Gpr.RSI);
        a.mov(Size.QWORD, Gpr.RSI, Gpr.RDX);
        a.mov(Size.QWORD, Gpr.RDX, Gpr.RCX);
        a.mov(Size.QWORD, Gpr.R10, Gpr.R8);
        a.mov(Size.QWORD, Gpr.R8, Gpr.R9);
        a.xor(Size.DWORD, Gpr.R9, Gpr.R9);
        a.syscall();
        a.ret();
        return a.buffer().finish().code();
    }

    /**
     * Maps the stub's page (writable, then executable and never writable again: W^X) with the
     * C library's mmap and mprotect. Their failure has no errno to report: the JVM may overwrite
     * errno between two downcalls, which is why every later call avoids the C library.
     */
    private static synchronized MethodHandle makeSyscallStub() {
        if (syscallStub != null) {
            return syscallStub;
        }
        Linker linker = Linker.nativeLinker();
        MethodHandle mmap = DowncallShape.at(linker.defaultLookup().findOrThrow("mmap"));
        MethodHandle mprotect = DowncallShape.at(linker.defaultLookup().findOrThrow("mprotect"));
        byte[] code = syscallStubCode();
        long page;
        int rc;
        try {
            page = (long) mmap.invokeExact(0L, PAGE_SIZE, (long) (PROT_READ | PROT_WRITE),
                    (long) (MAP_PRIVATE | MAP_ANONYMOUS), -1L, 0L);
            if (page == -1L) {
                throw new NativeMemoryException("mmap", PAGE_SIZE, 0);
            }
            MemorySegment.ofAddress(page).reinterpret(PAGE_SIZE).copyFrom(MemorySegment.ofArray(code));
            rc = (int) (long) mprotect.invokeExact(page, PAGE_SIZE, (long) (PROT_READ | PROT_EXEC), 0L, 0L, 0L);
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("the system-call stub's downcall failed", t);
        }
        if (rc != 0) {
            throw new NativeMemoryException("mprotect", PAGE_SIZE, 0);
        }
        MethodHandle stub = DowncallShape.at(MemorySegment.ofAddress(page));
        syscallStubPage = page;
        syscallStub = stub;
        return stub;
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
        long address = syscall(SYS_MMAP, 0L, length, prot, MAP_PRIVATE | MAP_ANONYMOUS | extraFlags, -1L);
        if (failed(address)) {
            throw new NativeMemoryException("mmap", length, (int) -address);
        }
        return address;
    }

    /**
     * Changes the protection of {@code [address, address+length)}.
     *
     * @throws NativeMemoryException when the kernel refuses, with errno's text
     */
    public static void mprotect(long address, long length, int prot) {
        long rc = syscall(SYS_MPROTECT, address, length, prot, 0L, 0L);
        if (rc != 0) {
            throw new NativeMemoryException("mprotect", length, (int) -rc);
        }
    }

    /**
     * Unmaps {@code [address, address+length)}.
     *
     * @throws NativeMemoryException when the kernel refuses, with errno's text
     */
    public static void munmap(long address, long length) {
        long rc = syscall(SYS_MUNMAP, address, length, 0L, 0L, 0L);
        if (rc != 0) {
            throw new NativeMemoryException("munmap", length, (int) -rc);
        }
    }

    /** open(2) of {@code path} with {@code flags} (no mode): the descriptor, or minus errno. */
    public static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) syscall(SYS_OPEN, arena.allocateFrom(path).address(), flags, 0L, 0L, 0L);
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
            return (int) syscall(SYS_OPENAT2, dirfd, arena.allocateFrom(path).address(), how.address(), 24L, 0L);
        }
    }

    /** close(2); its result (0, or -errno) is not needed by any caller. */
    public static void close(int fd) {
        long ignored = syscall(SYS_CLOSE, fd, 0L, 0L, 0L, 0L);
    }

    /** isatty(3): whether {@code fd} is a terminal, asked as libc does (the TCGETS ioctl succeeds). */
    public static boolean isatty(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment termios = arena.allocate(TERMIOS_BYTES, 8);
            return syscall(SYS_IOCTL, fd, TCGETS, termios.address(), 0L, 0L) == 0;
        }
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
            if (errno == 0) { // the C library's call that maps the system-call stub: no errno kept
                return call + " of " + length + " bytes for the system-call stub failed";
            }
            return call + " of " + length + " bytes failed: " + strerror(errno) + " (errno " + errno + ")";
        }
    }
}
