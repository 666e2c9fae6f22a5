package wasm.opt.internal.egraph.rules;

import static wasm.opt.internal.egraph.RuleDsl.CC;
import static wasm.opt.internal.egraph.RuleDsl.K1;
import static wasm.opt.internal.egraph.RuleDsl.X;
import static wasm.opt.internal.egraph.RuleDsl.Y;
import static wasm.opt.internal.egraph.RuleDsl.Z;
import static wasm.opt.internal.egraph.RuleDsl.band;
import static wasm.opt.internal.egraph.RuleDsl.bor;
import static wasm.opt.internal.egraph.RuleDsl.bxor;
import static wasm.opt.internal.egraph.RuleDsl.cc;
import static wasm.opt.internal.egraph.RuleDsl.eqz;
import static wasm.opt.internal.egraph.RuleDsl.iadd;
import static wasm.opt.internal.egraph.RuleDsl.icmp;
import static wasm.opt.internal.egraph.RuleDsl.imul;
import static wasm.opt.internal.egraph.RuleDsl.isub;
import static wasm.opt.internal.egraph.RuleDsl.k;
import static wasm.opt.internal.egraph.RuleDsl.lit;
import static wasm.opt.internal.egraph.RuleDsl.op;
import static wasm.opt.internal.egraph.RuleDsl.select;

import java.util.List;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.opt.internal.egraph.Rule;
import wasm.opt.internal.egraph.RuleDsl.Topic;

/**
 * Algebraic identities: neutral and absorbing elements, self-cancelling
 * operations, double negations, shifts by a multiple of the width, boolean
 * tests of comparisons, and the float identities that are exact to the bit
 * (sign operations only: {@code x + 0.0} is not {@code x} for {@code x = -0.0}).
 */
public final class AlgebraicRules {
    private AlgebraicRules() {
    }

