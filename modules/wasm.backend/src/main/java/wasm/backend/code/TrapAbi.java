package wasm.backend.code;

import wasm.ir.TrapCode;

/**
 * The JIT ABI's numbers for {@link TrapCode}s: the u32 a trap stub stores into vmctx's trapCode
 * field and an entry trampoline returns. The messages stay with {@link TrapCode}.
 */
public final class TrapAbi {
    /** The value of vmctx's trapCode field while no trap is pending. */
    public static final int NO_TRAP = 0;

    private static final TrapCode[] CODES = TrapCode.values();

    private TrapAbi() {
    }

    /** The ordinal plus one, so 0 keeps meaning "no trap". */
    public static int abiCode(TrapCode code) {
        return code.ordinal() + 1;
    }

    /** The trap code for a value read back from vmctx's trapCode field. */
    public static TrapCode fromAbiCode(int code) {
        if (code < 1 || code > CODES.length) {
            throw new IllegalArgumentException("not a trap code: " + code);
        }
        return CODES[code - 1];
    }

    /**
     * Whether generated code stores the offending table index into vmctx's trapDetail field before
     * it traps with {@code code}: call_indirect's "undefined element" and "uninitialized element",
     * which the reference interpreter reports with the index ("uninitialized element 2").
     */
    public static boolean hasElementIndex(TrapCode code) {
        return code == TrapCode.UNDEFINED_ELEMENT || code == TrapCode.UNINITIALIZED_ELEMENT;
    }
}
