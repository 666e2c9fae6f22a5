package wasm.runtime.internal.interp;

import wasm.runtime.Trap;

/**
 * WebAssembly numeric semantics that Java's operators do not give directly:
 * NaN-propagating min/max, rounding that keeps NaNs arithmetic, trapping and
 * saturating truncations with the spec's exact range boundaries, and correctly
 * rounded unsigned 64-bit to float conversions.
 */
final class Numerics {
    private Numerics() {
    }

    static final String INTEGER_OVERFLOW = "integer overflow";
    static final String INVALID_CONVERSION = "invalid conversion to integer";
    static final String DIVIDE_BY_ZERO = "integer divide by zero";

    // --- min / max: a NaN operand yields a (quieted) NaN; -0 is less than +0 -------------------

    static float fmin(float a, float b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.min(a, b);
    }

    static float fmax(float a, float b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.max(a, b);
    }

    static double fmin(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.min(a, b);
    }

    static double fmax(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.max(a, b);
    }

    // --- rounding: NaN in, arithmetic NaN out (x + x quiets a signalling NaN) -----------------

    static float ceil(float x) {
        return x != x ? x + x : (float) Math.ceil(x);
    }

    static float floor(float x) {
        return x != x ? x + x : (float) Math.floor(x);
    }

    static float trunc(float x) {
        return x != x ? x + x : (float) (x < 0 ? Math.ceil(x) : Math.floor(x));
    }

    static float nearest(float x) {
        return x != x ? x + x : (float) Math.rint(x);
    }

    static float sqrt(float x) {
        return x != x ? x + x : (float) Math.sqrt(x);
    }

    static double ceil(double x) {
        return x != x ? x + x : Math.ceil(x);
    }

    static double floor(double x) {
        return x != x ? x + x : Math.floor(x);
    }

    static double trunc(double x) {
        return x != x ? x + x : (x < 0 ? Math.ceil(x) : Math.floor(x));
    }

    static double nearest(double x) {
        return x != x ? x + x : Math.rint(x);
    }

    static double sqrt(double x) {
        return x != x ? x + x : Math.sqrt(x);
    }

    // --- integer division ------------------------------------------------------------------

    static int divS(int a, int b) {
        if (b == 0) {
            throw new Trap(DIVIDE_BY_ZERO);
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            throw new Trap(INTEGER_OVERFLOW);
        }
        return a / b;
    }

    static int divU(int a, int b) {
        if (b == 0) {
            throw new Trap(DIVIDE_BY_ZERO);
        }
        return Integer.divideUnsigned(a, b);
    }

    static int remS(int a, int b) {
        if (b == 0) {
            throw new Trap(DIVIDE_BY_ZERO);
        }
        return b == -1 ? 0 : a % b;
    }

    static int remU(int a, int b) {
        if (b == 0) {
            throw new Trap(DIVIDE_BY_ZERO);
        }
        return Integer.remainderUnsigned(a, b);
    }

    static long divS(long a, long b) {
        if (b == 0) {
            throw new Trap(DIVIDE_BY_ZERO);
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw new Trap(INTEGER_OVERFLOW);
        }
        return a / b;
    }

    static long divU(long a, long b) {
        if (b == 0) {
            throw new Trap(DIVIDE_BY_ZERO);
        }
        return Long.divideUnsigned(a, b);
    }

    static long remS(long a, long b) {
        if (b == 0) {
            throw new Trap(DIVIDE_BY_ZERO);
        }
        return b == -1 ? 0 : a % b;
    }

    static long remU(long a, long b) {
        if (b == 0) {
            throw new Trap(DIVIDE_BY_ZERO);
        }
        return Long.remainderUnsigned(a, b);
    }

    // --- trapping truncations: NaN is "invalid conversion", out of range "integer overflow" ---
    // The bounds are the exact values where trunc(x) leaves the target range; each is
    // representable in the source type, so the comparisons are exact.

    private static Trap invalid() {
        return new Trap(INVALID_CONVERSION);
    }

    private static Trap overflow() {
        return new Trap(INTEGER_OVERFLOW);
    }

    static int i32TruncS(float x) {
        if (x != x) {
            throw invalid();
        }
        if (x >= 0x1p31f || x < -0x1p31f) {
            throw overflow();
        }
        return (int) x;
    }

    static int i32TruncU(float x) {
        if (x != x) {
            throw invalid();
        }
        if (x >= 0x1p32f || x <= -1f) {
            throw overflow();
        }
        return (int) (long) x;
    }

    static int i32TruncS(double x) {
        if (x != x) {
            throw invalid();
        }
        if (x >= 0x1p31 || x <= -0x1p31 - 1) {
            throw overflow();
        }
        return (int) x;
    }

    static int i32TruncU(double x) {
        if (x != x) {
            throw invalid();
        }
        if (x >= 0x1p32 || x <= -1d) {
            throw overflow();
        }
        return (int) (long) x;
    }

    static long i64TruncS(float x) {
        if (x != x) {
            throw invalid();
        }
        if (x >= 0x1p63f || x < -0x1p63f) {
            throw overflow();
        }
        return (long) x;
    }

    static long i64TruncU(float x) {
        if (x != x) {
            throw invalid();
        }
        if (x >= 0x1p64f || x <= -1f) {
            throw overflow();
        }
        return x >= 0x1p63f ? (long) (x - 0x1p63f) | Long.MIN_VALUE : (long) x;
    }

    static long i64TruncS(double x) {
        if (x != x) {
            throw invalid();
        }
        if (x >= 0x1p63 || x < -0x1p63) {
            throw overflow();
        }
        return (long) x;
    }

    static long i64TruncU(double x) {
        if (x != x) {
            throw invalid();
        }
        if (x >= 0x1p64 || x <= -1d) {
            throw overflow();
        }
        return x >= 0x1p63 ? (long) (x - 0x1p63) | Long.MIN_VALUE : (long) x;
    }

    // --- saturating truncations: Java's casts already saturate signed targets and map NaN to 0 --

    static int i32TruncSatU(double x) {
        if (x != x || x <= 0) {
            return 0;
        }
        if (x >= 0x1p32) {
            return -1;
        }
        return (int) (long) x;
    }

    static long i64TruncSatU(double x) {
        if (x != x || x <= 0) {
            return 0;
        }
        if (x >= 0x1p64) {
            return -1L;
        }
        return x >= 0x1p63 ? (long) (x - 0x1p63) | Long.MIN_VALUE : (long) x;
    }

    // --- unsigned conversions to float ----------------------------------------------------

    /** Halving keeps the lost bit as a sticky bit, so the single rounding of the cast stays correct. */
    static float f32ConvertU(long v) {
        if (v >= 0) {
            return (float) v;
        }
        float half = (float) ((v >>> 1) | (v & 1));
        return half * 2f;
    }

    static double f64ConvertU(long v) {
        if (v >= 0) {
            return (double) v;
        }
        double half = (double) ((v >>> 1) | (v & 1));
        return half * 2d;
    }
}
