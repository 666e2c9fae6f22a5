package wasm.opt.internal.egraph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.opt.internal.egraph.Expr.ConstVar;
import wasm.opt.internal.egraph.Expr.Imm;
import wasm.opt.internal.egraph.Expr.Lit;
import wasm.opt.internal.egraph.Expr.Op;
import wasm.opt.internal.egraph.Expr.Var;

/**
 * The vocabulary rule files are written in: variables, constants, one
 * constructor per opcode family, and {@link Topic} to collect a file's rules.
 *
 * <pre>{@code
 * Topic t = new Topic("algebraic");
 * t.rule("iadd-zero", iadd(X, lit(0)), X).subsume();
 * t.rule("imul-pow2", imul(X, K1), m -> isPowerOfTwo(m.k(0)), ishl(X, k("log2 k1", m -> log2(m.k(0)))));
 * }</pre>
 */
public final class RuleDsl {
    private RuleDsl() {
    }

    public static final Var X = new Var(0, "x");
    public static final Var Y = new Var(1, "y");
    public static final Var Z = new Var(2, "z");
    public static final Var W = new Var(3, "w");
    public static final ConstVar K1 = new ConstVar(0, "k1");
    public static final ConstVar K2 = new ConstVar(1, "k2");
    public static final ConstVar K3 = new ConstVar(2, "k3");
    /** A condition code bound on the left (slot 0), reused as is on the right. */
    public static final Imm.Bound CC = new Imm.Bound(0, "cc", m -> m.imm(0));

    public static Lit lit(long value) {
        return new Lit(value);
    }

    /** A constant computed from the match (right side only), of the place's type. */
    public static Expr.Computed k(String text, ToLongFunction<Match> value) {
        return new Expr.Computed(text, value);
    }

    /** A condition code computed from the match (right side only). */
    public static Imm.Bound cc(String text, ToLongFunction<Match> value) {
        return new Imm.Bound(0, text, value);
    }

    public static Op op(IrOpcode op, Expr... args) {
        return new Op(op, null, new Imm.Any(), List.of(args));
    }

    /** An e-node of controlling type {@code type} (on the left: only nodes of that type match). */
    public static Op op(IrOpcode op, Type type, Expr... args) {
        return new Op(op, type, new Imm.Any(), List.of(args));
    }

    /** An e-node whose immediate is exactly {@code imm} (a lane index, say), of controlling type {@code type}. */
    public static Op op(IrOpcode op, Type type, long imm, Expr... args) {
        return new Op(op, type, new Imm.Fixed(imm, Long.toString(imm)), List.of(args));
    }

    public static Op iadd(Expr a, Expr b) {
        return op(IrOpcode.IADD, a, b);
    }

    public static Op isub(Expr a, Expr b) {
        return op(IrOpcode.ISUB, a, b);
    }

    public static Op imul(Expr a, Expr b) {
        return op(IrOpcode.IMUL, a, b);
    }

    public static Op band(Expr a, Expr b) {
        return op(IrOpcode.BAND, a, b);
    }

    public static Op bor(Expr a, Expr b) {
        return op(IrOpcode.BOR, a, b);
    }

    public static Op bxor(Expr a, Expr b) {
        return op(IrOpcode.BXOR, a, b);
    }

    public static Op ishl(Expr a, Expr b) {
        return op(IrOpcode.ISHL, a, b);
    }

    public static Op ushr(Expr a, Expr b) {
        return op(IrOpcode.USHR, a, b);
    }

    public static Op sshr(Expr a, Expr b) {
        return op(IrOpcode.SSHR, a, b);
    }

    public static Op icmp(IntCC cc, Expr a, Expr b) {
        return new Op(IrOpcode.ICMP, null, new Imm.Fixed(cc.ordinal(), cc.text()), List.of(a, b));
    }

    /** A comparison of controlling (operand) type {@code type}. */
    public static Op icmp(IntCC cc, Type type, Expr a, Expr b) {
        return new Op(IrOpcode.ICMP, type, new Imm.Fixed(cc.ordinal(), cc.text()), List.of(a, b));
    }

    public static Op icmp(Imm.Bound cc, Expr a, Expr b) {
        return new Op(IrOpcode.ICMP, null, cc, List.of(a, b));
    }

    public static Op icmp(Imm.Bound cc, Type type, Expr a, Expr b) {
        return new Op(IrOpcode.ICMP, type, cc, List.of(a, b));
    }

    public static Op eqz(Expr a) {
        return op(IrOpcode.EQZ, a);
    }

    public static Op select(Expr c, Expr a, Expr b) {
        return op(IrOpcode.SELECT, c, a, b);
    }

    public static Op uextend(Expr a) {
        return op(IrOpcode.UEXTEND, Type.I64, a);
    }

    public static Op sextend(Expr a) {
        return op(IrOpcode.SEXTEND, Type.I64, a);
    }

    public static Op ireduce(Expr a) {
        return op(IrOpcode.IREDUCE, Type.I32, a);
    }

    /** Collects the rules of one rule file. */
    public static final class Topic {
        private final String name;
        private final List<Rule> rules = new ArrayList<>();

        public Topic(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** An unconditional rule. */
        public Pending rule(String ruleName, Op lhs, Expr rhs) {
            return rule(ruleName, lhs, m -> true, rhs);
        }

        /** A rule applied only where {@code guard} accepts the bindings. */
        public Pending rule(String ruleName, Op lhs, Predicate<Match> guard, Expr rhs) {
            Pending p = new Pending(ruleName, lhs, guard, rhs);
            pending.add(p);
            return p;
        }

        private final List<Pending> pending = new ArrayList<>();

        public List<Rule> rules() {
            if (rules.isEmpty()) {
                for (Pending p : pending) {
                    rules.add(new Rule(p.name, name, p.lhs, p.guard, p.rhs, p.subsume));
                }
            }
            return List.copyOf(rules);
        }

        /** A rule being declared; {@link #subsume()} marks it as replacing what it matched. */
        public static final class Pending {
            private final String name;
            private final Op lhs;
            private final Predicate<Match> guard;
            private final Expr rhs;
            private boolean subsume;

            private Pending(String name, Op lhs, Predicate<Match> guard, Expr rhs) {
                this.name = name;
                this.lhs = lhs;
                this.guard = guard;
                this.rhs = rhs;
            }

            /** The right side replaces the matched node: it is never worse and never needs a value the left did not. */
            public void subsume() {
                subsume = true;
            }
        }
    }
}
