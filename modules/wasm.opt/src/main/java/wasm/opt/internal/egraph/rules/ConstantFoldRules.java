package wasm.opt.internal.egraph.rules;

import static wasm.opt.internal.egraph.RuleDsl.CC;
import static wasm.opt.internal.egraph.RuleDsl.K1;
import static wasm.opt.internal.egraph.RuleDsl.K2;
import static wasm.opt.internal.egraph.RuleDsl.K3;
import static wasm.opt.internal.egraph.RuleDsl.X;
import static wasm.opt.internal.egraph.RuleDsl.Y;
import static wasm.opt.internal.egraph.RuleDsl.k;
import static wasm.opt.internal.egraph.RuleDsl.op;
import static wasm.opt.internal.egraph.RuleDsl.select;

import java.util.List;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.interp.PureSemantics;
import wasm.opt.internal.egraph.Expr;
import wasm.opt.internal.egraph.Match;
import wasm.opt.internal.egraph.Rule;
import wasm.opt.internal.egraph.RuleDsl.Topic;

/**
 * Constant folding: one rule per pure opcode of {@code PureSemantics} (the IR
 * interpreter's own semantics, so folding cannot disagree with it), generated
 * from the opcode table, with every operand a constant; an operation that would
 * trap on its constants is not folded. Plus {@code select} on a constant condition.
 */
public final class ConstantFoldRules {
    private ConstantFoldRules() {
    }

    public static List<Rule> rules() {
        Topic t = new Topic("fold");
        for (IrOpcode op : IrOpcode.values()) {
            // trapping conversions never become nodes (a division does, with a divisor that cannot trap)
            if (!PureSemantics.covers(op) || op == IrOpcode.SELECT || op == IrOpcode.FCVT_TO_SINT
                    || op == IrOpcode.FCVT_TO_UINT) {
                continue;
            }
            int n = op.fixedOperandCount();
            boolean compare = op == IrOpcode.ICMP || op == IrOpcode.FCMP;
            Expr.Op lhs = switch (n) {
                case 1 -> op(op, K1);
                case 2 -> compare ? new Expr.Op(op, null, CC, List.of(K1, K2)) : op(op, K1, K2);
                default -> throw new IllegalStateException(op.text() + ": " + n + " operands");
            };
            t.rule("fold-" + op.text(), lhs, m -> !traps(op, m, n),
                    k("fold", m -> PureSemantics.evaluate(op, m.ctrlType(), m.constType(0), compare ? m.imm(0) : 0,
                            m.k(0), n > 1 ? m.k(1) : 0, 0))).subsume();
        }
        t.rule("fold-select", select(K1, K2, K3), k("fold", m -> m.k(0) != 0 ? m.k(1) : m.k(2))).subsume();
        t.rule("select-true", select(K1, X, Y), m -> m.k(0) != 0, X).subsume();
        t.rule("select-false", select(K1, X, Y), m -> m.k(0) == 0, Y).subsume();
        return t.rules();
    }

    private static boolean traps(IrOpcode op, Match m, int n) {
        Type ctrl = m.ctrlType();
        return PureSemantics.trap(op, ctrl, m.constType(0), m.k(0), n > 1 ? m.k(1) : 0).isPresent();
    }
}
