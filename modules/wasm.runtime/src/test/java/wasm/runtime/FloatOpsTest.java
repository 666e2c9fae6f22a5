package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wasm.runtime.TestModuleBuilder.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** f32/f64 arithmetic with IEEE semantics: NaN propagation, signed zeros, rounding, bit operations. */
class FloatOpsTest {
    static final int F32_CANONICAL_NAN = 0x7fc00000;

    static float f32(String code) {
        return Float.intBitsToFloat((int) eval(":f", code));
    }

    static int f32bits(String code) {
        return (int) eval(":f", code);
    }

    static double f64(String code) {
        return Double.longBitsToDouble(eval(":F", code));
    }

    static long f64bits(String code) {
        return eval(":F", code);
    }

    static boolean isArithmeticNaN32(int bits) {
        return (bits & 0x7f800000) == 0x7f800000 && (bits & 0x00400000) != 0;
    }

    static boolean isArithmeticNaN64(long bits) {
        return (bits & 0x7ff0000000000000L) == 0x7ff0000000000000L && (bits & 0x0008000000000000L) != 0;
    }

    @Test
    void f32ResultsAreRawBitsZeroExtended() {
        assertEquals(0xbf800000L, eval(":f", "f32.const -1"));
    }

    @ParameterizedTest
    @CsvSource({"f32.add, 1.5, 2.25, 3.75", "f32.sub, 1, 3, -2", "f32.mul, 1.5, -2, -3", "f32.div, 1, 4, 0.25",
            "f32.div, 1, 0, Infinity", "f32.div, -1, 0, -Infinity", "f32.min, 1, 2, 1", "f32.max, 1, 2, 2",
            "f32.copysign, 3, -0.0, -3", "f32.copysign, -3, 1, 3"})
    void f32Binary(String op, float a, float b, float expected) {
        assertEquals(expected, f32("f32.const " + a + " f32.const " + b + " " + op));
    }

    @ParameterizedTest
    @CsvSource({"f64.add, 1.5, 2.25, 3.75", "f64.sub, 1, 3, -2", "f64.mul, 1.5, -2, -3", "f64.div, 1, 4, 0.25",
            "f64.min, -1, 2, -1", "f64.max, -1, 2, 2", "f64.copysign, 3, -0.0, -3"})
    void f64Binary(String op, double a, double b, double expected) {
        assertEquals(expected, f64("f64.const " + a + " f64.const " + b + " " + op));
    }

    @Test
    void minMaxOrderSignedZerosAndPropagateNaN() {
        assertEquals(0x80000000, f32bits("f32.const 0.0 f32.const -0.0 f32.min"));
        assertEquals(0x80000000, f32bits("f32.const -0.0 f32.const 0.0 f32.min"));
        assertEquals(0x00000000, f32bits("f32.const -0.0 f32.const 0.0 f32.max"));
        assertEquals(0x8000000000000000L, f64bits("f64.const 0.0 f64.const -0.0 f64.min"));
        assertEquals(0L, f64bits("f64.const -0.0 f64.const 0.0 f64.max"));
        assertTrue(Float.isNaN(f32("f32.const NaN f32.const 1 f32.min")));
        assertTrue(Float.isNaN(f32("f32.const 1 f32.const NaN f32.max")));
        // a signalling NaN operand yields an arithmetic (quiet) NaN
        assertTrue(isArithmeticNaN32(f32bits("f32.const bits:0x7fa00000 f32.const 1 f32.min")));
        assertTrue(isArithmeticNaN32(f32bits("f32.const 1 f32.const bits:0xffa00000 f32.max")));
        assertTrue(isArithmeticNaN64(f64bits("f64.const bits:0x7ff4000000000000 f64.const 1 f64.min")));
    }

    @Test
    void arithmeticOnNaNYieldsArithmeticNaN() {
        assertTrue(isArithmeticNaN32(f32bits("f32.const bits:0x7fa00001 f32.const 1 f32.add")));
        assertTrue(isArithmeticNaN32(f32bits("f32.const 0 f32.const 0 f32.div")));
        assertTrue(isArithmeticNaN32(f32bits("f32.const bits:0x7f800001 f32.sqrt")));
        assertTrue(isArithmeticNaN32(f32bits("f32.const -1 f32.sqrt")));
        assertTrue(isArithmeticNaN32(f32bits("f32.const bits:0x7f800001 f32.ceil")));
        assertTrue(isArithmeticNaN32(f32bits("f32.const bits:0x7f800001 f32.floor")));
        assertTrue(isArithmeticNaN32(f32bits("f32.const bits:0x7f800001 f32.trunc")));
        assertTrue(isArithmeticNaN32(f32bits("f32.const bits:0x7f800001 f32.nearest")));
        assertTrue(isArithmeticNaN64(f64bits("f64.const bits:0x7ff0000000000001 f64.nearest")));
        assertTrue(isArithmeticNaN64(f64bits("f64.const bits:0x7ff0000000000001 f64.const 2 f64.mul")));
        assertTrue(isArithmeticNaN64(f64bits("f64.const Infinity f64.const -Infinity f64.add")));
        assertTrue(isArithmeticNaN32(f32bits("f64.const bits:0x7ff0000000000001 f32.demote_f64")));
        assertTrue(isArithmeticNaN64(f64bits("f32.const bits:0x7f800001 f64.promote_f32")));
    }

