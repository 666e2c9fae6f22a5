package wasm.opt.internal;

import wasm.ir.Function;
import wasm.ir.analysis.ControlFlowGraph;

/** Rewriting branch targets without disturbing other targets that may share argument storage. */
public final class Edges {
    private Edges() {
    }

    /**
     * Replaces the argument list of target {@code t} of branch {@code inst} by
     * {@code args[0..n)}. Arguments are dropped from the end (which moves no
     * storage another target might share after {@code Function.copyTarget}) and
     * the new list is appended to fresh storage.
     */
    public static void setTargetArgs(Function f, int inst, int t, int[] args, int n) {
        for (int k = f.targetArgCount(inst, t) - 1; k >= 0; k--) {
            f.removeTargetArg(inst, t, k);
        }
        for (int k = 0; k < n; k++) {
            f.appendTargetArg(inst, t, args[k]);
        }
    }

    /** The resolved arguments of target {@code t} of {@code inst}. */
    public static int[] targetArgs(Function f, int inst, int t) {
        int[] a = new int[f.targetArgCount(inst, t)];
        for (int k = 0; k < a.length; k++) {
            a[k] = f.targetArg(inst, t, k);
        }
        return a;
    }

    /** Turns terminator {@code inst} into {@code jump} to its current target {@code t}. */
    public static void makeJump(Function f, int inst, int t) {
        if (t != 0) {
            f.copyTarget(inst, t, 0);
        }
        f.truncateTargets(inst, 1);
        f.clearArgs(inst);
        f.setOpcode(inst, wasm.ir.IrOpcode.JUMP, null);
        f.setImm(inst, 0);
    }

    /** Whether targets {@code a} and {@code b} of {@code inst} go to the same block with the same arguments. */
    public static boolean sameTarget(Function f, int inst, int a, int b) {
        if (f.targetBlock(inst, a) != f.targetBlock(inst, b)) {
            return false;
        }
        int n = f.targetArgCount(inst, a);
        for (int k = 0; k < n; k++) {
            if (f.targetArg(inst, a, k) != f.targetArg(inst, b, k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes the parameters {@code k} of {@code block} with {@code remove[k]}
     * and the matching argument of every incoming edge ({@code cfg} must be
     * current for {@code f}).
     */
    public static void removeBlockParams(Function f, ControlFlowGraph cfg, int block, boolean[] remove) {
        int np = remove.length;
        for (int e = 0; e < cfg.predecessorCount(block); e++) {
            int inst = cfg.predecessorInst(block, e), t = cfg.predecessorTarget(block, e);
            int[] args = targetArgs(f, inst, t);
            int n = 0;
            for (int k = 0; k < np; k++) {
                if (!remove[k]) {
                    args[n++] = args[k];
                }
            }
            setTargetArgs(f, inst, t, args, n);
        }
        for (int k = np - 1; k >= 0; k--) {
            if (remove[k]) {
                f.removeBlockParam(block, k);
            }
        }
    }
}
