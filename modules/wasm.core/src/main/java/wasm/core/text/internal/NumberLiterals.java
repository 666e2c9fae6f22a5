package wasm.core.text.internal;

import java.math.BigInteger;

/**
 * The text format's integer and float literals. Parsing is split in two: the
 * syntax check ({@code null} when the token is not a literal of that shape, which
 * callers turn into "unknown operator" or "unexpected token") and the range check
 * (an {@link OutOfRange} exception, reported as "constant out of range").
 *
 * <p>Floats are rounded from their exact value (big integers, round to nearest,
 * ties to even) so hex and decimal literals give bit-exact results.
 */
public final class NumberLiterals {
    private NumberLiterals() {
    }

    /** The literal is well formed but does not fit the requested type. */
    public static final class OutOfRange extends Exception {
        private static final long serialVersionUID = 1L;

        public OutOfRange() {
            super("constant out of range", null, false, false);
        }
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** Digits with optional single underscores between them; null when malformed. */
    private static String digits(String s, int radix) {
        if (s.isEmpty() || s.charAt(0) == '_' || s.charAt(s.length() - 1) == '_' || s.contains("__")) {
            return null;
        }
        String d = s.replace("_", "");
        for (int i = 0; i < d.length(); i++) {
            if (Character.digit(d.charAt(i), radix) < 0) {
                return null;
            }
        }
        return d;
    }

    /** An unsigned literal (decimal or 0x hex) without sign; null when malformed. */
    public static BigInteger parseNat(String text) {
        if (text.startsWith("0x")) {
            String d = digits(text.substring(2), 16);
            return d == null ? null : new BigInteger(d, 16);
        }
        String d = digits(text, 10);
        return d == null ? null : new BigInteger(d, 10);
    }

    /** True if the text is syntactically an integer literal (with optional sign). */
    public static boolean isInt(String text) {
        String t = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        return parseNat(t) != null;
    }

    /** A u64 (memory offsets); null when malformed. */
    public static BigInteger parseU64(String text) throws OutOfRange {
        BigInteger n = parseNat(text);
        if (n == null) {
            return null;
        }
        if (n.bitLength() > 64) {
            throw new OutOfRange();
        }
        return n;
    }

    /**
     * An iN literal (N = 32 or 64) per the spec: unsigned {@code n < 2^N} or signed
     * {@code -2^(N-1) <= n < 2^(N-1)}; returns the two's-complement bits, or null
     * when malformed.
     */
    public static Long parseInt(String text, int bitsN) throws OutOfRange {
        boolean neg = text.startsWith("-");
        boolean signed = neg || text.startsWith("+");
        BigInteger n = parseNat(signed ? text.substring(1) : text);
        if (n == null) {
            return null;
        }
        BigInteger half = BigInteger.ONE.shiftLeft(bitsN - 1);
        if (!signed) {
            if (n.bitLength() > bitsN) {
                throw new OutOfRange();
            }
        } else if (neg ? n.compareTo(half) > 0 : n.compareTo(half) >= 0) {
            throw new OutOfRange();
        }
        BigInteger v = neg ? n.negate() : n;
        if (v.signum() < 0) {
            v = v.add(TWO_64);
        }
        return v.longValue();
    }

    /** Format of a binary float. */
    private record Format(int precision, int bias, int expBits) {
        long infinity() {
            return ((1L << expBits) - 1) << (precision - 1);
        }

        long signBit() {
            return 1L << (precision - 1 + expBits);
        }
    }

    private static final Format F32 = new Format(24, 127, 8);
    private static final Format F64 = new Format(53, 1023, 11);

    /** An f32 literal as raw bits (low 32 bits); null when malformed. */
    public static Long parseF32(String text) throws OutOfRange {
        return parseFloat(text, F32);
    }

    /** An f64 literal as raw bits; null when malformed. */
    public static Long parseF64(String text) throws OutOfRange {
        return parseFloat(text, F64);
    }

    private static Long parseFloat(String text, Format f) throws OutOfRange {
        boolean neg = text.startsWith("-");
        String t = neg || text.startsWith("+") ? text.substring(1) : text;
        long sign = neg ? f.signBit() : 0;
        if (t.equals("inf")) {
            return sign | f.infinity();
        }
        if (t.equals("nan")) {
            return sign | f.infinity() | 1L << (f.precision() - 2);
        }
        if (t.startsWith("nan:0x")) {
            String d = digits(t.substring(6), 16);
            if (d == null) {
                return null;
            }
            BigInteger payload = new BigInteger(d, 16);
            if (payload.signum() == 0 || payload.bitLength() > f.precision() - 1) {
                throw new OutOfRange();
            }
            return sign | f.infinity() | payload.longValue();
        }
        Long bits = t.startsWith("0x") ? hexFloat(t.substring(2), f) : decimalFloat(t, f);
        if (bits == null) {
            return null;
        }
        return sign | bits;
    }

