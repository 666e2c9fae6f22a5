package wasm.opt.internal.egraph.rules;

import wasm.opt.internal.egraph.Match;

/** Bit arithmetic the rules' guards and computed constants share, at the width of the matched root. */
final class Bits {
    private Bits() {
    }

    /** All ones at {@code bits} bits. */
    static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** {@code v} as an unsigned number of {@code bits} bits. */
    static long unsigned(long v, int bits) {
        return v & mask(bits);
    }

    /** Whether {@code v}, read as unsigned at {@code bits} bits, is a power of two. */
    static boolean powerOfTwo(long v, int bits) {
        return Long.bitCount(unsigned(v, bits)) == 1;
    }

    /** log2 of a power of two (unsigned at {@code bits} bits). */
    static int log2(long v, int bits) {
        return Long.numberOfTrailingZeros(unsigned(v, bits));
    }

    /** A shift amount as the machine uses it: modulo the width. */
    static int shift(long amount, int bits) {
        return (int) (amount & (bits - 1));
    }

    /** Constant slot {@code slot} of the match as a shift amount of the root's width. */
    static int shift(Match m, int slot) {
        return shift(m.k(slot), m.bits());
    }
}
