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
        };
    }

    static long[] toRuntime(List<WastValue> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toRuntime(values.get(i));
        }
        return out;
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
            case V128 -> "v128:?";
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

    static String format(List<ValType> types, long[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(i < types.size() ? format(types.get(i), values[i]) : Long.toString(values[i]));
        }
        return sb.append(']').toString();
    }

    static String format(Expected expected) {
        return switch (expected) {
            case Expected.Exact(WastValue value) -> format(value);
            case Expected.CanonicalNan(ValType type) -> type.text() + ":nan:canonical";
            case Expected.ArithmeticNan(ValType type) -> type.text() + ":nan:arithmetic";
            case Expected.AnyRefFunc() -> "ref.func";
            case Expected.AnyRefExtern() -> "ref.extern";
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
            case WastValue.Num(ValType type, long bits) -> type == ValType.V128 ? "v128" : format(type, toRuntime(value));
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
