package wasm.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.text.IrParser;

/** CFG, dominators and loop depth on a nested loop with an unreachable block. */
class AnalysisTest {
    static final String NESTED = """
            function %f(i32) {
            block0(v0: i64, v1: i32):
                jump block1

            block1:
                brif v1, block2, block4

            block2:
                brif v1, block2, block3

            block3:
                jump block1

            block4:
                return

            block5:
                jump block4
            }
            """;

    @Test
    void cfgDominatorsAndLoops() {
        Function f = IrParser.parse(NESTED);
        ControlFlowGraph cfg = ControlFlowGraph.compute(f);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, java.util.Arrays.stream(cfg.reversePostOrder()).sorted().toArray());
        assertEquals(0, cfg.reversePostOrder()[0]);
        assertEquals(2, cfg.predecessorCount(1));
        assertEquals(2, cfg.predecessorCount(2));
        assertEquals(2, cfg.predecessorCount(4));
        assertFalse(cfg.isReachable(5));
        DominatorTree dom = DominatorTree.compute(f, cfg);
        assertEquals(1, dom.idom(2));
        assertEquals(2, dom.idom(3));
        assertEquals(1, dom.idom(4));
        assertTrue(dom.dominates(1, 3));
        assertFalse(dom.dominates(2, 4));
        assertFalse(dom.dominates(0, 5));
        assertEquals(0, dom.loopDepth(0));
        assertEquals(1, dom.loopDepth(1));
        assertEquals(2, dom.loopDepth(2));
        assertEquals(1, dom.loopDepth(3));
        assertEquals(0, dom.loopDepth(4));
        assertTrue(dom.isLoopHeader(1) && dom.isLoopHeader(2) && !dom.isLoopHeader(3));
    }
}
