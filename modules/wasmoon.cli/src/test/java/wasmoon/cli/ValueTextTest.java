package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import wasm.core.model.ValType;

/** The command line's value syntax: {@code --arg} parsing and result formatting. */
class ValueTextTest {

    @Test
    void integers() {
        assertEquals(-7L, ValueText.parse(ValType.I32, "-7"));
        assertEquals(-1L, ValueText.parse(ValType.I32, "4294967295"));
        assertEquals(-1L, ValueText.parse(ValType.I32, "0xFFFFFFFF"));
        assertEquals(Integer.MIN_VALUE, ValueText.parse(ValType.I32, "-2147483648"));
        assertEquals(1_000_000L, ValueText.parse(ValType.I32, "1_000_000"));
        assertEquals(-1L, ValueText.parse(ValType.I64, "18446744073709551615"));
        assertEquals(Long.MIN_VALUE, ValueText.parse(ValType.I64, "-0x8000000000000000"));
        assertEquals(42L, ValueText.parse(ValType.I64, "+42"));
    }

    @Test
    void integersOutOfRangeOrMalformed() {
        for (String bad : new String[] {"4294967296", "-2147483649", "", "1.5", "0x", "ten", " 1", "1e3", "--1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ValueText.parse(ValType.I32, bad), bad);
            assertTrue(e.getMessage().contains("i32"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValType.I64, "18446744073709551616"));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValType.I64, "-9223372036854775809"));
    }

    /** The hand-written integer reader against the rule it implements, read with a regex and BigInteger. */
    @Property(tries = 2000)
    void integersAgreeWithTheRule(@ForAll("integerSpellings") String text, @ForAll boolean i64) {
        int bits = i64 ? 64 : 32;
        ValType type = i64 ? ValType.I64 : ValType.I32;
        Long expected = byTheRule(text, bits);
        if (expected == null) {
            assertThrows(IllegalArgumentException.class, () -> ValueText.parse(type, text), text);
        } else {
            assertEquals(i64 ? expected : (long) (int) (long) expected, ValueText.parse(type, text), text);
        }
    }

    @Provide
    Arbitrary<String> integerSpellings() {
        Arbitrary<String> any = Arbitraries.strings().withChars("0123456789abcdefABCDEFxX+-_ \u0663").ofMaxLength(24);
        Arbitrary<String> shaped = Combinators.combine(Arbitraries.of("", "+", "-"), Arbitraries.of("", "0x", "0X"),
                Arbitraries.strings().withChars("0123456789abcdefF").ofMinLength(1).ofMaxLength(21))
                .as((sign, prefix, digits) -> sign + prefix + digits);
        return Arbitraries.oneOf(any, shaped);
    }

