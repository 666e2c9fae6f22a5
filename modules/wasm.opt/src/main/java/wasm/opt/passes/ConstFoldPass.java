package wasm.opt.passes;

import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.interp.VectorSemantics;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.opt.Pass;
import wasm.opt.internal.ConstEval;
import wasm.opt.internal.Edges;

/**
 * Constant folding with exact Wasm semantics ({@link ConstEval}): a pure or
 * trapping instruction whose operands are all constants becomes a constant
 * unless it would trap (then it stays and traps at run time). {@code brif} on
 * a constant becomes {@code jump}, {@code br_table} on a constant jumps to the
 * selected target. Blocks are visited in reverse post-order so a folded value
 * is seen by the uses it dominates in the same run; blocks made unreachable
 * are left to {@code cfg_cleanup}.
 *
 * <p>Vector instructions fold too ({@link wasm.ir.interp.VectorSemantics}, the IR
 * interpreter's own): a pure vector instruction whose operands are constants,
 * a v128 constant being {@code vconcat} of two {@code iconst.i64}, becomes such a
 * {@code vconcat} (or a scalar constant, for lane extraction and the reductions).
 */
public final class ConstFoldPass implements Pass {
    public static final ConstFoldPass INSTANCE = new ConstFoldPass();

    private ConstFoldPass() {
    }

    @Override
    public String name() {
        return "const_fold";
    }

    @Override
    public boolean run(Function f) {
        boolean changed = false;
        for (int b : ControlFlowGraph.compute(f).reversePostOrder()) {
            for (int i = f.firstInst(b), next; i >= 0; i = next) {
                next = f.nextInst(i);
                IrOpcode op = f.opcode(i);
                if (VectorSemantics.covers(op)) {
                    changed |= foldVector(f, i, op);
                } else if (op == IrOpcode.BRIF && Values.isConst(f, f.arg(i, 0))) {
                    Edges.makeJump(f, i, Values.constBits(f, f.arg(i, 0)) != 0 ? 0 : 1);
                    changed = true;
                } else if (op == IrOpcode.BR_TABLE && Values.isConst(f, f.arg(i, 0))) {
                    long idx = Values.constBits(f, f.arg(i, 0)) & 0xFFFF_FFFFL;
                    int n = f.targetCount(i) - 1;
                    Edges.makeJump(f, i, idx < n ? (int) idx + 1 : 0);
                    changed = true;
                } else if (foldable(f, i, op)) {
                    int n = f.argCount(i);
                    long a = n > 0 ? Values.constBits(f, f.arg(i, 0)) : 0;
                    long b2 = n > 1 ? Values.constBits(f, f.arg(i, 1)) : 0;
                    long c = n > 2 ? Values.constBits(f, f.arg(i, 2)) : 0;
                    ConstEval.Result r = ConstEval.eval(f, i, a, b2, c);
                    if (r.folded()) {
                        f.replaceWithConst(i, r.bits());
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    /** Folds a pure vector instruction on constant operands; false when some operand is not constant. */
    private static boolean foldVector(Function f, int i, IrOpcode op) {
        if (op == IrOpcode.VCONCAT) {
            return false;
        }
        long[] in = new long[6];
        for (int k = 0; k < f.argCount(i); k++) {
            int v = f.arg(i, k);
            if (f.valueType(v) == Type.V128) {
                int d = f.valueInst(v);
                if (d < 0 || f.opcode(d) != IrOpcode.VCONCAT || !Values.isConst(f, f.arg(d, 0))
                        || !Values.isConst(f, f.arg(d, 1))) {
                    return false;
                }
                in[2 * k] = Values.constBits(f, f.arg(d, 0));
                in[2 * k + 1] = Values.constBits(f, f.arg(d, 1));
            } else if (Values.isConst(f, v)) {
                in[2 * k] = Values.constBits(f, v);
            } else {
                return false;
            }
        }
        long[] out = new long[2];
        VectorSemantics.evaluate(op, f.ctrlType(i), f.imm(i), f.imm2(i), in, out);
        int result = f.firstResult(i);
        if (f.valueType(result) != Type.V128) {
            f.replaceWithConst(i, out[0]);
            return true;
        }
        int lo = Values.insertConst(f, Type.I64, out[0], i);
        int hi = Values.insertConst(f, Type.I64, out[1], i);
        int concat = f.makeInst(IrOpcode.VCONCAT, null, 0, 0, new int[] {lo, hi}, 2);
        int v = f.addResult(concat, Type.V128);
        f.insertInstBefore(concat, i);
        f.replaceAllUses(result, v);
        f.removeInst(i);
        return true;
    }

    private static boolean foldable(Function f, int i, IrOpcode op) {
        if (op == IrOpcode.ICONST || op == IrOpcode.FCONST || !Values.isPureOrTrapOnly(op)
                || f.resultCount(i) != 1 || f.argCount(i) == 0) {
            return false;
        }
        for (int k = 0; k < f.argCount(i); k++) {
            if (!Values.isConst(f, f.arg(i, k))) {
                return false;
            }
        }
        return true;
    }
}
