package wasm.opt.internal.egraph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.analysis.LoopNest;
import wasm.opt.internal.CommutativeOperands;

/**
 * Extraction and scoped elaboration (Cranelift's {@code elaborate.rs}).
 *
 * <p><b>Extraction</b> walks the e-values in creation order (arguments are
 * always older), giving each the cost of its cheapest form: a node costs its
 * opcode's cost, times 1024 per loop level it is available at (at most two
 * levels), plus its arguments' costs, except arguments the skeleton uses
 * directly (computed anyway); a leaf costs nothing; a union costs its cheaper
 * member (the older one on a tie, so unchanged code stays unchanged).
 *
 * <p><b>Elaboration</b> walks the dominator tree in preorder. Each skeleton
 * instruction demands its operands: a class already elaborated in a dominating
 * block is reused (value numbering); otherwise its best node is placed right
 * before the demanding instruction, after its own arguments, or, when no
 * argument is defined inside the current loop, at the end of the block that
 * immediately dominates the outermost loop it does not depend on (loop-invariant
 * code motion: a pure node cannot trap, so running it when the loop does not
 * is harmless). Constants and {@code iadd x, const} are never hoisted on their
 * own: they are placed where first needed and count, for a user that could
 * leave the loop, by their own operands (a constant by none), a copy going to
 * the hoist block with the user. Like every other class they are reused in
 * dominated blocks: Cranelift rematerialises them in each using block, but the
 * GVN pass that followed here merged those copies back, so making them was work
 * thrown away (the backend folds constants into immediates and addresses
 * wherever they are defined).
 */
final class Elaborator {
    private static final long INFINITE = Long.MAX_VALUE / 4;

    private final Function f;
    private final EGraph g;
    private final DomTreeWalk walk;
    private final LoopNest loops;
    private final DominatorTree dom;
    private final int[] eOf;
    private final EgraphStats stats;
    private final long[] cost;
    private final int[] best;
    private final int[] elabValue;
    private final int[] elabBlock;

    private int curBlock;
    /** Loops containing the current block whose header has an immediate dominator, outermost first. */
    private int[] loopStack = new int[8];
    private int loopDepth;

    // explicit elaboration stack: (kind, e-value, class)
    private static final int START = 0, PENDING = 1;
    private int[] stackKind = new int[64];
    private int[] stackE = new int[64];
    private int sp;
    private int[] results = new int[64];
    private int rp;

    private final boolean newest;
    /** Each block's instructions before the pass, in order; {@code pure[i]}: instruction i went into the e-graph. */
    private final int[][] originalOrder;
    private final boolean[] pure;
    /** E-classes (representatives) some skeleton instruction needs, directly or through best nodes. */
    private final boolean[] demanded;

    Elaborator(Function f, EGraph g, DomTreeWalk walk, LoopNest loops, DominatorTree dom, int[] eOf,
               EgraphStats stats, int[][] originalOrder, boolean[] pure, EgraphOptimizer.Extraction extraction) {
        this.newest = extraction == EgraphOptimizer.Extraction.NEWEST;
        this.originalOrder = originalOrder;
        this.pure = pure;
        this.demanded = new boolean[g.count];
        this.f = f;
        this.g = g;
        this.walk = walk;
        this.loops = loops;
        this.dom = dom;
        this.eOf = eOf;
        this.stats = stats;
        this.cost = new long[g.count];
        this.best = new int[g.count];
        this.elabValue = new int[g.count];
        this.elabBlock = new int[g.count];
        Arrays.fill(elabBlock, -1);
    }

    /** The cost of one operation of {@code op} (Cranelift's scale: constants cheapest, multiplies and divides dear). */
    static long opCost(IrOpcode op) {
        return switch (op) {
            case ICONST, FCONST, REF_NULL -> 1;
            case UEXTEND, SEXTEND, IREDUCE, SEXTEND8, SEXTEND16, SEXTEND32, BITCAST -> 2;
            case IADD, ISUB, BAND, BOR, BXOR, ISHL, USHR, SSHR, ROTL, ROTR, EQZ, ICMP, SELECT -> 3;
            case IMUL -> 10;
            case UDIV, SDIV, UREM, SREM -> 40;
            default -> 4;
        };
    }

