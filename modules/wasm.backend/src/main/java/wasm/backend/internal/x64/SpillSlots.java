package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Spill slots for the values the scan spilled, chosen after the scan so that the two ends of an edge
 * copy can share one: a block argument and the parameter it flows into, both spilled, whose
 * intervals do not overlap, are put in one bundle, and a bundle takes one slot; the edge's
 * slot-to-slot move (two instructions through r11) then moves a slot onto itself and disappears.
 * Copies are coalesced hottest first (by the loop depth of the jump's block); a bundle joins another
 * only when no interval of one overlaps an interval of the other, so the values of a bundle are
 * never live at once. Bundles then take slots first-fit by their earliest start, a slot's occupancy
 * kept per position so a bundle may fill another's holes.
 *
 * <p>Slot units never change class ({@link #unitClass}): a value of the XMM class takes an aligned
 * pair of units named by its upper one ({@link Loc}), and any two slot locations are equal or
 * disjoint, which the edge moves' sequentialisation relies on ({@link LinearScan#sequence}).
 */
final class SpillSlots {
    /** Members a bundle may reach: bounds the pairwise interference test. */
    private static final int MAX_BUNDLE = 64;
    private static final byte GPR_UNIT = 1;
    private static final byte XMM_UNIT = 2;

    private final LiveRanges live;
    private final boolean[] xmm;
    /** Union-find over vregs: each spilled value's bundle. */
    private final int[] parent;
    /** Members of each bundle root (null for a non-root). */
    private final List<List<Integer>> members;
    /** Positions each slot unit is taken at. */
    private final List<BitSet> occupied = new ArrayList<>();
    private byte[] unitClass = new byte[8];

    private SpillSlots(LiveRanges live, boolean[] xmm) {
        this.live = live;
        this.xmm = xmm;
        int n = xmm.length;
        parent = new int[n];
        members = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            parent[v] = v;
            members.add(null);
        }
    }

    /**
     * Replaces each spilled value's placeholder in {@code loc} ({@code spilled[v]}) by its slot;
     * {@code copies} are the edge copies as {arg, param, weight} triples. Returns the slot units used.
     */
    static int assign(int[] loc, boolean[] spilled, LiveRanges live, boolean[] xmm, List<long[]> copies) {
        SpillSlots s = new SpillSlots(live, xmm);
        for (int v = 0; v < loc.length; v++) {
            if (spilled[v]) {
                List<Integer> m = new ArrayList<>(1);
                m.add(v);
                s.members.set(v, m);
            }
        }
        List<long[]> hottest = new ArrayList<>(copies);
        hottest.sort((a, b) -> Long.compare(b[2], a[2]));
        for (long[] c : hottest) {
            int a = (int) c[0];
            int p = (int) c[1];
            if (spilled[a] && spilled[p] && xmm[a] == xmm[p]) {
                s.coalesce(a, p);
            }
        }
        return s.place(loc, spilled);
    }

    private int find(int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private void coalesce(int a, int p) {
        int ra = find(a);
        int rp = find(p);
        if (ra == rp) {
            return;
        }
        List<Integer> ma = members.get(ra);
        List<Integer> mp = members.get(rp);
        if (ma.size() + mp.size() > MAX_BUNDLE) {
            return;
        }
        for (int u : ma) {
            for (int w : mp) {
                if (live.intersect(u, w)) {
                    return; // live at once somewhere: they need two slots
                }
            }
        }
        parent[rp] = ra;
        ma.addAll(mp);
        members.set(rp, null);
    }

    /** First-fit over slot units, bundles by earliest start; returns the units used. */
    private int place(int[] loc, boolean[] spilled) {
        List<long[]> order = new ArrayList<>();
        for (int v = 0; v < loc.length; v++) {
            if (spilled[v] && find(v) == v) {
                int first = Integer.MAX_VALUE;
                for (int u : members.get(v)) {
                    first = Math.min(first, live.start(u));
                }
                order.add(new long[] {first, v});
            }
        }
        order.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (long[] o : order) {
            int root = (int) o[1];
            List<Integer> m = members.get(root);
            int width = xmm[root] ? 2 : 1;
            byte cls = xmm[root] ? XMM_UNIT : GPR_UNIT;
            int k = 0;
            while (!fits(k, width, cls, m)) {
                k += width;
            }
            for (int unit = k; unit < k + width; unit++) {
                unitClass[unit] = cls;
                for (int v : m) {
                    int[] rs = live.ranges[v];
                    for (int r = 0; r < rs.length; r += 2) {
                        occupied.get(unit).set(rs[r], rs[r + 1] + 1);
                    }
                }
            }
            for (int v : m) {
                loc[v] = Loc.slot(k + width - 1);
            }
        }
        return occupied.size();
    }

    private boolean fits(int k, int width, byte cls, List<Integer> m) {
        while (occupied.size() < k + width) {
            occupied.add(new BitSet());
        }
        if (unitClass.length < occupied.size()) {
            unitClass = Arrays.copyOf(unitClass, 2 * occupied.size());
        }
        for (int unit = k; unit < k + width; unit++) {
            if (unitClass[unit] != 0 && unitClass[unit] != cls) {
                return false;
            }
            BitSet taken = occupied.get(unit);
            for (int v : m) {
                int[] rs = live.ranges[v];
                for (int r = 0; r < rs.length; r += 2) {
                    int next = taken.nextSetBit(rs[r]);
                    if (next >= 0 && next <= rs[r + 1]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
