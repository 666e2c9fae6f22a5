package wasm.backend.internal.x64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Spill slots after the scan ({@link SpillSlots}): edge copies share a slot exactly when their values never overlap. */
class SpillSlotsTest {
    private static int[] assign(int[] start, int[] end, boolean[] xmm, List<long[]> copies) {
        int[][] ranges = new int[start.length][];
        for (int v = 0; v < start.length; v++) {
            ranges[v] = new int[] {start[v], end[v]};
        }
        return assign(ranges, xmm, copies);
    }

    private static int[] assign(int[][] ranges, boolean[] xmm, List<long[]> copies) {
        int[] loc = new int[ranges.length];
        boolean[] spilled = new boolean[ranges.length];
        java.util.Arrays.fill(spilled, true);
        SpillSlots.assign(loc, spilled, LiveRanges.of(ranges), xmm, copies);
        return loc;
    }

    @Test
    void valuesShareASlotInEachOthersHoles() {
        // v0 lives at [0, 10] and again at [40, 50] (a use in a block laid out at the end); v1 [12, 30]
        // fits in its hole, v2 [8, 20] does not; v3 (two ranges around v0's second) is an argument of
        // parameter v4 and disjoint from it
        int[] loc = assign(new int[][] {{0, 10, 40, 50}, {12, 30}, {8, 20}, {31, 38, 52, 54}, {56, 60}},
                new boolean[5], List.<long[]>of(new long[] {3, 4, 1}));
        assertEquals(loc[0], loc[1], "v1 takes v0's slot in v0's hole");
        assertNotEquals(loc[0], loc[2]);
        assertEquals(loc[3], loc[4], "the edge copy's ends share a slot");
        // a value whose first range fits in another's hole but whose second meets the other's second range
        int[] apart = assign(new int[][] {{0, 5, 30, 40}, {10, 12, 35, 50}}, new boolean[2], List.of());
        assertNotEquals(apart[0], apart[1], "every range is checked, not the first only");
    }

    @Test
    void anArgumentAndItsParameterShareASlotWhenTheirIntervalsAreDisjoint() {
        // v0: an argument [0, 10] into parameter v1 [12, 20]; v2 [2, 30] lives across both; v3 [11, 25]
        // starts between them (first-fit alone would give it v0's slot, and v1 another)
        int[] loc = assign(new int[] {0, 12, 2, 11}, new int[] {10, 20, 30, 25}, new boolean[4],
                List.<long[]>of(new long[] {0, 1, 1}));
        assertEquals(loc[0], loc[1], "the edge copy's two ends share a slot: its move disappears");
        assertNotEquals(loc[0], loc[2]);
        assertNotEquals(loc[0], loc[3]);
    }

    @Test
    void overlappingEndsKeepTwoSlotsAndTheHottestCopyWins() {
        // v1 is the parameter of two copies: from v0 (cold) and v2 (hot); v0 and v2 overlap, so only one joins v1
        int[] loc = assign(new int[] {0, 20, 4}, new int[] {10, 30, 12}, new boolean[3],
                List.of(new long[] {0, 1, 1}, new long[] {2, 1, 64}));
        assertEquals(loc[2], loc[1], "the hot edge's argument shares the parameter's slot");
        assertNotEquals(loc[0], loc[1]);
        // an overlapping argument and parameter (the argument still live in the parameter's block) do not
        int[] apart = assign(new int[] {0, 8}, new int[] {10, 20}, new boolean[2], List.<long[]>of(new long[] {0, 1, 1}));
        assertNotEquals(apart[0], apart[1]);
    }

    @Test
    void classesDoNotShareUnitsAndXmmSlotsArePairs() {
        // v0 (general) then v1 (XMM) then v2 (general), none overlapping, copies between all: classes stay apart
        int[] loc = assign(new int[] {0, 10, 20}, new int[] {5, 15, 25}, new boolean[] {false, true, false},
                List.of(new long[] {0, 1, 1}, new long[] {1, 2, 1}));
        assertNotEquals(loc[0], loc[1]);
        assertEquals(loc[0], loc[2], "the general-class values reuse their unit");
        int unit = Loc.slotIndex(loc[1]);
        assertTrue(unit % 2 == 1, "an XMM slot is an aligned pair named by its upper unit: " + unit);
        assertTrue(unit - 1 != Loc.slotIndex(loc[0]), "the pair's other unit is not the general value's");
    }
}