    /** {@code mantissa[.frac][p[+-]exp]} after "0x". */
    private static Long hexFloat(String t, Format f) throws OutOfRange {
        int p = indexOfAny(t, "pP");
        String mant = p < 0 ? t : t.substring(0, p);
        int dot = mant.indexOf('.');
        String intPart = dot < 0 ? mant : mant.substring(0, dot);
        String fracPart = dot < 0 ? "" : mant.substring(dot + 1);
        String id = digits(intPart, 16);
        String fd = fracPart.isEmpty() ? "" : digits(fracPart, 16);
        if (id == null || fd == null) {
            return null;
        }
        long exp = 0;
        if (p >= 0) {
            Long e = exponent(t.substring(p + 1));
            if (e == null) {
                return null;
            }
            exp = e;
        }
        BigInteger m = new BigInteger(id + fd, 16);
        return round(m, exp - 4L * fd.length(), false, f);
    }

    /** {@code num[.frac][e[+-]num]}. */
    private static Long decimalFloat(String t, Format f) throws OutOfRange {
        int e = indexOfAny(t, "eE");
        String mant = e < 0 ? t : t.substring(0, e);
        int dot = mant.indexOf('.');
        String intPart = dot < 0 ? mant : mant.substring(0, dot);
        String fracPart = dot < 0 ? "" : mant.substring(dot + 1);
        String id = digits(intPart, 10);
        String fd = fracPart.isEmpty() ? "" : digits(fracPart, 10);
        if (id == null || fd == null) {
            return null;
        }
        long exp = 0;
        if (e >= 0) {
            Long x = exponent(t.substring(e + 1));
            if (x == null) {
                return null;
            }
            exp = x;
        }
        BigInteger n = new BigInteger(id + fd, 10);
        long e10 = exp - fd.length();
        if (n.signum() == 0) {
            return 0L;
        }
        int digitCount = n.toString().length();
        if (digitCount + e10 > 400) {
            throw new OutOfRange();
        }
        if (digitCount + e10 < -400) {
            return 0L;
        }
        if (e10 >= 0) {
            return round(n.multiply(BigInteger.TEN.pow((int) e10)), 0, false, f);
        }
        BigInteger den = BigInteger.TEN.pow((int) -e10);
        int shift = Math.max(0, f.precision() + 3 + den.bitLength() - n.bitLength());
        BigInteger[] qr = n.shiftLeft(shift).divideAndRemainder(den);
        return round(qr[0], -shift, qr[1].signum() != 0, f);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** A signed decimal exponent, clamped far outside any float's range; null when malformed. */
    private static Long exponent(String s) {
        boolean neg = s.startsWith("-");
        String d = digits(neg || s.startsWith("+") ? s.substring(1) : s, 10);
        if (d == null) {
            return null;
        }
        BigInteger v = new BigInteger(d);
        long x = v.bitLength() > 30 ? 1_000_000_000L : v.longValue();
        return neg ? -x : x;
    }

    /**
     * Rounds {@code m * 2^e} (plus a nonzero tail below the last bit of m when
     * {@code sticky}) to the nearest float of format f, ties to even.
     */
    private static long round(BigInteger m, long e, boolean sticky, Format f) throws OutOfRange {
        if (m.signum() == 0) {
            return 0;
        }
        int p = f.precision();
        long emin = 1 - f.bias();
        long top = m.bitLength() - 1 + e;
        if (top > f.bias() + 1) {
            throw new OutOfRange();
        }
        if (top < emin - p - 1) {
            return 0; // below half the smallest subnormal
        }
        long lsb = Math.max(top - (p - 1), emin - (p - 1));
        long shift = lsb - e;
        BigInteger mant;
        if (shift <= 0) {
            mant = m.shiftLeft((int) -shift);
        } else {
            mant = m.shiftRight((int) shift);
            BigInteger rem = m.subtract(mant.shiftLeft((int) shift));
            BigInteger half = BigInteger.ONE.shiftLeft((int) shift - 1);
            int cmp = rem.compareTo(half);
            if (cmp > 0 || cmp == 0 && (sticky || mant.testBit(0))) {
                mant = mant.add(BigInteger.ONE);
            }
        }
        if (mant.bitLength() > p) {
            mant = mant.shiftRight(1);
            lsb++;
        }
        if (mant.signum() == 0) {
            return 0;
        }
        if (mant.bitLength() == p) {
            long biased = lsb + (p - 1) + f.bias();
            if (biased >= (1L << f.expBits()) - 1) {
                throw new OutOfRange();
            }
            return biased << (p - 1) | mant.longValue() & ((1L << (p - 1)) - 1);
        }
        return mant.longValue();
    }
}