    /**
     * Classes a skeleton instruction uses directly: they are computed whatever extraction
     * picks, so as an argument of another node they cost nothing more (a tree cost would
     * charge them again at every use and favour rewrites that stop sharing them).
     */
    private boolean[] anchoredClasses() {
        boolean[] anchored = new boolean[g.count];
        for (int k = 0; k < skeletonOperandCount; k++) {
            anchored[g.find(skeletonOperands[k])] = true;
        }
        return anchored;
    }

    /**
     * The e-value of every operand and branch argument of the skeleton, in layout order, read
     * once before elaboration changes any (extraction and demand marking walk them three times).
     */
    private int[] skeletonOperands = new int[64];
    private int skeletonOperandCount;

    private void collectSkeletonOperands() {
        int n = 0;
        for (int[] order : originalOrder) {
            if (order == null) {
                continue;
            }
            for (int i : order) {
                if (pure[i]) {
                    continue;
                }
                for (int k = 0; k < f.argCount(i); k++) {
                    skeletonOperands = pushValue(skeletonOperands, n++, eOf[f.arg(i, k)]);
                }
                for (int t = 0; t < f.targetCount(i); t++) {
                    for (int k = 0, na = f.targetArgCount(i, t); k < na; k++) {
                        skeletonOperands = pushValue(skeletonOperands, n++, eOf[f.targetArg(i, t, k)]);
                    }
                }
            }
        }
        skeletonOperandCount = n;
    }

    /**
     * Two rounds: tree costs with the skeleton's operands free, then again with every class
     * the first round's choice needs free as well, so a rewrite that recomputes a value the
     * rest of the function computes anyway (a 64-bit sum narrowed for one use while its other
     * uses keep it) does not look cheaper than reusing it.
     */
    private void extract() {
        boolean[] anchored = anchoredClasses();
        extract(anchored);
        markDemanded();
        for (int c = 0; c < g.count; c++) {
            anchored[c] |= demanded[c];
        }
        extract(anchored);
        java.util.Arrays.fill(demanded, false);
    }

    private void extract(boolean[] anchored) {
        for (int e = 0; e < g.count; e++) {
            switch (g.kind[e]) {
                case EGraph.LEAF -> {
                    cost[e] = 0;
                    best[e] = e;
                }
                case EGraph.UNION -> {
                    int a = g.left[e], b = g.right[e];
                    int pick = newest || cost[b] < cost[a] ? b : a;
                    cost[e] = cost[pick];
                    best[e] = best[pick];
                }
                default -> {
                    int level = Math.min(2, g.loopLevel(e));
                    long c = opCost(g.op[e]) << (10 * level);
                    for (int k = 0, n = g.argCount(e); k < n; k++) {
                        int a = g.arg(e, k);
                        c += anchored[g.find(a)] ? 0 : cost[a];
                    }
                    cost[e] = Math.min(c, INFINITE);
                    best[e] = e;
                }
            }
        }
    }

    /** Whether an instruction kept its identity but got other operands (the layout alone does not show it). */
    boolean operandsChanged;
    private int[] operands = new int[8];

    void run() {
        collectSkeletonOperands();
        extract();
        markDemanded();
        walk.preorder(b -> {
            curBlock = b;
            enterLoops(b);
            int[] order = originalOrder[b];
            if (anchor.length < order.length) {
                anchor = new int[Math.max(order.length, 2 * anchor.length)];
            }
            int next = -1;
            for (int p = order.length - 1; p >= 0; p--) {
                if (!pure[order[p]]) {
                    next = order[p];
                }
                anchor[p] = next;
            }
            for (int p = 0; p < order.length; p++) {
                int i = order[p];
                if (pure[i]) {
                    // a needed value is placed where its original instruction was (or hoisted from there)
                    int e = eOf[f.firstResult(i)];
                    if (demanded[g.find(e)]) {
                        elaborate(e, anchor[p]);
                    }
                    continue;
                }
                int n = f.argCount(i);
                if (operands.length < n) {
                    operands = Arrays.copyOf(operands, n);
                }
                for (int k = 0; k < n; k++) {
                    operands[k] = f.arg(i, k);
                }
                for (int k = 0; k < n; k++) {
                    int v = elaborate(eOf[operands[k]], i);
                    operandsChanged |= v != operands[k];
                    f.setArg(i, k, v);
                }
                for (int t = 0; t < f.targetCount(i); t++) {
                    for (int k = 0, na = f.targetArgCount(i, t); k < na; k++) {
                        int old = f.targetArg(i, t, k);
                        int v = elaborate(eOf[old], i);
                        operandsChanged |= v != old;
                        f.setTargetArg(i, t, k, v);
                    }
                }
            }
        });
    }

