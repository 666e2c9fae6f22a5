package wasm.opt.passes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.ir.analysis.DominatorTree;
import wasm.opt.Pass;

/**
 * Loop-invariant code motion: a pure, non-trapping instruction inside a
 * natural loop whose operands are all defined outside the loop (or by
 * instructions already hoisted) moves to the end of the loop's preheader, and
 * so do the vmctx reads the loop cannot change: {@code global.get} of a global
 * it does not set, {@code memory.size}, when it has no call (nor
 * {@code memory.grow}).
 * Loops are handled innermost first (by the dominator tree's loop depth), so
 * an instruction hoisted out of an inner loop can keep moving out of the outer
 * one. Speculating a pure, non-trapping instruction is always safe, so blocks
 * executed only conditionally inside the loop are included.
 *
 * <p>The preheader is the loop header's only predecessor outside the loop,
 * when it ends with a {@code jump} to the header (the translator's shape for
 * Wasm {@code loop}); a loop without one that has something to hoist gets a
 * new block that takes the header's parameters and jumps to it, and every
 * edge entering the loop goes there instead.
 * Hoisted operands dominate the preheader: they are defined outside the loop
 * and dominate an instruction the header dominates.
 */
public final class LicmPass implements Pass {
    public static final LicmPass INSTANCE = new LicmPass();

    private LicmPass() {
    }

    @Override
    public String name() {
        return "licm";
    }

    @Override
    public boolean run(Function f) {
        boolean changed = false;
        // A new preheader changes the CFG: analyses are recomputed and the loops visited again
        // (loops already done have nothing left to hoist, so this ends).
        while (true) {
            Round r = round(f);
            changed |= r.changed;
            if (!r.cfgChanged) {
                return changed;
            }
        }
    }

    private record Round(boolean changed, boolean cfgChanged) {
    }

    private static Round round(Function f) {
        DominatorTree dom = DominatorTree.compute(f);
        ControlFlowGraph cfg = dom.cfg();
        int[] rpo = cfg.reversePostOrder();
        List<Integer> headers = new ArrayList<>();
        for (int b : rpo) {
            if (dom.isLoopHeader(b)) {
                headers.add(b);
            }
        }
        headers.sort(Comparator.comparingInt((Integer h) -> -dom.loopDepth(h)));
        boolean changed = false;
        for (int h : headers) {
            boolean[] inLoop = new boolean[f.blockCount() + 1];
            collectLoop(cfg, dom, h, inLoop);
            Effects effects = effects(f, rpo, inLoop);
            int preheader = preheader(f, cfg, h, inLoop);
            boolean created = false;
            if (preheader < 0) {
                if (!hasInvariant(f, rpo, inLoop, effects)) {
                    continue;
                }
                preheader = makePreheader(f, cfg, h, inLoop);
                created = true;
            }
            int anchor = f.terminator(preheader);
            for (int b : rpo) {
                if (!inLoop[b]) {
                    continue;
                }
                for (int i = f.firstInst(b), next; i >= 0; i = next) {
                    next = f.nextInst(i);
                    if (invariant(f, i, inLoop, effects)) {
                        f.removeInst(i);
                        f.insertInstBefore(i, anchor);
                        changed = true;
                    }
                }
            }
            if (created) {
                return new Round(true, true);
            }
        }
        return new Round(changed, false);
    }

