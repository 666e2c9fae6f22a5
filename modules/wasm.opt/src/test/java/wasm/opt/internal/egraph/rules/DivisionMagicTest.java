package wasm.opt.internal.egraph.rules;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The magic numbers of 32-bit division by a constant, in exactly the arithmetic
 * the rules build (64-bit multiply, shifts, the add of the long form, the sign
 * fix-up), against Java's division, for thousands of divisors and, per divisor,
 * the dividends where an imprecise magic fails first: the extremes of the range
 * and the multiples of the divisor next to them, plus random ones. (Random
 * dividends alone rarely reach the top of the range; the rule property would
 * miss a magic that is slightly too short.)
 */
class DivisionMagicTest {

    private static List<Long> divisors(Random r) {
        List<Long> out = new ArrayList<>();
        for (long d = 3; d <= 3000; d++) {
            out.add(d);
        }
        long[] special = {641, 6700417, 0x7FFF_FFFFL, 0x8000_0001L, 0xFFFF_FFFFL, 0xFFFF_FFFEL, 0xAAAA_AAABL, 1_000_000_007L,
            (1L << 31) - 3, (1L << 30) + 1, (1L << 16) + 1, (1L << 24) - 1};
        for (long d : special) {
            out.add(d);
        }
        for (int k = 0; k < 500; k++) {
            out.add(3 + (r.nextLong() & 0xFFFF_FFFFL) % 0xFFFF_FFFCL);
        }
        for (int k = 2; k < 32; k++) {
            out.add((1L << k) - 1);
            out.add((1L << k) + 1);
        }
        out.removeIf(d -> Long.bitCount(d) == 1 || d > 0xFFFF_FFFFL);
        return out;
    }

    /** Dividends (as unsigned 32-bit values) near the extremes and near multiples of d there. */
    private static long[] dividends(long d, Random r) {
        List<Long> xs = new ArrayList<>();
        for (long x = 0; x < 300; x++) {
            xs.add(x);
            xs.add(0xFFFF_FFFFL - x);
            xs.add(0x7FFF_FFFFL - x);
            xs.add(0x8000_0000L + x);
        }
        long[] anchors = {0xFFFF_FFFFL, 0x7FFF_FFFFL, 0x8000_0000L};
        for (long a : anchors) {
            long k = a / d;
            for (long j = k - 3; j <= k + 3; j++) {
                for (long e = -2; e <= 2; e++) {
                    long x = j * d + e;
                    if (x >= 0 && x <= 0xFFFF_FFFFL) {
                        xs.add(x);
                    }
                }
            }
        }
        for (int k = 0; k < 400; k++) {
            xs.add(r.nextLong() & 0xFFFF_FFFFL);
        }
        return xs.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void unsignedMagicDividesExactly() {
        Random r = new Random(1);
        for (long d : divisors(r)) {
            long[] shortForm = DivisionMagic.unsignedShort(d);
            long[] longForm = DivisionMagic.unsignedLong(d);
            for (long x : dividends(d, r)) {
                long expected = Long.divideUnsigned(x, d);
                long q = shortForm != null ? (x * shortForm[0]) >>> shortForm[1]
                        : (((x * longForm[0]) >>> 32) + x) >>> longForm[1];
                if (q != expected) {
                    fail("unsigned " + x + " / " + d + " = " + expected + ", magic gives " + q
                            + (shortForm != null ? " (short form)" : " (long form)"));
                }
            }
        }
    }

    @Test
    void signedMagicDividesExactly() {
        Random r = new Random(2);
        for (long ad : divisors(r)) {
            if (ad > Integer.MAX_VALUE) {
                continue;
            }
            long[] magic = DivisionMagic.signed(ad);
            for (long ux : dividends(ad, r)) {
                int x = (int) ux;
                for (int sign : new int[] {1, -1}) {
                    int d = (int) (sign * ad);
                    int expected = x / d;
                    long q = (((long) x * magic[0]) >> magic[1]) - (x >> 31);
                    int got = (int) (sign < 0 ? -q : q);
                    if (got != expected) {
                        fail("signed " + x + " / " + d + " = " + expected + ", magic gives " + got);
                    }
                }
            }
        }
    }
}
