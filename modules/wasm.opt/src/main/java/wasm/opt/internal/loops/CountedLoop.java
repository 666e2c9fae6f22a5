package wasm.opt.internal.loops;

import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.analysis.LoopNest;

/**
 * A counted loop: an i32 induction variable {@code iv = phi(init, iv + step)} (a
 * parameter of the header, {@code step} a non-zero constant) and an exit test
 * that bounds it, executed on every iteration: from above for a positive step,
 * by {@code ne} for either sign (a counter down to zero, {@code brif next}, is
 * {@code next ne 0}).
 *
 * <ul>
 * <li>{@code preheader}: the header's only predecessor outside the loop, ending in a {@code jump};</li>
 * <li>{@code latch}: the header's only predecessor inside the loop, whose edge passes {@code next};</li>
 * <li>the test: a {@code brif} in a block dominating the latch, one target outside the loop,
 *     whose condition is {@code icmp.i32} of {@code iv} or {@code next} against a value defined
 *     outside the loop, or {@code iv} or {@code next} itself (against zero); {@code cc} is
 *     normalised to "the loop continues iff {@code (onNext ? next : iv) cc limit}" and is one of
 *     ult, ule, ne, slt, sle (ne only for a negative step).</li>
 * </ul>
 *
 * @param ivIndex the header parameter index of the induction variable
 * @param limit the limit's value, or {@link #ZERO} for the constant 0 of a test of the counter itself
 * @param latchInst the latch's branch, {@code latchTarget} its target that is the back edge
 */
