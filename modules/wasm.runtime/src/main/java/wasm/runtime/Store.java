package wasm.runtime;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import wasm.core.model.Export;
import wasm.core.model.FuncType;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.TableType;
import wasm.core.model.ValType;
import wasm.runtime.internal.GlobalCell;
import wasm.runtime.internal.HostFunctionEntity;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.ModuleInstantiator;
import wasm.runtime.internal.jit.CompiledModule;
import wasm.runtime.internal.RuntimeFunction;
import wasm.runtime.internal.StoreAccess;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.Table;
import wasm.runtime.internal.interp.Interpreter;
import wasm.runtime.internal.memory.LinearMemory;

/**
 * The WebAssembly store: one tenant. Owns every function, table, memory and global created
 * by instantiation or by the host; instances of one store may be linked to each other, never
 * to another store's. {@link #close()} frees the native code and memories early (a Cleaner frees
 * them otherwise); any use after close is an {@link IllegalStateException} (a memory's accesses
 * trap instead: it has size 0).
 *
 * <p>Threads: a store serves one thread at a time. Any thread may use it (in the JIT tier its
 * calls run on the store's own wasm thread, whose stack size is known), but while one thread is
 * using it (a call, which may run host functions that block or call back in, an instantiation or
 * an access through one of its handles), a use from another thread fails with an
 * {@link IllegalStateException}. {@link #interrupt()}, {@link #setDeadline}, {@link #clearDeadline()}
 * and {@link #close()} are the exceptions: any thread, any time. They stop running wasm code at its
 * next function entry or loop back edge (both tiers poll there) with a {@link Trap} of kind
 * {@link TrapKind#INTERRUPTED}.
 *
 * <p>Made by {@link Engine#newStore()} (the embedding API) or from {@link RuntimeOptions}
 * directly. Where the JIT cannot run, a store asked for it runs the interpreter
 * ({@link #jitFallbackReason()} says why).
 */
public final class Store implements AutoCloseable {
    static {
        // Tooling (wasm.runtime.tooling.JitCoverage) reads a store's state without a public accessor.
        StoreAccess.install(store -> store.state);
    }

    private final StoreState state;
    private final Engine engine;
    private final String jitFallbackReason;
    /** API handles by internal entity, so an entity always has the same handle. */
    private final Map<Object, Extern> handles = new IdentityHashMap<>();

    /** An empty store with {@link RuntimeOptions#defaults()} (the JIT tier). */
    public Store() {
        this(RuntimeOptions.defaults());
    }

    /**
     * An empty store executing as {@code options} say (the interpreter where the JIT cannot run).
     *
     * @param options the tier, limits and the rest; a store made this way has no engine (and no code cache)
     */
    public Store(RuntimeOptions options) {
        this(null, Objects.requireNonNull(options, "options"), Engine.fallbackReason(options));
    }

    Store(Engine engine) {
        this(engine, engine.options(), engine.jitFallbackReason().orElse(null));
    }

    private Store(Engine engine, RuntimeOptions options, String jitFallbackReason) {
        this.engine = engine;
        this.jitFallbackReason = jitFallbackReason;
        this.state = new StoreState(jitFallbackReason == null ? options : options.withTier(ExecutionTier.INTERPRETER));
    }

    /**
     * The engine that made this store, or null for a store made from options.
     *
     * @return the engine, or null
     */
    public Engine engine() {
        return engine;
    }

    /**
     * Why the JIT tier was asked for but this store runs the interpreter, or empty.
     *
     * @return the reason, such as a missing CPU feature, or empty when the store runs what was asked
     */
    public java.util.Optional<String> jitFallbackReason() {
        return java.util.Optional.ofNullable(jitFallbackReason);
    }

    /**
     * The options this store runs with.
     *
     * @return the effective options (the tier being the one actually used)
     */
    public RuntimeOptions options() {
        return state.options;
    }

    /**
     * Instantiates a validated module.
     *
     * @param validModule a module that passed {@link wasm.core.validate.Validator}; an unvalidated one
     *        may fail in any way
     * @param imports answers each import by module and name
     * @return the new instance, its start function (if any) already run
     * @throws LinkException "unknown import" or "incompatible import type"
     * @throws Trap when a segment does not fit or the start function traps
     * @throws ResourceLimitException past the store's {@link RuntimeOptions#limits()}
     * @throws IllegalStateException when the store is closed
     */
    public Instance instantiate(Module validModule, ImportResolver imports) {
        return instantiate(validModule, imports, null, null);
    }

