package wasm.runtime;

import wasm.core.model.TableType;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.Table;

/** A table of references; values use the API encoding ({@link Ref#NULL} for null). */
public final class TableInstance implements Extern {
    private final StoreState store;
    private final Table table;

    TableInstance(StoreState store, Table table) {
        this.store = store;
        this.table = table;
    }

    /** The current type: the current size as minimum and the declared maximum. */
    public TableType type() {
        return store.use(() -> new TableType(table.elementType, table.limits(), table.addressType));
    }

    public int size() {
        return store.use(() -> table.size());
    }

    /** @throws Trap "out of bounds table access" */
    public long get(int i) {
        return store.use(() -> table.get(Integer.toUnsignedLong(i)));
    }

    /** @throws Trap "out of bounds table access" */
    public void set(int i, long ref) {
        store.use(() -> table.set(Integer.toUnsignedLong(i), ref));
    }

    /** Grows by {@code delta} (unsigned) elements set to {@code initRef}; the old size, or -1. */
    public int grow(int delta, long initRef) {
        return store.use(() -> table.grow(Integer.toUnsignedLong(delta), initRef));
    }

    StoreState store() {
        return store;
    }

    Table table() {
        return table;
    }
}
