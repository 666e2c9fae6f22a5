package wasm.ir.interp;

import java.util.Optional;
import wasm.ir.FloatCC;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.TrapCode;
import wasm.ir.Type;

/**
 * The Wasm semantics of the IR's pure instructions (arithmetic, comparisons,
 * conversions, select: no memory, table, global or call), written once for the
 * {@link IrInterpreter} and the optimiser's constant folder so the two cannot
 * disagree. Values are raw 64-bit patterns as in the interpreter: i32
 * sign-extended, f32 bits in the low half.
 *
 * <p>Trapping is separate from evaluation: {@link #trap} says whether an
 * instruction would trap on given operands (the interpreter throws, the folder
 * declines to fold), {@link #evaluate} computes the value when it does not.
 */
public final class PureSemantics {
    private static final double TWO_63 = 9.223372036854775808E18;
    private static final double TWO_64 = 1.8446744073709551616E19;

    private PureSemantics() {
    }

    /** Whether {@code op} is one of the instructions this class evaluates. */
    public static boolean covers(IrOpcode op) {
        return switch (op) {
            case IADD, ISUB, IMUL, SDIV, UDIV, SREM, UREM, BAND, BOR, BXOR, ISHL, SSHR, USHR, ROTL, ROTR, CLZ, CTZ,
                    POPCNT, EQZ, ICMP, FADD, FSUB, FMUL, FDIV, FMIN, FMAX, FCOPYSIGN, FABS, FNEG, SQRT, CEIL, FLOOR,
                    TRUNC, NEAREST, FCMP, IREDUCE, SEXTEND, SEXTEND32, UEXTEND, SEXTEND8, SEXTEND16, FCVT_TO_SINT,
                    FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT, FCVT_FROM_SINT, FCVT_FROM_UINT, FPROMOTE,
                    FDEMOTE, BITCAST, SELECT -> true;
            default -> false;
        };
    }

