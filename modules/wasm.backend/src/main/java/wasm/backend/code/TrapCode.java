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

    /** The specification's message for this trap. */
    public String message() {
        return message;
    }
}
