package wasm.runtime;

import wasm.core.model.FuncType;
import wasm.runtime.internal.RuntimeFunction;
import wasm.runtime.internal.StoreState;

/** A function in a store: exported by an instance or provided by the host. */
public final class FunctionInstance implements Extern {
    private final StoreState store;
    private final RuntimeFunction function;

    FunctionInstance(StoreState store, RuntimeFunction function) {
        this.store = store;
        this.function = function;
    }

    public FuncType type() {
        return function.type();
    }

    /**
     * Calls the function with API-encoded arguments and returns its API-encoded
     * results. Runs to completion.
     *
     * @throws Trap when execution traps, including "call stack exhausted" for runaway recursion
     */
    public long[] call(long... args) {
        return store.invoke(function, args);
    }

    /** The funcref value of this function (its store address). */
    public long ref() {
        return function.address();
    }

    StoreState store() {
        return store;
    }

    RuntimeFunction function() {
        return function;
    }

    @Override
    public String toString() {
        return "FunctionInstance[" + function.address() + ": " + function.type() + "]";
    }
}
