package wasm.runtime;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import wasm.core.model.Export;
import wasm.core.model.FuncType;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.TableType;
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
 * The WebAssembly store: owns every function, table, memory and global created
 * by instantiation or by the host. Instances of one store may be linked to each
 * other. Not thread-safe. {@link #close()} frees the native memories early (a
 * Cleaner frees them otherwise).
 */
public final class Store implements AutoCloseable {
    static {
        // Tooling (wasm.runtime.tooling.JitCoverage) reads a store's state without a public accessor.
        StoreAccess.install(store -> store.state);
    }

    private final StoreState state;
    /** API handles by internal entity, so an entity always has the same handle. */
    private final Map<Object, Extern> handles = new IdentityHashMap<>();

    /** An empty store with {@link RuntimeOptions#defaults()} (the JIT tier). */
    public Store() {
        this(RuntimeOptions.defaults());
    }

    /** An empty store executing as {@code options} say. */
    public Store(RuntimeOptions options) {
        this.state = new StoreState(Objects.requireNonNull(options, "options"));
    }

    /** The options this store runs with. */
    public RuntimeOptions options() {
        return state.options;
    }

    /**
     * Instantiates a validated module.
     *
     * @throws LinkException "unknown import" or "incompatible import type"
     * @throws Trap when a segment does not fit or the start function traps
     * @throws ResourceLimitException past the store's {@link RuntimeOptions#limits()}
     */
    public Instance instantiate(Module validModule, ImportResolver imports) {
        return instantiate(validModule, imports, null);
    }

    /**
     * Instantiates a precompiled module: in the JIT tier its code is used as it is, and only the
     * functions it lacks are compiled (as the options' compile policy says).
     */
    public Instance instantiate(PrecompiledModule precompiled, ImportResolver imports) {
        return instantiate(precompiled.module(), imports, precompiled.compiled());
    }

    /**
     * The code of {@code instance} as it stands: what it was instantiated with plus every function
     * compiled since (lazily), ready to {@linkplain PrecompiledModule#serialize() serialize} into a
     * code cache; null in the interpreter tier. {@code wasmBytes} are the module's binary.
     */
    public PrecompiledModule compiledCode(Instance instance, byte[] wasmBytes) {
        if (state.jit == null || instance.vmctx == 0) {
            return null;
        }
        var compiled = state.jit.compiledSoFar(instance.vmctx, wasm.runtime.internal.jit.CodeCacheFormat.moduleHash(wasmBytes));
        return compiled == null ? null : PrecompiledModule.of(compiled, wasmBytes.clone());
    }

    private Instance instantiate(Module validModule, ImportResolver imports, CompiledModule precompiled) {
        Objects.requireNonNull(validModule, "module");
        Objects.requireNonNull(imports, "imports");
        List<Import> importList = validModule.imports();
        Object[] resolved = new Object[importList.size()];
        for (int i = 0; i < resolved.length; i++) {
            Import imp = importList.get(i);
            Extern e = imports.resolve(imp.module(), imp.name());
            resolved[i] = e == null ? null : unwrap(e);
        }
        InstanceContext ctx = ModuleInstantiator.instantiate(state, validModule, resolved, precompiled);
        LinkedHashMap<String, Extern> exports = new LinkedHashMap<>();
        for (Export ex : validModule.exports()) {
            Object entity = switch (ex.kind()) {
                case FUNC -> ctx.functions[ex.index()];
                case TABLE -> ctx.tables[ex.index()];
                case MEMORY -> ctx.memory;
                case GLOBAL -> ctx.globals[ex.index()];
            };
            exports.put(ex.name(), handle(entity));
        }
        return new Instance(validModule, exports, ctx.vmctx);
    }

    public FunctionInstance hostFunction(FuncType type, HostFunction impl) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(impl, "impl");
        HostFunctionEntity f = new HostFunctionEntity(type, state.typeId(type), state.nextFunctionAddress(), impl);
        state.register(f);
        return (FunctionInstance) handle(f);
    }

    public TableInstance table(TableType type, long initRef) {
        Table t = state.newTable(type.elementType(), type.limits().min(), type.limits().max(), initRef);
        return (TableInstance) handle(t);
    }

    public MemoryInstance memory(MemoryType type) {
        return (MemoryInstance) handle(state.newMemory(type.limits().min(), type.limits().max()));
    }

    public GlobalInstance global(GlobalType type, long value) {
        return (GlobalInstance) handle(new GlobalCell(type, Interpreter.normalize(type.type(), value), state.arena));
    }

    /** Frees every linear memory of this store now; afterwards their accesses trap. */
    @Override
    public void close() {
        state.close();
    }

    private Extern handle(Object entity) {
        return handles.computeIfAbsent(entity, e -> switch (e) {
            case RuntimeFunction f -> new FunctionInstance(state, f);
            case Table t -> new TableInstance(state, t);
            case LinearMemory m -> new MemoryInstance(state, m);
            case GlobalCell g -> new GlobalInstance(state, g);
            default -> throw new IllegalStateException("not a store entity: " + e);
        });
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
