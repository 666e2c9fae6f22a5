package wasm.backend.internal.x64;

import java.util.Arrays;

/**
 * Each virtual register's live ranges: the positions where it is live, as a sorted list of
 * disjoint closed ranges {@code [from, to]} (2i: instruction i's uses and register defs, 2i+1:
 * its fixed defs), with the holes between them where it is dead. An interval from a value's
 * first to its last position spans every block laid out in between, also those where it is
 * dead: a value defined early and read only in a block that lowering put at the end of the
 * function (a cold path, a split critical edge) would hold its register, or its slot, over all
 * the code in between. Ranges let another value use the register or slot in the holes
 * (Wimmer and Franz, "Linear Scan Register Allocation on SSA Form", section 4: built in one
 * backward walk over the blocks from exact liveness).
 */
final class LiveRanges {
    /** Per vreg: {@code from0, to0, from1, to1, ...} ascending, or null for a value with no position. */
    final int[][] ranges;

    private LiveRanges(int[][] ranges) {
        this.ranges = ranges;
    }

    /**
     * Walks the blocks from last to first and each block backwards: a value live out of a block
     * is live over all of it, a definition cuts its range at the definition, a use extends it
     * to the block's start (where it is live in, or defined further up).
     */
    static LiveRanges of(VCode code, Liveness liveness) {
        int n = code.vregCount();
        // Built backwards: each vreg's ranges appended in descending order, reversed at the end.
        int[][] buf = new int[n][];
        int[] len = new int[n];
        Builder b = new Builder(buf, len);
        for (int blk = code.blockCount() - 1; blk >= 0; blk--) {
            int s = 2 * code.start(blk);
            int e = 2 * (code.end(blk) - 1) + 1;
            liveness.forEachLiveOut(blk, v -> b.add(v, s, e));
            for (int i = code.end(blk) - 1; i >= code.start(blk); i--) {
                Operand[] ops = code.ops(i);
                for (Operand o : ops) {
                    if (!o.kind().isUse()) {
                        b.define(o.vreg(), o.kind() == Operand.Kind.DEF_FIXED ? 2 * i + 1 : 2 * i);
                    }
                }
                for (Operand o : ops) {
                    if (o.kind().isUse()) {
                        b.add(o.vreg(), s, 2 * i);
                    }
                }
            }
        }
        int[][] ranges = new int[n][];
        for (int v = 0; v < n; v++) {
            int l = len[v];
            if (l == 0) {
                continue;
            }
            int[] r = new int[l];
            for (int k = 0; k < l; k += 2) {
                r[l - 2 - k] = buf[v][k];
                r[l - 1 - k] = buf[v][k + 1];
            }
            ranges[v] = r;
        }
        return new LiveRanges(ranges);
    }

    /** Given ranges (for tests): per vreg, {@code from0, to0, from1, to1, ...} ascending and disjoint. */
    static LiveRanges of(int[][] ranges) {
        return new LiveRanges(ranges);
    }

    private record Builder(int[][] buf, int[] len) {
        /** Adds {@code [f, t]}, at or before every range added so far, merging with the earliest when they touch. */
        void add(int v, int f, int t) {
            int l = len[v];
            int[] r = buf[v];
            if (l > 0 && t + 1 >= r[l - 2]) {
                r[l - 2] = Math.min(r[l - 2], f);
                r[l - 1] = Math.max(r[l - 1], t);
                return;
            }
            if (r == null) {
                r = buf[v] = new int[4];
            } else if (l == r.length) {
                r = buf[v] = Arrays.copyOf(r, 2 * l);
            }
            r[l] = f;
            r[l + 1] = t;
            len[v] = l + 2;
        }

        /** A definition at {@code d}: the range that reaches up to the block's start begins there instead. */
        void define(int v, int d) {
            int l = len[v];
            if (l > 0 && buf[v][l - 2] <= d && d <= buf[v][l - 1]) {
                buf[v][l - 2] = d;
            } else {
                add(v, d, d); // never read: live at its definition only
            }
        }
    }

    int start(int v) {
        return ranges[v][0];
    }

    int end(int v) {
        int[] r = ranges[v];
        return r[r.length - 1];
    }

    /** How many positions at or after {@code pos} v is live at (at least 1). */
    int livePositionsFrom(int v, int pos) {
        int[] r = ranges[v];
        int count = 0;
        for (int k = r.length - 2; k >= 0 && r[k + 1] >= pos; k -= 2) {
            count += r[k + 1] - Math.max(r[k], pos) + 1;
        }
        return Math.max(count, 1);
    }

    /** Whether {@code v} is live at {@code pos}. */
    boolean covers(int v, int pos) {
        return rangeAt(v, pos) >= 0;
    }

    /** The index (even) of v's range containing {@code pos}, or -1. */
    int rangeAt(int v, int pos) {
        int[] r = ranges[v];
        int lo = 0;
        int hi = r.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (r[2 * mid + 1] < pos) {
                lo = mid + 1;
            } else if (r[2 * mid] > pos) {
                hi = mid - 1;
            } else {
                return 2 * mid;
            }
        }
        return -1;
    }

    /** Whether {@code a} and {@code b} are live at some common position. */
    boolean intersect(int a, int b) {
        int[] ra = ranges[a];
        int[] rb = ranges[b];
        int i = 0;
        int j = 0;
        while (i < ra.length && j < rb.length) {
            if (ra[i + 1] < rb[j]) {
                i += 2;
            } else if (rb[j + 1] < ra[i]) {
                j += 2;
            } else {
                return true;
            }
        }
        return false;
    }
}
