package wasm.backend.internal.x64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import wasm.backend.x64.Gpr;
import wasm.ir.Function;
import wasm.ir.text.IrParser;

/**
 * The allocation checker accepts real allocations and rejects corrupted ones
 * (so it is not vacuous); the parallel-move sequentialiser is exact.
 */
class RegallocCheckerTest {
    private static final String LOOP = """
            function %f(i64, i64) -> i64 {
            block0(v0: i64, v1: i64, v2: i64):
                v3 = iconst.i64 0
                jump block1(v1, v2, v3)

            block1(v4: i64, v5: i64, v6: i64):
                v7 = iadd.i64 v6, v4
                v8 = icmp.i64 eq v5, v3
                brif v8, block2, block1(v5, v4, v7)

            block2:
                v9 = imul.i64 v7, v4
                return v9
            }
            """;

    private static Allocation allocate(VCode code) {
        Allocation a = LinearScan.allocate(code);
        RegallocChecker.check(code, a);
        return a;
    }

    @Test
    void acceptsTheAllocatorsOutputAndRejectsACorruptedUse() {
        Function f = IrParser.parse(LOOP);
        VCode code = Lowering.lower(f, j -> false);
        Allocation a = allocate(code);
        boolean corrupted = false;
        for (int i = 0; i < code.insts.size() && !corrupted; i++) {
            Operand[] ops = code.ops(i);
            for (int k = 0; k < ops.length; k++) {
                if (ops[k].kind() == Operand.Kind.USE_ANY && Loc.isReg(a.allocs()[i][k])) {
                    int[][] allocs = Arrays.stream(a.allocs()).map(int[]::clone).toArray(int[][]::new);
                    allocs[i][k] = allocs[i][k] == Gpr.RBX.encoding() ? Gpr.R12.encoding() : Gpr.RBX.encoding();
                    Allocation bad = new Allocation(allocs, a.before(), a.after(), a.vregLoc(), a.spillSlots(),
                            0, 0, 0, 0, a.usedCalleeSaved());
                    assertThrows(IllegalStateException.class, () -> RegallocChecker.check(code, bad));
                    corrupted = true;
                    break;
                }
            }
        }
        assertTrue(corrupted, "no register use found to corrupt");
    }

    @Test
    void rejectsAMissingEdgeMove() {
        Function f = IrParser.parse(LOOP);
        VCode code = Lowering.lower(f, j -> false);
        Allocation a = allocate(code);
        List<List<Move>> after = new ArrayList<>(a.after());
        boolean dropped = false;
        for (int i = 0; i < code.insts.size(); i++) {
            if (code.insts.get(i) instanceof MInst.Jump && !after.get(i).isEmpty()) {
                List<Move> moves = new ArrayList<>(after.get(i));
                moves.remove(moves.size() - 1);
                after.set(i, moves);
                dropped = true;
                break;
            }
        }
        assertTrue(dropped);
        Allocation bad = new Allocation(a.allocs(), a.before(), after, a.vregLoc(), a.spillSlots(), 0, 0, 0, 0,
                a.usedCalleeSaved());
        assertThrows(IllegalStateException.class, () -> RegallocChecker.check(code, bad));
    }

    /** Random permutations with cycles and slots: running the sequence gives the parallel result. */
    @Property(tries = 300)
    void parallelMovesAreSequentialisedExactly(@ForAll long seed) {
        Random r = new Random(seed);
        int[] pool = {0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 16, 17, 18, 19};
        List<Integer> dsts = new ArrayList<>();
        for (int p : pool) {
            dsts.add(p);
        }
        java.util.Collections.shuffle(dsts, r);
        int n = 1 + r.nextInt(dsts.size());
        List<int[]> moves = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            moves.add(new int[] {pool[r.nextInt(pool.length)], dsts.get(k)});
        }
        int[] state = new int[32];
        for (int k = 0; k < 32; k++) {
            state[k] = 100 + k;
        }
        int[] expected = state.clone();
        for (int[] mv : moves) {
            expected[mv[1]] = state[mv[0]];
        }
        for (Move mv : LinearScan.sequence(moves)) {
            assertTrue(Loc.isReg(mv.from()) || Loc.isReg(mv.to()), "slot-to-slot move " + mv);
            state[mv.to()] = state[mv.from()];
        }
        for (int p : pool) {
            assertEquals(expected[p], state[p], "location " + Loc.text(p) + " after " + moves.size() + " moves");
        }
    }
}
