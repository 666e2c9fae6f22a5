package wasm.runtime.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import wasm.core.model.FuncType;
import wasm.core.model.ValType;
import wasm.core.model.MemoryType;
import wasm.core.model.TableType;
import wasm.runtime.ExecutionTier;
import wasm.runtime.ResourceLimitException;
import wasm.runtime.ResourceLimits;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.Trap;
import wasm.runtime.internal.interp.Interpreter;
import wasm.runtime.internal.jit.JitEngine;
import wasm.runtime.internal.jit.NativeCompiler;
import wasm.runtime.internal.memory.LinearMemory;
import wasm.runtime.tooling.JitCoverage;

/**
 * Everything a store owns: functions by address, canonical signature ids, the
 * interpreter (its stacks are shared by re-entrant calls), the native arena of
 * global cells, table headers and instance contexts, the JIT engine (JIT tier
 * only) and the memories to free on close.
 *
 * <p>Threads: one thread uses the store at a time (the JIT tier's wasm thread runs that thread's
 * calls, and may re-enter for host functions); another thread's use while it does is refused with
 * an {@link IllegalStateException} ({@link #enter()}). {@link #interrupt()}, the deadline and
 * {@link #close()} may come from any thread at any time: they ask the running code to stop at its
 * next poll (function entries and loop back edges, both tiers) with an "interrupted" trap, and a
 * close frees code and memory only after the last use has left them.
 */
public final class StoreState {
    private static final Cleaner CLEANER = Cleaner.create();

    public final RuntimeOptions options;
    private RuntimeFunction[] functions = new RuntimeFunction[64];
    private int functionCount;
    private final Map<FuncType, Integer> typeIds = new HashMap<>();
    private final List<LinearMemory> memories = new ArrayList<>();
    public final Interpreter interpreter;
    /** Native data of the store: global cells, table headers, vmctx blocks. Freed on close. */
    public final Arena arena;
    /** The JIT tier's engine, or null in the interpreter tier. */
    public final JitEngine jit;
    private final Cleaner.Cleanable cleanable;
    /** Guards the fields below, which other threads change (interrupt, deadline, close). */
    private final Object lifecycle = new Object();
    private boolean closed;
    /** Whether the release has begun (it runs once, outside the lock), and whether it is done. */
    private boolean released;
    private boolean freed;
    /** The thread using the store now, null when idle; {@link #useDepth} nested uses (re-entry). */
    private Thread user;
    private int useDepth;
    private boolean interruptRequested;
    private boolean deadlinePassed;
    private long deadlineGeneration;
    private Thread deadlineTimer;
    /** Closed, interrupted or past the deadline: polls stop the running code. The interpreter reads it. */
    private volatile boolean stopRequested;
    /**
     * The remaining fuel (an i64) that metered code decrements, and the interpreter does too. Made
     * with the store when fuel is metered, else when native code first asks for its address (every
     * vmctx holds it): a process's first native allocation makes FFM's classes, milliseconds that a
     * run ending in the interpreter need not pay.
     */
    private MemorySegment fuelCounter;
    private long nativeFunctions;
    private long interpretedFunctions;
    private long baselineCompiled;
    private long tieredUp;
    private long osrEntries;
    private long leftToOptimizing;
    private final Map<String, Long> fallbackReasons = new TreeMap<>();
    private int instancesCreated;
    private int memoriesCreated;
    private int tablesCreated;

    public StoreState(RuntimeOptions options) {
        this(options, null);
    }

    /** A store whose JIT tier compiles with {@code compiler} (null: the standard pipeline). Tests plug code in here. */
    public StoreState(RuntimeOptions options, NativeCompiler compiler) {
        this.options = options;
        this.interpreter = new Interpreter(this);
        this.arena = Arena.ofShared();
        this.fuelCounter = options.fuel() ? arena.allocate(ValueLayout.JAVA_LONG) : null;
        this.jit = options.tier() != ExecutionTier.JIT ? null
                : compiler == null ? new JitEngine(this) : new JitEngine(this, compiler);
        this.cleanable = CLEANER.register(this, new Resources(arena, jit == null ? null : jit.resources()));
    }

    /** Frees what a store leaves behind when it is not closed; must not reference the store. */
    private record Resources(Arena arena, Runnable jitResources) implements Runnable {
        @Override
        public void run() {
            if (jitResources != null) {
                jitResources.run();
            }
            if (arena.scope().isAlive()) {
                arena.close();
            }
        }
    }

