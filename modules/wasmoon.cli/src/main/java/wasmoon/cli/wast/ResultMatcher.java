package wasmoon.cli.wast;

import java.util.List;
import wasm.core.model.ValType;
import wasm.core.text.Expected;
import wasm.core.text.WastValue;
import wasm.runtime.Ref;

/**
 * Decides whether an actual result matches an assert_return expectation, with
 * the spec's rules:
 * <ul>
 * <li>numbers compare bit-exactly (so {@code -0.0 != 0.0} and NaN payloads matter);</li>
 * <li>{@code nan:canonical}: sign ignored, exponent all ones, payload exactly the
 * quiet bit (f32 {@code 0x7fc00000}, f64 {@code 0x7ff8000000000000});</li>
 * <li>{@code nan:arithmetic}: sign ignored, exponent all ones, quiet bit set, any
 * other payload bits;</li>
 * <li>{@code ref.null t} matches only a null of that reference type,
 * {@code ref.extern N} only the host reference N, {@code ref.func} (no index)
 * any non-null function reference, {@code ref.extern} any non-null host reference;</li>
 * <li>{@code either} matches when one alternative does.</li>
 * </ul>
 */
public final class ResultMatcher {
    private static final int F32_EXPONENT_AND_QUIET = 0x7FC0_0000;
    private static final int F32_NO_SIGN = 0x7FFF_FFFF;
    private static final long F64_EXPONENT_AND_QUIET = 0x7FF8_0000_0000_0000L;
    private static final long F64_NO_SIGN = 0x7FFF_FFFF_FFFF_FFFFL;

    private ResultMatcher() {
    }

    /** Whether {@code actual}, a runtime value of {@code type}, satisfies {@code expected}. */
    public static boolean matches(Expected expected, ValType type, long actual) {
        return switch (expected) {
            case Expected.Exact(WastValue value) -> matchesExact(value, type, actual);
            case Expected.CanonicalNan(ValType nanType) -> nanType == type && isCanonicalNan(type, actual);
            case Expected.ArithmeticNan(ValType nanType) -> nanType == type && isArithmeticNan(type, actual);
            case Expected.AnyRefFunc() -> type == ValType.FUNCREF && actual != Ref.NULL;
            case Expected.AnyRefExtern() -> type == ValType.EXTERNREF && actual != Ref.NULL;
            case Expected.Either(List<Expected> alternatives) -> {
                for (Expected alternative : alternatives) {
                    if (matches(alternative, type, actual)) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    /** Whether every result matches its expectation and the counts agree. */
    public static boolean matchesAll(List<Expected> expected, List<ValType> types, long[] actual) {
        if (expected.size() != actual.length || types.size() != actual.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!matches(expected.get(i), types.get(i), actual[i])) {
                return false;
            }
        }
        return true;
    }

    public static boolean isCanonicalNan(ValType type, long bits) {
        return switch (type) {
            case F32 -> (((int) bits) & F32_NO_SIGN) == F32_EXPONENT_AND_QUIET;
            case F64 -> (bits & F64_NO_SIGN) == F64_EXPONENT_AND_QUIET;
            default -> false;
        };
    }

    public static boolean isArithmeticNan(ValType type, long bits) {
        return switch (type) {
            case F32 -> (((int) bits) & F32_EXPONENT_AND_QUIET) == F32_EXPONENT_AND_QUIET;
            case F64 -> (bits & F64_EXPONENT_AND_QUIET) == F64_EXPONENT_AND_QUIET;
            default -> false;
        };
    }

    private static boolean matchesExact(WastValue value, ValType type, long actual) {
        return switch (value) {
            case WastValue.Num(ValType numType, long bits) -> numType == type && switch (type) {
                case I32, F32 -> (int) actual == (int) bits;
                case I64, F64 -> actual == bits;
                default -> false;
            };
            case WastValue.RefNull(ValType refType) -> refType == type && actual == Ref.NULL;
            case WastValue.RefExtern(long id) -> type == ValType.EXTERNREF && actual == id;
        };
    }
}
