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
    /**
     * Initial values of the declared (non-parameter) locals, 0 or -1 for references, when
     * there are at most {@link #INIT_ARRAY_MAX} of them; else null and {@link #localRuns} says.
     */
    final long[] localInit;
    /**
     * For many locals: runs of {@code localRuns[2k]} locals initialised to {@code
     * localRuns[2k+1]} (0 or -1), so a body of a few bytes declaring 50,000 locals costs a few
     * ints here, not 400 KB per translated function.
     */
    final int[] localRuns;
    final InstanceContext context;
    /** The function's index in its module (for trap backtraces). */
    final int funcIndex;

    /** Up to this many declared locals, their initial values are kept as one array (the fast path). */
    static final int INIT_ARRAY_MAX = 64;

    CompiledCode(int[] code, int numParams, int numLocals, int numResults, int maxHeight, long[] localInit,
                 int[] localRuns, InstanceContext context, int funcIndex) {
        this.code = code;
        this.numParams = numParams;
        this.numLocals = numLocals;
        this.numResults = numResults;
        this.maxHeight = maxHeight;
        this.localInit = localInit;
        this.localRuns = localRuns;
        this.context = context;
        this.funcIndex = funcIndex;
    }

    /** Initialises the declared locals at {@code s[base..]} from {@link #localRuns}. */
    void initLocalRuns(long[] s, int base) {
        int at = base;
        for (int r = 0; r < localRuns.length; r += 2) {
            int end = at + localRuns[r];
            java.util.Arrays.fill(s, at, end, localRuns[r + 1]);
            at = end;
        }
    }

    /** Length of the code stream in ints. */
    public int codeLength() {
        return code.length;
    }
}
