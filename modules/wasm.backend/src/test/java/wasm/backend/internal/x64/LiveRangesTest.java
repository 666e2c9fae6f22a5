package wasm.backend.internal.x64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;

import org.junit.jupiter.api.Test;
import wasm.backend.CpuFeatures;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.translate.WasmToIr;

/**
 * {@link LiveRanges}: each value's ranges are exactly the positions where it is live, computed
 * position by position (a backward walk over each block from its live-out set) over every function
 * of the example programs; and the allocator shares a register and a slot in a value's holes,
 * which the checker verifies, while ranges that claim a hole where the value is live make it fail.
 */
class LiveRangesTest {
    @Test
    void rangesAreThePositionsWhereEachValueIsLive() throws IOException {
        int[] functions = {0};
        int[] holes = {0};
        ExampleFunctions.forEach((function, code) -> {
            Liveness liveness = Liveness.of(code);
            LiveRanges live = LiveRanges.of(code, liveness);
            BitSet[] expected = positions(code, liveness);
            for (int v = 0; v < code.vregCount(); v++) {
                String where = function + " v" + v;
                BitSet got = new BitSet();
                int[] rs = live.ranges[v];
                if (rs != null) {
                    for (int k = 0; k < rs.length; k += 2) {
                        assertTrue(rs[k] <= rs[k + 1] && (k == 0 || rs[k - 1] + 1 < rs[k]),
                                where + ": ranges sorted, disjoint, not touching: " + Arrays.toString(rs));
                        got.set(rs[k], rs[k + 1] + 1);
                    }
                    holes[0] += rs.length / 2 - 1;
                }
                assertEquals(expected[v] == null ? new BitSet() : expected[v], got, where);
            }
            functions[0]++;
        });
        assertTrue(functions[0] > 200 && holes[0] > 1_000, functions[0] + " functions, " + holes[0] + " holes");
    }

    /**
     * Position by position: at 2i+1 the values live after instruction i and its fixed defs; at 2i
     * the values live after i that i does not define, its uses and its other defs.
     */
    private static BitSet[] positions(VCode code, Liveness liveness) {
        BitSet[] at = new BitSet[code.vregCount()];
        BitSet live = new BitSet();
        for (int b = 0; b < code.blockCount(); b++) {
            live.clear();
            liveness.forEachLiveOut(b, live::set);
            for (int i = code.end(b) - 1; i >= code.start(b); i--) {
                Operand[] ops = code.ops(i);
                mark(at, live, 2 * i + 1);
                for (Operand o : ops) {
                    if (o.kind() == Operand.Kind.DEF_FIXED) {
                        mark(at, o.vreg(), 2 * i + 1);
                    }
                }
                for (Operand o : ops) {
                    if (!o.kind().isUse()) {
                        live.clear(o.vreg());
                    }
                }
                for (Operand o : ops) {
                    if (o.kind().isUse()) {
                        live.set(o.vreg());
                    }
                }
                mark(at, live, 2 * i);
                for (Operand o : ops) {
                    if (o.kind() == Operand.Kind.DEF_REG || o.kind() == Operand.Kind.DEF_PARAM) {
                        mark(at, o.vreg(), 2 * i);
                    }
                }
            }
        }
        return at;
    }

    private static void mark(BitSet[] at, BitSet live, int pos) {
        for (int v = live.nextSetBit(0); v >= 0; v = live.nextSetBit(v + 1)) {
            mark(at, v, pos);
        }
    }

    private static void mark(BitSet[] at, int v, int pos) {
        if (at[v] == null) {
            at[v] = new BitSet();
        }
        at[v].set(pos);
    }

