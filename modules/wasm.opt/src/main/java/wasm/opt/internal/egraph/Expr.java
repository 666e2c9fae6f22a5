package wasm.opt.internal.egraph;

import java.util.List;
import java.util.function.ToLongFunction;
import wasm.ir.IrOpcode;
import wasm.ir.Type;

/**
 * One side of a rewrite rule. The same tree reads as a pattern on the left
 * (matched against e-classes) and as a template on the right (built into new
 * e-nodes), so a rule reads like the identity it states:
 * {@code rule("iadd-zero", iadd(X, lit(0)), X)}.
 *
 * <ul>
 * <li>{@link Var}: any e-class; bound on the left, reused on the right. A variable
 *     named twice on the left must match one class twice.</li>
 * <li>{@link ConstVar}: an e-class holding a constant, its value bound for guards
 *     and computed constants; on the right, that same class.</li>
 * <li>{@link Lit}: an integer constant of that value (at the width of its place);
 *     on the right, a new constant.</li>
 * <li>{@link Computed}: right side only, a constant computed from the bindings.</li>
 * <li>{@link Op}: an e-node of that opcode; on the left any member of the class
 *     with that opcode (and type, and immediate, when given), on the right a new node.</li>
 * </ul>
 */
public sealed interface Expr {

    /** An e-class variable, slot {@code slot} of the match. */
    record Var(int slot, String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A constant-valued e-class; its (normalised) value lands in {@link Match#k(int)}. */
    record ConstVar(int slot, String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An integer constant equal to {@code value} at the width of the place it appears in. */
    record Lit(long value) implements Expr {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** Right side only: a constant whose bits are computed from the match, of the place's type. */
    record Computed(String text, ToLongFunction<Match> value) implements Expr {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * An e-node. {@code type} is the controlling type ({@code null}: any on the left; on the
     * right, the type the place expects, or for comparisons the type of the first operand).
     */
    record Op(IrOpcode op, Type type, Imm imm, List<Expr> args) implements Expr {
        public Op {
            args = List.copyOf(args);
            if (op.fixedOperandCount() != args.size()) {
                throw new IllegalArgumentException(op.text() + " takes " + op.fixedOperandCount() + " operands, not "
                        + args.size());
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(").append(op.text());
            if (type != null) {
                sb.append('.').append(type.text());
            }
            if (!(imm instanceof Imm.Any)) {
                sb.append(' ').append(imm);
            }
            for (Expr a : args) {
                sb.append(' ').append(a);
            }
            return sb.append(')').toString();
        }
    }

    /** The immediate of an {@link Op} (an instruction's {@code imm}: condition codes here). */
    sealed interface Imm {
        /** Left: any immediate; right: 0. */
        record Any() implements Imm {
            @Override
            public String toString() {
                return "_";
            }
        }

        /** Exactly this immediate. */
        record Fixed(long value, String text) implements Imm {
            @Override
            public String toString() {
                return text;
            }
        }

        /** Left: any immediate, bound to {@link Match#imm(int)} slot; right: a computed one. */
        record Bound(int slot, String name, ToLongFunction<Match> compute) implements Imm {
            @Override
            public String toString() {
                return name;
            }
        }
    }
}
