package wasm.runtime.internal;

import java.lang.foreign.Arena;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import wasm.core.model.FuncType;
import wasm.core.model.ValType;
import wasm.core.model.MemoryType;
import wasm.core.model.TableType;
import wasm.runtime.ExecutionTier;
import wasm.runtime.ResourceLimitException;
import wasm.runtime.ResourceLimits;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.internal.interp.Interpreter;
import wasm.runtime.internal.jit.JitEngine;
import wasm.runtime.internal.jit.NativeCompiler;
import wasm.runtime.internal.memory.LinearMemory;
import wasm.runtime.tooling.JitCoverage;

/**
 * Everything a store owns: functions by address, canonical signature ids, the
 * interpreter (its stacks are shared by re-entrant calls), the native arena of
 * global cells, table headers and instance contexts, the JIT engine (JIT tier
 * only) and the memories to free on close. Not thread-safe, like the store.
 */
public final class StoreState {
    private static final Cleaner CLEANER = Cleaner.create();

    public final RuntimeOptions options;
    private RuntimeFunction[] functions = new RuntimeFunction[64];
    private int functionCount;
    private final Map<FuncType, Integer> typeIds = new HashMap<>();
    private final List<LinearMemory> memories = new ArrayList<>();
    public final Interpreter interpreter = new Interpreter(this);
    /** Native data of the store: global cells, table headers, vmctx blocks. Freed on close. */
    public final Arena arena;
    /** The JIT tier's engine, or null in the interpreter tier. */
    public final JitEngine jit;
    private final Cleaner.Cleanable cleanable;
    private boolean closed;
    private long nativeFunctions;
    private long interpretedFunctions;
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
        this.arena = Arena.ofShared();
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
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        return jit == null ? interpreter.invoke(f, args) : jit.invoke(f, args);
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

    public JitCoverage coverage() {
        return new JitCoverage(nativeFunctions, interpretedFunctions, fallbackReasons);
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LinearMemory m : memories) {
            m.close();
        }
        memories.clear();
        if (jit != null) {
            jit.close();
        }
        cleanable.clean();
    }
}
