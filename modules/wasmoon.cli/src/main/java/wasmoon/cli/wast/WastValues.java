package wasmoon.cli.wast;

import java.util.List;
import wasm.core.model.ValType;
import wasm.core.text.Expected;
import wasm.core.text.WastValue;
import wasm.runtime.Ref;

/**
 * Converts script constants to the runtime's {@code long} value encoding and
 * renders values for reports. The encoding is the one pinned in the runtime
 * contract: i32 sign-extended, f32 as its raw bits in the low 32 bits, i64/f64
 * as their raw bits, references as store address / host id or {@link Ref#NULL}.
 */
final class WastValues {
    private WastValues() {
    }

    /** The runtime encoding of a script argument. */
    static long toRuntime(WastValue value) {
        return switch (value) {
            case WastValue.Num(ValType type, long bits) -> switch (type) {
                case I32 -> (int) bits;
                case F32 -> bits & 0xFFFF_FFFFL;
                case I64, F64 -> bits;
                default -> throw new IllegalArgumentException("not a scalar number type: " + type);
            };
            case WastValue.RefNull ignored -> Ref.NULL;
            case WastValue.RefExtern(long id) -> id;
            case WastValue.V128 ignored -> throw new IllegalArgumentException("a v128 takes two longs");
        };
    }

    /** The runtime encoding of script arguments: one long each, two for a v128 (low half first). */
    static long[] toRuntime(List<WastValue> values) {
        int n = 0;
        for (WastValue v : values) {
            n += v instanceof WastValue.V128 ? 2 : 1;
        }
        long[] out = new long[n];
        int k = 0;
        for (WastValue v : values) {
            if (v instanceof WastValue.V128(long lo, long hi)) {
                out[k++] = lo;
                out[k++] = hi;
            } else {
                out[k++] = toRuntime(v);
            }
        }
        return out;
    }

    /** A v128 as four i32 lanes in hex, lane 0 first: {@code v128:i32x4 0x00000001 ...}. */
    static String formatV128(long lo, long hi) {
        return String.format("v128:i32x4 0x%08x 0x%08x 0x%08x 0x%08x", lo & 0xFFFF_FFFFL, lo >>> 32,
                hi & 0xFFFF_FFFFL, hi >>> 32);
    }

    /** A readable rendering of a runtime value of {@code type}, exact for floats (bits shown). */
    static String format(ValType type, long v) {
        return switch (type) {
            case I32 -> "i32:" + (int) v;
            case I64 -> "i64:" + v;
            case F32 -> {
                int bits = (int) v;
                yield "f32:" + Float.intBitsToFloat(bits) + " (0x" + String.format("%08x", bits) + ")";
            }
            case F64 -> "f64:" + Double.longBitsToDouble(v) + " (0x" + String.format("%016x", v) + ")";
            case FUNCREF -> v == Ref.NULL ? "ref.null func" : "ref.func@" + v;
            case EXTERNREF -> v == Ref.NULL ? "ref.null extern" : "ref.extern " + v;
            case V128 -> throw new IllegalArgumentException("a v128 takes two longs");
        };
    }

    /** The plain value printed by the spectest print functions: {@code 666 : i32}. */
    static String printed(ValType type, long v) {
        String value = switch (type) {
            case I32 -> Integer.toString((int) v);
            case I64 -> Long.toString(v);
            case F32 -> Float.toString(Float.intBitsToFloat((int) v));
            case F64 -> Double.toString(Double.longBitsToDouble(v));
            default -> format(type, v);
        };
        return value + " : " + type.text();
    }

    /** Values of {@code types} in the runtime encoding (a v128 is two longs); extra longs are shown raw. */
    static String format(List<ValType> types, long[] values) {
        StringBuilder sb = new StringBuilder("[");
        int k = 0;
        for (int i = 0; k < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            ValType t = i < types.size() ? types.get(i) : null;
            if (t == ValType.V128 && k + 1 < values.length) {
                sb.append(formatV128(values[k], values[k + 1]));
                k += 2;
            } else {
                sb.append(t == null || t == ValType.V128 ? Long.toString(values[k]) : format(t, values[k]));
                k++;
            }
        }
        return sb.append(']').toString();
    }

    static String format(Expected expected) {
        return switch (expected) {
            case Expected.Exact(WastValue value) -> format(value);
            case Expected.CanonicalNan(ValType type) -> type.text() + ":nan:canonical";
            case Expected.ArithmeticNan(ValType type) -> type.text() + ":nan:arithmetic";
            case Expected.V128Lanes(ValType laneType, List<Expected> lanes) -> {
                StringBuilder sb = new StringBuilder("v128:" + (laneType == ValType.F32 ? "f32x4" : "f64x2"));
                for (Expected lane : lanes) {
                    sb.append(' ').append(format(lane));
                }
                yield sb.toString();
            }
            case Expected.AnyRefFunc() -> "ref.func";
            case Expected.AnyRefExtern() -> "ref.extern";
            case Expected.AnyRefNull() -> "ref.null";
            case Expected.Either(List<Expected> alternatives) -> {
                StringBuilder sb = new StringBuilder("either(");
                for (int i = 0; i < alternatives.size(); i++) {
                    sb.append(i > 0 ? " | " : "").append(format(alternatives.get(i)));
                }
                yield sb.append(')').toString();
            }
        };
    }

    static String format(WastValue value) {
        return switch (value) {
            case WastValue.Num(ValType type, long bits) -> format(type, toRuntime(value));
            case WastValue.V128(long lo, long hi) -> formatV128(lo, hi);
            case WastValue.RefNull(ValType type) -> type == ValType.EXTERNREF ? "ref.null extern" : "ref.null func";
            case WastValue.RefExtern(long id) -> "ref.extern " + id;
        };
    }

    static String formatExpected(List<Expected> expected) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < expected.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(format(expected.get(i)));
        }
        return sb.append(']').toString();
    }
}
