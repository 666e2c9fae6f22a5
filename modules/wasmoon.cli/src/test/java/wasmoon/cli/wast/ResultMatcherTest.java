package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import wasm.core.model.ValType;
import wasm.core.text.Expected;
import wasm.core.text.WastValue;
import wasm.runtime.Ref;

class ResultMatcherTest {
    private static long f32(int bits) {
        return bits & 0xFFFF_FFFFL;
    }

    private static Expected exact(ValType type, long bits) {
        return new Expected.Exact(new WastValue.Num(type, bits));
    }

    @Test
    void canonicalNanF32IgnoresSignOnly() {
        Expected canonical = new Expected.CanonicalNan(ValType.F32);
        assertTrue(ResultMatcher.matches(canonical, ValType.F32, f32(0x7FC0_0000)));
        assertTrue(ResultMatcher.matches(canonical, ValType.F32, f32(0xFFC0_0000)));
        assertFalse(ResultMatcher.matches(canonical, ValType.F32, f32(0x7FC0_0001)), "payload beyond the quiet bit");
        assertFalse(ResultMatcher.matches(canonical, ValType.F32, f32(0x7FA0_0000)), "signalling NaN");
        assertFalse(ResultMatcher.matches(canonical, ValType.F32, f32(0x7F80_0000)), "infinity");
        assertFalse(ResultMatcher.matches(canonical, ValType.F64, 0x7FF8_0000_0000_0000L), "wrong type");
    }

    @Test
    void arithmeticNanF32NeedsTheQuietBit() {
        Expected arithmetic = new Expected.ArithmeticNan(ValType.F32);
        assertTrue(ResultMatcher.matches(arithmetic, ValType.F32, f32(0x7FC0_0000)));
        assertTrue(ResultMatcher.matches(arithmetic, ValType.F32, f32(0xFFC0_0001)));
        assertTrue(ResultMatcher.matches(arithmetic, ValType.F32, f32(0x7FFF_FFFF)));
        assertFalse(ResultMatcher.matches(arithmetic, ValType.F32, f32(0x7FA0_0000)), "signalling NaN");
        assertFalse(ResultMatcher.matches(arithmetic, ValType.F32, f32(0x7F80_0001)), "signalling NaN");
        assertFalse(ResultMatcher.matches(arithmetic, ValType.F32, f32(0x3F80_0000)), "1.0");
    }

    @Test
    void nanRulesF64() {
        Expected canonical = new Expected.CanonicalNan(ValType.F64);
        Expected arithmetic = new Expected.ArithmeticNan(ValType.F64);
        assertTrue(ResultMatcher.matches(canonical, ValType.F64, 0x7FF8_0000_0000_0000L));
        assertTrue(ResultMatcher.matches(canonical, ValType.F64, 0xFFF8_0000_0000_0000L));
        assertFalse(ResultMatcher.matches(canonical, ValType.F64, 0x7FF8_0000_0000_0001L));
        assertTrue(ResultMatcher.matches(arithmetic, ValType.F64, 0x7FF8_0000_0000_0001L));
        assertTrue(ResultMatcher.matches(arithmetic, ValType.F64, 0xFFFC_0000_0000_0000L));
        assertFalse(ResultMatcher.matches(arithmetic, ValType.F64, 0x7FF4_0000_0000_0000L), "signalling NaN");
        assertFalse(ResultMatcher.matches(arithmetic, ValType.F64, 0x7FF0_0000_0000_0000L), "infinity");
    }

    @Test
    void floatsCompareBitExactly() {
        assertFalse(ResultMatcher.matches(exact(ValType.F32, 0x8000_0000L), ValType.F32, f32(0)), "-0.0 vs 0.0");
        assertFalse(ResultMatcher.matches(exact(ValType.F64, 0x7FF8_0000_0000_0000L), ValType.F64,
                0x7FF8_0000_0000_0001L), "NaN payloads differ");
        assertTrue(ResultMatcher.matches(exact(ValType.F32, 0x7FA0_0001L), ValType.F32, f32(0x7FA0_0001)));
    }

