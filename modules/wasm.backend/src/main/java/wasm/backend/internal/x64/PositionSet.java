package wasm.backend.internal.x64;

/**
 * A set of allocation positions with range operations whose cost is bounded by the range asked
 * about ({@link java.util.BitSet#nextSetBit} scans on to the end of the set when nothing follows,
 * which made a free-register test over a short range cost the whole function).
 */
final class PositionSet {
    private final long[] words;

    PositionSet(int positions) {
        words = new long[(positions + 64) >>> 6];
    }

    /** Adds every position of {@code [from, to]}. */
    void set(int from, int to) {
        apply(from, to, true);
    }

    /** Removes every position of {@code [from, to]}. */
    void clear(int from, int to) {
        apply(from, to, false);
    }

    private void apply(int from, int to, boolean on) {
        int w0 = from >>> 6;
        int w1 = to >>> 6;
        for (int w = w0; w <= w1; w++) {
            long mask = -1L;
            if (w == w0) {
                mask &= -1L << (from & 63);
            }
            if (w == w1) {
                mask &= -1L >>> (63 - (to & 63));
            }
            words[w] = on ? words[w] | mask : words[w] & ~mask;
        }
    }

    /** The first position of {@code [from, to]} in the set, or -1. */
    int firstIn(int from, int to) {
        int w0 = from >>> 6;
        int w1 = to >>> 6;
        for (int w = w0; w <= w1; w++) {
            long bits = words[w];
            if (w == w0) {
                bits &= -1L << (from & 63);
            }
            if (w == w1) {
                bits &= -1L >>> (63 - (to & 63));
            }
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return -1;
    }
}
