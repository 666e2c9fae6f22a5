package wasm.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import wasm.core.model.Module;

/**
 * An instantiated module: its exports by name, in declaration order, with typed access
 * ({@link #function}, {@link #memory}, {@link #table}, {@link #global}; a missing export or one of
 * another kind is an {@link IllegalArgumentException}). Resolve a function once and keep the
 * {@link FunctionInstance}: a call through it does not look anything up.
 */
public final class Instance {
    private final Store store;
    private final Module module;
    private final Map<String, Extern> exports;
    /** The instance's memory, exported or not (a {@link Caller} reaches it), or null. */
    private final MemoryInstance memory;
    /**
     * The instance's internal state, set once instantiation has made it; its vmctx (the JIT tier's,
     * by which the store's engine finds its code) is 0 until the engine has linked the code.
     */
    wasm.runtime.internal.InstanceContext context;

    Instance(Store store, Module module, LinkedHashMap<String, Extern> exports, MemoryInstance memory) {
        this.store = store;
        this.module = module;
        this.exports = Collections.unmodifiableMap(exports);
        this.memory = memory;
    }

    /**
     * The store the instance lives in.
     *
     * @return the store
     */
    public Store store() {
        return store;
    }

    /**
     * The instance's linear memory, exported or not, if it has one.
     *
     * @return memory 0 (defined or imported), or empty when the module has none
     */
    public java.util.Optional<MemoryInstance> defaultMemory() {
        return java.util.Optional.ofNullable(memory);
    }

    /**
     * The module the instance was made from.
     *
     * @return the decoded module (immutable)
     */
    public Module module() {
        return module;
    }

    /**
     * The export named {@code name}, or null.
     *
     * @param name the export name
     * @return the export, or null when there is none of that name
     */
    public Extern export(String name) {
        return exports.get(name);
    }

    /**
     * The exported function {@code name}.
     *
     * @param name the export name
     * @return the function
     * @throws IllegalArgumentException when there is no export of that name, or it is not a function
     */
    public FunctionInstance function(String name) {
        return exportOf(name, FunctionInstance.class, "function");
    }

    /**
     * The exported global {@code name}.
     *
     * @param name the export name
     * @return the global
     * @throws IllegalArgumentException when there is no export of that name, or it is not a global
     */
    public GlobalInstance global(String name) {
        return exportOf(name, GlobalInstance.class, "global");
    }

    /**
     * The exported memory {@code name}.
     *
     * @param name the export name
     * @return the memory
     * @throws IllegalArgumentException when there is no export of that name, or it is not a memory
     */
    public MemoryInstance memory(String name) {
        return exportOf(name, MemoryInstance.class, "memory");
    }

    /**
     * The exported table {@code name}.
     *
     * @param name the export name
     * @return the table
     * @throws IllegalArgumentException when there is no export of that name, or it is not a table
     */
    public TableInstance table(String name) {
        return exportOf(name, TableInstance.class, "table");
    }

    /**
     * All exports in insertion (declaration) order.
     *
     * @return the exports by name, unmodifiable
     */
    public Map<String, Extern> exports() {
        return exports;
    }

    private <T extends Extern> T exportOf(String name, Class<T> kind, String kindName) {
        Extern e = exports.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no export named \"" + name + "\"");
        }
        if (!kind.isInstance(e)) {
            throw new IllegalArgumentException("export \"" + name + "\" is not a " + kindName);
        }
        return kind.cast(e);
    }
}
