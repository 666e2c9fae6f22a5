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

    /** Whether the ABI can carry the results: none or exactly one. */
    boolean supported() {
        return type.results().size() <= 1 && !type.params().contains(ValType.V128)
                && !type.results().contains(ValType.V128);
    }

    boolean hasResult() {
        return type.results().size() == 1;
    }

    boolean floatResult() {
        return hasResult() && isFloat(type.results().get(0));
    }

    /** Stack area for the outgoing stack arguments, rounded to 16 bytes. */
    int stackArea() {
        return (stackSlots * 8 + 15) & -16;
    }
}