    /**
     * Instantiates a validated module whose code may be found elsewhere (a code cache): in the JIT
     * tier, {@code code} is asked when the engine links the instance, at once or, where the store
     * interprets loop-free functions while the JIT starts ({@link RuntimeOptions#interpretWhileJitStarts()}),
     * at the first call that runs natively: never, in a run that ends before. A null answer compiles
     * as the options say; so does code made for other options or for another {@link Module} object
     * than {@code validModule} (as {@link CodeCache#load} answers, made for the module given).
     *
     * @param validModule the module, validated
     * @param imports answers each import by module and name
     * @param code asked for the module's code at most once, on the store's wasm thread
     * @return the new instance, its start function (if any) already run
     * @throws LinkException "unknown import" or "incompatible import type"
     * @throws Trap when a segment does not fit or the start function traps
     * @throws ResourceLimitException past the store's {@link RuntimeOptions#limits()}
     * @throws IllegalStateException when the store is closed
     */
    public Instance instantiate(Module validModule, ImportResolver imports, Supplier<PrecompiledModule> code) {
        Objects.requireNonNull(code, "code");
        return instantiate(validModule, imports, () -> {
            PrecompiledModule p = code.get();
            return p == null || p.module() != validModule ? null : p.compiled();
        }, null);
    }

    /**
     * Instantiates a compiled module, using its shared code (JIT tier) as it is; the imports come
     * from {@code imports} ({@link Linker#instantiate} resolves them by name from its definitions).
     *
     * @param module the compiled module, of any engine
     * @param imports answers each import by module and name
     * @return the new instance, its start function (if any) already run
     * @throws LinkException "unknown import" or "incompatible import type"
     * @throws Trap when a segment does not fit or the start function traps
     * @throws ResourceLimitException past the store's {@link RuntimeOptions#limits()}
     * @throws IllegalStateException when the store is closed
     */
    public Instance instantiate(WasmModule module, ImportResolver imports) {
        return instantiate(module, imports, null);
    }

    /** As above; {@code allocated} sees the instance before segments are applied and start runs. */
    Instance instantiate(WasmModule module, ImportResolver imports, Consumer<Instance> allocated) {
        PrecompiledModule code = module.code();
        return instantiate(module.model(), imports, code == null ? null : code::compiled, allocated);
    }

    /**
     * Instantiates a precompiled module: in the JIT tier its code is used as it is, and only the
     * functions it lacks are compiled (as the options' compile policy says).
     *
     * @param precompiled the module and its code
     * @param imports answers each import by module and name
     * @return the new instance, its start function (if any) already run
     * @throws LinkException "unknown import" or "incompatible import type"
     * @throws Trap when a segment does not fit or the start function traps
     * @throws IllegalStateException when the store is closed
     */
    public Instance instantiate(PrecompiledModule precompiled, ImportResolver imports) {
        return instantiate(precompiled.module(), imports, precompiled::compiled, null);
    }

    /**
     * The code of {@code instance} as it stands: what it was instantiated with plus every function
     * compiled since (lazily), ready to {@linkplain PrecompiledModule#serialize() serialize} into a
     * code cache; null in the interpreter tier, and while the instance has run in the interpreter
     * only ({@link RuntimeOptions#interpretWhileJitStarts()}). {@code wasmBytes} are the module's binary.
     *
     * @param instance an instance of this store
     * @param wasmBytes the binary the instance's module was decoded from (it keys the cache entry)
     * @return the code, or null
     */
    public PrecompiledModule compiledCode(Instance instance, byte[] wasmBytes) {
        if (state.jit == null || instance.context == null) {
            return null;
        }
        // vmctx is 0 while the engine has not linked the instance (it ran interpreted while the JIT started)
        var compiled = state.use(() -> instance.context.vmctx == 0 ? null
                : state.jit.compiledSoFar(instance.context.vmctx,
                        wasm.runtime.internal.jit.CodeCacheFormat.moduleHash(wasmBytes)));
        return compiled == null ? null : PrecompiledModule.of(compiled, wasmBytes.clone());
    }

    private Instance instantiate(Module validModule, ImportResolver imports, Supplier<CompiledModule> precompiled,
                                 Consumer<Instance> allocated) {
        checkOpen();
        Objects.requireNonNull(validModule, "module");
        Objects.requireNonNull(imports, "imports");
        // a call: the start function runs in it, another thread must not, close must wait
        return state.call(() -> instantiateNow(validModule, imports, precompiled, allocated));
    }

