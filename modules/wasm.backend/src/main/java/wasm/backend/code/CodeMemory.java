package wasm.backend.code;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.ref.Cleaner;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.OptionalLong;

import wasm.backend.os.Libc;

/**
 * A {@link CodeImage} loaded into executable memory.
 *
 * <p>Loading follows W^X: the pages are mapped read-write, the code is copied
 * and its relocations patched, then the pages are switched to read-execute
 * with {@code mprotect}. At no moment is the memory writable and executable at
 * once, so a bug (or an attacker) that can write memory cannot plant code, and
 * code cannot modify itself. x86-64 keeps instruction caches coherent, so no
 * flush is needed after the switch.
 *
 * <p>The mapping is owned by a shared {@link Arena}: downcall handles from
 * {@link #downcall} take their target as a segment of that arena, so FFM keeps
 * the arena alive during every call. Closing while a call runs fails with
 * {@link IllegalStateException}, and calling after close throws
 * {@link IllegalStateException} instead of jumping into unmapped memory. Raw
 * addresses ({@link #addressOf}) carry no such protection: whoever stores
 * them (an instance context, a table) must keep this object open.
 *
 * <p>{@link #close()} unmaps; a {@link Cleaner} unmaps as a backstop if the
 * object becomes unreachable without being closed. Keep the CodeMemory
 * reachable as long as its handles are used.
 */
// Restricted FFM methods (reinterpret, downcallHandle) are this class's purpose; the
// module needs --enable-native-access=wasm.backend at run time.
@SuppressWarnings("restricted")
public final class CodeMemory implements AutoCloseable {
    /** One cleaner thread for all code memories (a shared service, not mutable state). */
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Linker LINKER = Linker.nativeLinker();

    private final CodeImage image;
    private final Arena arena;
    private final MemorySegment code;
    private final long mappedSize;
    private final Cleaner.Cleanable cleanable;

    private CodeMemory(CodeImage image, Arena arena, MemorySegment code, long mappedSize) {
        this.image = image;
        this.arena = arena;
        this.code = code;
        this.mappedSize = mappedSize;
        this.cleanable = CLEANER.register(this, new ArenaCloser(arena));
    }

    /** Closes the arena (which unmaps); must not capture the CodeMemory itself. */
    private record ArenaCloser(Arena arena) implements Runnable {
        @Override
        public void run() {
            if (arena.scope().isAlive()) {
                arena.close();
            }
        }
    }

    /** Loads an image whose relocations all target functions of the image itself. */
    public static CodeMemory load(CodeImage image) {
        return load(image, SymbolResolver.none());
    }

    /**
     * Maps memory, copies {@code image}, patches its relocations (targets the
     * image defines first, then {@code externals}), and makes it read-execute.
     *
     * @throws IllegalArgumentException if a relocation target is unknown or a
     *                                  PC-relative field cannot reach it
     */
    public static CodeMemory load(CodeImage image, SymbolResolver externals) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(externals, "externals");
        long page = Libc.pageSize();
        long mappedSize = Math.max(page, (image.size() + page - 1) / page * page);
        long base = Libc.mmapAnonymous(mappedSize, Libc.PROT_READ | Libc.PROT_WRITE);
        boolean done = false;
        try {
            // copied straight from the image's array, then patched in place (the mapping is still
            // writable): no copy of the image on the Java heap, which for a code cache's megabytes
            // cost as much as the mapping's own page faults
            MemorySegment writable = MemorySegment.ofAddress(base).reinterpret(mappedSize);
            byte[] bytes = image.codeUnsafe();
            MemorySegment.copy(bytes, 0, writable, ValueLayout.JAVA_BYTE, 0, bytes.length);
            for (Relocation r : image.relocations()) {
                patch(writable, base, r, resolve(image, base, r.target(), externals));
            }
            Libc.mprotect(base, mappedSize, Libc.PROT_READ | Libc.PROT_EXEC);
            Arena arena = Arena.ofShared();
            MemorySegment code = MemorySegment.ofAddress(base)
                    .reinterpret(mappedSize, arena, s -> Libc.munmap(base, mappedSize))
                    .asReadOnly();
            done = true;
            return new CodeMemory(image.layout(), arena, code, mappedSize);
        } finally {
            if (!done) {
                Libc.munmap(base, mappedSize);
            }
        }
    }

    private static long resolve(CodeImage image, long base, RelocationTarget target, SymbolResolver externals) {
        Integer offset = image.definitions().get(target);
        if (offset != null) {
            return base + offset;
        }
        OptionalLong address = externals.addressOf(target);
        if (address.isEmpty()) {
            throw new IllegalArgumentException("unresolved relocation target " + target);
        }
        return address.getAsLong();
    }

    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static void patch(MemorySegment code, long base, Relocation r, long targetAddress) {
        switch (r.kind()) {
            case ABS64 -> code.set(LE_LONG, r.offset(), targetAddress + r.addend());
            case PC_REL32 -> {
                long v = targetAddress + r.addend() - (base + r.offset());
                if (v != (int) v) {
                    throw new IllegalArgumentException("PC-relative relocation at offset 0x"
                            + Integer.toHexString(r.offset()) + " cannot reach " + r.target());
                }
                code.set(LE_INT, r.offset(), (int) v);
            }
        }
    }

    /** The layout of the image this memory holds (offsets, trap sites, relocations; the bytes are in the mapping). */
    public CodeImage image() {
        return image;
    }

    /** The start address of the mapping (= image offset 0). */
    public long baseAddress() {
        return code.address();
    }

    /** Bytes mapped (the image size rounded up to whole pages). */
    public long mappedSize() {
        return mappedSize;
    }

    /** Whether {@link #close()} has run (or the cleaner did). */
    public boolean isClosed() {
        return !arena.scope().isAlive();
    }

    /** A read-only view of the loaded code; invalid after close. */
    public MemorySegment segment() {
        return code;
    }

    /** The raw address of a defined target. Valid only while this memory is open. */
    public long addressOf(RelocationTarget target) {
        return baseAddress() + image.offsetOf(target);
    }

    /**
     * A method handle calling the function {@code target} of this image with the
     * platform C calling convention described by {@code descriptor}. Calls after
     * {@link #close()} throw {@link IllegalStateException}.
     */
    public MethodHandle downcall(RelocationTarget target, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment entry = code.asSlice(image.offsetOf(target), 0);
        MethodHandle byAddress = LINKER.downcallHandle(descriptor, options);
        return MethodHandles.insertArguments(byAddress, 0, entry);
    }

    /**
     * A method handle calling native code at a raw {@code address}. Nothing keeps
     * the code alive: calling after it is unmapped crashes the process. Prefer
     * {@link #downcall(RelocationTarget, FunctionDescriptor, Linker.Option...)}.
     */
    public static MethodHandle downcallAt(long address, FunctionDescriptor descriptor, Linker.Option... options) {
        if (address == 0) {
            throw new IllegalArgumentException("null function address");
        }
        return LINKER.downcallHandle(MemorySegment.ofAddress(address), descriptor, options);
    }

    /** Unmaps the code. Idempotent. Fails if a downcall into this code is running. */
    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) {
            arena.close(); // throws if a call is running; the cleaner stays registered
        }
        cleanable.clean();
    }
}
