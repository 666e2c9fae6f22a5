package wasm.runtime;

/**
 * What a host function defined through a {@link Linker} sees of the instance that called it: that
 * instance's memory and exports, and its store. The instance is the one the function was linked
 * into: each instantiation gets its own host function entities, so a module's imports always know
 * their importer, from its start function on.
 */
public final class Caller {
    private final Store store;
    private Instance instance;

    Caller(Store store) {
        this.store = store;
    }

    void bind(Instance i) {
        this.instance = i;
    }

    /**
     * The calling instance.
     *
     * @return the instance whose code called the host function (set from its start function on)
     */
    public Instance instance() {
        return instance;
    }

    /**
     * The store the call runs in.
     *
     * @return the store
     */
    public Store store() {
        return store;
    }

    /**
     * The calling instance's linear memory, exported or not.
     *
     * @return the memory
     * @throws IllegalStateException when the instance has no memory
     */
    public MemoryInstance memory() {
        return instance.defaultMemory().orElseThrow(() -> new IllegalStateException("the calling instance has no memory"));
    }

    /**
     * The calling instance's export {@code name}, or null.
     *
     * @param name the export name
     * @return the export, or null when there is none of that name
     */
    public Extern export(String name) {
        return instance.export(name);
    }

    /**
     * The calling instance's exported function {@code name}.
     *
     * @param name the export name
     * @return the function
     * @throws IllegalArgumentException when it has no such function export
     */
    public FunctionInstance function(String name) {
        return instance.function(name);
    }
}
