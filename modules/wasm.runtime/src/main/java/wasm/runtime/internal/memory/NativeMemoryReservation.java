package wasm.runtime.internal.memory;

import wasm.backend.os.Libc;
import wasm.backend.os.Libc.NativeMemoryException;

/**
 * A range of address space reserved with {@code mmap(PROT_NONE)} and made
 * accessible page range by page range with {@code mprotect}, so the base
 * address never moves (the JIT bakes it into machine code). Calls libc through
 * wasm.backend's {@link Libc} bindings (FFM downcalls: wasm.backend needs native access).
 * Instances are also the Cleaner action that unmaps the range,
 * so they must not reference the owning {@link LinearMemory}.
 */
public final class NativeMemoryReservation implements Runnable {
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

    /** The reserved range's address, or -1 when the kernel refuses. */
    private static long mmap(long bytes) {
        try {
            return Libc.mmapAnonymous(bytes, Libc.PROT_NONE, Libc.MAP_NORESERVE);
        } catch (NativeMemoryException e) {
            return -1L;
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
            Libc.mprotect(address + offset, bytes, Libc.PROT_READ | Libc.PROT_WRITE);
            return true;
        } catch (NativeMemoryException e) {
            return false;
        }
    }

    /** Unmaps the whole range; idempotent. Runs as the Cleaner action too. */
    @Override
    public synchronized void run() {
        if (released) {
            return;
        }
        released = true;
        Libc.munmap(address, reservedBytes);
    }
}
