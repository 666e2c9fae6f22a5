package wasm.runtime;

import wasm.core.model.GlobalType;
import wasm.runtime.internal.GlobalCell;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.interp.Interpreter;

/** A global variable; its value uses the API's long encoding. */
public final class GlobalInstance implements Extern {
    private final StoreState store;
    private final GlobalCell cell;

    GlobalInstance(StoreState store, GlobalCell cell) {
        this.store = store;
        this.cell = cell;
    }

    public GlobalType type() {
        return cell.type;
    }

    public long get() {
        return Interpreter.normalize(cell.type.type(), cell.get());
    }

    /** @throws IllegalStateException when the global is immutable */
    public void set(long v) {
        if (!cell.type.mutable()) {
            throw new IllegalStateException("global is immutable");
        }
        cell.set(Interpreter.normalize(cell.type.type(), v));
    }

    StoreState store() {
        return store;
    }

    GlobalCell cell() {
        return cell;
    }
}
