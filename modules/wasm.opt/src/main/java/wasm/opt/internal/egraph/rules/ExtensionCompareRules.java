package wasm.opt.internal.egraph.rules;

import static wasm.opt.internal.egraph.RuleDsl.CC;
import static wasm.opt.internal.egraph.RuleDsl.K1;
import static wasm.opt.internal.egraph.RuleDsl.K2;
import static wasm.opt.internal.egraph.RuleDsl.X;
import static wasm.opt.internal.egraph.RuleDsl.Y;
import static wasm.opt.internal.egraph.RuleDsl.band;
import static wasm.opt.internal.egraph.RuleDsl.eqz;
import static wasm.opt.internal.egraph.RuleDsl.iadd;
import static wasm.opt.internal.egraph.RuleDsl.icmp;
import static wasm.opt.internal.egraph.RuleDsl.ireduce;
import static wasm.opt.internal.egraph.RuleDsl.k;
import static wasm.opt.internal.egraph.RuleDsl.lit;
import static wasm.opt.internal.egraph.RuleDsl.op;
import static wasm.opt.internal.egraph.RuleDsl.sextend;
import static wasm.opt.internal.egraph.RuleDsl.uextend;

import java.util.List;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.opt.internal.egraph.Match;
import wasm.opt.internal.egraph.Rule;
import wasm.opt.internal.egraph.RuleDsl.Topic;

/**
 * Comparisons of extended values and extensions of narrowed ones: a 64-bit
 * comparison of two zero- (sign-) extended 32-bit values is the 32-bit unsigned
 * (signed) comparison, against a constant that fits too; equality tests of
 * sums with constants move the constant; wrapping a 64-bit sum, difference,
 * product or bitwise operation is the 32-bit operation on wrapped operands, and
 * wrapping an extension gives back the 32-bit value.
 */
public final class ExtensionCompareRules {
    private ExtensionCompareRules() {
    }

    public static List<Rule> rules() {
        Topic t = new Topic("extend");
        t.rule("icmp-uextend", icmp(CC, uextend(X), uextend(Y)), m -> unsignedOrEquality(m), icmp(CC, X, Y)).subsume();
        t.rule("icmp-sextend", icmp(CC, sextend(X), sextend(Y)), m -> signedOrEquality(m), icmp(CC, X, Y)).subsume();
        t.rule("icmp-uextend-const", icmp(CC, uextend(X), K1), m -> unsignedOrEquality(m) && m.k(0) >= 0
                && m.k(0) <= 0xFFFF_FFFFL, icmp(CC, X, k("k1 as i32", m -> m.k(0)))).subsume();
        t.rule("icmp-sextend-const", icmp(CC, sextend(X), K1), m -> signedOrEquality(m) && m.k(0) == (int) m.k(0),
                icmp(CC, X, k("k1 as i32", m -> m.k(0)))).subsume();
        t.rule("eqz-uextend", eqz(uextend(X)), eqz(X)).subsume();
        t.rule("eqz-sextend", eqz(sextend(X)), eqz(X)).subsume();
        // unions, not subsumes: where the sum is computed anyway (a loop counter's next value, passed
        // on the back edge), extraction keeps the test of the sum, so the old counter dies at the add
        // and the new one can take its register (matmul's inner loop lost a move per iteration);
        // where nothing else needs the sum, the test of X is cheaper and wins
        t.rule("icmp-eq-iadd-const", icmp(IntCC.EQ, iadd(X, K1), K2),
                icmp(IntCC.EQ, X, k("k2-k1", m -> m.k(1) - m.k(0))));
        t.rule("icmp-ne-iadd-const", icmp(IntCC.NE, iadd(X, K1), K2),
                icmp(IntCC.NE, X, k("k2-k1", m -> m.k(1) - m.k(0))));
        t.rule("icmp-ult-one", icmp(IntCC.ULT, X, lit(1)), eqz(X)).subsume();
        t.rule("icmp-ule-zero", icmp(IntCC.ULE, X, lit(0)), eqz(X)).subsume();
        t.rule("icmp-uge-zero", icmp(IntCC.UGE, X, lit(0)), lit(1)).subsume();
        t.rule("icmp-ult-zero", icmp(IntCC.ULT, X, lit(0)), lit(0)).subsume();

        t.rule("ireduce-uextend", ireduce(uextend(X)), X).subsume();
        t.rule("ireduce-sextend", ireduce(sextend(X)), X).subsume();
        for (IrOpcode o : List.of(IrOpcode.IADD, IrOpcode.ISUB, IrOpcode.IMUL, IrOpcode.BAND, IrOpcode.BOR,
                IrOpcode.BXOR)) {
            t.rule("ireduce-" + o.text(), ireduce(op(o, Type.I64, X, Y)), op(o, ireduce(X), ireduce(Y)));
        }
        t.rule("sextend32-sextend", op(IrOpcode.SEXTEND32, Type.I64, sextend(X)), sextend(X)).subsume();
        t.rule("sextend32-uextend", op(IrOpcode.SEXTEND32, Type.I64, uextend(X)), sextend(X)).subsume();
        t.rule("band-uextend-low", band(uextend(X), lit(0xFFFF_FFFFL)), uextend(X)).subsume();
        t.rule("sextend8-sextend8", op(IrOpcode.SEXTEND8, op(IrOpcode.SEXTEND8, X)), op(IrOpcode.SEXTEND8, X))
                .subsume();
        t.rule("sextend16-sextend8", op(IrOpcode.SEXTEND16, op(IrOpcode.SEXTEND8, X)), op(IrOpcode.SEXTEND8, X))
                .subsume();
        return t.rules();
    }

    private static IntCC cc(Match m) {
        return IntCC.byOrdinal((int) m.imm(0));
    }

    private static boolean unsignedOrEquality(Match m) {
        return switch (cc(m)) {
            case EQ, NE, ULT, ULE, UGT, UGE -> true;
            default -> false;
        };
    }

    private static boolean signedOrEquality(Match m) {
        return switch (cc(m)) {
            case EQ, NE, SLT, SLE, SGT, SGE -> true;
            default -> false;
        };
    }
}