    @Test
    void i32ComparesTheLow32BitsOfTheSignExtendedEncoding() {
        // The script gives -1 as the low 32 bits; the runtime gives the int sign-extended.
        assertTrue(ResultMatcher.matches(exact(ValType.I32, 0xFFFF_FFFFL), ValType.I32, -1L));
        assertFalse(ResultMatcher.matches(exact(ValType.I32, 1), ValType.I64, 1L), "type must agree");
    }

    @Test
    void references() {
        Expected nullFunc = new Expected.Exact(new WastValue.RefNull(ValType.FUNCREF));
        assertTrue(ResultMatcher.matches(nullFunc, ValType.FUNCREF, Ref.NULL));
        assertFalse(ResultMatcher.matches(nullFunc, ValType.EXTERNREF, Ref.NULL), "null of the other kind");
        assertFalse(ResultMatcher.matches(nullFunc, ValType.FUNCREF, 0));
        Expected extern7 = new Expected.Exact(new WastValue.RefExtern(7));
        assertTrue(ResultMatcher.matches(extern7, ValType.EXTERNREF, 7));
        assertFalse(ResultMatcher.matches(extern7, ValType.EXTERNREF, 8));
        assertFalse(ResultMatcher.matches(extern7, ValType.EXTERNREF, Ref.NULL));
        assertTrue(ResultMatcher.matches(new Expected.AnyRefFunc(), ValType.FUNCREF, 0));
        assertFalse(ResultMatcher.matches(new Expected.AnyRefFunc(), ValType.FUNCREF, Ref.NULL));
        assertTrue(ResultMatcher.matches(new Expected.AnyRefExtern(), ValType.EXTERNREF, 3));
        assertFalse(ResultMatcher.matches(new Expected.AnyRefExtern(), ValType.EXTERNREF, Ref.NULL));
        assertTrue(ResultMatcher.matches(new Expected.AnyRefNull(), ValType.FUNCREF, Ref.NULL));
        assertTrue(ResultMatcher.matches(new Expected.AnyRefNull(), ValType.EXTERNREF, Ref.NULL));
        assertFalse(ResultMatcher.matches(new Expected.AnyRefNull(), ValType.FUNCREF, 0));
        assertFalse(ResultMatcher.matches(new Expected.AnyRefNull(), ValType.I32, Ref.NULL));
    }

    @Test
    void eitherMatchesAnyAlternative() {
        Expected either = new Expected.Either(List.of(exact(ValType.I32, 1), exact(ValType.I32, 2)));
        assertTrue(ResultMatcher.matches(either, ValType.I32, 2));
        assertFalse(ResultMatcher.matches(either, ValType.I32, 3));
    }

    @Test
    void resultCountMustAgree() {
        assertFalse(ResultMatcher.matchesAll(List.of(exact(ValType.I32, 1)), List.of(), new long[0]));
        assertTrue(ResultMatcher.matchesAll(List.of(), List.of(), new long[0]));
        assertTrue(ResultMatcher.matchesAll(List.of(exact(ValType.I32, 1), exact(ValType.I64, 2)),
                List.of(ValType.I32, ValType.I64), new long[] {1, 2}));
    }

    @Property
    void everyCanonicalNanIsArithmetic(@ForAll int f32Bits, @ForAll long f64Bits) {
        if (ResultMatcher.isCanonicalNan(ValType.F32, f32(f32Bits))) {
            assertTrue(ResultMatcher.isArithmeticNan(ValType.F32, f32(f32Bits)));
        }
        if (ResultMatcher.isCanonicalNan(ValType.F64, f64Bits)) {
            assertTrue(ResultMatcher.isArithmeticNan(ValType.F64, f64Bits));
        }
        // An arithmetic NaN is a NaN in Java's eyes too.
        if (ResultMatcher.isArithmeticNan(ValType.F32, f32(f32Bits))) {
            assertTrue(Float.isNaN(Float.intBitsToFloat(f32Bits)));
        }
        if (ResultMatcher.isArithmeticNan(ValType.F64, f64Bits)) {
            assertTrue(Double.isNaN(Double.longBitsToDouble(f64Bits)));
        }
    }
}
