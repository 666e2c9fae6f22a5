package wasm.runtime.internal.interp;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Lane arithmetic on one 64-bit half of a v128 (lanes never cross the halves of
 * lanewise operations, so an operation is applied to the low and the high half
 * alike). Narrow lanes reach the operators sign-extended to int; an operator that
 * wants them unsigned masks them itself. Results are truncated to the lane width.
 */
final class Lanes {
    private Lanes() {
    }

    static final long U32 = 0xFFFF_FFFFL;

    /** One f32 lane operation. */
    @FunctionalInterface
    interface FloatBinary {
        float apply(float a, float b);
    }

    @FunctionalInterface
    interface FloatUnary {
        float apply(float a);
    }

    /** A float comparison. */
    @FunctionalInterface
    interface FloatTest {
        boolean test(float a, float b);
    }

    @FunctionalInterface
    interface DoubleTest {
        boolean test(double a, double b);
    }

    // ---- lane access ----

    static int i8(long half, int j) {
        return (byte) (half >>> (j << 3));
    }

    static int i16(long half, int j) {
        return (short) (half >>> (j << 4));
    }

    static int i32(long half, int j) {
        return (int) (half >>> (j << 5));
    }

    /** Lane {@code i} (0..15) of the v128 {@code lo, hi}, sign-extended. */
    static int i8(long lo, long hi, int i) {
        return i8(i < 8 ? lo : hi, i & 7);
    }

    static int i16(long lo, long hi, int i) {
        return i16(i < 4 ? lo : hi, i & 3);
    }

    static int i32(long lo, long hi, int i) {
        return i32(i < 2 ? lo : hi, i & 1);
    }

    static float f32(long half, int j) {
        return Float.intBitsToFloat(i32(half, j));
    }

    static long pack32(int l0, int l1) {
        return (l0 & U32) | ((long) l1 << 32);
    }

    static long pack32(float l0, float l1) {
        return pack32(Float.floatToRawIntBits(l0), Float.floatToRawIntBits(l1));
    }

    static long pack16(int l0, int l1, int l2, int l3) {
        return (l0 & 0xFFFFL) | (l1 & 0xFFFFL) << 16 | (l2 & 0xFFFFL) << 32 | (l3 & 0xFFFFL) << 48;
    }

    // ---- lanewise maps over one half ----

    static long map8(long a, long b, IntBinaryOperator f) {
        long r = 0;
        for (int j = 0; j < 8; j++) {
            r |= (f.applyAsInt(i8(a, j), i8(b, j)) & 0xFFL) << (j << 3);
        }
        return r;
    }

    static long map8(long a, IntUnaryOperator f) {
        long r = 0;
        for (int j = 0; j < 8; j++) {
            r |= (f.applyAsInt(i8(a, j)) & 0xFFL) << (j << 3);
        }
        return r;
    }

    static long map16(long a, long b, IntBinaryOperator f) {
        long r = 0;
        for (int j = 0; j < 4; j++) {
            r |= (f.applyAsInt(i16(a, j), i16(b, j)) & 0xFFFFL) << (j << 4);
        }
        return r;
    }

    static long map16(long a, IntUnaryOperator f) {
        long r = 0;
        for (int j = 0; j < 4; j++) {
            r |= (f.applyAsInt(i16(a, j)) & 0xFFFFL) << (j << 4);
        }
        return r;
    }

    static long map32(long a, long b, IntBinaryOperator f) {
        return pack32(f.applyAsInt(i32(a, 0), i32(b, 0)), f.applyAsInt(i32(a, 1), i32(b, 1)));
    }

    static long map32(long a, IntUnaryOperator f) {
        return pack32(f.applyAsInt(i32(a, 0)), f.applyAsInt(i32(a, 1)));
    }

    static long map64(long a, long b, LongBinaryOperator f) {
        return f.applyAsLong(a, b);
    }

    static long map64(long a, LongUnaryOperator f) {
        return f.applyAsLong(a);
    }

    static long mapF32(long a, long b, FloatBinary f) {
        return pack32(f.apply(f32(a, 0), f32(b, 0)), f.apply(f32(a, 1), f32(b, 1)));
    }

    static long mapF32(long a, FloatUnary f) {
        return pack32(f.apply(f32(a, 0)), f.apply(f32(a, 1)));
    }

    static long mapF64(long a, long b, DoubleBinaryOperator f) {
        return Double.doubleToRawLongBits(f.applyAsDouble(Double.longBitsToDouble(a), Double.longBitsToDouble(b)));
    }

    static long mapF64(long a, DoubleUnaryOperator f) {
        return Double.doubleToRawLongBits(f.applyAsDouble(Double.longBitsToDouble(a)));
    }

    // ---- comparisons: all ones where true ----

    static long cmp8(long a, long b, IntBinaryOperator test) {
        return map8(a, b, (x, y) -> test.applyAsInt(x, y) != 0 ? -1 : 0);
    }

    static long cmpF32(long a, long b, FloatTest test) {
        return pack32(test.test(f32(a, 0), f32(b, 0)) ? -1 : 0, test.test(f32(a, 1), f32(b, 1)) ? -1 : 0);
    }

    static long cmpF64(long a, long b, DoubleTest test) {
        return test.test(Double.longBitsToDouble(a), Double.longBitsToDouble(b)) ? -1L : 0L;
    }

    // ---- SWAR add and subtract (carries stopped at lane boundaries) ----

    /** The top bit of each 8-, 16- and 32-bit lane. */
    static final long H8 = 0x8080_8080_8080_8080L;
    static final long H16 = 0x8000_8000_8000_8000L;
    static final long H32 = 0x8000_0000_8000_0000L;

    static long add(long a, long b, long high) {
        return ((a & ~high) + (b & ~high)) ^ ((a ^ b) & high);
    }

    static long sub(long a, long b, long high) {
        return ((a | high) - (b & ~high)) ^ ((a ^ ~b) & high);
    }

    // ---- saturation ----

    static int satS8(int v) {
        return Math.max(-128, Math.min(127, v));
    }

    static int satU8(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static int satS16(int v) {
        return Math.max(-32768, Math.min(32767, v));
    }

    static int satU16(int v) {
        return Math.max(0, Math.min(65535, v));
    }

    // ---- bit masks from top bits, for bitmask and relaxed laneselect ----

    /** Every byte of {@code m} all ones when its top bit is set, else zero. */
    static long byteMasks(long m) {
        return ((m >>> 7) & 0x0101_0101_0101_0101L) * 0xFF;
    }

    /** Every 32-bit lane of {@code m} all ones when its top bit is set, else zero. */
    static long wordMasks(long m) {
        return pack32(i32(m, 0) >> 31, i32(m, 1) >> 31);
    }
}