    /** For each position of the block being elaborated, the first skeleton instruction at or after it. */
    private int[] anchor = new int[16];

    /** Marks the classes the skeleton needs: its operands, and the arguments of their best nodes, transitively. */
    private void markDemanded() {
        boolean[] seen = new boolean[g.count];
        for (int r = 0; r < skeletonOperandCount; r++) {
            int top = 0;
            demandStack = pushValue(demandStack, top++, skeletonOperands[r]);
            while (top > 0) {
                int x = demandStack[--top];
                if (seen[x]) {
                    continue;
                }
                seen[x] = true;
                demanded[g.find(x)] = true;
                int b = best[x];
                if (g.kind[b] == EGraph.NODE) {
                    for (int k = 0; k < g.argCount(b); k++) {
                        demandStack = pushValue(demandStack, top++, g.arg(b, k));
                    }
                }
            }
        }
    }

    private int[] demandStack = new int[64];

    private static int[] pushValue(int[] stack, int at, int v) {
        if (at == stack.length) {
            stack = Arrays.copyOf(stack, at * 2);
        }
        stack[at] = v;
        return stack;
    }

    /** The loop stack of block {@code b}: the loops containing it, outermost first (not those headed by the entry). */
    private void enterLoops(int b) {
        loopDepth = 0;
        int d = loops.loopDepth(b);
        if (loopStack.length < d) {
            loopStack = new int[Math.max(d, 2 * loopStack.length)];
        }
        for (int l = loops.innermost(b); l >= 0; l = loops.parent(l)) {
            loopStack[--d] = l;
        }
        // d is now 0; drop loops whose header has no dominator to hoist into (the entry)
        int kept = 0;
        for (int k = 0; k < loops.loopDepth(b); k++) {
            int h = loops.header(loopStack[k]);
            if (h != walk.entry()) {
                loopStack[kept++] = loopStack[k];
            }
        }
        loopDepth = kept;
    }

    private void push(int kind, int e) {
        if (sp == stackKind.length) {
            stackKind = Arrays.copyOf(stackKind, sp * 2);
            stackE = Arrays.copyOf(stackE, sp * 2);
        }
        stackKind[sp] = kind;
        stackE[sp] = e;
        sp++;
    }

    private void pushResult(int v) {
        if (rp == results.length) {
            results = Arrays.copyOf(results, rp * 2);
        }
        results[rp++] = v;
    }

    /** Whether node {@code e} is a constant or an add of one (never hoisted on its own, see the class comment). */
    private static boolean constantLike(EGraph g, int e) {
        IrOpcode op = g.op[e];
        if (op == IrOpcode.ICONST || op == IrOpcode.FCONST) {
            return true;
        }
        return op == IrOpcode.IADD && g.isConst(g.arg(e, 1)) && !g.isConst(g.arg(e, 0));
    }

    /** The IR value computing e-value {@code e} at instruction {@code before} of the current block. */
    private int elaborate(int e, int before) {
        push(START, e);
        while (sp > 0) {
            sp--;
            int kind = stackKind[sp];
            int x = stackE[sp];
            if (kind == START) {
                int c = g.find(x);
                int b = best[x];
                int at = elabBlock[c];
                if (at >= 0 && walk.onPath(at)) {
                    pushResult(elabValue[c]);
                    continue;
                }
                if (g.kind[b] == EGraph.LEAF) {
                    pushResult(g.leafValue(b));
                    continue;
                }
                push(PENDING, b);
                for (int k = g.argCount(b) - 1; k >= 0; k--) {
                    push(START, g.arg(b, k));
                }
            } else {
                place(x, before);
            }
        }
        return results[--rp];
    }

