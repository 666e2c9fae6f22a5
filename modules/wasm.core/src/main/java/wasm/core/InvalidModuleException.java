package wasm.core;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The module is well formed but fails validation (spec: "invalid"). The message is the
 * reference interpreter's alone (spec scripts match it); where the error is in a function body
 * the exception also says which function and, for a binary module, the byte offset of the
 * instruction that failed.
 */
public final class InvalidModuleException extends WasmException {
    private static final long serialVersionUID = 1L;

    /** The function index of the body that failed, or -1. */
    private final int functionIndex;
    /** The module offset of the instruction that failed, or -1. */
    private final long offset;

    /**
     * A validation error.
     *
     * @param message the reference interpreter's message, such as {@code "type mismatch"}
     */
    public InvalidModuleException(String message) {
        this(message, -1, -1);
    }

    private InvalidModuleException(String message, int functionIndex, long offset) {
        super(message);
        this.functionIndex = functionIndex;
        this.offset = offset;
    }

    /**
     * This error, located in a function body.
     *
     * @param function the function's index in the function index space (imports first)
     * @return an exception with the same message and offset, and that function
     */
    public InvalidModuleException inFunction(int function) {
        return located(new InvalidModuleException(getMessage(), function, offset));
    }

    /**
     * This error, located at a byte of the module binary.
     *
     * @param moduleOffset the offset of the instruction that failed, from the module's first byte
     * @return an exception with the same message and function, and that offset
     */
    public InvalidModuleException at(long moduleOffset) {
        return located(new InvalidModuleException(getMessage(), functionIndex, moduleOffset));
    }

    private InvalidModuleException located(InvalidModuleException e) {
        e.setStackTrace(getStackTrace());
        return e;
    }

    /**
     * The function whose body failed, when the error is in one.
     *
     * @return its index in the function index space, or empty
     */
    public OptionalInt functionIndex() {
        return functionIndex < 0 ? OptionalInt.empty() : OptionalInt.of(functionIndex);
    }

    /**
     * The byte offset in the module binary of the instruction that failed, when the module was
     * decoded from a binary and the error is in a function body.
     *
     * @return the offset, or empty
     */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /**
     * Where the error is, for people: {@code "function 7, offset 0x1a2b"}, {@code "function 7"},
     * or empty when the error is not in a function body.
     *
     * @return the location, or the empty string
     */
    public String location() {
        if (functionIndex < 0) {
            return offset < 0 ? "" : "offset 0x" + Long.toHexString(offset);
        }
        return "function " + functionIndex + (offset < 0 ? "" : ", offset 0x" + Long.toHexString(offset));
    }
}
