package wasm.opt.internal.egraph;

import java.util.Arrays;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.interp.PureSemantics;
import wasm.opt.internal.egraph.Expr.Computed;
import wasm.opt.internal.egraph.Expr.ConstVar;
import wasm.opt.internal.egraph.Expr.Imm;
import wasm.opt.internal.egraph.Expr.Lit;
import wasm.opt.internal.egraph.Expr.Op;
import wasm.opt.internal.egraph.Expr.Var;

/**
 * Applies one rule to one new e-node: matches the left side against the node
 * and, below it, against every member of the argument classes (a class is a
 * tree of unions, so one pattern may match several ways; each member visited
 * costs one unit of fuel), checks the guard, and builds the right side of each
 * match. Matching is a backtracking search over a stack of (pattern, class)
 * goals. One matcher per rewrite depth: building a right side rewrites its new
 * nodes at the next depth.
 */
final class Matcher {
    private final EGraph g;
    private final Match m;
    private Expr[] goalPat = new Expr[16];
    private int[] goalClass = new int[16];
    private int goals;
    private int[] members = new int[32];
    private int memberTop;

    private Rule rule;
    private int[] results;
    private int found;
    /** The value of a subsuming rule's right side, -1 when none matched. */
    int subsumed;
    boolean outOfFuel;

    Matcher(EGraph g) {
        this.g = g;
        this.m = new Match(g);
    }

    /** Matches {@code r} at node {@code n}; appends new right-side values to {@code out[found..]}; returns the new count. */
    int apply(Rule r, int n, int[] out, int count) {
        subsumed = -1;
        outOfFuel = false;
        Op lhs = r.lhs();
        if (lhs.type() != null && lhs.type() != g.ctrl[n]) {
            return count;
        }
        m.reset(g.type[n], g.ctrl[n]);
        if (!immediate(lhs.imm(), g.imm[n])) {
            return count;
        }
        this.rule = r;
        this.results = out;
        this.found = count;
        goals = 0;
        for (int k = lhs.args().size() - 1; k >= 0; k--) {
            push(lhs.args().get(k), g.arg(n, k));
        }
        solve();
        return found;
    }

    private boolean immediate(Imm imm, long actual) {
        return switch (imm) {
            case Imm.Any a -> true;
            case Imm.Fixed f -> f.value() == actual;
            case Imm.Bound b -> {
                m.imms[b.slot()] = actual;
                yield true;
            }
        };
    }

    private void push(Expr p, int c) {
        if (goals == goalPat.length) {
            goalPat = Arrays.copyOf(goalPat, goals * 2);
            goalClass = Arrays.copyOf(goalClass, goals * 2);
        }
        goalPat[goals] = p;
        goalClass[goals] = c;
        goals++;
    }

    private boolean stopped() {
        return found == EGraph.MATCHES || subsumed >= 0 || outOfFuel;
    }

    private void solve() {
        if (stopped()) {
            return;
        }
        if (goals == 0) {
            matched();
            return;
        }
        int top = --goals;
        Expr p = goalPat[top];
        int c = goalClass[top];
        switch (p) {
            case Var v -> {
                int bit = 1 << v.slot();
                if ((m.bound & bit) != 0) {
                    if (g.find(m.classes[v.slot()]) == g.find(c)) {
                        solve();
                    }
                } else {
                    m.bound |= bit;
                    m.classes[v.slot()] = c;
                    solve();
                    m.bound &= ~bit;
                }
            }
            case ConstVar k -> {
                if (g.hasConst[c]) {
                    int bit = 1 << (k.slot() + Match.SLOTS);
                    if ((m.bound & bit) != 0) {
                        if (m.constants[k.slot()] == g.constBits[c]) {
                            solve();
                        }
                    } else {
                        m.bound |= bit;
                        m.constants[k.slot()] = g.constBits[c];
                        m.constClasses[k.slot()] = c;
                        solve();
                        m.bound &= ~bit;
                    }
                }
            }
            case Lit l -> {
                if (g.hasConst[c] && g.type[c].isInt() && g.constBits[c] == PureSemantics.normalize(g.type[c], l.value())) {
                    solve();
                }
            }
            case Op o -> matchOp(o, c);
            case Computed x -> throw new IllegalStateException("a computed constant on the left of " + rule.name());
        }
        goalPat[top] = p;
        goalClass[top] = c;
        goals = top + 1;
    }