public record CountedLoop(int loop, int header, int preheader, int latch, int latchInst, int latchTarget,
                          int ivIndex, int iv, int init, long step, int next,
                          int testBranch, boolean onNext, IntCC cc, int limit) {

    /** The largest step considered: keeps every bound computation far from 64-bit overflow. */
    static final long MAX_STEP = 1 << 20;

    /** {@link #limit()} of a test of the counter itself ({@code brif x}: continue while x != 0). */
    public static final int ZERO = -1;

    /** The counted loop of {@code loop}, or null when it is not one. */
    public static CountedLoop of(Function f, LoopNest loops, DominatorTree dom, ControlFlowGraph cfg, int loop) {
        int h = loops.header(loop);
        int preheader = -1, latch = -1, latchInst = -1, latchTarget = -1;
        for (int p = 0; p < cfg.predecessorCount(h); p++) {
            int pred = cfg.predecessor(h, p);
            if (!cfg.isReachable(pred)) {
                continue;
            }
            if (loops.contains(loop, pred)) {
                if (latch >= 0) {
                    return null; // several back edges
                }
                latch = pred;
                latchInst = cfg.predecessorInst(h, p);
                latchTarget = cfg.predecessorTarget(h, p);
            } else {
                if (preheader >= 0) {
                    return null;
                }
                preheader = pred;
            }
        }
        if (preheader < 0 || latch < 0) {
            return null;
        }
        int pj = f.terminator(preheader);
        if (pj < 0 || f.opcode(pj) != IrOpcode.JUMP) {
            return null;
        }
        for (int k = 0; k < f.blockParamCount(h); k++) {
            int iv = f.blockParam(h, k);
            if (f.valueType(iv) != Type.I32) {
                continue;
            }
            int next = f.targetArg(latchInst, latchTarget, k);
            long step = stepOf(f, iv, next);
            if (step == 0) {
                continue;
            }
            int init = f.targetArg(pj, 0, k);
            CountedLoop c = withTest(f, loops, dom, loop, h, preheader, latch, latchInst, latchTarget, k, iv, init,
                    step, next);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /**
     * The constant step if {@code next = iv + step} (either operand order) or {@code next = iv - c}
     * (step {@code -c}: a counter down, as Wasm writes it), {@code |step| <= MAX_STEP}; else 0.
     */
    static long stepOf(Function f, int iv, int next) {
        int d = f.valueInst(next);
        if (d < 0 || f.ctrlType(d) != Type.I32) {
            return 0;
        }
        if (f.opcode(d) == IrOpcode.ISUB) {
            int ci = f.arg(d, 0) == iv ? f.valueInst(f.arg(d, 1)) : -1;
            if (ci < 0 || f.opcode(ci) != IrOpcode.ICONST) {
                return 0;
            }
            long step = -(long) (int) f.imm(ci);
            return Math.abs(step) <= MAX_STEP ? step : 0;
        }
        if (f.opcode(d) != IrOpcode.IADD) {
            return 0;
        }
        int a = f.arg(d, 0), b = f.arg(d, 1);
        int c = a == iv ? b : b == iv ? a : -1;
        if (c < 0) {
            return 0;
        }
        int ci = f.valueInst(c);
        if (ci < 0 || f.opcode(ci) != IrOpcode.ICONST) {
            return 0;
        }
        long step = (int) f.imm(ci);
        return Math.abs(step) <= MAX_STEP ? step : 0;
    }

    private static CountedLoop withTest(Function f, LoopNest loops, DominatorTree dom, int loop, int h, int preheader,
                                        int latch, int latchInst, int latchTarget, int k, int iv, int init,
                                        long step, int next) {
        for (int b : loops.blocks(loop)) {
            if (!dom.dominates(b, latch)) {
                continue;
            }
            int br = f.terminator(b);
            if (br < 0 || f.opcode(br) != IrOpcode.BRIF) {
                continue;
            }
            boolean thenIn = loops.contains(loop, f.targetBlock(br, 0));
            boolean elseIn = loops.contains(loop, f.targetBlock(br, 1));
            if (thenIn == elseIn) {
                continue;
            }
            int cond = f.arg(br, 0);
            int ci = f.valueInst(cond);
            IntCC cc;
            int limit;
            boolean onNext;
            if (cond == iv || cond == next) {
                // brif x: continue while x != 0 (a counter down to zero)
                cc = thenIn ? IntCC.NE : IntCC.EQ;
                limit = ZERO;
                onNext = cond == next;
                if (cc == IntCC.NE) {
                    return new CountedLoop(loop, h, preheader, latch, latchInst, latchTarget, k, iv, init, step,
                            next, br, onNext, cc, limit);
                }
                continue;
            }
            if (ci < 0 || f.opcode(ci) != IrOpcode.ICMP || f.ctrlType(ci) != Type.I32) {
                continue;
            }
            cc = IntCC.byOrdinal((int) f.imm(ci));
            int a = f.arg(ci, 0), c = f.arg(ci, 1);
            if ((a == iv || a == next) && invariant(f, loops, loop, c)) {
                onNext = a == next;
                limit = c;
            } else if ((c == iv || c == next) && invariant(f, loops, loop, a)) {
                onNext = c == next;
                limit = a;
                cc = cc.swapped();
            } else {
                continue;
            }
            if (!thenIn) {
                cc = cc.inverse();
            }
            switch (cc) {
                case NE -> {
                    return new CountedLoop(loop, h, preheader, latch, latchInst, latchTarget, k, iv, init, step,
                            next, br, onNext, cc, limit);
                }
                case ULT, ULE, SLT, SLE -> {
                    if (step < 0) {
                        continue;
                    }
                    return new CountedLoop(loop, h, preheader, latch, latchInst, latchTarget, k, iv, init, step,
                            next, br, onNext, cc, limit);
                }
                default -> {
                }
            }
        }
        return null;
    }

    /** Whether {@code v} has one value for the whole loop: defined outside it, or a constant. */
    static boolean invariant(Function f, LoopNest loops, int loop, int v) {
        int d = f.valueInst(v);
        if (d >= 0 && f.opcode(d) == IrOpcode.ICONST) {
            return true;
        }
        int b = f.valueBlock(v);
        return b >= 0 && !loops.contains(loop, b);
    }
}