    /**
     * Five values made before a branch and read only on its else arm, which lowering lays out after
     * the then arm; the then arm keeps ten values live at once. On the then arm the five are dead:
     * eleven registers hold the ten when the allocator uses the holes, where intervals from first to
     * last position (fifteen at once) would spill. The else arm makes five values before it reads
     * the early ones (ten live at once again).
     */
    private static VCode twoArms() {
        StringBuilder sb = new StringBuilder("(module (func (param $a i64) (param $c i32) (result i64)");
        int early = 5;
        int late = 9;
        for (int k = 0; k < early; k++) {
            sb.append(" (local $x").append(k).append(" i64)");
        }
        for (int k = 0; k < late; k++) {
            sb.append(" (local $y").append(k).append(" i64)");
        }
        for (int k = 0; k < early; k++) {
            sb.append(" (local.set $x").append(k).append(" (i64.mul (local.get $a) (i64.const ").append(k + 3).append(")))");
        }
        sb.append(" (if (result i64) (local.get $c) (then");
        for (int k = 0; k < late; k++) {
            sb.append(" (local.set $y").append(k).append(" (i64.mul (local.get $a) (i64.const ").append(k + 20).append(")))");
        }
        StringBuilder then = new StringBuilder("(local.get $y0)");
        for (int k = 1; k < late; k++) {
            then.insert(0, "(i64.xor ").append(" (i64.rotl (local.get $y").append(k).append(") (i64.const ").append(k).append(")))");
        }
        // the else arm makes five values of its own before it reads the early ones
        StringBuilder otherwise = new StringBuilder();
        for (int k = 0; k < early; k++) {
            otherwise.append(" (local.set $y").append(k).append(" (i64.mul (local.get $a) (i64.const ").append(k + 40)
                    .append(")))");
        }
        StringBuilder chain = new StringBuilder("(local.get $y0)");
        for (int k = 0; k < early; k++) {
            chain.insert(0, "(i64.xor ").append(" (i64.rotl (local.get $x").append(k).append(") (i64.const ").append(k + 1)
                    .append(")))");
            if (k > 0) {
                chain.insert(0, "(i64.add ").append(" (local.get $y").append(k).append("))");
            }
        }
        otherwise.append(' ').append(chain);
        sb.append(' ').append(then).append(") (else ").append(otherwise).append("))))");
        Module m = WatParser.parseModule(sb.toString());
        Validator.validate(m);
        return Lowering.lower(new WasmToIr().translate(m, 0), j -> true, CpuFeatures.all());
    }

    @Test
    void valuesOfTheTwoArmsShareRegistersAndTheCheckerAgrees() {
        VCode code = twoArms();
        Allocation a = LinearScan.allocate(code);
        RegallocChecker.check(code, a);
        assertEquals(0, a.spills() + a.reloads(), "spills + reloads\n" + code);
    }

    /**
     * The planted fault: ranges that leave out a stretch where a value is live (the value's last
     * range dropped, as if it were dead in the arm laid out last) let the scan give its register to
     * another value there, and the checker must reject the allocation.
     */
    @Test
    void rangesWithAFalseHoleFailTheCheck() {
        VCode code = twoArms();
        Liveness liveness = Liveness.of(code);
        LiveRanges exact = LiveRanges.of(code, liveness);
        int caught = 0;
        int tried = 0;
        for (int v = 0; v < code.vregCount(); v++) {
            int[] rs = exact.ranges[v];
            if (rs == null || rs.length < 4) {
                continue;
            }
            int[][] wrong = exact.ranges.clone();
            wrong[v] = Arrays.copyOf(rs, rs.length - 2);
            tried++;
            Allocation bad = LinearScan.allocate(code, liveness, LiveRanges.of(wrong));
            try {
                RegallocChecker.check(code, bad);
            } catch (IllegalStateException expected) {
                caught++;
            }
        }
        assertTrue(tried >= 5, "values with holes: " + tried);
        assertTrue(caught >= tried / 2, caught + " of " + tried + " false holes caught");
        // and one certain case: every value's last range dropped at once
        int[][] allWrong = exact.ranges.clone();
        for (int v = 0; v < allWrong.length; v++) {
            if (allWrong[v] != null && allWrong[v].length >= 4) {
                allWrong[v] = Arrays.copyOf(allWrong[v], allWrong[v].length - 2);
            }
        }
        assertThrows(IllegalStateException.class,
                () -> RegallocChecker.check(code, LinearScan.allocate(code, liveness, LiveRanges.of(allWrong))));
    }
}
