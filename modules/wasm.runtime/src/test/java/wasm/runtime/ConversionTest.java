package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static wasm.runtime.TestModuleBuilder.eval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Float/integer conversions: trapping truncation boundaries, saturation, unsigned conversions. */
class ConversionTest {
    static String trapMessage(String code) {
        return assertThrows(Trap.class, () -> eval(":I", code + " i64.extend_i32_s")).getMessage();
    }

    static String trapMessage64(String code) {
        return assertThrows(Trap.class, () -> eval(":I", code)).getMessage();
    }

    @ParameterizedTest
    @CsvSource({
            // op, input, expected result
            "i32.trunc_f32_s, f32.const -2147483648, -2147483648",
            "i32.trunc_f32_s, f32.const 2147483520, 2147483520",
            "i32.trunc_f32_s, f32.const -0.9, 0",
            "i32.trunc_f32_u, f32.const 4294967040, -256",
            "i32.trunc_f32_u, f32.const -0.9, 0",
            "i32.trunc_f64_s, f64.const -2147483648.9, -2147483648",
            "i32.trunc_f64_s, f64.const 2147483647.9, 2147483647",
            "i32.trunc_f64_u, f64.const 4294967295.9, -1",
            "i32.trunc_f64_u, f64.const -0.9, 0"})
    void i32TruncationsInRange(String op, String input, int expected) {
        assertEquals(expected, eval(":i", input + " " + op));
    }

    @ParameterizedTest
    @CsvSource({
            "i32.trunc_f32_s, f32.const 2147483648", "i32.trunc_f32_s, f32.const -2147483904",
            "i32.trunc_f32_u, f32.const 4294967296", "i32.trunc_f32_u, f32.const -1",
            "i32.trunc_f64_s, f64.const 2147483648", "i32.trunc_f64_s, f64.const -2147483649",
            "i32.trunc_f64_u, f64.const 4294967296", "i32.trunc_f64_u, f64.const -1",
            "i32.trunc_f32_s, f32.const Infinity", "i32.trunc_f64_u, f64.const -Infinity"})
    void i32TruncationOverflow(String op, String input) {
        assertEquals("integer overflow", trapMessage(input + " " + op));
    }

    @ParameterizedTest
    @CsvSource({
            "i64.trunc_f32_s, f32.const 9223372036854775808", "i64.trunc_f32_s, f32.const -9223373136366403584",
            "i64.trunc_f32_u, f32.const 18446744073709551616", "i64.trunc_f32_u, f32.const -1",
            "i64.trunc_f64_s, f64.const 9223372036854775808", "i64.trunc_f64_s, f64.const -9223372036854777856",
            "i64.trunc_f64_u, f64.const 18446744073709551616", "i64.trunc_f64_u, f64.const -1"})
    void i64TruncationOverflow(String op, String input) {
        assertEquals("integer overflow", trapMessage64(input + " " + op));
    }

    @Test
    void nanIsAnInvalidConversion() {
        for (String op : new String[] {"i32.trunc_f32_s", "i32.trunc_f32_u"}) {
            assertEquals("invalid conversion to integer", trapMessage("f32.const NaN " + op));
        }
        for (String op : new String[] {"i32.trunc_f64_s", "i32.trunc_f64_u"}) {
            assertEquals("invalid conversion to integer", trapMessage("f64.const NaN " + op));
        }
        assertEquals("invalid conversion to integer", trapMessage64("f32.const NaN i64.trunc_f32_s"));
        assertEquals("invalid conversion to integer", trapMessage64("f32.const NaN i64.trunc_f32_u"));
        assertEquals("invalid conversion to integer", trapMessage64("f64.const NaN i64.trunc_f64_s"));
        assertEquals("invalid conversion to integer", trapMessage64("f64.const NaN i64.trunc_f64_u"));
    }

    @Test
    void i64TruncationsInRange() {
        assertEquals(Long.MIN_VALUE, eval(":I", "f32.const -9223372036854775808 i64.trunc_f32_s"));
        assertEquals(Long.MIN_VALUE, eval(":I", "f64.const -9223372036854775808 i64.trunc_f64_s"));
        assertEquals(9223372036854774784L, eval(":I", "f64.const 9223372036854774784 i64.trunc_f64_s"));
        assertEquals(-2048L, eval(":I", "f64.const 18446744073709549568 i64.trunc_f64_u"));
        assertEquals(-1099511627776L, eval(":I", "f32.const 18446742974197923840 i64.trunc_f32_u"));
        assertEquals(Long.MIN_VALUE, eval(":I", "f64.const 9223372036854775808 i64.trunc_f64_u"));
        assertEquals(0, eval(":I", "f64.const -0.99 i64.trunc_f64_u"));
    }

