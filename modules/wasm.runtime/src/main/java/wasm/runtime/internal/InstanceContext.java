package wasm.runtime.internal;

import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.runtime.internal.memory.LinearMemory;

/**
 * The runtime state of one module instance, resolved to direct references so
 * the interpreter never searches: functions, tables, memories and globals in
 * index-space order (imports first), canonical type ids per type index, and the
 * segments still available to memory.init / table.init (null once dropped).
 */
public final class InstanceContext {
    public final StoreState store;
    public final Module module;
    public final FuncType[] types;
    public final int[] typeIds;
    public RuntimeFunction[] functions;
    public Table[] tables;
    /** Memories in index-space order (imports first). */
    public LinearMemory[] memories;
    /** Memory 0, or null when the module has none (the interpreter's and the JIT's fast path). */
    public LinearMemory memory;
    public GlobalCell[] globals;
    public byte[][] datas;
    public long[][] elems;
    /** Address of the instance's native vmctx block (JIT tier), else 0. */
    public long vmctx;

    public InstanceContext(StoreState store, Module module) {
        this.store = store;
        this.module = module;
        this.types = module.types().toArray(new FuncType[0]);
        this.typeIds = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            typeIds[i] = store.typeId(types[i]);
        }
    }
}
