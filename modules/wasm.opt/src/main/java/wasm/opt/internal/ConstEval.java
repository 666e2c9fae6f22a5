package wasm.opt.internal;

import wasm.ir.FloatCC;
import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;

/**
 * Evaluates one instruction on constant operands with exactly the semantics of
 * {@link wasm.ir.interp.IrInterpreter} (the oracle): i32 results sign-extended,
 * f32 bits in the low half, NaN results quieted. An operation that would trap
 * on these operands is not evaluated ({@link #NOT_FOLDABLE}): folding it into a
 * constant would lose the trap.
 */
public final class ConstEval {
    private static final double TWO_63 = 9.223372036854775808E18;
    private static final double TWO_64 = 1.8446744073709551616E19;

    /** The evaluation result of an instruction that cannot be folded. */
    public record Result(boolean folded, long bits) {
    }

    public static final Result NOT_FOLDABLE = new Result(false, 0);

    private ConstEval() {
    }

    /** The normalised bit pattern of a constant of type {@code t}. */
    public static long normalize(Type t, long v) {
        return switch (t) {
            case I32 -> (int) v;
            case F32 -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    /**
     * The value of {@code inst} (one result, no memory or environment access) if its operands
     * have the constant values {@code a}, {@code b}, {@code c}; or {@link #NOT_FOLDABLE}.
     */
    public static Result eval(Function f, int inst, long a, long b, long c) {
        IrOpcode op = f.opcode(inst);
        Type t = f.ctrlType(inst);
        boolean is32 = t == Type.I32 || t == Type.F32;
        long r;
        switch (op) {
            case IADD -> r = a + b;
            case ISUB -> r = a - b;
            case IMUL -> r = a * b;
            case SDIV -> {
                if (is32 ? (int) b == 0 : b == 0) {
                    return NOT_FOLDABLE;
                }
                if (is32) {
                    if ((int) a == Integer.MIN_VALUE && (int) b == -1) {
                        return NOT_FOLDABLE;
                    }
                    r = (int) a / (int) b;
                } else {
                    if (a == Long.MIN_VALUE && b == -1) {
                        return NOT_FOLDABLE;
                    }
                    r = a / b;
                }
            }
            case UDIV, SREM, UREM -> {
                if (is32 ? (int) b == 0 : b == 0) {
                    return NOT_FOLDABLE;
                }
                r = switch (op) {
                    case UDIV -> is32 ? Integer.divideUnsigned((int) a, (int) b) : Long.divideUnsigned(a, b);
                    case SREM -> is32 ? ((int) b == -1 ? 0 : (int) a % (int) b) : (b == -1 ? 0 : a % b);
                    default -> is32 ? Integer.remainderUnsigned((int) a, (int) b) : Long.remainderUnsigned(a, b);
                };
            }
            case BAND -> r = a & b;
            case BOR -> r = a | b;
            case BXOR -> r = a ^ b;
            case ISHL -> r = is32 ? (int) a << (int) b : a << b;
            case SSHR -> r = is32 ? (int) a >> (int) b : a >> b;
            case USHR -> r = is32 ? (int) a >>> (int) b : a >>> b;
            case ROTL -> r = is32 ? Integer.rotateLeft((int) a, (int) b) : Long.rotateLeft(a, (int) b);
            case ROTR -> r = is32 ? Integer.rotateRight((int) a, (int) b) : Long.rotateRight(a, (int) b);
            case CLZ -> r = is32 ? Integer.numberOfLeadingZeros((int) a) : Long.numberOfLeadingZeros(a);
            case CTZ -> r = is32 ? Integer.numberOfTrailingZeros((int) a) : Long.numberOfTrailingZeros(a);
            case POPCNT -> r = is32 ? Integer.bitCount((int) a) : Long.bitCount(a);
            case EQZ -> r = (is32 ? (int) a == 0 : a == 0) ? 1 : 0;
            case ICMP -> r = IntCC.byOrdinal((int) f.imm(inst)).test(a, b, is32) ? 1 : 0;
            case FADD -> r = quiet(is32, is32 ? bits(f32(a) + f32(b)) : bits(f64(a) + f64(b)));
            case FSUB -> r = quiet(is32, is32 ? bits(f32(a) - f32(b)) : bits(f64(a) - f64(b)));
            case FMUL -> r = quiet(is32, is32 ? bits(f32(a) * f32(b)) : bits(f64(a) * f64(b)));
            case FDIV -> r = quiet(is32, is32 ? bits(f32(a) / f32(b)) : bits(f64(a) / f64(b)));
            case FMIN -> r = quiet(is32, is32 ? bits(Math.min(f32(a), f32(b))) : bits(Math.min(f64(a), f64(b))));
            case FMAX -> r = quiet(is32, is32 ? bits(Math.max(f32(a), f32(b))) : bits(Math.max(f64(a), f64(b))));
            case FCOPYSIGN -> r = is32 ? (a & 0x7FFF_FFFFL) | (b & 0x8000_0000L)
                    : (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
            case FABS -> r = is32 ? a & 0x7FFF_FFFFL : a & Long.MAX_VALUE;
            case FNEG -> r = is32 ? a ^ 0x8000_0000L : a ^ Long.MIN_VALUE;
            case SQRT -> r = quiet(is32, is32 ? bits((float) Math.sqrt(f32(a))) : bits(Math.sqrt(f64(a))));
            case CEIL -> r = quiet(is32, is32 ? bits((float) Math.ceil(f32(a))) : bits(Math.ceil(f64(a))));
            case FLOOR -> r = quiet(is32, is32 ? bits((float) Math.floor(f32(a))) : bits(Math.floor(f64(a))));
            case TRUNC -> r = quiet(is32, is32 ? bits((float) truncate(f32(a))) : bits(truncate(f64(a))));
            case NEAREST -> r = quiet(is32, is32 ? bits((float) Math.rint(f32(a))) : bits(Math.rint(f64(a))));
            case FCMP -> {
                FloatCC cc = FloatCC.byOrdinal((int) f.imm(inst));
                r = (is32 ? cc.test(f32(a), f32(b)) : cc.test(f64(a), f64(b))) ? 1 : 0;
            }
            case IREDUCE, SEXTEND, SEXTEND32 -> r = (int) a;
            case UEXTEND -> r = a & 0xFFFF_FFFFL;
            case SEXTEND8 -> r = (byte) a;
            case SEXTEND16 -> r = (short) a;
            case FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT -> {
                Type from = f.valueType(f.arg(inst, 0));
                double x = from == Type.F32 ? f32(a) : f64(a);
                boolean signed = op == IrOpcode.FCVT_TO_SINT || op == IrOpcode.FCVT_TO_SINT_SAT;
                boolean sat = op == IrOpcode.FCVT_TO_SINT_SAT || op == IrOpcode.FCVT_TO_UINT_SAT;
                if (!sat && !convertible(x, signed, is32)) {
                    return NOT_FOLDABLE;
                }
                r = truncToInt(x, signed, is32, sat);
            }
            case FCVT_FROM_SINT -> {
                boolean from32 = f.valueType(f.arg(inst, 0)) == Type.I32;
                long x = from32 ? (int) a : a;
                r = is32 ? bits((float) x) : bits((double) x);
            }
            case FCVT_FROM_UINT -> {
                boolean from32 = f.valueType(f.arg(inst, 0)) == Type.I32;
                if (from32) {
                    long x = a & 0xFFFF_FFFFL;
                    r = is32 ? bits((float) x) : bits((double) x);
                } else if (a >= 0) {
                    r = is32 ? bits((float) a) : bits((double) a);
                } else {
                    long h = (a >>> 1) | (a & 1);
                    r = is32 ? bits((float) h * 2f) : bits((double) h * 2d);
                }
            }
            case FPROMOTE -> r = quiet(false, bits((double) f32(a)));
            case FDEMOTE -> r = quiet(true, bits((float) f64(a)));
            case BITCAST -> r = a;
            case SELECT -> r = a != 0 ? b : c;
            default -> {
                return NOT_FOLDABLE;
            }
        }
        return new Result(true, normalize(t, r));
    }

    /** Whether the trapping float-to-int conversion of {@code x} succeeds (mirrors the interpreter's checks). */
    private static boolean convertible(double x, boolean signed, boolean to32) {
        if (Double.isNaN(x)) {
            return false;
        }
        if (signed) {
            return to32 ? x > -2147483649.0 && x < 2147483648.0 : x >= -TWO_63 && x < TWO_63;
        }
        return to32 ? x > -1.0 && x < 4294967296.0 : x > -1.0 && x < TWO_64;
    }

    private static long truncToInt(double x, boolean signed, boolean to32, boolean saturating) {
        if (Double.isNaN(x)) {
            return 0;
        }
        if (saturating) {
            if (signed) {
                return to32 ? (int) x : (long) x;
            }
            if (x <= -1 || x < 0) {
                return 0;
            }
            if (to32) {
                return x >= 4294967296.0 ? -1 : (int) (long) x;
            }
            return x >= TWO_64 ? -1 : x >= TWO_63 ? (long) (x - TWO_63) ^ Long.MIN_VALUE : (long) x;
        }
        if (signed) {
            return to32 ? (int) x : (long) x;
        }
        if (to32) {
            return (int) (long) x;
        }
        return x >= TWO_63 ? (long) (x - TWO_63) ^ Long.MIN_VALUE : (long) x;
    }

    /** Wasm arithmetic never returns a signalling NaN (the interpreter's rule). */
    private static long quiet(boolean is32, long bits) {
        if (is32) {
            return (bits & 0x7F80_0000L) == 0x7F80_0000L && (bits & 0x007F_FFFFL) != 0 ? bits | 0x0040_0000L : bits;
        }
        return (bits & 0x7FF0_0000_0000_0000L) == 0x7FF0_0000_0000_0000L && (bits & 0x000F_FFFF_FFFF_FFFFL) != 0
                ? bits | 0x0008_0000_0000_0000L : bits;
    }

    private static float f32(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static long bits(float v) {
        return Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static double truncate(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }
}
