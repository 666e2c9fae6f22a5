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
 * parameter of the header, {@code step} a positive constant) and an exit test
 * that bounds it from above, executed on every iteration.
 *
 * <ul>
 * <li>{@code preheader}: the header's only predecessor outside the loop, ending in a {@code jump};</li>
 * <li>{@code latch}: the header's only predecessor inside the loop, whose edge passes {@code next};</li>
 * <li>the test: a {@code brif} in a block dominating the latch, one target outside the loop,
 *     whose condition is {@code icmp.i32} of {@code iv} or {@code next} against a value defined
 *     outside the loop; {@code cc} is normalised to "the loop continues iff
 *     {@code (onNext ? next : iv) cc limit}" and is one of ult, ule, ne, slt, sle.</li>
 * </ul>
 *
 * @param ivIndex the header parameter index of the induction variable
 * @param latchInst the latch's branch, {@code latchTarget} its target that is the back edge
 */
public record CountedLoop(int loop, int header, int preheader, int latch, int latchInst, int latchTarget,
                          int ivIndex, int iv, int init, long step, int next,
                          int testBranch, boolean onNext, IntCC cc, int limit) {

    /** The largest step considered: keeps every bound computation far from 64-bit overflow. */
    static final long MAX_STEP = 1 << 20;

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
            if (step <= 0) {
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

    /** The constant step if {@code next = iv + step} (either operand order), else 0. */
    private static long stepOf(Function f, int iv, int next) {
        int d = f.valueInst(next);
        if (d < 0 || f.opcode(d) != IrOpcode.IADD || f.ctrlType(d) != Type.I32) {
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
        return step > 0 && step <= MAX_STEP ? step : 0;
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
            if (ci < 0 || f.opcode(ci) != IrOpcode.ICMP || f.ctrlType(ci) != Type.I32) {
                continue;
            }
            IntCC cc = IntCC.byOrdinal((int) f.imm(ci));
            int a = f.arg(ci, 0), c = f.arg(ci, 1);
            int limit;
            boolean onNext;
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
                case ULT, ULE, NE, SLT, SLE -> {
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
