package wasm.opt.passes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.analysis.DominatorTree;
import wasm.opt.Pass;
import wasm.opt.internal.CommutativeOperands;

/**
 * Global value numbering over the dominator tree (scoped hash table, as in
 * Cranelift's simple GVN): an instruction that computes what a dominating
 * instruction already computed (same opcode, type, immediates and resolved
 * operands) is replaced by it. Covers pure instructions and those whose only
 * effect is a trap (division, trapping conversions): if the dominating one did
 * not trap, the same computation cannot trap either. Operands of commutative
 * integer operations are put in a canonical order first so {@code a+b} meets
 * {@code b+a}.
 */
public final class GvnPass implements Pass {
    public static final GvnPass INSTANCE = new GvnPass();

    private GvnPass() {
    }

    @Override
    public String name() {
        return "gvn";
    }

    /** A key naming one instruction, equal to another when both compute the same thing. */
    private record Key(Function f, int inst, int hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && f.sameComputation(inst, k.inst);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Override
    public boolean run(Function f) {
        DominatorTree dom = DominatorTree.compute(f);
        int[] rpo = dom.cfg().reversePostOrder();
        if (rpo.length == 0) {
            return false;
        }
        // dominator-tree children, in reverse post-order
        int n = f.blockCount();
        List<List<Integer>> children = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            children.add(null);
        }
        for (int k = 1; k < rpo.length; k++) {
            int b = rpo[k];
            int d = dom.idom(b);
            if (children.get(d) == null) {
                children.set(d, new ArrayList<>());
            }
            children.get(d).add(b);
        }
        Map<Key, Integer> table = new HashMap<>();
        List<Key> scope = new ArrayList<>();
        // iterative preorder walk; a negative entry marks leaving a block's scope
        int[] stack = new int[2 * rpo.length + 2];
        int[] marks = new int[rpo.length + 1];
        int sp = 0, depth = 0;
        stack[sp++] = rpo[0];
        boolean changed = false;
        while (sp > 0) {
            int b = stack[--sp];
            if (b < 0) {
                int mark = marks[--depth];
                while (scope.size() > mark) {
                    table.remove(scope.removeLast());
                }
                continue;
            }
            marks[depth++] = scope.size();
            stack[sp++] = -1;
            for (int i = f.firstInst(b), next; i >= 0; i = next) {
                next = f.nextInst(i);
                IrOpcode op = f.opcode(i);
                if (!Values.isPureOrTrapOnly(op) || f.resultCount(i) != 1) {
                    continue;
                }
                CommutativeOperands.canonicalize(f, i);
                Key key = new Key(f, i, f.computationHash(i));
                Integer existing = table.get(key);
                if (existing != null) {
                    f.replaceAllUses(f.firstResult(i), f.firstResult(existing));
                    f.removeInst(i);
                    changed = true;
                } else {
                    table.put(key, i);
                    scope.add(key);
                }
            }
            List<Integer> kids = children.get(b);
            if (kids != null) {
                for (int k = kids.size() - 1; k >= 0; k--) {
                    stack[sp++] = kids.get(k);
                }
            }
        }
        return changed;
    }
}
