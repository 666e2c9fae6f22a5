package wasm.opt.internal;

import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;

/**
 * The canonical operand order of commutative integer operations ({@code iadd},
 * {@code imul}, {@code band}, {@code bor}, {@code bxor}, {@code icmp eq/ne}): the
 * lower value number first. GVN puts operands in this order so {@code a+b} meets
 * {@code b+a}; the e-graph's elaboration does the same for the instructions it
 * places, so the code the backend gets does not depend on which of the two ran last.
 */
public final class CommutativeOperands {
    private CommutativeOperands() {
    }

    /** Swaps the operands of {@code inst} when it is commutative and they are out of order; returns whether it did. */
    public static boolean canonicalize(Function f, int inst) {
        boolean commutative = switch (f.opcode(inst)) {
            case IADD, IMUL, BAND, BOR, BXOR -> true;
            case ICMP -> {
                IntCC cc = IntCC.byOrdinal((int) f.imm(inst));
                yield cc == IntCC.EQ || cc == IntCC.NE;
            }
            default -> false;
        };
        if (commutative) {
            int a = f.arg(inst, 0), b = f.arg(inst, 1);
            if (a > b) {
                f.setArg(inst, 0, b);
                f.setArg(inst, 1, a);
                return true;
            }
        }
        return false;
    }
}
