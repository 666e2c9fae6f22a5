package wasm.runtime;

/**
 * Why a {@link Trap} happened. Each kind but {@link #HOST} and {@link #OTHER} has the
 * specification's message (or wasmoon's, for the kinds the specification does not have), which
 * begins the trap's message; {@link #of(String)} recovers the kind from a message.
 */
public enum TrapKind {
    /** The {@code unreachable} instruction ran. */
    UNREACHABLE("unreachable"),
    /** A load, store or bulk memory operation outside the memory's current size. */
    MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
    /** A table access or bulk table operation outside the table's current size. */
    TABLE_OUT_OF_BOUNDS("out of bounds table access"),
    /** call_indirect through an index beyond the table. */
    UNDEFINED_ELEMENT("undefined element"),
    /** call_indirect through a null table entry. */
    UNINITIALIZED_ELEMENT("uninitialized element"),
    /** call_indirect to a function of another signature. */
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    /** An integer division or remainder by zero. */
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    /**
     * A signed division of the smallest integer by -1, or a trapping float-to-integer conversion of a
     * value outside the integer's range.
     */
    INTEGER_OVERFLOW("integer overflow"),
    /** A trapping float-to-integer conversion of NaN. */
    INVALID_CONVERSION("invalid conversion to integer"),
    /** Recursion deeper than the wasm stack allows ({@link RuntimeOptions#wasmStackSize()}). */
    STACK_EXHAUSTED("call stack exhausted"),
    /** A host function threw: the trap's {@link Trap#getCause() cause} is what it threw. */
    HOST("host function failed"),
    /** The call was interrupted (a deadline, or the store closed under it). */
    INTERRUPTED("interrupted"),
    /** The store's fuel ran out. */
    OUT_OF_FUEL("all fuel consumed"),
    /** A message of none of the kinds above. */
    OTHER("");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    /**
     * The message a trap of this kind starts with.
     *
     * @return the message; empty for {@link #OTHER}
     */
    public String message() {
        return message;
    }

    /**
     * The kind whose message {@code trapMessage} starts with, else {@link #OTHER}.
     *
     * @param trapMessage a trap's message
     * @return the kind
     */
    public static TrapKind of(String trapMessage) {
        if (trapMessage != null) {
            for (TrapKind k : values()) {
                if (k != OTHER && trapMessage.startsWith(k.message)) {
                    return k;
                }
            }
        }
        return OTHER;
    }
}
