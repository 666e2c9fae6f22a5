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

    /**
     * The current type: the current size as minimum and the declared maximum.
     *
     * @return the type as it stands now (its minimum grows with the table)
     */
    public TableType type() {
        return store.use(() -> new TableType(table.elementType, table.limits(), table.addressType));
    }

    /**
     * The current number of elements.
     *
     * @return the size
     */
    public int size() {
        return store.use(() -> table.size());
    }

    /**
     * The element at {@code i}.
     *
     * @param i the index, read as unsigned
     * @return the reference as {@link Ref} encodes it
     * @throws Trap "out of bounds table access"
     */
    public long get(int i) {
        return store.use(() -> table.get(Integer.toUnsignedLong(i)));
    }

    /**
     * Sets the element at {@code i}.
     *
     * @param i the index, read as unsigned
     * @param ref the reference as {@link Ref} encodes it, of the table's element type
     * @throws Trap "out of bounds table access"
     */
    public void set(int i, long ref) {
        store.use(() -> table.set(Integer.toUnsignedLong(i), ref));
    }

    /**
     * Grows by {@code delta} (unsigned) elements set to {@code initRef}; the old size, or -1.
     *
     * @param delta the elements to add, read as unsigned
     * @param initRef the new elements' value, a reference as {@link Ref} encodes it
     * @return the size before the grow, or -1 when the table cannot grow that far (it is unchanged then)
     */
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
