package wasm.runtime.internal.memory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * A range of address space reserved with {@code mmap(PROT_NONE)} and made
 * accessible page range by page range with {@code mprotect}, so the base
 * address never moves (the JIT bakes it into machine code). Calls libc through
 * FFM downcalls (restricted methods: the module needs native access, e.g.
 * {@code --enable-native-access=wasm.runtime}). Instances are also the Cleaner action that unmaps the range,
 * so they must not reference the owning {@link LinearMemory}.
 */
@SuppressWarnings("restricted")
public final class NativeMemoryReservation implements Runnable {
    private static final int PROT_NONE = 0;
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_NORESERVE = 0x4000;

    private static final MethodHandle MMAP;
    private static final MethodHandle MPROTECT;
    private static final MethodHandle MUNMAP;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MMAP = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MPROTECT = linker.downcallHandle(libc.find("mprotect").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT));
        MUNMAP = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    }

    private final long address;
    private final long reservedBytes;
    private boolean released;

    private NativeMemoryReservation(long address, long reservedBytes) {
        this.address = address;
        this.reservedBytes = reservedBytes;
    }

    /**
     * Reserves {@code bytes} of inaccessible address space. When mmap fails (address space or
     * the kernel's mapping count exhausted by memories that are unreachable but not yet
     * cleaned), asks for a GC so the Cleaner unmaps them, and retries once; then throws
     * {@link wasm.runtime.ResourceLimitException}.
     */
    public static NativeMemoryReservation reserve(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("reservation size must be positive: " + bytes);
        }
        long addr = mmap(bytes);
        if (addr == -1L) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            addr = mmap(bytes);
        }
        if (addr == -1L) {
            throw new wasm.runtime.ResourceLimitException("the host cannot reserve " + bytes
                    + " bytes of address space for a linear memory");
        }
        return new NativeMemoryReservation(addr, bytes);
    }

    private static long mmap(long bytes) {
        try {
            MemorySegment p = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, bytes, PROT_NONE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
            long addr = p.address();
            return addr == 0L ? -1L : addr;
        } catch (Throwable t) {
            throw new IllegalStateException("mmap downcall failed", t);
        }
    }

    public long address() {
        return address;
    }

    public long reservedBytes() {
        return reservedBytes;
    }

    /** Makes {@code [offset, offset+bytes)} readable and writable; false when the kernel refuses. */
    public boolean commit(long offset, long bytes) {
        if (bytes == 0) {
            return true;
        }
        if (offset < 0 || bytes < 0 || offset + bytes > reservedBytes || released) {
            return false;
        }
        try {
            int rc = (int) MPROTECT.invokeExact(MemorySegment.ofAddress(address + offset), bytes,
                    PROT_READ | PROT_WRITE);
            return rc == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("mprotect downcall failed", t);
        }
    }

    /** Unmaps the whole range; idempotent. Runs as the Cleaner action too. */
    @Override
    public synchronized void run() {
        if (released) {
            return;
        }
        released = true;
        try {
            int rc = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), reservedBytes);
            if (rc != 0) {
                throw new IllegalStateException("munmap failed");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("munmap downcall failed", t);
        }
    }
}