    /** The canonical id of a signature: equal ids iff structurally equal types. */
    public int typeId(FuncType type) {
        return typeIds.computeIfAbsent(type, t -> typeIds.size());
    }

    public int nextFunctionAddress() {
        return functionCount;
    }

    public void register(RuntimeFunction f) {
        if (f.address() != functionCount) {
            throw new IllegalStateException("function address out of order");
        }
        if (functionCount == functions.length) {
            functions = Arrays.copyOf(functions, functionCount * 2);
        }
        functions[functionCount++] = f;
        if (jit != null && f instanceof HostFunctionEntity h) {
            jit.registerHostFunction(h);
        }
    }

    /**
     * Refuses a funcref that names no function of this store, where an API-encoded value enters
     * the store (a call's arguments, a host function's results, a table or global set from Java):
     * native code follows a funcref into the function directory without looking, so a bogus one
     * must never get in.
     *
     * @throws IllegalArgumentException naming the reference
     */
    public void checkRef(ValType type, long v) {
        if (type == ValType.FUNCREF && v != wasm.runtime.Ref.NULL && function(v) == null) {
            throw new IllegalArgumentException("funcref " + v + " names no function of this store");
        }
    }

    /** {@link #checkRef} for every value of {@code types} in {@code slots} (API layout: a v128 takes two). */
    public void checkRefs(List<ValType> types, long[] slots) {
        int k = 0;
        for (ValType t : types) {
            if (k < slots.length) {
                checkRef(t, slots[k]);
            }
            k += wasm.runtime.ValueSlots.of(t);
        }
    }

    /** The function at a store address, or null when the address is not one. */
    public RuntimeFunction function(long address) {
        return address >= 0 && address < functionCount ? functions[(int) address] : null;
    }

    /**
     * A new linear memory of {@code type}, closed with the store, within its {@link ResourceLimits};
     * a 64-bit one reserves at most the options' {@link wasm.runtime.RuntimeOptions#memory64Limit()}.
     * The store's page limit (at most 4 GiB) bounds a 64-bit memory only when it was lowered
     * from its default: otherwise the 64-bit reservation limit alone decides.
     *
     * @throws ResourceLimitException past the memory count or size limit, or when the host
     *                                cannot provide the minimum
     */
    public LinearMemory newMemory(MemoryType type) {
        ResourceLimits limits = options.limits();
        if (memoriesCreated >= limits.memories()) {
            throw new ResourceLimitException("memory limit of " + limits.memories() + " per store reached");
        }
        long limitPages = type.is64() && limits.memoryPages() == ResourceLimits.MAX_MEMORY_PAGES
                ? LinearMemory.MAX_PAGES_64 : limits.memoryPages();
        LinearMemory m = new LinearMemory(type.limits().min(), type.limits().max(), type.is64(),
                options.memory64Limit(), limitPages);
        memoriesCreated++;
        memories.add(m);
        return m;
    }

    /**
     * A new table of this store, within its {@link ResourceLimits}.
     *
     * @throws ResourceLimitException past the table count or size limit
     */
    public Table newTable(TableType type, long init) {
        ResourceLimits limits = options.limits();
        if (tablesCreated >= limits.tables()) {
            throw new ResourceLimitException("table limit of " + limits.tables() + " per store reached");
        }
        Table t = new Table(type, init, arena, limits.tableElements());
        tablesCreated++;
        return t;
    }

    /**
     * Counts an instantiation about to allocate.
     *
     * @throws ResourceLimitException past the instance limit
     */
    public void admitInstance() {
        int limit = options.limits().instances();
        if (instancesCreated >= limit) {
            throw new ResourceLimitException("instance limit of " + limit + " per store reached");
        }
        instancesCreated++;
    }

    /** Calls a function with API-encoded arguments in the store's tier; API-encoded results. */
    public long[] invoke(RuntimeFunction f, long[] args) {
        checkRefs(f.type().params(), args);
        return call(() -> jit == null ? interpreter.invoke(f, args) : jit.invoke(f, args));
    }

    /**
     * Runs {@code op}, which runs wasm code (a call, an instantiation's start function), as a use of
     * the store by the current thread; when it is the outermost one, its end consumes a pending
     * {@link #interrupt()}.
     */
    public <T> T call(Supplier<T> op) {
        boolean outermost = enter();
        try {
            return op.get();
        } finally {
            exit(outermost);
        }
    }

