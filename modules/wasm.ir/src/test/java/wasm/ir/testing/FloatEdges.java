package wasm.ir.testing;

import java.util.Random;

/**
 * Float edge values for the random program generators, as bit patterns, and
 * their exact WAT text: signed zeros, one and halves (rounding ties),
 * infinities, NaNs (canonical of both signs, quiet with a payload,
 * signalling), the smallest and largest subnormals, the smallest normal, the
 * largest finite value, 2^52 (2^23 for f32), and the bounds of the
 * float-to-integer conversions (2^31, -2^31 - 1, 2^32 - 1, 2^32, 2^63, -2^63,
 * 2^64).
 */
public final class FloatEdges {
    public static final long[] F64 = {0L, 0x8000000000000000L, 0x3ff0000000000000L, 0xbff0000000000000L,
        0x3fe0000000000000L, 0xbfe0000000000000L, 0x3ff8000000000000L, 0x4004000000000000L, 0xc004000000000000L,
        0x3fdfffffffffffffL, 0x7ff0000000000000L, 0xfff0000000000000L, 0x7ff8000000000000L, 0xfff8000000000000L,
        0x7ff8000000000123L, 0x7ff0000000000001L, 0x7ff4000000000000L, 0xfff0000000000abcL, 1L,
        0x000fffffffffffffL, 0x0010000000000000L, 0x7fefffffffffffffL, 0x4330000000000000L, 0x41e0000000000000L,
        0xc1e0000000200000L, 0x41efffffffe00000L, 0x41f0000000000000L, 0x43e0000000000000L, 0xc3e0000000000000L,
        0x43f0000000000000L};
    /** The f32 counterparts of {@link #F64}. */
    public static final int[] F32 = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000,
        0x3fc00000, 0x40200000, 0xc0200000, 0x3effffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fc00123,
        0x7f800001, 0x7fa00000, 0xff800abc, 1, 0x007fffff, 0x00800000, 0x7f7fffff, 0x4b000000, 0x4f000000,
        0xcf000000, 0x4f800000, 0x5f000000, 0xdf000000, 0x5f800000};

    private FloatEdges() {
    }

    /** An edge value two times in three, else a random value of varied magnitude. */
    public static long f64(Random r) {
        return r.nextInt(3) != 0 ? F64[r.nextInt(F64.length)]
                : Double.doubleToRawLongBits(r.nextGaussian() * Math.pow(10, r.nextInt(12) - 4));
    }

    /** As {@link #f64(Random)} for f32. */
    public static int f32(Random r) {
        return r.nextInt(3) != 0 ? F32[r.nextInt(F32.length)]
                : Float.floatToRawIntBits((float) (r.nextGaussian() * Math.pow(10, r.nextInt(8) - 3)));
    }

    /** Exact WAT text of f64 bits: hex floats, inf, nan:0x payloads. */
    public static String f64Text(long bits) {
        double v = Double.longBitsToDouble(bits);
        String sign = bits < 0 ? "-" : "";
        if (Double.isNaN(v)) {
            return sign + "nan:0x" + Long.toHexString(bits & 0x000F_FFFF_FFFF_FFFFL);
        }
        if (Double.isInfinite(v)) {
            return sign + "inf";
        }
        return Double.toHexString(v);
    }

    /** Exact WAT text of f32 bits. */
    public static String f32Text(int bits) {
        float v = Float.intBitsToFloat(bits);
        String sign = bits < 0 ? "-" : "";
        if (Float.isNaN(v)) {
            return sign + "nan:0x" + Integer.toHexString(bits & 0x007F_FFFF);
        }
        if (Float.isInfinite(v)) {
            return sign + "inf";
        }
        return Float.toHexString(v);
    }

    /** A random float constant of {@code type} ("f32" or "f64") as a WAT instruction. */
    public static String constant(String type, Random r) {
        return type.equals("f32") ? "(f32.const " + f32Text(f32(r)) + ")" : "(f64.const " + f64Text(f64(r)) + ")";
    }

    /** Whether {@code actual} is a quiet NaN of {@code f64} (else f32) bits: an arithmetic NaN. */
    public static boolean isQuietNan(boolean f64, long actual) {
        return f64 ? Double.isNaN(Double.longBitsToDouble(actual)) && (actual & 0x0008_0000_0000_0000L) != 0
                : Float.isNaN(Float.intBitsToFloat((int) actual)) && (actual & 0x0040_0000L) != 0;
    }

    /** Whether {@code bits} is a NaN of {@code f64} (else f32). */
    public static boolean isNan(boolean f64, long bits) {
        return f64 ? Double.isNaN(Double.longBitsToDouble(bits)) : Float.isNaN(Float.intBitsToFloat((int) bits));
    }
}