    /** [+-]?(0[xX][0-9a-fA-F]+|[0-9]+) after removing '_', in -2^(bits-1) .. 2^bits - 1; null if not. */
    private static Long byTheRule(String text, int bits) {
        String t = text.replace("_", "");
        if (!t.matches("[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)")) {
            return null;
        }
        boolean negative = t.startsWith("-");
        String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        BigInteger magnitude = digits.startsWith("0x") || digits.startsWith("0X")
                ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
        BigInteger value = negative ? magnitude.negate() : magnitude;
        if (value.compareTo(BigInteger.ONE.shiftLeft(bits - 1).negate()) < 0
                || value.compareTo(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)) > 0) {
            return null;
        }
        return value.longValue();
    }

    @Test
    void floats() {
        assertEquals(Float.floatToRawIntBits(3.5f), (int) ValueText.parse(ValType.F32, "3.5"));
        assertEquals(Float.floatToRawIntBits(0.1f), (int) ValueText.parse(ValType.F32, "0.1"));
        assertEquals(Float.floatToRawIntBits(-0.0f), (int) ValueText.parse(ValType.F32, "-0"));
        assertEquals(Float.floatToRawIntBits(Float.POSITIVE_INFINITY), (int) ValueText.parse(ValType.F32, "inf"));
        assertEquals(0x7FC00000, (int) ValueText.parse(ValType.F32, "nan"));
        assertEquals(0xFFC00000, (int) ValueText.parse(ValType.F32, "-nan"));
        assertEquals(0x7F800001, (int) ValueText.parse(ValType.F32, "nan:0x1"));
        assertEquals(Float.floatToRawIntBits(6.0f), (int) ValueText.parse(ValType.F32, "0x1.8p2"));
        assertEquals(Float.floatToRawIntBits(1.5f), (int) ValueText.parse(ValType.F32, "0x1.8"));
        assertEquals(Double.doubleToRawLongBits(1e300), ValueText.parse(ValType.F64, "1e300"));
        assertEquals(0x7FF8000000000000L, ValueText.parse(ValType.F64, "nan"));
        assertEquals(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), ValueText.parse(ValType.F64, "-inf"));
    }

    @Test
    void javaOnlyFloatSpellingsAreRejected() {
        for (String bad : new String[] {"NaN", "Infinity", "1.5f", "1.5d", "0x1p", "nan:0x0", "nan:0x800000", "."}) {
            assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValType.F32, bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValType.F64, "nan:0x10000000000000"));
    }

    @Test
    void references() {
        assertEquals(ValueText.NULL_REF, ValueText.parse(ValType.FUNCREF, "null"));
        assertEquals(ValueText.NULL_REF, ValueText.parse(ValType.EXTERNREF, "null"));
        assertEquals(7L, ValueText.parse(ValType.EXTERNREF, "7"));
        assertEquals(7L, ValueText.parse(ValType.EXTERNREF, "ref.extern 7"));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValType.FUNCREF, "3"));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValType.EXTERNREF, "-3"));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ValType.V128, "0"));
        assertEquals("null", ValueText.format(ValType.FUNCREF, ValueText.NULL_REF));
        assertEquals("ref.func 3", ValueText.format(ValType.FUNCREF, 3));
        assertEquals("ref.extern 0", ValueText.format(ValType.EXTERNREF, 0));
        assertEquals(wasm.runtime.Ref.NULL, ValueText.NULL_REF);
    }

    @Test
    void formats() {
        assertEquals("-1", ValueText.format(ValType.I32, 0xFFFFFFFFL));
        assertEquals("-1", ValueText.format(ValType.I32, -1L));
        assertEquals("2432902008176640000", ValueText.format(ValType.I64, 2432902008176640000L));
        assertEquals("3.5", ValueText.format(ValType.F32, Float.floatToRawIntBits(3.5f) & 0xFFFFFFFFL));
        assertEquals("0.1", ValueText.format(ValType.F32, Float.floatToRawIntBits(0.1f) & 0xFFFFFFFFL));
        assertEquals("-0.0", ValueText.format(ValType.F64, Double.doubleToRawLongBits(-0.0)));
        assertEquals("1.0E10", ValueText.format(ValType.F64, Double.doubleToRawLongBits(1e10)));
        assertEquals("inf", ValueText.format(ValType.F64, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY)));
        assertEquals("-inf", ValueText.format(ValType.F32, Float.floatToRawIntBits(Float.NEGATIVE_INFINITY)));
        assertEquals("nan", ValueText.format(ValType.F32, 0x7FC00000L));
        assertEquals("-nan:0x1", ValueText.format(ValType.F64, 0xFFF0000000000001L));
    }

    @Property
    void everyI32RoundTrips(@ForAll int v) {
        long encoded = v;
        assertEquals(encoded, ValueText.parse(ValType.I32, ValueText.format(ValType.I32, encoded)));
    }

    @Property
    void everyI64RoundTrips(@ForAll long v) {
        assertEquals(v, ValueText.parse(ValType.I64, ValueText.format(ValType.I64, v)));
        assertEquals(v, ValueText.parse(ValType.I64, "0x" + Long.toHexString(v)));
    }

    @Property
    void everyF32BitPatternRoundTrips(@ForAll int bits) {
        long encoded = bits & 0xFFFFFFFFL;
        assertEquals(encoded, ValueText.parse(ValType.F32, ValueText.format(ValType.F32, encoded)));
    }

    @Property
    void everyF64BitPatternRoundTrips(@ForAll long bits) {
        assertEquals(bits, ValueText.parse(ValType.F64, ValueText.format(ValType.F64, bits)));
    }
}