    private static boolean hasInvariant(Function f, int[] rpo, boolean[] inLoop, Effects effects) {
        for (int b : rpo) {
            if (inLoop[b]) {
                for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                    if (invariant(f, i, inLoop, effects)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A new block right before {@code h} in layout that takes {@code h}'s parameters and jumps
     * to it; every edge into {@code h} from outside the loop goes there instead.
     */
    private static int makePreheader(Function f, ControlFlowGraph cfg, int h, boolean[] inLoop) {
        int ph = f.makeBlock();
        int np = f.blockParamCount(h);
        int[] params = new int[np];
        for (int k = 0; k < np; k++) {
            params[k] = f.appendBlockParam(ph, f.valueType(f.blockParam(h, k)));
        }
        for (int e = 0; e < cfg.predecessorCount(h); e++) {
            int pred = cfg.predecessor(h, e);
            if (!inLoop[pred]) {
                f.setTargetBlock(cfg.predecessorInst(h, e), cfg.predecessorTarget(h, e), ph);
            }
        }
        int jump = f.makeInst(IrOpcode.JUMP, null, 0, 0, new int[0], 0);
        f.addTarget(jump, h, params, np);
        f.appendInst(ph, jump);
        f.insertBlockAfter(ph, f.prevBlock(h));
        return ph;
    }

    /** The natural loop of header {@code h}: the blocks that reach a back edge's source without passing {@code h}. */
    private static void collectLoop(ControlFlowGraph cfg, DominatorTree dom, int h, boolean[] inLoop) {
        int[] stack = new int[inLoop.length];
        int sp = 0;
        inLoop[h] = true;
        for (int p = 0; p < cfg.predecessorCount(h); p++) {
            int src = cfg.predecessor(h, p);
            if (cfg.isReachable(src) && dom.dominates(h, src) && !inLoop[src]) {
                inLoop[src] = true;
                stack[sp++] = src;
            }
        }
        while (sp > 0) {
            int b = stack[--sp];
            for (int p = 0; p < cfg.predecessorCount(b); p++) {
                int pred = cfg.predecessor(b, p);
                if (cfg.isReachable(pred) && !inLoop[pred]) {
                    inLoop[pred] = true;
                    stack[sp++] = pred;
                }
            }
        }
    }

    private static int preheader(Function f, ControlFlowGraph cfg, int h, boolean[] inLoop) {
        int found = -1;
        for (int p = 0; p < cfg.predecessorCount(h); p++) {
            int pred = cfg.predecessor(h, p);
            if (inLoop[pred] || !cfg.isReachable(pred)) {
                continue;
            }
            if (found >= 0) {
                return -1;
            }
            found = pred;
        }
        if (found < 0) {
            return -1;
        }
        int term = f.terminator(found);
        return term >= 0 && f.opcode(term) == IrOpcode.JUMP ? found : -1;
    }

    /** What a loop may change that reads depend on: globals it sets, and whether it calls or grows memory. */
    private record Effects(java.util.BitSet globalsSet, boolean callsOrGrows) {
    }

    private static Effects effects(Function f, int[] rpo, boolean[] inLoop) {
        java.util.BitSet set = new java.util.BitSet();
        boolean calls = false;
        for (int b : rpo) {
            if (!inLoop[b]) {
                continue;
            }
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                IrOpcode op = f.opcode(i);
                if (op == IrOpcode.GLOBAL_SET) {
                    set.set((int) f.imm(i));
                }
                calls |= op.isCall() || op == IrOpcode.MEMORY_GROW;
            }
        }
        return new Effects(set, calls);
    }

    /**
     * Reads of state the loop cannot change are invariant too: {@code global.get} of a global
     * the loop does not set (and no call could), {@code memory.size} with no call or
     * {@code memory.grow} in the loop. They cannot trap, so reading early is harmless.
     */
    private static boolean invariantRead(Function f, int i, Effects effects) {
        return switch (f.opcode(i)) {
            case GLOBAL_GET -> !effects.callsOrGrows() && !effects.globalsSet().get((int) f.imm(i));
            case MEMORY_SIZE -> !effects.callsOrGrows();
            default -> false;
        };
    }

    private static boolean invariant(Function f, int i, boolean[] inLoop, Effects effects) {
        IrOpcode op = f.opcode(i);
        if (f.resultCount(i) == 0 || !(op.isPure() || invariantRead(f, i, effects))) {
            return false;
        }
        for (int k = 0; k < f.argCount(i); k++) {
            int def = f.valueBlock(f.arg(i, k));
            if (def < 0 || inLoop[def]) {
                return false;
            }
        }
        return true;
    }
}
