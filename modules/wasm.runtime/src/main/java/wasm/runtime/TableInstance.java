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
     * @throws IllegalArgumentException when {@code ref} is a funcref that names no function of this store
     */
    public void set(int i, long ref) {
        store.checkRef(table.elementType, ref);
        store.use(() -> table.set(Integer.toUnsignedLong(i), ref));
    }

    /**
     * Grows by {@code delta} (unsigned) elements set to {@code initRef}; the old size, or -1.
     *
     * @param delta the elements to add, read as unsigned
     * @param initRef the new elements' value, a reference as {@link Ref} encodes it
     * @return the size before the grow, or -1 when the table cannot grow that far (it is unchanged then)
     * @throws IllegalArgumentException when {@code initRef} is a funcref that names no function of this store
     */
    public int grow(int delta, long initRef) {
        store.checkRef(table.elementType, initRef);
        return store.use(() -> table.grow(Integer.toUnsignedLong(delta), initRef));
    }

    /**
     * The element at {@code index}, typed: a {@link Val.FuncRef} or a {@link Val.ExternRef} as the
     * table's element type says, holding {@link Ref#NULL} where the element is null. A funcref
     * becomes callable through {@link Store#function(Val.FuncRef)}.
     *
     * @param index the index (a table holds fewer than 2^31 elements)
     * @return the element
     * @throws Trap "out of bounds table access" when {@code index} is negative or not below
     *         {@link #size()}
     */
    public Val element(long index) {
        return store.use(() -> Val.of(table.elementType, table.get(index)));
    }

    /**
     * Sets the element at {@code index} to a typed reference.
     *
     * @param index the index
     * @param value a reference of the table's element type: a {@link Val.FuncRef} of a function of
     *              this store (e.g. {@link FunctionInstance#ref()}) or null, or a {@link Val.ExternRef}
     * @throws IllegalArgumentException when the value is not of the table's element type, or is a
     *                                  funcref that names no function of this store
     * @throws Trap "out of bounds table access" when {@code index} is out of range
     */
    public void setElement(long index, Val value) {
        checkElement(value);
        store.use(() -> table.set(index, value.bits()));
    }

    /**
     * Grows by {@code delta} elements set to a typed reference.
     *
     * @param delta the number of elements to add
     * @param init the new elements' value, of the table's element type (see {@link #setElement})
     * @return the size before the grow, or -1 when the table cannot grow that far (it is
     *         unchanged then)
     * @throws IllegalArgumentException when {@code delta} is negative or {@code init} is not a
     *                                  reference of the table's element type
     */
    public long grow(long delta, Val init) {
        if (delta < 0) {
            throw new IllegalArgumentException("a table cannot shrink: delta " + delta);
        }
        checkElement(init);
        return store.use(() -> (long) table.grow(delta, init.bits()));
    }

    private void checkElement(Val value) {
        if (value == null || value.type() != table.elementType) {
            throw new IllegalArgumentException("the table holds " + table.elementType + ", not "
                    + (value == null ? "null" : value.type()));
        }
        store.checkRef(table.elementType, value.bits());
    }

    StoreState store() {
        return store;
    }

    Table table() {
        return table;
    }
}
