package wasm.runtime.internal.jit;

import wasm.runtime.RuntimeOptions;

/**
 * What generated code polls besides its prologue's stack check: fuel (every function entry and every
 * loop back edge taken costs one unit of the store's fuel counter) and interruption (loop back edges
 * compare rsp with the stack limit, which the runtime poisons to interrupt). Compiled code depends on
 * it, so it is part of the vmctx contract ({@link ModuleVmctxLayout}) and of a compiled module.
 *
 * @param fuel           metered: prologues and back edges charge the fuel counter
 * @param interruptPolls back edges check for interruption (prologues always do)
 */
public record Metering(boolean fuel, boolean interruptPolls) {
    /** What code caches hold and stores use unless told otherwise: interruptible loops, no fuel. */
    public static final Metering DEFAULT = new Metering(false, true);

    /** The metering a store running as {@code options} say compiles for. */
    public static Metering of(RuntimeOptions options) {
        return new Metering(options.fuel(), options.interruptPolls());
    }

    // equals and hashCode written out: a record's generated ones bootstrap an invokedynamic call
    // site on first use, milliseconds of every JIT instantiation (which compares meterings)

    @Override
    public boolean equals(Object o) {
        return o instanceof Metering m && m.fuel == fuel && m.interruptPolls == interruptPolls;
    }

    @Override
    public int hashCode() {
        return (fuel ? 2 : 0) + (interruptPolls ? 1 : 0);
    }
}
