package wasm.runtime.internal.jit;

import java.util.List;

import wasm.core.model.FuncType;
import wasm.core.model.ValType;
import wasm.runtime.ValueSlots;

/**
 * Where each parameter of a wasm function type travels under the JIT ABI
 * (System V without vmctx): integer-class values (i32, i64, references) in
 * rdi, rsi, rdx, rcx, r8, r9, floats and v128s in xmm0..xmm7 (a v128 in all 128
 * bits), the rest in 8-byte stack slots in parameter order (two consecutive slots
 * for a v128, no alignment); the result, if any, in rax or xmm0.
 *
 * <p>ABI v2, several results: the caller passes the address of a results area (one 8-byte
 * slot per result, two for a v128, in order) in rax ({@code SysVAbi.RESULTS_AREA}), a hidden
 * argument that leaves the parameters' registers and stack slots as above; the callee stores
 * its results there (i32/f32 in the low half, the upper half unspecified) and returns nothing in
 * rax/xmm0. The entry trampoline passes resultv itself as the area, an upcall thunk hands the
 * caller's area to the Java side as resultv, a cross-instance thunk leaves rax untouched.
 * argv and resultv hold the values as the API encodes them ({@link ValueSlots}): the same slots.
 *
 * @param type       the wasm type
 * @param isFloat    per parameter: XMM class (f32, f64, v128) or integer class
 * @param location   per parameter: register number in its class (0..5 / 0..7), or {@code -1 - slot}
 * @param stackSlots number of 8-byte stack argument slots
 */
record NativeSignature(FuncType type, boolean[] isFloat, int[] location, int stackSlots) {
    static final int INT_ARG_REGS = 6;
    static final int FLOAT_ARG_REGS = 8;

    static NativeSignature of(FuncType type) {
        List<ValType> params = type.params();
        int n = params.size();
        boolean[] isFloat = new boolean[n];
        int[] location = new int[n];
        int ints = 0;
        int floats = 0;
        int slots = 0;
        for (int i = 0; i < n; i++) {
            boolean f = isFloat(params.get(i));
            isFloat[i] = f;
            if (f && floats < FLOAT_ARG_REGS) {
                location[i] = floats++;
            } else if (!f && ints < INT_ARG_REGS) {
                location[i] = ints++;
            } else {
                location[i] = -1 - slots;
                slots += ValueSlots.of(params.get(i));
            }
        }
        return new NativeSignature(type, isFloat, location, slots);
    }

    /** Whether a value of type {@code t} travels in an XMM register. */
    static boolean isFloat(ValType t) {
        return t == ValType.F32 || t == ValType.F64 || t == ValType.V128;
    }

    int paramCount() {
        return isFloat.length;
    }

    /** Whether parameter k is a v128 (16 bytes: a whole XMM register, two slots). */
    boolean isV128(int k) {
        return type.params().get(k) == ValType.V128;
    }

    /** The byte offset of parameter k in argv (the API's slots: two per v128). */
    int argOffset(int k) {
        return 8 * ValueSlots.of(type.params().subList(0, k));
    }

    /** The bytes of argv. */
    int argBytes() {
        return 8 * ValueSlots.of(type.params());
    }

    /** The bytes of the results in resultv (or a results area): 8 per result, 16 per v128. */
    int resultBytes() {
        return 8 * ValueSlots.of(type.results());
    }

    /** Exactly one result, in rax or xmm0. */
    boolean hasResult() {
        return type.results().size() == 1;
    }

    /** Several results, through the caller's results area (ABI v2). */
    boolean multiResult() {
        return type.results().size() > 1;
    }

    int resultCount() {
        return type.results().size();
    }

    boolean floatResult() {
        return hasResult() && isFloat(type.results().get(0));
    }

    /** The one result is a v128 (all of xmm0). */
    boolean v128Result() {
        return hasResult() && type.results().get(0) == ValType.V128;
    }

    /** Stack area for the outgoing stack arguments, rounded to 16 bytes. */
    int stackArea() {
        return (stackSlots * 8 + 15) & -16;
    }
}
