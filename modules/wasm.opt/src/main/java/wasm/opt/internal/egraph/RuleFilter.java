package wasm.opt.internal.egraph;

import java.util.Arrays;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.interp.PureSemantics;
import wasm.opt.internal.egraph.Expr.ConstVar;
import wasm.opt.internal.egraph.Expr.Imm;
import wasm.opt.internal.egraph.Expr.Lit;
import wasm.opt.internal.egraph.Expr.Op;
import wasm.opt.internal.egraph.Expr.Var;

/**
 * A cheap necessary condition for one rule to match at a node, tested before the
 * {@link Matcher}'s backtracking search: the left side's root type and fixed
 * immediate, what the class of each operand of the root must hold (a node of
 * the operand pattern's opcode, a constant, or that very constant), and that two
 * operands the pattern names by one variable ({@code isub(X, X)}) are one class. Most of an
 * opcode's candidate rules fail here: their operand patterns name opcodes the
 * operand classes do not contain, or constants they do not have. A filter that
 * admits a node proves nothing: the matcher decides.
 *
 * <p>Opcodes are tested through {@link EGraph#opBits} (one bit per opcode, modulo
 * 64): two opcodes may share a bit, which only lets a rule through to the matcher.
 */
final class RuleFilter {
    private static final byte ANY = 0, OPCODE = 1, CONST = 2, LIT = 3;

    private final Type type;
    private final boolean fixedImm;
    private final long imm;
    private final byte[] kind;
    private final long[] bits;
    private final long[] literal;
    /** Operand positions the pattern binds to one variable, in pairs; empty when none. */
    private final int[] samePairs;

    RuleFilter(Rule r) {
        Op lhs = r.lhs();
        this.type = lhs.type();
        this.fixedImm = lhs.imm() instanceof Imm.Fixed;
        this.imm = lhs.imm() instanceof Imm.Fixed f ? f.value() : 0;
        int n = lhs.args().size();
        this.kind = new byte[n];
        this.bits = new long[n];
        this.literal = new long[n];
        for (int k = 0; k < n; k++) {
            switch (lhs.args().get(k)) {
                case Op o -> {
                    kind[k] = OPCODE;
                    bits[k] = opBit(o.op());
                }
                case ConstVar c -> kind[k] = CONST;
                case Lit l -> {
                    kind[k] = LIT;
                    literal[k] = l.value();
                }
                default -> kind[k] = ANY;
            }
        }
        int[] pairs = new int[0];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (lhs.args().get(a) instanceof Var va && lhs.args().get(b) instanceof Var vb
                        && va.slot() == vb.slot()) {
                    pairs = Arrays.copyOf(pairs, pairs.length + 2);
                    pairs[pairs.length - 2] = a;
                    pairs[pairs.length - 1] = b;
                }
            }
        }
        this.samePairs = pairs;
    }

    /** How many values {@link #constMask} takes: one bit for each of the first two operands. */
    static final int CONST_MASKS = 4;

    /** Bit {@code k} set when operand {@code k} of the root (of the first two) must be a constant. */
    int constMask() {
        int mask = 0;
        for (int k = 0; k < Math.min(2, kind.length); k++) {
            if (kind[k] == CONST || kind[k] == LIT) {
                mask |= 1 << k;
            }
        }
        return mask;
    }

    /** The bit of {@code op} in {@link EGraph#opBits}. */
    static long opBit(IrOpcode op) {
        return 1L << (op.ordinal() & 63);
    }

    /** Whether the rule may match at node {@code n} of {@code g} (false: it cannot). */
    boolean admits(EGraph g, int n) {
        if (type != null && type != g.ctrl[n] || fixedImm && imm != g.imm[n]) {
            return false;
        }
        for (int k = 0; k < kind.length; k++) {
            int c = g.arg(n, k);
            switch (kind[k]) {
                case OPCODE -> {
                    if ((g.opBits[c] & bits[k]) == 0) {
                        return false;
                    }
                }
                case CONST -> {
                    if (!g.hasConst[c]) {
                        return false;
                    }
                }
                case LIT -> {
                    if (!g.hasConst[c] || !g.type[c].isInt()
                            || g.constBits[c] != PureSemantics.normalize(g.type[c], literal[k])) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        for (int p = 0; p < samePairs.length; p += 2) {
            if (g.find(g.arg(n, samePairs[p])) != g.find(g.arg(n, samePairs[p + 1]))) {
                return false;
            }
        }
        return true;
    }
}
