package wasm.ir;

/**
 * Why a trap happened; {@link #message()} is the WebAssembly spec's wording. The one list of
 * trap reasons for every tier: the IR, its interpreter, the x86-64 backend (whose JIT ABI maps
 * these to numeric codes in {@code wasm.backend.code.TrapAbi}) and the runtime.
 */
public enum TrapCode {
    UNREACHABLE("unreachable", "unreachable"),
    INT_DIVZ("int_divz", "integer divide by zero"),
    INT_OVF("int_ovf", "integer overflow"),
    BAD_TOINT("bad_toint", "invalid conversion to integer"),
    HEAP_OOB("heap_oob", "out of bounds memory access"),
    TABLE_OOB("table_oob", "out of bounds table access"),
    UNDEFINED_ELEMENT("undefined_element", "undefined element"),
    UNINITIALIZED_ELEMENT("uninitialized_element", "uninitialized element"),
    BAD_SIGNATURE("bad_sig", "indirect call type mismatch"),
    STACK_OVERFLOW("stk_ovf", "call stack exhausted"),
    /**
     * A host function (or an interpreted callee reached through an upcall) threw; never produced by
     * wasm code itself. The runtime keeps the Java exception aside and rethrows it, so this message
     * only shows when that exception is lost.
     */
    HOST_EXCEPTION("host_exception", "host function failed"),
    /**
     * The store's fuel ran out: with fuel metering on, every function entry and every taken loop
     * back edge costs one unit (see docs/interruption.md). Never produced by IR translation.
     */
    OUT_OF_FUEL("out_of_fuel", "all fuel consumed");

    private static final TrapCode[] VALUES = values();

    private final String text;
    private final String message;

    TrapCode(String text, String message) {
        this.text = text;
        this.message = message;
    }

    /** The IR text name ({@code trap int_divz}). */
    public String text() {
        return text;
    }

    /** The spec's trap message. */
    public String message() {
        return message;
    }

    public static TrapCode byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static TrapCode fromText(String text) {
        for (TrapCode t : VALUES) {
            if (t.text.equals(text)) {
                return t;
            }
        }
        return null;
    }
}
