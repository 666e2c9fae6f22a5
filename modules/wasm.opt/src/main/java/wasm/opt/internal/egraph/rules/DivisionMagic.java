package wasm.opt.internal.egraph.rules;

import java.math.BigInteger;

/**
 * Magic numbers for 32-bit division by a constant through a 64-bit multiply
 * (Granlund and Montgomery, "Division by Invariant Integers using
 * Multiplication", 1994), in the shapes the division rules build:
 *
 * <ul>
 * <li>unsigned, short form ({@link #unsignedShort}): {@code q = (zext(x) * m) >> p}
 *     with {@code m < 2^32}, when {@code p = 31 + l} is precise enough;</li>
 * <li>unsigned, long form ({@link #unsignedLong}): {@code m = ceil(2^(32+l) / d)} lies in
 *     {@code (2^32, 2^33)}; with {@code m = 2^32 + m'},
 *     {@code q = (((zext(x) * m') >> 32) + zext(x)) >> l}, every step below 2^64;</li>
 * <li>signed ({@link #signed}), {@code |d| >= 3} not a power of two:
 *     {@code q = ((sext(x) * m) >>s p) + (x < 0 ? 1 : 0)}, negated for {@code d < 0},
 *     with {@code p = 31 + l}, {@code m = ceil(2^p / |d|) < 2^32}
 *     (so {@code |sext(x) * m| < 2^63}).</li>
 * </ul>
 * where {@code l = ceil(log2 |d|)}. Theorem 4.2 of the paper: if
 * {@code 2^p <= m*d <= 2^p + 2^(p-N)} then {@code floor(n/d) = floor(m*n / 2^p)}
 * for all {@code 0 <= n < 2^N}.
 */
public final class DivisionMagic {
    private DivisionMagic() {
    }

    /** {@code ceil(log2 d)} for {@code d >= 2}. */
    static int ceilLog2(long d) {
        return 64 - Long.numberOfLeadingZeros(d - 1);
    }

    /**
     * The short unsigned form's {@code (m, p)} for 32-bit divisor {@code d} (unsigned, not a
     * power of two), or null when only the long form is exact.
     */
    public static long[] unsignedShort(long d) {
        int p = 31 + ceilLog2(d);
        BigInteger m = ceilPow2Over(p, d);
        BigInteger error = m.multiply(BigInteger.valueOf(d)).subtract(BigInteger.ONE.shiftLeft(p));
        if (m.bitLength() > 32 || error.compareTo(BigInteger.ONE.shiftLeft(p - 32)) > 0) {
            return null;
        }
        return new long[] {m.longValueExact(), p};
    }

    /** The long unsigned form's {@code (m', l)}: {@code m = 2^32 + m'}. */
    public static long[] unsignedLong(long d) {
        int l = ceilLog2(d);
        BigInteger m = ceilPow2Over(32 + l, d);
        return new long[] {m.subtract(BigInteger.ONE.shiftLeft(32)).longValueExact(), l};
    }

    /** The signed form's {@code (m, p)} for divisor magnitude {@code ad} (3 or more, not a power of two). */
    public static long[] signed(long ad) {
        int p = 31 + ceilLog2(ad);
        return new long[] {ceilPow2Over(p, ad).longValueExact(), p};
    }

    /** {@code ceil(2^p / d)}. */
    private static BigInteger ceilPow2Over(int p, long d) {
        BigInteger bd = BigInteger.valueOf(d);
        return BigInteger.ONE.shiftLeft(p).add(bd).subtract(BigInteger.ONE).divide(bd);
    }
}
