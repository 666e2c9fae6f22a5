package wasm.runtime.internal.jit;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;

import wasm.backend.CpuFeatures;
import wasm.backend.os.DowncallShape;
import wasm.backend.os.Libc;
import wasm.runtime.internal.NativeHeap;

/**
 * Makes, on a daemon thread started once per process, the FFM linkage every JIT store needs
 * before its first call, so that it is ready (or being made) when a caller that started this has
 * read and validated its module:
 * <ul>
 *   <li>the method-handle classes of {@link NativeHeap}'s access shape, which the instantiating
 *       thread needs first (a table's elements, then every vmctx);</li>
 *   <li>the process's one downcall stub class ({@link DowncallShape}) and the system-call stub
 *       ({@link Libc}: mmap and mprotect of code and memory), which the CPU features need first;</li>
 *   <li>the CPU features: a generated CPUID stub, called through that shape, as the first entry
 *       trampoline will be;</li>
 *   <li>the upcall stub class of the JIT's one upcall signature ({@link CallShapes#UPCALL}).</li>
 * </ul>
 * Each costs milliseconds of class generation the first time in a process (tens of them in all,
 * a large part of a short run: docs/perf/startup.md). The JDK makes each once: class
 * initialisation and FFM's per-signature caches make a second asker wait for the work, not
 * repeat it. So this only moves the work off the critical path, onto an idle core. Nothing
 * depends on it: a failure is ignored, and a store makes what it needs itself.
 */
public final class JitWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** Set when the warm-up has ended, done or failed. */
    private static volatile boolean ended;

    private JitWarmUp() {
    }

    /** Starts the warm-up, the first time only, where the JIT can run; returns at once. */
    public static void start() {
        if (JitSupport.unsupportedReason().isPresent() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().name("wasmoon-jit-warm-up").daemon().start(JitWarmUp::run);
    }

    /**
     * Whether a store would find the linkage made: the warm-up has ended (done or failed: a store
     * then makes what failed itself). Not while it was never started in this process: a store
     * that may interpret while the JIT starts then keeps interpreting until a call needs native
     * code, and makes the linkage itself for that call, so that a process that never needs it
     * (a short run that ends in the interpreter) never makes it.
     */
    public static boolean ready() {
        return ended;
    }

    private static void run() {
        try {
            // first, as the instantiating thread needs it first (a table's elements, then the
            // vmctx): NativeHeap's access shape, whose method-handle classes FFM makes once
            try (Arena arena = Arena.ofConfined()) {
                long scratch = arena.allocate(16, 16).address();
                NativeHeap.putLong(scratch, NativeHeap.getLong(scratch) + 1);
                NativeHeap.putInt(scratch + 8, NativeHeap.getInt(scratch + 8) + 1);
            }
            CpuFeatures.detect(); // maps its stub's code through Libc, which makes its own stub first
            MethodHandle noop = MethodHandles.lookup().findStatic(JitWarmUp.class, "noop",
                    MethodType.methodType(int.class, long.class, long.class, long.class, long.class));
            try (Arena arena = Arena.ofConfined()) {
                Linker.nativeLinker().upcallStub(noop, CallShapes.UPCALL, arena);
            }
        } catch (Throwable ignored) {
            // an optimisation only: the first store makes (and reports) whatever failed here
        } finally {
            ended = true;
        }
    }

    private static int noop(long a, long b, long c, long d) {
        return 0;
    }
}