    private Instance instantiateNow(Module validModule, ImportResolver imports, Supplier<CompiledModule> precompiled,
                                    Consumer<Instance> allocated) {
        List<Import> importList = validModule.imports();
        Object[] resolved = new Object[importList.size()];
        for (int i = 0; i < resolved.length; i++) {
            Import imp = importList.get(i);
            Extern e = imports.resolve(imp.module(), imp.name());
            resolved[i] = e == null ? null : unwrap(e);
        }
        Instance[] made = new Instance[1];
        InstanceContext ctx = ModuleInstantiator.instantiate(state, validModule, resolved, precompiled, c -> {
            made[0] = instanceOf(validModule, c);
            if (allocated != null) {
                allocated.accept(made[0]);
            }
        });
        made[0].context = ctx;
        return made[0];
    }

    /** The API view of an allocated instance: its exports and its memory. */
    private Instance instanceOf(Module validModule, InstanceContext ctx) {
        LinkedHashMap<String, Extern> exports = new LinkedHashMap<>();
        for (Export ex : validModule.exports()) {
            Object entity = switch (ex.kind()) {
                case FUNC -> ctx.functions[ex.index()];
                case TABLE -> ctx.tables[ex.index()];
                case MEMORY -> ctx.memories[ex.index()];
                case GLOBAL -> ctx.globals[ex.index()];
            };
            exports.put(ex.name(), handle(entity));
        }
        MemoryInstance memory = ctx.memory == null ? null : (MemoryInstance) handle(ctx.memory);
        return new Instance(this, validModule, exports, memory);
    }

    void checkOpen() {
        if (state.isClosed()) {
            throw new IllegalStateException("the store is closed");
        }
    }

    /**
     * A host function of this store, called with API-encoded arguments ({@link Linker} defines host
     * functions with a {@link Caller} and typed values instead).
     *
     * @param type the function's type, which an import must match exactly
     * @param impl the implementation
     * @return the function, callable from wasm once an instance imports it and from Java at once
     * @throws IllegalStateException when the store is closed
     */
    public FunctionInstance hostFunction(FuncType type, HostFunction impl) {
        checkOpen();
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(impl, "impl");
        return state.use(() -> {
            HostFunctionEntity f = new HostFunctionEntity(type, state.typeId(type), state.nextFunctionAddress(), impl);
            state.register(f);
            return (FunctionInstance) handle(f);
        });
    }

    /**
     * The function a funcref names, callable from Java: how a reference read from a table
     * ({@link TableInstance#element}), a global or a call's results is called.
     *
     * @param ref a funcref of this store
     * @return the function (the same handle every time), or empty for the null reference
     * @throws IllegalArgumentException when the reference names no function of this store
     * @throws IllegalStateException when the store is closed
     */
    public java.util.Optional<FunctionInstance> function(Val.FuncRef ref) {
        checkOpen();
        Objects.requireNonNull(ref, "ref");
        if (Ref.isNull(ref.ref())) {
            return java.util.Optional.empty();
        }
        return state.use(() -> {
            state.checkRef(ValType.FUNCREF, ref.ref());
            return java.util.Optional.of((FunctionInstance) handle(state.function(ref.ref())));
        });
    }

    /**
     * A new table of this store, for an instance to import.
     *
     * @param type its element type and limits; it starts at the minimum size
     * @param initRef every element's initial value, a reference as {@link Ref} encodes it
     * @return the table
     * @throws IllegalStateException when the store is closed
     * @throws IllegalArgumentException when {@code initRef} is a funcref that names no function of this store
     */
    public TableInstance table(TableType type, long initRef) {
        state.checkRef(type.elementType(), initRef);
        return state.use(() -> (TableInstance) handle(state.newTable(type, initRef)));
    }

    /**
     * A new memory of this store, zero-filled, for an instance to import.
     *
     * @param type its limits (in 64 KiB pages) and address type; it starts at the minimum size
     * @return the memory
     * @throws ResourceLimitException past the store's {@link RuntimeOptions#limits()}
     * @throws IllegalStateException when the store is closed
     */
    public MemoryInstance memory(MemoryType type) {
        return state.use(() -> (MemoryInstance) handle(state.newMemory(type)));
    }

