package wasm.backend.internal.x64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import wasm.backend.CpuFeatures;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.translate.WasmToIr;

/**
 * The emitter's block order: a permutation with the entry first, a loop's back-edge moves laid out
 * right after the branch that takes them (the loop falls into them), trap blocks after all others.
 * (That code in this order runs right is the differential properties' and the spec suite's
 * business: every function goes through it.)
 */
class BlockLayoutTest {
    private static final String LOOP = """
            (module (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
              (loop $l
                (if (i32.gt_u (local.get $i) (i32.const 1000000)) (then unreachable))
                (local.set $s (i32.add (local.get $s) (local.get $i)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
              (local.get $s)))
            """;

    private static VCode lower(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return Lowering.lower(new WasmToIr().translate(m, 0), j -> true, CpuFeatures.all());
    }

    @Test
    void backEdgeMovesFollowTheirBranchAndTrapBlocksGoLast() {
        VCode code = lower(LOOP);
        int[] order = BlockLayout.order(code);
        int n = code.blockCount();
        assertEquals(0, order[0], "entry first: " + Arrays.toString(order));
        assertArrayEquals(java.util.stream.IntStream.range(0, n).toArray(), Arrays.stream(order).sorted().toArray(),
                "a permutation: " + Arrays.toString(order));
        int[] pos = new int[n];
        for (int k = 0; k < n; k++) {
            pos[order[k]] = k;
        }
        int backEdges = 0;
        for (int b = 0; b < n; b++) {
            if (!(code.insts.get(code.end(b) - 1) instanceof MInst.Branch br)) {
                continue;
            }
            for (int t : new int[] {br.taken(), br.notTaken()}) {
                if (code.end(t) - code.start(t) == 2 && code.insts.get(code.start(t) + 1) instanceof MInst.Jump j
                        && j.args().length > 0 && pos[j.target()] < pos[b]) {
                    backEdges++;
                    assertEquals(pos[b] + 1, pos[t], "back-edge block " + t + " right after its branch " + b
                            + ": " + Arrays.toString(order) + "\n" + code);
                }
            }
        }
        assertEquals(1, backEdges, "the loop's one back edge with moves:\n" + code);
        int traps = 0;
        for (int k = 0; k < n; k++) {
            boolean trap = code.insts.get(code.end(order[k]) - 1) instanceof MInst.Trap;
            if (trap) {
                traps++;
            } else {
                assertEquals(0, traps, "a non-trap block after a trap block: " + Arrays.toString(order) + "\n" + code);
            }
        }
        assertEquals(1, traps, "the unreachable arm:\n" + code);
    }

    @Test
    void straightLineCodeKeepsTheLoweringOrder() {
        VCode code = lower("""
                (module (func (param i32) (result i32)
                  (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))
                """);
        int[] order = BlockLayout.order(code);
        assertArrayEquals(java.util.stream.IntStream.range(0, code.blockCount()).toArray(), order, code.toString());
        assertTrue(code.blockCount() > 1, code.toString());
    }
}
