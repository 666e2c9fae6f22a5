package wasm.opt.internal.egraph.rules;

import static wasm.opt.internal.egraph.RuleDsl.K1;
import static wasm.opt.internal.egraph.RuleDsl.K2;
import static wasm.opt.internal.egraph.RuleDsl.X;
import static wasm.opt.internal.egraph.RuleDsl.Y;
import static wasm.opt.internal.egraph.RuleDsl.Z;
import static wasm.opt.internal.egraph.RuleDsl.iadd;
import static wasm.opt.internal.egraph.RuleDsl.imul;
import static wasm.opt.internal.egraph.RuleDsl.ishl;
import static wasm.opt.internal.egraph.RuleDsl.isub;
import static wasm.opt.internal.egraph.RuleDsl.k;
import static wasm.opt.internal.egraph.RuleDsl.op;

import java.util.List;
import java.util.function.LongBinaryOperator;
import wasm.ir.IrOpcode;
import wasm.opt.internal.egraph.Match;
import wasm.opt.internal.egraph.Rule;
import wasm.opt.internal.egraph.RuleDsl.Topic;

/**
 * Address arithmetic in the canonical form the backend folds into one memory
 * operand: constants gathered outermost ({@code iadd (iadd base (ishl index s)) k},
 * which x86 computes as one 32-bit {@code lea}, or as the folded displacement
 * of the access), subtraction of a constant as addition, shifts and products
 * distributed over an added constant; and sums re-associated so that their
 * loop-invariant part is one value that elaboration hoists out of the loop.
 */
public final class AddressRules {
    private AddressRules() {
    }

    public static List<Rule> rules() {
        Topic t = new Topic("address");
        // the backend folds an added constant into an address, not a subtracted one
        t.rule("isub-const", isub(X, K1), m -> m.k(0) != 0, iadd(X, k("-k1", m -> -m.k(0)))).subsume();
        reassociate(t, IrOpcode.IADD, (a, b) -> a + b);
        reassociate(t, IrOpcode.IMUL, (a, b) -> a * b);
        reassociate(t, IrOpcode.BAND, (a, b) -> a & b);
        reassociate(t, IrOpcode.BOR, (a, b) -> a | b);
        reassociate(t, IrOpcode.BXOR, (a, b) -> a ^ b);
        t.rule("iadd-const-outward", iadd(iadd(X, K1), Y), m -> !m.isConst(1), iadd(iadd(X, Y), K1));
        t.rule("iadd-const-outward-right", iadd(Y, iadd(X, K1)), m -> !m.isConst(1), iadd(iadd(Y, X), K1));
        t.rule("ishl-distribute", ishl(iadd(X, K1), K2),
                iadd(ishl(X, K2), k("k1 << k2", m -> m.k(0) << Bits.shift(m, 1))));
        t.rule("imul-distribute", imul(iadd(X, K1), K2), iadd(imul(X, K2), k("k1 * k2", m -> m.k(0) * m.k(1))));
        // (x + y) + z with y and z invariant in a loop that x varies in: x + (y + z), the inner sum
        // hoisted. Canonical order puts the older operand first, and invariants are older (defined
        // before the loop), so z + (y + x) is the shape to match.
        t.rule("iadd-invariant", iadd(Z, iadd(Y, X)), m -> invariantPair(m, 1, 2, 0), iadd(X, iadd(Y, Z)));
        return t.rules();
    }

    /** {@code (x op k1) op k2 -> x op (k1 op k2)} for an associative, commutative {@code op}. */
    private static void reassociate(Topic t, IrOpcode o, LongBinaryOperator combine) {
        t.rule(o.text() + "-const-const", op(o, op(o, X, K1), K2),
                op(o, X, k("k1 " + o.text() + " k2", m -> combine.applyAsLong(m.k(0), m.k(1)))));
    }

    /** Whether the classes of slots {@code a} and {@code b} are both available outside a loop slot {@code x} is in. */
    private static boolean invariantPair(Match m, int a, int b, int x) {
        return Math.max(m.loopLevel(a), m.loopLevel(b)) < m.loopLevel(x);
    }
}