    /** Places node {@code n}, whose arguments' IR values are the top of the result stack. */
    private void place(int n, int before) {
        int nargs = g.argCount(n);
        int base = rp - nargs;
        int block = curBlock;
        int at = before;
        if (!constantLike(g, n) && nargs > 0) {
            int level = 0;
            for (int k = 0; k < nargs; k++) {
                level = Math.max(level, argLevel(results[base + k]));
            }
            if (level < loopDepth) {
                block = dom.idom(loops.header(loopStack[level]));
                at = f.lastInst(block);
                for (int k = 0; k < nargs; k++) {
                    results[base + k] = materializeAt(results[base + k], block);
                }
                stats.hoists++;
            }
        }
        int inst = g.origInst(n);
        if (inst < 0 || f.instBlock(inst) >= 0) {
            inst = f.makeInst(g.op[n], g.ctrl[n], g.imm[n], g.imm2[n], results, base, nargs);
            f.addResult(inst, g.type[n]);
        } else {
            // the original instruction comes back (same result value): operands as elaborated
            operandsChanged |= f.imm(inst) != g.imm[n];
            f.setOpcode(inst, g.op[n], g.ctrl[n]);
            f.setImm(inst, g.imm[n]);
            for (int k = 0; k < nargs; k++) {
                operandsChanged |= f.arg(inst, k) != results[base + k];
                f.setArg(inst, k, results[base + k]);
            }
        }
        // the order GVN gives commutative operands (it no longer runs after this pass)
        operandsChanged |= CommutativeOperands.canonicalize(f, inst);
        f.insertInstBefore(inst, at);
        stats.elaborated++;
        rp = base;
        int v = f.firstResult(inst);
        int c = g.find(n);
        elabValue[c] = v;
        elabBlock[c] = block;
        pushResult(v);
    }

    /** Whether IR instruction {@code def} is one elaboration copies to a hoist block (a constant, an add of a constant). */
    private boolean constantLikeInst(int def) {
        IrOpcode op = f.opcode(def);
        if (op == IrOpcode.ICONST || op == IrOpcode.FCONST) {
            return true;
        }
        if (op != IrOpcode.IADD) {
            return false;
        }
        int k = f.valueInst(f.arg(def, 1));
        return k >= 0 && f.opcode(k) == IrOpcode.ICONST;
    }

    /**
     * The loop level an operand ties its user to: the loops of the stack containing its
     * block, except that a constant or an add of a constant counts by its own operands (a
     * constant by none), so it never keeps a loop-invariant user in the loop
     * ({@link #materializeAt} copies it to the hoist block).
     */
    private int argLevel(int v) {
        int b = f.valueBlock(v);
        int def = f.valueInst(v);
        if (def >= 0 && constantLikeInst(def)) {
            int level = 0;
            for (int k = 0; k < f.argCount(def); k++) {
                level = Math.max(level, argLevel(f.arg(def, k)));
            }
            return level;
        }
        return loopsContaining(b);
    }

    /** A constant-like computation copied to a hoist block: at most one copy of each per block. */
    private record HoistedCopy(int block, IrOpcode op, Type ctrl, long imm, int imm2, int arg0, int arg1) {
    }

    private final Map<HoistedCopy, Integer> hoistedCopies = new HashMap<>();

    /**
     * {@code v}, or a copy of its definition (a constant, an add of one) at the end of hoist block
     * {@code hb}; the same computation asked for again in that block (from another user, or from a
     * copy of the constant elaborated in a sibling block) gets the copy already there.
     */
    private int materializeAt(int v, int hb) {
        int b = f.valueBlock(v);
        if (walk.domDepth(b) <= walk.domDepth(hb)) {
            return v; // b and hb are both on the current path: the shallower dominates the deeper
        }
        int def = f.valueInst(v);
        int n = f.argCount(def);
        int[] args = new int[n];
        for (int k = 0; k < n; k++) {
            args[k] = materializeAt(f.arg(def, k), hb);
        }
        HoistedCopy key = new HoistedCopy(hb, f.opcode(def), f.ctrlType(def), f.imm(def), f.imm2(def),
                n > 0 ? args[0] : -1, n > 1 ? args[1] : -1);
        Integer known = n <= 2 ? hoistedCopies.get(key) : null;
        if (known != null) {
            return known;
        }
        int inst = f.makeInst(f.opcode(def), f.ctrlType(def), f.imm(def), f.imm2(def), args, n);
        int r = f.addResult(inst, f.valueType(v));
        f.insertInstBefore(inst, f.lastInst(hb));
        stats.remats++;
        if (n <= 2) {
            hoistedCopies.put(key, r);
        }
        return r;
    }

    /** How many loops of the current loop stack, from the outermost, contain {@code block}. */
    private int loopsContaining(int block) {
        int k = 0;
        while (k < loopDepth && loops.contains(loopStack[k], block)) {
            k++;
        }
        return k;
    }
}