    /** The normalised bit pattern of a value of type {@code t}: i32 sign-extended, f32 in the low half. */
    public static long normalize(Type t, long v) {
        return switch (t) {
            case I32 -> (int) v;
            case F32 -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    /**
     * The trap a covered instruction raises on operands {@code a}, {@code b}, if any.
     *
     * @param t       the instruction's controlling type
     * @param argType the type of its first operand (conversions read it)
     */
    public static Optional<TrapCode> trap(IrOpcode op, Type t, Type argType, long a, long b) {
        boolean is32 = t == Type.I32 || t == Type.F32;
        return switch (op) {
            case SDIV -> {
                if (is32 ? (int) b == 0 : b == 0) {
                    yield Optional.of(TrapCode.INT_DIVZ);
                }
                boolean overflow = is32 ? (int) a == Integer.MIN_VALUE && (int) b == -1 : a == Long.MIN_VALUE && b == -1;
                yield overflow ? Optional.of(TrapCode.INT_OVF) : Optional.empty();
            }
            case UDIV, SREM, UREM -> (is32 ? (int) b == 0 : b == 0) ? Optional.of(TrapCode.INT_DIVZ) : Optional.empty();
            case FCVT_TO_SINT, FCVT_TO_UINT -> {
                double x = argType == Type.F32 ? f32(a) : f64(a);
                if (Double.isNaN(x)) {
                    yield Optional.of(TrapCode.BAD_TOINT);
                }
                yield convertible(x, op == IrOpcode.FCVT_TO_SINT, is32) ? Optional.empty()
                        : Optional.of(TrapCode.INT_OVF);
            }
            default -> Optional.empty();
        };
    }

    /**
     * The normalised value of a covered instruction whose {@link #trap} is empty.
     *
     * @param t       the instruction's controlling type
     * @param argType the type of its first operand (conversions read it)
     * @param imm     its immediate (the condition code of ICMP and FCMP)
     * @param a       its operands; {@code c} is only read by SELECT
     */
    public static long evaluate(IrOpcode op, Type t, Type argType, long imm, long a, long b, long c) {
        boolean is32 = t == Type.I32 || t == Type.F32;
        long r = switch (op) {
            case IADD -> a + b;
            case ISUB -> a - b;
            case IMUL -> a * b;
            case SDIV -> is32 ? (int) a / (int) b : a / b;
            case UDIV -> is32 ? Integer.divideUnsigned((int) a, (int) b) : Long.divideUnsigned(a, b);
            case SREM -> is32 ? ((int) b == -1 ? 0 : (int) a % (int) b) : (b == -1 ? 0 : a % b);
            case UREM -> is32 ? Integer.remainderUnsigned((int) a, (int) b) : Long.remainderUnsigned(a, b);
            case BAND -> a & b;
            case BOR -> a | b;
            case BXOR -> a ^ b;
            case ISHL -> is32 ? (int) a << (int) b : a << b;
            case SSHR -> is32 ? (int) a >> (int) b : a >> b;
            case USHR -> is32 ? (int) a >>> (int) b : a >>> b;
            case ROTL -> is32 ? Integer.rotateLeft((int) a, (int) b) : Long.rotateLeft(a, (int) b);
            case ROTR -> is32 ? Integer.rotateRight((int) a, (int) b) : Long.rotateRight(a, (int) b);
            case CLZ -> is32 ? Integer.numberOfLeadingZeros((int) a) : Long.numberOfLeadingZeros(a);
            case CTZ -> is32 ? Integer.numberOfTrailingZeros((int) a) : Long.numberOfTrailingZeros(a);
            case POPCNT -> is32 ? Integer.bitCount((int) a) : Long.bitCount(a);
            case EQZ -> (is32 ? (int) a == 0 : a == 0) ? 1 : 0;
            case ICMP -> IntCC.byOrdinal((int) imm).test(a, b, is32) ? 1 : 0;
            case FADD -> quiet(is32, is32 ? bits(f32(a) + f32(b)) : bits(f64(a) + f64(b)));
            case FSUB -> quiet(is32, is32 ? bits(f32(a) - f32(b)) : bits(f64(a) - f64(b)));
            case FMUL -> quiet(is32, is32 ? bits(f32(a) * f32(b)) : bits(f64(a) * f64(b)));
            case FDIV -> quiet(is32, is32 ? bits(f32(a) / f32(b)) : bits(f64(a) / f64(b)));
            case FMIN -> quiet(is32, is32 ? bits(Math.min(f32(a), f32(b))) : bits(Math.min(f64(a), f64(b))));
            case FMAX -> quiet(is32, is32 ? bits(Math.max(f32(a), f32(b))) : bits(Math.max(f64(a), f64(b))));
            case FCOPYSIGN -> is32 ? (a & 0x7FFF_FFFFL) | (b & 0x8000_0000L) : (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
            case FABS -> is32 ? a & 0x7FFF_FFFFL : a & Long.MAX_VALUE;
            case FNEG -> is32 ? a ^ 0x8000_0000L : a ^ Long.MIN_VALUE;
            case SQRT -> quiet(is32, is32 ? bits((float) Math.sqrt(f32(a))) : bits(Math.sqrt(f64(a))));
            case CEIL -> quiet(is32, is32 ? bits((float) Math.ceil(f32(a))) : bits(Math.ceil(f64(a))));
            case FLOOR -> quiet(is32, is32 ? bits((float) Math.floor(f32(a))) : bits(Math.floor(f64(a))));
            case TRUNC -> quiet(is32, is32 ? bits((float) truncate(f32(a))) : bits(truncate(f64(a))));
            case NEAREST -> quiet(is32, is32 ? bits((float) Math.rint(f32(a))) : bits(Math.rint(f64(a))));
            case FCMP -> {
                FloatCC cc = FloatCC.byOrdinal((int) imm);
                yield (is32 ? cc.test(f32(a), f32(b)) : cc.test(f64(a), f64(b))) ? 1 : 0;
            }
            case IREDUCE, SEXTEND, SEXTEND32 -> (int) a;
            case UEXTEND -> a & 0xFFFF_FFFFL;
            case SEXTEND8 -> (byte) a;
            case SEXTEND16 -> (short) a;
            case FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT -> {
                double x = argType == Type.F32 ? f32(a) : f64(a);
                yield truncToInt(x, op == IrOpcode.FCVT_TO_SINT || op == IrOpcode.FCVT_TO_SINT_SAT, is32,
                        op == IrOpcode.FCVT_TO_SINT_SAT || op == IrOpcode.FCVT_TO_UINT_SAT);
            }
            case FCVT_FROM_SINT -> {
                long x = argType == Type.I32 ? (int) a : a;
                yield is32 ? bits((float) x) : bits((double) x);
            }
            case FCVT_FROM_UINT -> {
                if (argType == Type.I32) {
                    long x = a & 0xFFFF_FFFFL;
                    yield is32 ? bits((float) x) : bits((double) x);
                } else if (a >= 0) {
                    yield is32 ? bits((float) a) : bits((double) a);
                }
                // halve with the low bit kept sticky so the final rounding is correct
                long h = (a >>> 1) | (a & 1);
                yield is32 ? bits((float) h * 2f) : bits((double) h * 2d);
            }
            case FPROMOTE -> quiet(false, bits((double) f32(a)));
            case FDEMOTE -> quiet(true, bits((float) f64(a)));
            case BITCAST -> a;
            case SELECT -> a != 0 ? b : c;
            default -> throw new IllegalArgumentException("not a pure instruction: " + op.text());
        };
        return normalize(t, r);
    }

    /** Whether the trapping float-to-int conversion of a non-NaN {@code x} is in range. */
    private static boolean convertible(double x, boolean signed, boolean to32) {
        if (signed) {
            return to32 ? x > -2147483649.0 && x < 2147483648.0 : x >= -TWO_63 && x < TWO_63;
        }
        return to32 ? x > -1.0 && x < 4294967296.0 : x > -1.0 && x < TWO_64;
    }

    /** Float to int; the trapping forms are only called on convertible values (see {@link #trap}). */
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

    /** Wasm arithmetic never returns a signalling NaN: set the quiet bit of a NaN result (Java's min, ceil, ... keep sNaNs). */
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
