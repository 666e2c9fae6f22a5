package wasm.runtime.internal.jit;

import java.util.List;

import wasm.core.model.FuncType;
import wasm.core.model.ValType;

/**
 * Where each parameter of a wasm function type travels under the JIT ABI
 * (System V without vmctx): integer-class values (i32, i64, references) in
 * rdi, rsi, rdx, rcx, r8, r9, floats in xmm0..xmm7, the rest in 8-byte stack
 * slots in parameter order; the result, if any, in rax or xmm0.
 *
 * <p>ABI v2, several results: the caller passes the address of a results area (one 8-byte
 * slot per result, in order) in rax ({@code SysVAbi.RESULTS_AREA}), a hidden argument that
 * leaves the parameters' registers and stack slots as above; the callee stores result k at
 * [area + 8k] (i32/f32 in the low half, the upper half unspecified) and returns nothing in
 * rax/xmm0. The entry trampoline passes resultv itself as the area, an upcall thunk hands the
 * caller's area to the Java side as resultv, a cross-instance thunk leaves rax untouched.
 *
 * @param type       the wasm type
 * @param isFloat    per parameter: float class (xmm) or integer class
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
                location[i] = -1 - slots++;
            }
        }
        return new NativeSignature(type, isFloat, location, slots);
    }

    static boolean isFloat(ValType t) {
        return t == ValType.F32 || t == ValType.F64;
    }

    int paramCount() {
        return isFloat.length;
    }

    /** Whether the ABI can carry the signature: any number of results (v2), no v128. */
    boolean supported() {
        return !type.params().contains(ValType.V128)
                && !type.results().contains(ValType.V128);
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

    /** Stack area for the outgoing stack arguments, rounded to 16 bytes. */
    int stackArea() {
        return (stackSlots * 8 + 15) & -16;
    }
}