    private void matchOp(Op o, int c) {
        int base = memberTop;
        collectMembers(c);
        int end = memberTop;
        int top = goals;
        for (int i = base; i < end && !stopped(); i++) {
            int e = members[i];
            if (g.kind[e] != EGraph.NODE || g.op[e] != o.op() || (o.type() != null && g.ctrl[e] != o.type())) {
                continue;
            }
            if (!g.burnFuel()) {
                outOfFuel = true;
                break;
            }
            long savedImm = o.imm() instanceof Imm.Bound b ? m.imms[b.slot()] : 0;
            if (!immediate(o.imm(), g.imm[e])) {
                continue;
            }
            for (int k = o.args().size() - 1; k >= 0; k--) {
                push(o.args().get(k), g.arg(e, k));
            }
            solve();
            goals = top;
            if (o.imm() instanceof Imm.Bound b) {
                m.imms[b.slot()] = savedImm;
            }
        }
        memberTop = base;
    }

    /** Pushes the members (nodes and leaves) of the union tree of {@code e} onto the member stack. */
    private void collectMembers(int e) {
        if (g.kind[e] == EGraph.UNION) {
            collectMembers(g.left[e]);
            collectMembers(g.right[e]);
            return;
        }
        if (memberTop == members.length) {
            members = Arrays.copyOf(members, memberTop * 2);
        }
        members[memberTop++] = e;
    }

    private void matched() {
        if (!rule.guard().test(m)) {
            return;
        }
        int r = build(rule.rhs(), m.rootType);
        for (int i = 0; i < found; i++) {
            if (results[i] == r) {
                return;
            }
        }
        g.stats.ruleHit(rule);
        if (rule.subsume()) {
            subsumed = r;
            return;
        }
        results[found++] = r;
    }

    /** Builds a right side (or part of one) whose place expects type {@code expected}. */
    private int build(Expr t, Type expected) {
        return switch (t) {
            case Var v -> m.classes[v.slot()];
            case ConstVar k -> m.constClasses[k.slot()];
            case Lit l -> constant(expected, l.value());
            case Computed x -> constant(expected, x.value().applyAsLong(m));
            case Op o -> {
                Type ctrl = o.type() != null ? o.type() : controlType(o, expected);
                int n = o.args().size();
                int[] args = new int[n];
                String sig = o.op().operandSig();
                for (int k = 0; k < n; k++) {
                    args[k] = build(o.args().get(k), IrOpcode.letterType(sig.charAt(k), ctrl));
                }
                long imm = switch (o.imm()) {
                    case Imm.Any a -> 0;
                    case Imm.Fixed f -> f.value();
                    case Imm.Bound b -> b.compute().applyAsLong(m);
                };
                yield g.insertPure(o.op(), ctrl, imm, 0, args, n, -1);
            }
        };
    }

    private int constant(Type t, long value) {
        if (t == null || !(t.isInt() || t.isFloat())) {
            throw new IllegalStateException("rule " + rule.name() + ": a constant where " + t + " is expected");
        }
        return g.insertPure(t.isInt() ? IrOpcode.ICONST : IrOpcode.FCONST, t, PureSemantics.normalize(t, value), 0,
                NO_ARGS, 0, -1);
    }

    private static final int[] NO_ARGS = new int[0];

    /** The controlling type of a right-side node left untyped: the expected result, or its first operand's type. */
    private Type controlType(Op o, Type expected) {
        if (o.op().resultSig().equals("T")) {
            return expected;
        }
        for (Expr a : o.args()) {
            if (a instanceof Var v) {
                return m.typeOf(v.slot());
            }
            if (a instanceof ConstVar k) {
                return g.type[m.constClasses[k.slot()]];
            }
        }
        throw new IllegalStateException("rule " + rule.name() + ": give " + o.op().text() + " a type");
    }
}
