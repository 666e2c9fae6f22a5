package wasm.runtime;

import wasm.core.model.GlobalType;
import wasm.core.model.ValType;
import wasm.runtime.internal.GlobalCell;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.interp.Interpreter;

/**
 * A global variable: {@link #value()} typed (a v128 as {@link Val.V128}), {@link #get()} in the
 * API's long encoding (a v128 global through {@link #getV128()}: two longs, see {@link ValueSlots}).
 * Every read or write is a use of the store ({@link Store} says what that allows across threads);
 * after close it throws {@link IllegalStateException}.
 */
public final class GlobalInstance implements Extern {
    private final StoreState store;
    private final GlobalCell cell;

    GlobalInstance(StoreState store, GlobalCell cell) {
        this.store = store;
        this.cell = cell;
    }

    /**
     * The global's type.
     *
     * @return its value type and mutability
     */
    public GlobalType type() {
        return cell.type;
    }

    /**
     * The value in the API's encoding ({@link Val#bits()}).
     *
     * @return the value
     * @throws IllegalStateException for a v128 global ({@link #getV128})
     */
    public long get() {
        requireScalar();
        return store.use(() -> Interpreter.normalize(cell.type.type(), cell.get()));
    }

    /**
     * Sets the value in the API's encoding ({@link Val#bits()}); an i32 or f32 keeps the low 32 bits.
     *
     * @param v the value
     * @throws IllegalStateException when the global is immutable, or a v128 ({@link #setV128})
     * @throws IllegalArgumentException when {@code v} is a funcref that names no function of this store
     */
    public void set(long v) {
        requireScalar();
        requireMutable();
        store.checkRef(cell.type.type(), v);
        store.use(() -> cell.set(Interpreter.normalize(cell.type.type(), v)));
    }

    /**
     * A v128 global's value: the low 64 bits, then the high 64 bits.
     *
     * @return a new array of two longs
     * @throws IllegalStateException when the global is not a v128
     */
    public long[] getV128() {
        requireV128();
        return store.use(() -> new long[] {cell.get(), cell.getHigh()});
    }

    /**
     * Sets a v128 global's value.
     *
     * @param lo the low 64 bits (bytes 0..7)
     * @param hi the high 64 bits (bytes 8..15)
     * @throws IllegalStateException when the global is immutable or not a v128
     */
    public void setV128(long lo, long hi) {
        requireV128();
        requireMutable();
        store.use(() -> cell.setV128(lo, hi));
    }

    private void requireScalar() {
        if (cell.type.type() == ValType.V128) {
            throw new IllegalStateException("a v128 global: use getV128/setV128");
        }
    }

    private void requireV128() {
        if (cell.type.type() != ValType.V128) {
            throw new IllegalStateException("not a v128 global: " + cell.type.type());
        }
    }

    private void requireMutable() {
        if (!cell.type.mutable()) {
            throw new IllegalStateException("global is immutable");
        }
    }

    /**
     * The value, typed.
     *
     * @return the value with the global's type (a {@link Val.V128} for a v128)
     */
    public Val value() {
        if (cell.type.type() == ValType.V128) {
            long[] v = getV128();
            return new Val.V128(v[0], v[1]);
        }
        return Val.of(cell.type.type(), get());
    }

    /**
     * Sets a typed value.
     *
     * @param v the new value
     * @throws IllegalArgumentException when its type is not the global's
     * @throws IllegalStateException when the global is immutable
     */
    public void set(Val v) {
        if (v == null || v.type() != cell.type.type()) {
            throw new IllegalArgumentException("the global holds " + cell.type.type() + ", not "
                    + (v == null ? "null" : v.type()));
        }
        if (v instanceof Val.V128(long lo, long hi)) {
            setV128(lo, hi);
        } else {
            set(v.bits());
        }
    }

    StoreState store() {
        return store;
    }

    GlobalCell cell() {
        return cell;
    }
}
