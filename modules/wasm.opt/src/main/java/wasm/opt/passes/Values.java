package wasm.opt.passes;

import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.opt.internal.ConstEval;

/** Small queries on values the passes share. */
final class Values {
    private Values() {
    }

    /** Whether {@code v} is the result of an {@code iconst}/{@code fconst}. */
    static boolean isConst(Function f, int v) {
        int d = f.valueInst(v);
        return d >= 0 && (f.opcode(d) == IrOpcode.ICONST || f.opcode(d) == IrOpcode.FCONST);
    }

    /** The normalised bits of constant {@code v} (check {@link #isConst} first). */
    static long constBits(Function f, int v) {
        return ConstEval.normalize(f.valueType(v), f.imm(f.valueInst(v)));
    }

    /** Whether {@code v} is an integer constant equal to {@code value} (compared at the value's width). */
    static boolean isIntConst(Function f, int v, long value) {
        return isConst(f, v) && f.valueType(v).isInt() && constBits(f, v) == ConstEval.normalize(f.valueType(v), value);
    }

    /** A new constant instruction of type {@code t} inserted right before {@code before}; returns its value. */
    static int insertConst(Function f, Type t, long bits, int before) {
        int inst = f.makeInst(t.isInt() ? IrOpcode.ICONST : IrOpcode.FCONST, t, ConstEval.normalize(t, bits), 0,
                new int[0], 0);
        int v = f.addResult(inst, t);
        f.insertInstBefore(inst, before);
        return v;
    }

    /** Whether the opcode computes nothing but its result, possibly trapping (no memory, calls, or state). */
    static boolean isPureOrTrapOnly(IrOpcode op) {
        return op.flags() == 0 || op.flags() == IrOpcode.Flags.TRAPS && !op.isTerminator();
    }
}
