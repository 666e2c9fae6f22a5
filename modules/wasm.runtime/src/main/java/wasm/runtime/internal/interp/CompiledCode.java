package wasm.runtime.internal.interp;

import wasm.runtime.internal.InstanceContext;

/**
 * A function translated for the interpreter: the int code stream, the frame
 * shape (parameters and locals live at the bottom of the frame on the value
 * stack) and the maximum operand height, so one capacity check at entry covers
 * the whole activation.
 */
public final class CompiledCode {
    final int[] code;
    final int numParams;
    /** Parameters plus declared locals. */
    final int numLocals;
    final int numResults;
    /** Highest stack offset from the frame pointer the function can reach. */
    final int maxHeight;
    /** Initial values of the declared (non-parameter) locals: 0, or -1 for references. */
    final long[] localInit;
    final InstanceContext context;

    CompiledCode(int[] code, int numParams, int numLocals, int numResults, int maxHeight, long[] localInit,
                 InstanceContext context) {
        this.code = code;
        this.numParams = numParams;
        this.numLocals = numLocals;
        this.numResults = numResults;
        this.maxHeight = maxHeight;
        this.localInit = localInit;
        this.context = context;
    }

    /** Length of the code stream in ints. */
    public int codeLength() {
        return code.length;
    }
}
