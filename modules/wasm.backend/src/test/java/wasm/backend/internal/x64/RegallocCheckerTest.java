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
import wasm.backend.CpuFeatures;
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
        VCode code = Lowering.lower(f, j -> false, CpuFeatures.all());
        Allocation a = allocate(code);
        boolean corrupted = false;
        for (int i = 0; i < code.insts.size() && !corrupted; i++) {
            Operand[] ops = code.ops(i);
            for (int k = 0; k < ops.length; k++) {
                if (ops[k].kind() == Operand.Kind.USE_ANY && Loc.isReg(a.allocs()[i][k])) {
                    int[][] allocs = Arrays.stream(a.allocs()).map(int[]::clone).toArray(int[][]::new);
                    allocs[i][k] = allocs[i][k] == Gpr.RBX.encoding() ? Gpr.R12.encoding() : Gpr.RBX.encoding();
                    Allocation bad = new Allocation(allocs, a.before(), a.after(), a.vregLoc(), a.constants(), a.spillSlots(),
                            0, 0, 0, 0, a.usedCalleeSaved());
                    assertThrows(IllegalStateException.class, () -> RegallocChecker.check(code, bad));
                    corrupted = true;
                    break;
                }
            }
        }
        assertTrue(corrupted, "no register use found to corrupt");
    }

    /** Floats live across a call, in a loop: XMM registers, slots and clobbers. */
    private static final String FLOAT_LOOP = """
            function %g(i64, f64, f32) -> f64 {
                fn0 = (f64) -> f64
            block0(v0: i64, v1: f64, v2: f32):
                v3 = fpromote.f64 v2
                v4 = fconst.f64 0x3ff0000000000000
                jump block1(v1, v3, v4)

            block1(v5: f64, v6: f64, v7: f64):
                v8 = fadd.f64 v5, v6
                v9 = call fn0(v8)
                v10 = fmul.f64 v9, v7
                v11 = fcmp.f64 lt v10, v5
                brif v11, block2, block1(v10, v5, v8)

            block2:
                v12 = fsub.f64 v10, v6
                return v12
            }
            """;

    @Test
    void coversTheXmmClass() {
        Function f = IrParser.parse(FLOAT_LOOP);
        VCode code = Lowering.lower(f, j -> false, CpuFeatures.all());
        Allocation a = allocate(code);
        boolean xmmUse = false;
        for (int i = 0; i < code.insts.size(); i++) {
            Operand[] ops = code.ops(i);
            for (int k = 0; k < ops.length; k++) {
                int l = a.allocs()[i][k];
                if (ops[k].kind().isUse() && Loc.isXmm(l) && l != Loc.reg(wasm.backend.x64.Xmm.XMM15)) {
                    xmmUse = true;
                    // another XMM register: the value is not there
                    int[][] wrongReg = Arrays.stream(a.allocs()).map(int[]::clone).toArray(int[][]::new);
                    wrongReg[i][k] = l == Loc.reg(wasm.backend.x64.Xmm.XMM7) ? Loc.reg(wasm.backend.x64.Xmm.XMM6)
                            : Loc.reg(wasm.backend.x64.Xmm.XMM7);
                    assertThrows(IllegalStateException.class, () -> RegallocChecker.check(code, withAllocs(a, wrongReg)));
                    // a general register with the same number: the wrong register file
                    int[][] wrongClass = Arrays.stream(a.allocs()).map(int[]::clone).toArray(int[][]::new);
                    wrongClass[i][k] = l - Loc.FIRST_XMM;
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> RegallocChecker.check(code, withAllocs(a, wrongClass)));
                    assertTrue(e.getMessage().contains("class"), e.getMessage());
                }
            }
        }
        assertTrue(xmmUse, "no XMM register use found:\n" + code);
    }

    private static Allocation withAllocs(Allocation a, int[][] allocs) {
        return new Allocation(allocs, a.before(), a.after(), a.vregLoc(), a.constants(), a.spillSlots(), 0, 0, 0, 0,
                a.usedCalleeSaved());
    }

    @Test
    void rejectsAMissingEdgeMove() {
        Function f = IrParser.parse(LOOP);
        VCode code = Lowering.lower(f, j -> false, CpuFeatures.all());
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
        Allocation bad = new Allocation(a.allocs(), a.before(), after, a.vregLoc(), a.constants(), a.spillSlots(), 0, 0, 0, 0,
                a.usedCalleeSaved());
        assertThrows(IllegalStateException.class, () -> RegallocChecker.check(code, bad));
    }

    /** Five integers live across a call, four callee-saved registers: one is spilled. */
    private static final String SPILL_ACROSS_CALL = """
            function %h(i64) -> i64 {
                fn0 = (i64) -> i64
            block0(v0: i64, v1: i64):
                v2 = iconst.i64 2
                v3 = iadd.i64 v1, v2
                v4 = iadd.i64 v3, v2
                v5 = iadd.i64 v4, v2
                v6 = iadd.i64 v5, v2
                v7 = iadd.i64 v6, v2
                v8 = call fn0(v1)
                v9 = iadd.i64 v8, v3
                v10 = iadd.i64 v9, v4
                v11 = iadd.i64 v10, v5
                v12 = iadd.i64 v11, v6
                v13 = iadd.i64 v12, v7
                return v13
            }
            """;

    /**
     * A store from an XMM register fills the whole 16-byte slot it names, the 8-byte unit below
     * the name too: an integer spilled there is gone (the case of an edge move that wrote a float's
     * slot over an integer's it had yet to read). One unit higher, the store leaves it alone.
     */
    @Test
    void anXmmStoreOverwritesTheUnitBelowItsSlot() {
        Function f = IrParser.parse(SPILL_ACROSS_CALL);
        VCode code = Lowering.lower(f, j -> false, CpuFeatures.all());
        Allocation a = allocate(code);
        int use = -1;
        int slot = -1;
        for (int i = 0; i < code.insts.size() && use < 0; i++) {
            Operand[] ops = code.ops(i);
            for (int k = 0; k < ops.length; k++) {
                if (ops[k].kind().isUse() && !Loc.isReg(a.allocs()[i][k])) {
                    use = i;
                    slot = a.allocs()[i][k];
                    break;
                }
            }
        }
        assertTrue(use >= 0, "no use of a spilled integer:\n" + code);
        int xmm0 = Loc.reg(wasm.backend.x64.Xmm.XMM0);
        RegallocChecker.check(code, withMoveBefore(a, use, new Move(xmm0, slot + 2)));
        Allocation overwritten = withMoveBefore(a, use, new Move(xmm0, slot + 1));
        assertThrows(IllegalStateException.class, () -> RegallocChecker.check(code, overwritten));
    }

    /** {@code a} with {@code mv} added before instruction {@code i}, two spare slot units above its own. */
    private static Allocation withMoveBefore(Allocation a, int i, Move mv) {
        List<List<Move>> before = new ArrayList<>(a.before());
        List<Move> moves = new ArrayList<>(before.get(i));
        moves.add(0, mv);
        before.set(i, moves);
        return new Allocation(a.allocs(), before, a.after(), a.vregLoc(), a.constants(), a.spillSlots() + 2, 0, 0, 0, 0,
                a.usedCalleeSaved());
    }

    /**
     * Random parallel moves of both classes with cycles and slots (general registers and
     * their slots, XMM registers and theirs): running the sequence gives the parallel result,
     * and no move crosses classes or goes slot to slot.
     */
    @Property(tries = 300)
    void parallelMovesAreSequentialisedExactly(@ForAll long seed) {
        Random r = new Random(seed);
        int[] gprs = {0, 1, 2, 3, 6, 7, 8, 9, 12, 13, Loc.slot(0), Loc.slot(1), Loc.slot(2), Loc.slot(3)};
        int[] xmms = {16, 17, 18, 20, 24, 30, Loc.slot(5), Loc.slot(7), Loc.slot(9)};
        int gprScratch = Loc.reg(Gpr.R10);
        int xmmScratch = Loc.reg(wasm.backend.x64.Xmm.XMM15);
        List<int[]> moves = new ArrayList<>();
        for (int[] pool : new int[][] {gprs, xmms}) {
            List<Integer> dsts = new ArrayList<>();
            for (int p : pool) {
                dsts.add(p);
            }
            java.util.Collections.shuffle(dsts, r);
            int n = r.nextInt(dsts.size() + 1);
            for (int k = 0; k < n; k++) {
                moves.add(new int[] {pool[r.nextInt(pool.length)], dsts.get(k), pool == gprs ? gprScratch : xmmScratch});
            }
        }
        int[] state = new int[Loc.FIRST_SLOT + 16];
        for (int k = 0; k < state.length; k++) {
            state[k] = 100 + k;
        }
        int[] expected = state.clone();
        for (int[] mv : moves) {
            expected[mv[1]] = state[mv[0]];
        }
        for (Move mv : LinearScan.sequence(moves)) {
            assertTrue(Loc.isReg(mv.from()) || Loc.isReg(mv.to()), "slot-to-slot move " + mv);
            boolean crosses = (Loc.isReg(mv.from()) && Loc.isReg(mv.to()) && Loc.isXmm(mv.from()) != Loc.isXmm(mv.to()))
                    || (Loc.isXmm(mv.from()) && mv.to() == Loc.reg(Gpr.R11))
                    || (Loc.isXmm(mv.to()) && mv.from() == Loc.reg(Gpr.R11));
            assertTrue(!crosses, "move across register classes " + mv);
            state[mv.to()] = state[mv.from()];
        }
        for (int[] pool : new int[][] {gprs, xmms}) {
            for (int p : pool) {
                assertEquals(expected[p], state[p], "location " + Loc.text(p) + " after " + moves.size() + " moves");
            }
        }
    }
}
