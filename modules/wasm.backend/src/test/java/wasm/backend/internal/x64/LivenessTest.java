package wasm.backend.internal.x64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.BitSet;

import org.junit.jupiter.api.Test;

/**
 * {@link Liveness} (global values only, a worklist) against the textbook solution: whole vreg-wide
 * sets, every block recomputed in every round until a round changes nothing. Over every function
 * of the example programs (loops nested several deep, br_table dispatch, calls), block by block.
 */
class LivenessTest {
    @Test
    void agreesWithRoundRobinDataflowOnTheExamples() throws IOException {
        int[] functions = {0};
        int[] liveEntries = {0};
        ExampleFunctions.forEach((function, code) -> {
            Liveness live = Liveness.of(code);
            BitSet[][] expected = roundRobin(code);
            for (int b = 0; b < code.blockCount(); b++) {
                String where = function + " block " + b;
                assertEquals(expected[0][b], collect(live, b, true), where + " live-in");
                assertEquals(expected[1][b], collect(live, b, false), where + " live-out");
                // the point query, on the values it could answer wrongly: those live around b and b's own
                BitSet candidates = (BitSet) expected[1][b].clone();
                candidates.or(expected[0][b]);
                for (int k = code.start(b); k < code.end(b); k++) {
                    for (Operand o : code.ops(k)) {
                        candidates.set(o.vreg());
                    }
                }
                for (int v = candidates.nextSetBit(0); v >= 0; v = candidates.nextSetBit(v + 1)) {
                    assertEquals(expected[0][b].get(v), live.isLiveIn(b, v), where + " v" + v);
                }
                liveEntries[0] += expected[0][b].cardinality();
            }
            functions[0]++;
        });
        assertTrue(functions[0] > 200 && liveEntries[0] > 10_000, functions[0] + " functions, " + liveEntries[0] + " live-in entries");
    }

    private static BitSet collect(Liveness live, int b, boolean in) {
        BitSet s = new BitSet();
        if (in) {
            live.forEachLiveIn(b, s::set);
        } else {
            live.forEachLiveOut(b, s::set);
        }
        return s;
    }

    /** {in, out} per block, the plain way. */
    private static BitSet[][] roundRobin(VCode code) {
        int blocks = code.blockCount();
        BitSet[] gen = new BitSet[blocks];
        BitSet[] kill = new BitSet[blocks];
        for (int b = 0; b < blocks; b++) {
            gen[b] = new BitSet();
            kill[b] = new BitSet();
            for (int i = code.end(b) - 1; i >= code.start(b); i--) {
                for (Operand o : code.ops(i)) {
                    if (!o.kind().isUse()) {
                        gen[b].clear(o.vreg());
                        kill[b].set(o.vreg());
                    }
                }
                for (Operand o : code.ops(i)) {
                    if (o.kind().isUse()) {
                        gen[b].set(o.vreg());
                    }
                }
            }
        }
        BitSet[] in = new BitSet[blocks];
        BitSet[] out = new BitSet[blocks];
        for (int b = 0; b < blocks; b++) {
            in[b] = new BitSet();
            out[b] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = 0; b < blocks; b++) {
                BitSet o = new BitSet();
                for (int s : code.succs.get(b)) {
                    o.or(in[s]);
                }
                BitSet i = (BitSet) o.clone();
                i.andNot(kill[b]);
                i.or(gen[b]);
                if (!i.equals(in[b]) || !o.equals(out[b])) {
                    in[b] = i;
                    out[b] = o;
                    changed = true;
                }
            }
        }
        return new BitSet[][] {in, out};
    }
}