    @Test
    void saturatingTruncations() {
        assertEquals(Integer.MAX_VALUE, eval(":i", "f32.const Infinity i32.trunc_sat_f32_s"));
        assertEquals(Integer.MIN_VALUE, eval(":i", "f32.const -3e10 i32.trunc_sat_f32_s"));
        assertEquals(0, eval(":i", "f32.const NaN i32.trunc_sat_f32_s"));
        assertEquals(-1, eval(":i", "f32.const 5e9 i32.trunc_sat_f32_u"));
        assertEquals(0, eval(":i", "f32.const -5 i32.trunc_sat_f32_u"));
        assertEquals(0, eval(":i", "f64.const NaN i32.trunc_sat_f64_u"));
        assertEquals(-1, eval(":i", "f64.const 4294967295.5 i32.trunc_sat_f64_u"));
        assertEquals(Integer.MAX_VALUE, eval(":i", "f64.const 1e300 i32.trunc_sat_f64_s"));
        assertEquals(Long.MAX_VALUE, eval(":I", "f64.const 1e300 i64.trunc_sat_f64_s"));
        assertEquals(Long.MIN_VALUE, eval(":I", "f32.const -Infinity i64.trunc_sat_f32_s"));
        assertEquals(-1L, eval(":I", "f64.const 1e300 i64.trunc_sat_f64_u"));
        assertEquals(-1L, eval(":I", "f32.const Infinity i64.trunc_sat_f32_u"));
        assertEquals(0L, eval(":I", "f64.const NaN i64.trunc_sat_f64_u"));
        assertEquals(Long.MIN_VALUE, eval(":I", "f64.const 9223372036854775808 i64.trunc_sat_f64_u"));
    }

    @Test
    void integerToFloat() {
        assertEquals(Float.floatToRawIntBits(4294967296f), (int) eval(":f", "i32.const -1 f32.convert_i32_u"));
        assertEquals(Float.floatToRawIntBits(-1f), (int) eval(":f", "i32.const -1 f32.convert_i32_s"));
        assertEquals(Double.doubleToRawLongBits(4294967295d), eval(":F", "i32.const -1 f64.convert_i32_u"));
        assertEquals(Double.doubleToRawLongBits(1.8446744073709552E19), eval(":F", "i64.const -1 f64.convert_i64_u"));
        // round-to-nearest-even at the halfway point of the unsigned range
        assertEquals(Float.floatToRawIntBits(9.223373e18f),
                (int) eval(":f", "i64.const 0x8000008000000001 f32.convert_i64_u"));
        assertEquals(Double.doubleToRawLongBits(9.223372036854777856E18),
                eval(":F", "i64.const 0x8000000000000401 f64.convert_i64_u"));
        assertEquals(Float.floatToRawIntBits(16777216f), (int) eval(":f", "i32.const 16777217 f32.convert_i32_s"));
    }

    private static BigDecimal unsigned(long v) {
        return new BigDecimal(new BigInteger(Long.toUnsignedString(v)));
    }

    @Property(tries = 300)
    void f64ConvertU64IsCorrectlyRounded(@ForAll long v) {
        double expected = unsigned(v).round(new MathContext(53, RoundingMode.HALF_EVEN)).doubleValue();
        assertEquals(Double.doubleToRawLongBits(expected), eval("I:F", "local.get 0 f64.convert_i64_u", v));
    }

    @Property(tries = 300)
    void f32ConvertU64IsCorrectlyRounded(@ForAll long v) {
        float expected = unsigned(v).round(new MathContext(24, RoundingMode.HALF_EVEN)).floatValue();
        assertEquals(Float.floatToRawIntBits(expected), (int) eval("I:f", "local.get 0 f32.convert_i64_u", v));
    }

    @Test
    void demotePromote() {
        assertEquals(Float.floatToRawIntBits(1.0f), (int) eval(":f", "f64.const 1.00000001 f32.demote_f64"));
        assertEquals(Float.floatToRawIntBits(Float.POSITIVE_INFINITY),
                (int) eval(":f", "f64.const 1e300 f32.demote_f64"));
        assertEquals(Double.doubleToRawLongBits(-0.0), eval(":F", "f32.const -0.0 f64.promote_f32"));
    }
}