    public static List<Rule> rules() {
        Topic t = new Topic("algebraic");
        t.rule("iadd-zero", iadd(X, lit(0)), X).subsume();
        t.rule("isub-zero", isub(X, lit(0)), X).subsume();
        t.rule("isub-self", isub(X, X), lit(0)).subsume();
        t.rule("imul-one", imul(X, lit(1)), X).subsume();
        t.rule("imul-zero", imul(X, lit(0)), lit(0)).subsume();
        t.rule("band-ones", band(X, lit(-1)), X).subsume();
        t.rule("band-zero", band(X, lit(0)), lit(0)).subsume();
        t.rule("band-self", band(X, X), X).subsume();
        t.rule("bor-zero", bor(X, lit(0)), X).subsume();
        t.rule("bor-ones", bor(X, lit(-1)), lit(-1)).subsume();
        t.rule("bor-self", bor(X, X), X).subsume();
        t.rule("bxor-zero", bxor(X, lit(0)), X).subsume();
        t.rule("bxor-self", bxor(X, X), lit(0)).subsume();
        for (IrOpcode shift : List.of(IrOpcode.ISHL, IrOpcode.USHR, IrOpcode.SSHR, IrOpcode.ROTL, IrOpcode.ROTR)) {
            // Wasm shifts and rotates take the amount modulo the width
            t.rule(shift.text() + "-zero", op(shift, X, K1), m -> Bits.shift(m, 0) == 0, X).subsume();
            t.rule(shift.text() + "-mask", op(shift, X, K1), m -> Bits.shift(m, 0) != m.k(0),
                    op(shift, X, k("k1 mod width", m -> Bits.shift(m, 0)))).subsume();
        }

        t.rule("neg-neg", isub(lit(0), isub(lit(0), X)), X).subsume();
        t.rule("isub-neg", isub(X, isub(lit(0), Y)), iadd(X, Y));
        t.rule("iadd-neg", iadd(X, isub(lit(0), Y)), isub(X, Y));
        t.rule("iadd-neg-left", iadd(isub(lit(0), Y), X), isub(X, Y));
        // (x - y) + y: y is older than the difference, so canonical order puts it first
        t.rule("iadd-isub-cancel", iadd(Y, isub(X, Y)), X).subsume();
        t.rule("isub-iadd-cancel", isub(iadd(X, Y), Y), X).subsume();
        t.rule("isub-iadd-cancel-left", isub(iadd(Y, X), Y), X).subsume();
        // (x ^ y) ^ y, in canonical order (y older than the inner xor, so first)
        t.rule("bxor-cancel", bxor(Y, bxor(X, Y)), X).subsume();
        t.rule("bxor-cancel-left", bxor(Y, bxor(Y, X)), X).subsume();
        t.rule("band-absorb-bor", band(X, bor(X, Y)), X).subsume();
        t.rule("bor-absorb-band", bor(X, band(X, Y)), X).subsume();

        t.rule("select-same", select(Y, X, X), X).subsume();
        t.rule("select-eqz", select(op(IrOpcode.EQZ, Type.I32, X), Y, Z), select(X, Z, Y));
        t.rule("select-ne-zero", select(icmp(IntCC.NE, Type.I32, X, lit(0)), Y, Z), select(X, Y, Z));

        t.rule("icmp-self-true", icmp(CC, X, X), m -> reflexive(m.imm(0)), lit(1)).subsume();
        t.rule("icmp-self-false", icmp(CC, X, X), m -> !reflexive(m.imm(0)), lit(0)).subsume();
        t.rule("eqz-icmp", eqz(icmp(CC, X, Y)), icmp(inverse(), X, Y)).subsume();
        t.rule("icmp-ne-zero-bool", icmp(IntCC.NE, icmp(CC, X, Y), lit(0)), icmp(CC, X, Y)).subsume();
        t.rule("icmp-eq-zero-bool", icmp(IntCC.EQ, icmp(CC, X, Y), lit(0)), icmp(inverse(), X, Y)).subsume();
        t.rule("icmp-eq-bxor", icmp(IntCC.EQ, bxor(X, Y), lit(0)), icmp(IntCC.EQ, X, Y));
        t.rule("icmp-ne-bxor", icmp(IntCC.NE, bxor(X, Y), lit(0)), icmp(IntCC.NE, X, Y));
        t.rule("icmp-eq-isub", icmp(IntCC.EQ, isub(X, Y), lit(0)), icmp(IntCC.EQ, X, Y));
        t.rule("icmp-ne-isub", icmp(IntCC.NE, isub(X, Y), lit(0)), icmp(IntCC.NE, X, Y));
        t.rule("eqz-bxor", eqz(bxor(X, Y)), icmp(IntCC.EQ, X, Y));
        t.rule("eqz-isub", eqz(isub(X, Y)), icmp(IntCC.EQ, X, Y));

        t.rule("fneg-fneg", op(IrOpcode.FNEG, op(IrOpcode.FNEG, X)), X).subsume();
        t.rule("fabs-fneg", op(IrOpcode.FABS, op(IrOpcode.FNEG, X)), op(IrOpcode.FABS, X)).subsume();
        t.rule("fabs-fabs", op(IrOpcode.FABS, op(IrOpcode.FABS, X)), op(IrOpcode.FABS, X)).subsume();
        t.rule("bitcast-bitcast", op(IrOpcode.BITCAST, op(IrOpcode.BITCAST, X)), X).subsume();
        return t.rules();
    }

    private static boolean reflexive(long cc) {
        return switch (IntCC.byOrdinal((int) cc)) {
            case EQ, SLE, SGE, ULE, UGE -> true;
            default -> false;
        };
    }

    /** The bound condition code, negated. */
    private static wasm.opt.internal.egraph.Expr.Imm.Bound inverse() {
        return cc("!cc", m -> IntCC.byOrdinal((int) m.imm(0)).inverse().ordinal());
    }
}