    /** Runs {@code op} as a use of the store by the current thread (see {@link #enter()}). */
    public <T> T use(Supplier<T> op) {
        enter();
        try {
            return op.get();
        } finally {
            exit(false);
        }
    }

    /** Runs {@code op} as a use of the store by the current thread (see {@link #enter()}). */
    public void use(Runnable op) {
        use(() -> {
            op.run();
            return null;
        });
    }

    /**
     * Runs {@code op}, an embedder's access to one of the store's linear memories: a use of the
     * store ({@link #use}) until the store is closed and freed; from then on every memory has size 0,
     * so the access traps (or reads a size of 0) without touching native memory, and runs as it is.
     * Between the close and the end of the release (a call still leaving, or the release itself
     * running) the access is refused as any use is: the memory may be unmapped under it.
     */
    public <T> T accessMemory(Supplier<T> op) {
        boolean done;
        synchronized (lifecycle) {
            done = freed; // and the lock orders the memories' size 0 before this access
        }
        return done ? op.get() : use(op);
    }

    /** {@link #accessMemory(Supplier)} for an access without a result. */
    public void accessMemory(Runnable op) {
        accessMemory(() -> {
            op.run();
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------
    // lifetime, interruption and fuel

    /** The message of a trap that stops code at an {@link #interrupt()}, a deadline or a close. */
    public static final String INTERRUPTED = "interrupted";

    /**
     * Begins a use of the store (a call, an instantiation, an access) by the current thread; returns
     * whether it is the outermost one. Pair with {@link #exit}.
     *
     * @throws IllegalStateException when the store is closed, or another thread is using it
     */
    public boolean enter() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            Thread t = Thread.currentThread();
            if (user != null && user != t && (jit == null || !jit.onWasmThread())) {
                throw new IllegalStateException("the store is in use by thread '" + user.getName()
                        + "': a store serves one thread at a time");
            }
            if (useDepth++ == 0) {
                user = t;
                return true;
            }
            return false;
        }
    }

    /**
     * Ends a use begun by {@link #enter}. The end of the outermost call consumes a pending
     * {@link #interrupt()}; the end of the last use of a closed store frees it.
     */
    public void exit(boolean outermostCall) {
        boolean release;
        synchronized (lifecycle) {
            if (outermostCall && interruptRequested) {
                interruptRequested = false;
                updateStop();
            }
            if (--useDepth == 0) {
                user = null;
            }
            release = useDepth == 0 && closed && !released;
            released |= release;
        }
        if (release) {
            release();
        }
    }

    /**
     * Stops the running call at its next poll with an "interrupted" trap; with no call running, the
     * next call. The request ends with the call it stops (or that ends without reaching a poll).
     * Any thread; no effect on a closed store.
     */
    public void interrupt() {
        synchronized (lifecycle) {
            if (!closed) {
                interruptRequested = true;
                updateStop();
            }
        }
    }

    /**
     * From {@code deadline} ({@link System#nanoTime()} time) on, running code stops at its next poll
     * with an "interrupted" trap, and so does every call made after it, until the deadline is
     * changed. Replaces the previous deadline. Any thread.
     *
     * @throws IllegalStateException when the store is closed
     */
    public void setDeadline(long deadline) {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            long generation = cancelDeadline();
            deadlineTimer = Thread.ofVirtual().name("wasmoon-deadline").start(() -> {
                for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                deadlineReached(generation);
            });
        }
    }

    /** Removes the deadline: code runs on (unless interrupted or closed). Any thread. */
    public void clearDeadline() {
        synchronized (lifecycle) {
            cancelDeadline();
        }
    }

    /** Ends the current deadline and its timer; returns the next deadline's generation. Under the lock. */
    private long cancelDeadline() {
        if (deadlineTimer != null) {
            deadlineTimer.interrupt();
            deadlineTimer = null;
        }
        deadlinePassed = false;
        updateStop();
        return ++deadlineGeneration;
    }

    private void deadlineReached(long generation) {
        synchronized (lifecycle) {
            if (generation == deadlineGeneration && !closed) {
                deadlinePassed = true;
                updateStop();
            }
        }
    }

    /** Publishes whether polls must stop code: to the interpreter's flag and the JIT's stack limits. */
    private void updateStop() {
        boolean stop = closed || interruptRequested || deadlinePassed;
        stopRequested = stop;
        if (jit != null && !released) {
            jit.setStopped(stop);
        }
    }

