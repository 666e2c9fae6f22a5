package wasm.opt.internal.egraph;

import java.util.Arrays;
import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.analysis.LoopNest;
import wasm.opt.internal.UnreachableBlocks;

/**
 * The whole aegraph pass over one function, in Cranelift's three steps:
 * <ol>
 * <li><b>Build.</b> A preorder walk of the dominator tree takes every pure
 *     instruction out of the layout and inserts it into the {@link EGraph}
 *     (hash-consed and rewritten at once); what stays in the layout, in its order,
 *     is the <em>skeleton</em>: instructions with effects, traps or several
 *     results. A division by a constant that cannot trap (not 0, nor -1 for the
 *     signed quotient) is pure here, so strength reduction can see it.</li>
 * <li><b>Extract.</b> The cheapest member of every class ({@link Elaborator}).</li>
 * <li><b>Elaborate.</b> A second preorder walk puts back, before each skeleton
 *     instruction, the instructions its operands need, reusing what a dominating
 *     block already computed, hoisting loop-invariant ones to the block that
 *     dominates the loop, and rematerialising constants per block. A value that
 *     is needed at all is first placed where its original instruction was, so
 *     the original schedule (and its register pressure) survives where rewriting
 *     does not change it.</li>
 * </ol>
 * Unreachable blocks are removed first (they are not in the dominator tree).
 */
public final class EgraphOptimizer {
    private EgraphOptimizer() {
    }

    /** The result of a run: its statistics and whether the function changed. */
    public record Result(EgraphStats stats, boolean changed) {
    }

    /** How extraction picks among equal forms. */
    public enum Extraction {
        /** The cheapest (the pass). */
        CHEAPEST,
        /** The newest rewrite of each class, whatever it costs (tests: a rule's right side must be what runs). */
        NEWEST
    }

    public static Result run(Function f, RuleSet rules) {
        return run(f, rules, Extraction.CHEAPEST, EGraph.REWRITE_DEPTH);
    }

    /** A run with the given extraction and rewrite depth limit (tests lower it to check one rule at a time). */
    public static Result run(Function f, RuleSet rules, Extraction extraction, int rewriteDepth) {
        EgraphStats stats = new EgraphStats(rules);
        boolean changed = UnreachableBlocks.remove(f);
        DominatorTree dom = DominatorTree.compute(f);
        int[] rpo = dom.cfg().reversePostOrder();
        if (rpo.length == 0) {
            return new Result(stats, changed);
        }
        LoopNest loops = LoopNest.compute(f, dom);
        int[][] before = layoutSnapshot(f, rpo);
        boolean[] pure = new boolean[f.instCount()];
        DomTreeWalk walk = new DomTreeWalk(f, dom, rpo, loops);
        EGraph g = new EGraph(rules, walk, stats, f.valueCount() + 16, rewriteDepth);
        int[] eOf = new int[f.valueCount()];
        Arrays.fill(eOf, -1);
        build(f, g, walk, eOf, pure);
        countClasses(g, stats);
        Elaborator elaborator = new Elaborator(f, g, walk, loops, dom, eOf, stats, before, pure, extraction);
        elaborator.run();
        return new Result(stats, changed || elaborator.operandsChanged || !sameLayout(f, rpo, before));
    }

    /** Whether the pure instruction {@code i} (or a division proven not to trap) joins the e-graph. */
    private static boolean joinsGraph(Function f, EGraph g, int i, IrOpcode op, int[] eOf) {
        if (f.resultCount(i) != 1) {
            return false;
        }
        if (op.isPure()) {
            return true;
        }
        return switch (op) {
            case UDIV, UREM, SREM -> {
                int d = eOf[f.arg(i, 1)];
                yield g.isConst(d) && g.constant(d) != 0;
            }
            case SDIV -> {
                int d = eOf[f.arg(i, 1)];
                yield g.isConst(d) && g.constant(d) != 0 && g.constant(d) != -1;
            }
            default -> false;
        };
    }

    private static void build(Function f, EGraph g, DomTreeWalk walk, int[] eOf, boolean[] pure) {
        int[] args = new int[3];
        walk.preorder(b -> {
            for (int k = 0; k < f.blockParamCount(b); k++) {
                int p = f.blockParam(b, k);
                eOf[p] = g.leaf(p, f.valueType(p), b);
            }
            for (int i = f.firstInst(b), next; i >= 0; i = next) {
                next = f.nextInst(i);
                IrOpcode op = f.opcode(i);
                if (joinsGraph(f, g, i, op, eOf)) {
                    int n = f.argCount(i);
                    int[] a = n <= 3 ? args : new int[n];
                    for (int k = 0; k < n; k++) {
                        a[k] = eOf[f.arg(i, k)];
                    }
                    eOf[f.firstResult(i)] = g.insertPure(op, f.ctrlType(i), f.imm(i), f.imm2(i), a, n, i);
                    f.removeInst(i);
                    pure[i] = true;
                } else {
                    for (int k = 0; k < f.resultCount(i); k++) {
                        int r = f.result(i, k);
                        eOf[r] = g.leaf(r, f.valueType(r), b);
                    }
                }
            }
        });
    }

    private static void countClasses(EGraph g, EgraphStats stats) {
        boolean[] seen = new boolean[g.count];
        long classes = 0;
        for (int e = 0; e < g.count; e++) {
            if (g.kind[e] == EGraph.NODE) {
                int r = g.find(e);
                if (!seen[r]) {
                    seen[r] = true;
                    classes++;
                }
            }
        }
        stats.classes = classes;
    }

    private static int[][] layoutSnapshot(Function f, int[] rpo) {
        int[][] out = new int[f.blockCount()][];
        for (int b : rpo) {
            int n = 0;
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                n++;
            }
            int[] insts = new int[n];
            n = 0;
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                insts[n++] = i;
            }
            out[b] = insts;
        }
        return out;
    }

    private static boolean sameLayout(Function f, int[] rpo, int[][] before) {
        for (int b : rpo) {
            int n = 0;
            int[] was = before[b];
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                if (n >= was.length || was[n] != i) {
                    return false;
                }
                n++;
            }
            if (n != was.length) {
                return false;
            }
        }
        return true;
    }
}
