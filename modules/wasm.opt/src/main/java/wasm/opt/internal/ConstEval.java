package wasm.opt.internal;

import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.interp.PureSemantics;

/**
 * Evaluates one instruction on constant operands with exactly the semantics of
 * {@link wasm.ir.interp.IrInterpreter} (the oracle), because both call
 * {@link PureSemantics}: i32 results sign-extended, f32 bits in the low half,
 * NaN results quieted. An operation that would trap on these operands is not
 * evaluated ({@link #NOT_FOLDABLE}): folding it into a constant would lose the trap.
 */
public final class ConstEval {

    /** The evaluation result of an instruction that cannot be folded. */
    public record Result(boolean folded, long bits) {
    }

    public static final Result NOT_FOLDABLE = new Result(false, 0);

    private ConstEval() {
    }

    /** The normalised bit pattern of a constant of type {@code t}. */
    public static long normalize(Type t, long v) {
        return PureSemantics.normalize(t, v);
    }

    /**
     * The value of {@code inst} (one result, no memory or environment access) if its operands
     * have the constant values {@code a}, {@code b}, {@code c}; or {@link #NOT_FOLDABLE}.
     */
    public static Result eval(Function f, int inst, long a, long b, long c) {
        IrOpcode op = f.opcode(inst);
        if (!PureSemantics.covers(op)) {
            return NOT_FOLDABLE;
        }
        Type t = f.ctrlType(inst);
        Type argType = f.valueType(f.arg(inst, 0));
        if (PureSemantics.trap(op, t, argType, a, b).isPresent()) {
            return NOT_FOLDABLE;
        }
        return new Result(true, PureSemantics.evaluate(op, t, argType, f.imm(inst), a, b, c));
    }
}