    /** Whether running code must stop at its next poll (closed, interrupted or past the deadline). */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** The trap a poll throws when {@link #stopRequested()}. */
    public static Trap interruptedTrap() {
        return new Trap(INTERRUPTED);
    }

    /** Sets the remaining fuel; needs {@link RuntimeOptions#fuel()} on. */
    public void setFuel(long fuel) {
        requireFuel();
        if (fuel < 0) {
            throw new IllegalArgumentException("fuel must not be negative: " + fuel);
        }
        use(() -> fuelCounter.set(ValueLayout.JAVA_LONG, 0, fuel));
    }

    /** The remaining fuel (0 after a call ran out); needs {@link RuntimeOptions#fuel()} on. */
    public long fuel() {
        requireFuel();
        return use(() -> Math.max(0, fuelCounter.get(ValueLayout.JAVA_LONG, 0)));
    }

    private void requireFuel() {
        if (!options.fuel()) {
            throw new IllegalStateException("fuel metering is off: turn it on with RuntimeOptions.withFuel(true)");
        }
    }

    /** The address of the fuel counter metered code decrements. */
    public synchronized long fuelCounterAddress() {
        if (fuelCounter == null) {
            fuelCounter = arena.allocate(ValueLayout.JAVA_LONG);
        }
        return fuelCounter.address();
    }

    /**
     * Charges one unit of fuel (a function entry or a loop back edge in the interpreter).
     *
     * @throws Trap "all fuel consumed" when none is left
     */
    public void chargeFuel() {
        long left = fuelCounter.get(ValueLayout.JAVA_LONG, 0) - 1;
        fuelCounter.set(ValueLayout.JAVA_LONG, 0, left);
        if (left < 0) {
            throw new Trap(wasm.ir.TrapCode.OUT_OF_FUEL.message());
        }
    }

    public boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
    }

    /**
     * Closes the store: any thread, any time. A running call stops at its next poll with an
     * "interrupted" trap; code, memories and native data are freed when the last use has left
     * them (now, when the store is idle). Later uses fail with {@link IllegalStateException}.
     */
    public void close() {
        boolean release;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (deadlineTimer != null) {
                deadlineTimer.interrupt();
                deadlineTimer = null;
            }
            updateStop();
            release = useDepth == 0 && !released;
            released |= release;
        }
        if (release) {
            release();
        }
    }

    private void release() {
        // The arena first: closing it waits until no other thread is inside an access through one of
        // its segments (a memory's segment() view), and fails every later one, before the memories
        // under those views are unmapped. The memories' length mirrors live in its vmctx blocks.
        for (LinearMemory m : memories) {
            m.dropLengthMirrors();
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
        for (LinearMemory m : memories) {
            m.close();
        }
        memories.clear();
        if (jit != null) {
            jit.close();
        }
        cleanable.clean();
        synchronized (lifecycle) {
            freed = true;
        }
    }

    /** Counts where a defined function runs, for {@link #coverage()}. */
    public void countFunction(boolean isNative, String fallbackReason) {
        if (isNative) {
            nativeFunctions++;
        } else {
            interpretedFunctions++;
            if (fallbackReason != null) {
                fallbackReasons.merge(fallbackReason, 1L, Long::sum);
            }
        }
    }

    /** A function counted native (to be compiled lazily) turned out to need the interpreter. */
    public void countLazyFallback(String reason) {
        nativeFunctions--;
        countFunction(false, reason);
    }

    /** A function got baseline code (tiered compilation). */
    public void countBaselineCompile() {
        baselineCompiled++;
    }

    /** A baseline function's optimized code replaced its baseline code. */
    public void countTierUp() {
        tieredUp++;
    }

    /** A baseline activation moved into an on-stack-replacement entry. */
    public void countOsrEntry() {
        osrEntries++;
    }

    /** The baseline compiler left a function to the optimizing tier. */
    public void countLeftToOptimizing() {
        leftToOptimizing++;
    }

    public wasm.runtime.tooling.TierCounts tierCounts() {
        return new wasm.runtime.tooling.TierCounts(baselineCompiled, tieredUp, osrEntries, leftToOptimizing);
    }

    public JitCoverage coverage() {
        return new JitCoverage(nativeFunctions, interpretedFunctions, fallbackReasons);
    }
}
