package wasm.opt.internal;

import java.util.function.IntUnaryOperator;
import wasm.ir.Function;

/**
 * Copies instructions, within a function (loop versioning) or from one into
 * another (inlining): operands and branch arguments through a value map (a
 * value without an entry is kept, which only makes sense within one
 * function), results recorded in it, branch targets through a block map.
 */
public final class IrCopy {
    private IrCopy() {
    }

    /** {@code v} through {@code valueMap}, or itself when it has no entry. */
    public static int mapped(int[] valueMap, int v) {
        return v < valueMap.length && valueMap[v] >= 0 ? valueMap[v] : v;
    }

    /**
     * A copy of instruction {@code inst} of {@code from} in {@code to}, not placed in the layout;
     * its results go into {@code valueMap} (indexed by {@code from}'s values).
     */
    public static int copy(Function from, int inst, Function to, int[] valueMap, IntUnaryOperator targetBlock) {
        int na = from.argCount(inst);
        int[] args = new int[na];
        for (int k = 0; k < na; k++) {
            args[k] = mapped(valueMap, from.arg(inst, k));
        }
        int copy = to.makeInst(from.opcode(inst), from.ctrlType(inst), from.imm(inst), from.imm2(inst), args, na);
        for (int k = 0; k < from.resultCount(inst); k++) {
            int r = from.result(inst, k);
            valueMap[r] = to.addResult(copy, from.valueType(r));
        }
        for (int t = 0; t < from.targetCount(inst); t++) {
            int nt = from.targetArgCount(inst, t);
            int[] targs = new int[nt];
            for (int k = 0; k < nt; k++) {
                targs[k] = mapped(valueMap, from.targetArg(inst, t, k));
            }
            to.addTarget(copy, targetBlock.applyAsInt(from.targetBlock(inst, t)), targs, nt);
        }
        return copy;
    }
}