    @Test
    void negAbsCopysignAreBitOperationsEvenOnNaN() {
        assertEquals(0xffa00001, f32bits("f32.const bits:0x7fa00001 f32.neg"));
        assertEquals(0x7fa00001, f32bits("f32.const bits:0xffa00001 f32.abs"));
        assertEquals(0xffa00001, f32bits("f32.const bits:0x7fa00001 f32.const -1 f32.copysign"));
        assertEquals(0x80000000, f32bits("f32.const 0.0 f32.neg"));
        assertEquals(0xfff4000000000000L, f64bits("f64.const bits:0x7ff4000000000000 f64.neg"));
        assertEquals(0x7ff4000000000000L, f64bits("f64.const bits:0xfff4000000000000 f64.abs"));
        assertEquals(0x8000000000000000L, f64bits("f64.const 0.0 f64.const -1 f64.copysign"));
    }

    @Test
    void roundingFunctions() {
        assertEquals(2.0f, f32("f32.const 2.5 f32.nearest"));
        assertEquals(4.0f, f32("f32.const 3.5 f32.nearest"));
        assertEquals(0x80000000, f32bits("f32.const -0.5 f32.nearest"));
        assertEquals(-2.0f, f32("f32.const -2.5 f32.nearest"));
        assertEquals(0x80000000, f32bits("f32.const -0.5 f32.ceil"));
        assertEquals(-1.0f, f32("f32.const -0.5 f32.floor"));
        assertEquals(0x80000000, f32bits("f32.const -0.7 f32.trunc"));
        assertEquals(8388609.0f, f32("f32.const 8388609 f32.nearest"));
        assertEquals(2.0, f64("f64.const 2.5 f64.nearest"));
        assertEquals(0x8000000000000000L, f64bits("f64.const -0.5 f64.nearest"));
        assertEquals(4503599627370497.0, f64("f64.const 4503599627370497 f64.nearest"));
        assertEquals(-1.0, f64("f64.const -1.5 f64.trunc"));
        assertEquals(2.0, f64("f64.const 1.2 f64.ceil"));
        assertEquals(1.0, f64("f64.const 1.9 f64.floor"));
        assertEquals(3.0f, f32("f32.const 9 f32.sqrt"));
        assertEquals(0x80000000, f32bits("f32.const -0.0 f32.sqrt"));
        assertEquals(Math.sqrt(2), f64("f64.const 2 f64.sqrt"));
    }

    @Test
    void comparisonsAreIeee() {
        assertEquals(0, eval(":i", "f32.const NaN f32.const NaN f32.eq"));
        assertEquals(1, eval(":i", "f32.const NaN f32.const NaN f32.ne"));
        assertEquals(1, eval(":i", "f32.const 0.0 f32.const -0.0 f32.eq"));
        assertEquals(0, eval(":i", "f32.const NaN f32.const 1 f32.lt"));
        assertEquals(0, eval(":i", "f32.const NaN f32.const 1 f32.ge"));
        assertEquals(1, eval(":i", "f32.const 1 f32.const 2 f32.le"));
        assertEquals(1, eval(":i", "f32.const 3 f32.const 2 f32.gt"));
        assertEquals(0, eval(":i", "f64.const NaN f64.const 1 f64.gt"));
        assertEquals(1, eval(":i", "f64.const -0.0 f64.const 0.0 f64.ge"));
        assertEquals(1, eval(":i", "f64.const -0.0 f64.const 0.0 f64.le"));
        assertEquals(0, eval(":i", "f64.const -0.0 f64.const 0.0 f64.lt"));
        assertEquals(1, eval(":i", "f64.const NaN f64.const 0.0 f64.ne"));
        assertEquals(1, eval(":i", "f64.const 1 f64.const 1 f64.eq"));
    }

    @Test
    void reinterpretKeepsBits() {
        assertEquals(0x7fa00001, eval(":i", "f32.const bits:0x7fa00001 i32.reinterpret_f32"));
        assertEquals(0xffa00001L, eval(":f", "i32.const 0xffa00001 f32.reinterpret_i32"));
        assertEquals(0x7ff4000000000001L, eval(":I", "f64.const bits:0x7ff4000000000001 i64.reinterpret_f64"));
        assertEquals(-1L, eval(":F", "i64.const -1 f64.reinterpret_i64"));
        assertEquals(Float.floatToRawIntBits(-1.5f), eval(":i", "f32.const -1.5 i32.reinterpret_f32"));
    }

    @Test
    void constantsKeepNaNPayloads() {
        assertEquals(0x7f800001, f32bits("f32.const bits:0x7f800001"));
        assertEquals(0x7ff0000000000001L, f64bits("f64.const bits:0x7ff0000000000001"));
        assertEquals(F32_CANONICAL_NAN, f32bits("f32.const bits:0x7fc00000"));
    }
}
