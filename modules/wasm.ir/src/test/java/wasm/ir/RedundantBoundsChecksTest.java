package wasm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.ir.analysis.RedundantBoundsChecks;
import wasm.ir.text.IrParser;

/**
 * Which accesses the bounds-check analysis frees: covered by a dominating access to
 * the same address value with at least the same end, never by a sibling branch,
 * and still after {@code memory.grow} (memory never shrinks).
 */
class RedundantBoundsChecksTest {

    /** The verdict per load/store in layout order: true = the check is redundant. */
    private static List<Boolean> verdicts(String text) {
        Function f = IrParser.parse(text);
        BitSet redundant = RedundantBoundsChecks.compute(f);
        List<Boolean> out = new ArrayList<>();
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                if (f.opcode(i).accessBytes(f.ctrlType(i)) > 0) {
                    out.add(redundant.get(i));
                }
            }
        }
        return out;
    }

    @Test
    void sameAddressWithinTheCheckedEndIsFree() {
        assertEquals(List.of(false, true, false, true, false), verdicts("""
                function %f(i32, i32) {
                block0(v0: i64, v1: i32, v2: i32):
                    v3 = load.i32 v1+4
                    store.i32 v3, v1
                    v4 = load.i64 v1+4
                    v5 = uload8.i32 v1+11
                    v6 = load.i32 v2
                    return
                }
                """));
    }

    @Test
    void dominatingAccessesCoverBothBranchesAndTheJoinButSiblingsDoNot() {
        assertEquals(List.of(false, true, false, true, false), verdicts("""
                function %f(i32, i32) {
                block0(v0: i64, v1: i32, v2: i32):
                    v3 = load.i32 v1
                    brif v2, block1, block2

                block1:
                    store.i32 v3, v1
                    v4 = load.i32 v2
                    jump block3

                block2:
                    v5 = load.i32 v1
                    jump block3

                block3:
                    v6 = load.i32 v2
                    return
                }
                """));
    }

    @Test
    void aCheckOnOneMemoryCoversNothingOnAnother() {
        assertEquals(List.of(false, false, true, true), verdicts("""
                function %f(i32) {
                block0(v0: i64, v1: i32):
                    v2 = load.i32 v1
                    v3 = load.i32 mem1 v1
                    store.i32 mem1 v3, v1
                    store.i32 v2, v1
                    return
                }
                """));
    }

    @Test
    void offsetsOfTwoToTheSixtyThreeAndMoreAreNeverCovered() {
        assertEquals(List.of(false, false, false), verdicts("""
                function %f(i64) {
                block0(v0: i64, v1: i64):
                    v2 = load.i32 v1+8
                    v3 = load.i32 v1+18446744073709551615
                    v4 = load.i32 v1+9223372036854775808
                    return
                }
                """));
    }

    @Test
    void growingMemoryKeepsEarlierChecksValid() {
        assertEquals(List.of(false, true), verdicts("""
                function %f(i32) {
                block0(v0: i64, v1: i32):
                    v2 = load.i32 v1
                    v3 = memory.grow.i32 mem0, v1
                    store.i32 v2, v1
                    return
                }
                """));
    }

    @Test
    void aLoopBodyIsCoveredByItsPreheaderButNotByItself() {
        assertEquals(List.of(false, true, false, true), verdicts("""
                function %f(i32, i32) {
                block0(v0: i64, v1: i32, v2: i32):
                    v3 = load.i32 v1
                    jump block1

                block1:
                    v4 = load.i32 v1
                    v5 = load.i32 v2
                    store.i32 v4, v2
                    brif v5, block1, block2

                block2:
                    return
                }
                """));
    }
}
