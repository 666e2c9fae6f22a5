package wasm.backend.code;

/**
 * Why generated code traps. The message is the WebAssembly specification's
 * exact text (as the official .wast files expect it), so the runtime can turn
 * a trap code read back from the instance context into the right exception.
 */
public enum TrapCode {
    UNREACHABLE("unreachable"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    OUT_OF_BOUNDS_MEMORY_ACCESS("out of bounds memory access"),
    OUT_OF_BOUNDS_TABLE_ACCESS("out of bounds table access"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    UNINITIALIZED_ELEMENT("uninitialized element"),
    UNDEFINED_ELEMENT("undefined element"),
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    /** A host function threw; the Java exception is kept aside by the runtime. */
    HOST_EXCEPTION("host function failed");

    private final String message;

    TrapCode(String message) {
        this.message = message;
    }

    /**
     * The u32 a trap stub stores into vmctx's trapCode field (JIT ABI): the
     * ordinal plus one, so 0 keeps meaning "no trap".
     */
    public int abiCode() {
        return ordinal() + 1;
    }

    /** The trap code for a value read back from vmctx's trapCode field. */
    public static TrapCode fromAbiCode(int code) {
        TrapCode[] all = values();
        if (code < 1 || code > all.length) {
            throw new IllegalArgumentException("not a trap code: " + code);
        }
        return all[code - 1];
    }

    /** The specification's message for this trap. */
    public String message() {
        return message;
    }
}
