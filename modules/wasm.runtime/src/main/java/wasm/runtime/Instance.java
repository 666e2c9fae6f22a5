package wasm.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import wasm.core.model.Module;

/** An instantiated module: its exports by name, in declaration order. */
public final class Instance {
    private final Module module;
    private final Map<String, Extern> exports;
    /** The instance's native vmctx in the JIT tier, else 0 (finds its code in the store's engine). */
    final long vmctx;

    Instance(Module module, LinkedHashMap<String, Extern> exports, long vmctx) {
        this.module = module;
        this.exports = Collections.unmodifiableMap(exports);
        this.vmctx = vmctx;
    }

    public Module module() {
        return module;
    }

    /** The export named {@code name}, or null. */
    public Extern export(String name) {
        return exports.get(name);
    }

    public FunctionInstance function(String name) {
        return exportOf(name, FunctionInstance.class, "function");
    }

    public GlobalInstance global(String name) {
        return exportOf(name, GlobalInstance.class, "global");
    }

    public MemoryInstance memory(String name) {
        return exportOf(name, MemoryInstance.class, "memory");
    }

    public TableInstance table(String name) {
        return exportOf(name, TableInstance.class, "table");
    }

    /** All exports in insertion (declaration) order. */
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