    /**
     * A new global of this store, for an instance to import.
     *
     * @param type its value type and mutability
     * @param value its initial value in the API's encoding ({@link Val#bits()})
     * @return the global
     * @throws IllegalStateException when the store is closed
     * @throws IllegalArgumentException when {@code value} is a funcref that names no function of this store
     */
    public GlobalInstance global(GlobalType type, long value) {
        state.checkRef(type.type(), value);
        return state.use(() -> (GlobalInstance) handle(
                new GlobalCell(type, Interpreter.normalize(type.type(), value), state.arena)));
    }

    /**
     * Closes the store, from any thread at any time: a call running in it stops at its next poll with
     * a {@link Trap} of kind {@link TrapKind#INTERRUPTED}, and its code, memories and native data are
     * freed once that call has left them (at once when the store is idle). Any later use of the store
     * or of its instances and handles throws {@link IllegalStateException}, except that a memory's
     * accesses trap (it has size 0). Closing twice does nothing.
     */
    @Override
    public void close() {
        state.close();
    }

    /**
     * Stops the call running in this store at its next function entry or loop back edge with a
     * {@link Trap} of kind {@link TrapKind#INTERRUPTED} ("interrupted"); with no call running, the
     * next call stops at its first poll. The request ends with the call it stops. Any thread, any
     * time (no use of the store: it does not wait for the running call); nothing on a closed store.
     */
    public void interrupt() {
        state.interrupt();
    }

    /**
     * Sets a deadline {@code timeout} from now: wasm code running at or after it stops at its next
     * poll with a {@link Trap} of kind {@link TrapKind#INTERRUPTED}, and so does every call made after
     * it, until the deadline is set again or {@linkplain #clearDeadline() cleared}. Any thread, any time.
     *
     * @param timeout the time from now; zero stops at the next poll, a huge one is capped at about 146 years
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws IllegalStateException    when the store is closed
     */
    public void setDeadline(java.time.Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must not be negative: " + timeout);
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE / 2;
        }
        state.setDeadline(System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 2));
    }

    /** Removes the deadline ({@link #setDeadline}). Any thread, any time. */
    public void clearDeadline() {
        state.clearDeadline();
    }

    /**
     * Sets the fuel left: with {@link RuntimeOptions#fuel()} on, every wasm function entry and every
     * loop back edge taken costs one unit, in both tiers at the same points; a call that needs more
     * than is left stops with a {@link Trap} of kind {@link TrapKind#OUT_OF_FUEL} ("all fuel
     * consumed"). Fuel is not refilled by itself. A use of the store, as a call is.
     *
     * @param fuel the units, not negative
     * @throws IllegalStateException    when fuel metering is off, the store is closed or another
     *                                  thread is using it
     * @throws IllegalArgumentException when {@code fuel} is negative
     */
    public void setFuel(long fuel) {
        state.setFuel(fuel);
    }

    /**
     * The fuel left (0 once a call ran out). A use of the store, as a call is.
     *
     * @return the units left
     * @throws IllegalStateException when fuel metering is off, the store is closed or another thread
     *                               is using it
     *
     */
    public long fuel() {
        return state.fuel();
    }

    private Extern handle(Object entity) {
        return handles.computeIfAbsent(entity, Store.this::newHandle);
    }

    // instanceof tests, not a type switch: every instantiation makes handles for its exports, and
    // the first type switch of a process bootstraps SwitchBootstraps' class generation
    // (milliseconds, which a short run that never compiles otherwise does not pay)
    private Extern newHandle(Object e) {
        if (e instanceof RuntimeFunction f) {
            return new FunctionInstance(state, f);
        } else if (e instanceof Table t) {
            return new TableInstance(state, t);
        } else if (e instanceof LinearMemory m) {
            return new MemoryInstance(state, m);
        } else if (e instanceof GlobalCell g) {
            return new GlobalInstance(state, g);
        }
        throw new IllegalStateException("not a store entity: " + e);
    }

    private Object unwrap(Extern e) {
        Object entity;
        StoreState owner;
        switch (e) {
            case FunctionInstance f -> {
                entity = f.function();
                owner = f.store();
            }
            case TableInstance t -> {
                entity = t.table();
                owner = t.store();
            }
            case MemoryInstance m -> {
                entity = m.memory();
                owner = m.store();
            }
            case GlobalInstance g -> {
                entity = g.cell();
                owner = g.store();
            }
        }
        if (owner != state) {
            throw new IllegalArgumentException("an import comes from another store");
        }
        return entity;
    }
}
