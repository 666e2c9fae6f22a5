package wasmoon.cli.wast;

import java.util.List;
import wasm.core.model.ValType;
import wasm.core.text.Expected;
import wasm.core.text.WastValue;
import wasm.runtime.Ref;
import wasm.runtime.ValueSlots;

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
 * any non-null function reference, {@code ref.extern} any non-null host reference,
 * {@code ref.null} (no type) a null of any reference type;</li>
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
            case Expected.V128Lanes ignored -> false;
            case Expected.AnyRefFunc() -> type == ValType.FUNCREF && actual != Ref.NULL;
            case Expected.AnyRefExtern() -> type == ValType.EXTERNREF && actual != Ref.NULL;
            case Expected.AnyRefNull() -> type.isReference() && actual == Ref.NULL;
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

    /**
     * Whether every result matches its expectation and the counts agree; {@code actual} holds
     * the results in the runtime's encoding (a v128 takes two longs).
     */
    public static boolean matchesAll(List<Expected> expected, List<ValType> types, long[] actual) {
        if (expected.size() != types.size() || ValueSlots.of(types) != actual.length) {
            return false;
        }
        int k = 0;
        for (int i = 0; i < types.size(); i++) {
            ValType t = types.get(i);
            boolean ok = t == ValType.V128 ? matchesV128(expected.get(i), actual[k], actual[k + 1])
                    : matches(expected.get(i), t, actual[k]);
            if (!ok) {
                return false;
            }
            k += ValueSlots.of(t);
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
            case WastValue.V128 ignored -> false;
        };
    }

    /**
     * Whether the v128 {@code lo, hi} satisfies {@code expected}: bit-exact, or lane by lane
     * with NaN patterns for float lanes.
     */
    public static boolean matchesV128(Expected expected, long lo, long hi) {
        return switch (expected) {
            case Expected.Exact(WastValue.V128(long eLo, long eHi)) -> lo == eLo && hi == eHi;
            case Expected.V128Lanes(ValType laneType, List<Expected> lanes) -> {
                int bits = laneType == ValType.F32 ? 32 : 64;
                for (int i = 0; i < lanes.size(); i++) {
                    int perHalf = 64 / bits;
                    long half = i < perHalf ? lo : hi;
                    long lane = bits == 64 ? half : half >>> (bits * (i % perHalf)) & 0xFFFF_FFFFL;
                    if (!matches(lanes.get(i), laneType, lane)) {
                        yield false;
                    }
                }
                yield true;
            }
            case Expected.Either(List<Expected> alternatives) -> {
                for (Expected alternative : alternatives) {
                    if (matchesV128(alternative, lo, hi)) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> false;
        };
    }
}
