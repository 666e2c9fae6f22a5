package wasm.ir.interp;

import wasm.ir.FloatCC;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.ShuffleMask;
import wasm.ir.Type;

/**
 * The Wasm semantics of the IR's pure vector instructions, for the
 * {@link IrInterpreter} and the constant folder. A v128 is two longs, the low 64
 * bits (bytes 0..7) first. Lanes are taken apart into an array, each lane goes
 * through the IR's scalar semantics ({@link PureSemantics}) where a scalar
 * instruction does the same thing (float arithmetic, rounding, conversions,
 * comparisons), and the lanes are packed again: written independently of the
 * Wasm interpreter's bit-twiddling, so that the two can check each other.
 *
 * <p>Relaxed instructions behave as the x86 instructions the JIT emits for them,
 * as documented on their opcodes.
 */
public final class VectorSemantics {
    private VectorSemantics() {
    }

    /** Whether {@code op} is one of the instructions {@link #evaluate} computes (the pure vector ones). */
    public static boolean covers(IrOpcode op) {
        return op.isVector() && op.isPure();
    }

    // ---- lanes ----

    /**
     * The lanes of {@code lo, hi} read as {@code shape}: integers sign-extended to 64 bits,
     * floats as their bits (f32 zero-extended).
     */
    public static long[] lanes(Type shape, long lo, long hi) {
        int n = shape.lanes();
        int bits = 128 / n;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long half = i < n / 2 ? lo : hi;
            int shift = (i % (n / 2)) * bits;
            long raw = bits == 64 ? half : (half >>> shift) & ((1L << bits) - 1);
            out[i] = shape.laneType().isFloat() ? raw : signExtend(raw, bits);
        }
        return out;
    }

    /** Packs lane values (truncated to the lane width) into {@code {lo, hi}}. */
    public static long[] pack(Type shape, long[] lanes) {
        int n = shape.lanes();
        int bits = 128 / n;
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < n; i++) {
            long v = bits == 64 ? lanes[i] : lanes[i] & ((1L << bits) - 1);
            int shift = (i % (n / 2)) * bits;
            if (i < n / 2) {
                lo |= v << shift;
            } else {
                hi |= v << shift;
            }
        }
        return new long[] {lo, hi};
    }

    private static long signExtend(long v, int bits) {
        return bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }

    private static long zeroExtend(long v, int bits) {
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    /** The shape whose lanes are half as wide as {@code shape}'s (i16x8 -> i8x16). */
    private static Type narrower(Type shape) {
        return switch (shape) {
            case I16X8 -> Type.I8X16;
            case I32X4 -> Type.I16X8;
            case I64X2 -> Type.I32X4;
            default -> throw new IllegalArgumentException("no narrower shape than " + shape);
        };
    }

    /** The shape whose lanes are twice as wide (i8x16 -> i16x8). */
    private static Type wider(Type shape) {
        return switch (shape) {
            case I8X16 -> Type.I16X8;
            case I16X8 -> Type.I32X4;
            default -> throw new IllegalArgumentException("no wider shape than " + shape);
        };
    }

    private static long scalar(IrOpcode op, Type t, Type argType, long a, long b) {
        return PureSemantics.evaluate(op, t, argType, 0, a, b, 0);
    }

    // ---- evaluation ----

    /**
     * Evaluates a covered instruction. {@code in} holds the operands two longs each
     * ({@code a} at 0, 1; {@code b} at 2, 3; {@code c} at 4, 5), a scalar operand in
     * the first of its two; the result goes to {@code out[0], out[1]} (a scalar result
     * to {@code out[0]}, normalised as the IR's values are).
     */
    public static void evaluate(IrOpcode op, Type shape, long imm, int imm2, long[] in, long[] out) {
        long[] r = switch (op) {
            case VCONCAT -> new long[] {in[0], in[2]};
            case VNOT -> new long[] {~in[0], ~in[1]};
            case VAND -> new long[] {in[0] & in[2], in[1] & in[3]};
            case VANDNOT -> new long[] {in[0] & ~in[2], in[1] & ~in[3]};
            case VOR -> new long[] {in[0] | in[2], in[1] | in[3]};
            case VXOR -> new long[] {in[0] ^ in[2], in[1] ^ in[3]};
            case VBITSELECT -> new long[] {(in[0] & in[4]) | (in[2] & ~in[4]), (in[1] & in[5]) | (in[3] & ~in[5])};
            case VANY_TRUE -> new long[] {(in[0] | in[1]) != 0 ? 1 : 0, 0};
            case VSHUFFLE -> shuffle(in, imm, imm2);
            case VSWIZZLE, VRELAXED_SWIZZLE -> swizzle(in, op == IrOpcode.VRELAXED_SWIZZLE);
            case VFDEMOTE -> {
                long[] a = lanes(Type.F64X2, in[0], in[1]);
                yield pack(Type.F32X4, new long[] {scalar(IrOpcode.FDEMOTE, Type.F32, Type.F64, a[0], 0),
                        scalar(IrOpcode.FDEMOTE, Type.F32, Type.F64, a[1], 0), 0, 0});
            }
            case VFPROMOTE_LOW -> {
                long[] a = lanes(Type.F32X4, in[0], in[1]);
                yield pack(Type.F64X2, new long[] {scalar(IrOpcode.FPROMOTE, Type.F64, Type.F32, a[0], 0),
                        scalar(IrOpcode.FPROMOTE, Type.F64, Type.F32, a[1], 0)});
            }
            default -> lanewise(op, shape, imm, in);
        };
        out[0] = r[0];
        out[1] = r[1];
    }

    private static long[] shuffle(long[] in, long imm, int imm2) {
        long[] a = lanes(Type.I8X16, in[0], in[1]);
        long[] b = lanes(Type.I8X16, in[2], in[3]);
        long[] r = new long[16];
        for (int k = 0; k < 16; k++) {
            int l = ShuffleMask.lane(imm, imm2, k);
            r[k] = l < 16 ? a[l] : b[l - 16];
        }
        return pack(Type.I8X16, r);
    }

    private static long[] swizzle(long[] in, boolean relaxed) {
        long[] a = lanes(Type.I8X16, in[0], in[1]);
        long[] s = lanes(Type.I8X16, in[2], in[3]);
        long[] r = new long[16];
        for (int k = 0; k < 16; k++) {
            int index = (int) s[k] & 0xFF;
            if (relaxed) {
                // pshufb: the top bit zeroes the lane, otherwise the low four bits pick one
                r[k] = (index & 0x80) != 0 ? 0 : a[index & 15];
            } else {
                r[k] = index < 16 ? a[index] : 0;
            }
        }
        return pack(Type.I8X16, r);
    }

    /** Instructions that read lanes of {@code shape} (or of a related shape) and make lanes or a scalar. */
    private static long[] lanewise(IrOpcode op, Type shape, long imm, long[] in) {
        int n = shape.lanes();
        int bits = 128 / n;
        Type lane = shape.laneType();
        long[] a = lanes(shape, in[0], in[1]);
        long[] b = lanes(shape, in[2], in[3]);
        long[] r = new long[n];
        switch (op) {
            case VSPLAT -> java.util.Arrays.fill(r, in[0]);
            case VEXTRACTLANE -> {
                long v = a[(int) imm];
                // narrow lanes zero-extended into i32; the rest as the IR normalises their type
                long scalar = bits < 32 ? zeroExtend(v, bits) : PureSemantics.normalize(lane, v);
                return new long[] {scalar, 0};
            }
            case VINSERTLANE -> {
                System.arraycopy(a, 0, r, 0, n);
                r[(int) imm] = in[2];
            }
            case VALL_TRUE -> {
                for (long v : a) {
                    if (v == 0) {
                        return new long[] {0, 0};
                    }
                }
                return new long[] {1, 0};
            }
            case VBITMASK -> {
                long mask = 0;
                for (int i = 0; i < n; i++) {
                    mask |= (a[i] < 0 ? 1L : 0) << i;
                }
                return new long[] {mask, 0};
            }
            case VISHL, VSSHR, VUSHR -> {
                int count = (int) (in[2] & (bits - 1));
                for (int i = 0; i < n; i++) {
                    r[i] = switch (op) {
                        case VISHL -> a[i] << count;
                        case VSSHR -> a[i] >> count;
                        default -> zeroExtend(a[i], bits) >>> count;
                    };
                }
            }
            case VSNARROW, VUNARROW -> {
                Type source = wider(shape);
                long[] sa = lanes(source, in[0], in[1]);
                long[] sb = lanes(source, in[2], in[3]);
                long min = op == IrOpcode.VSNARROW ? -(1L << (bits - 1)) : 0;
                long max = op == IrOpcode.VSNARROW ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
                for (int i = 0; i < n; i++) {
                    long v = i < n / 2 ? sa[i] : sb[i - n / 2];
                    r[i] = Math.max(min, Math.min(max, v));
                }
            }
            case VSWIDEN_LOW, VSWIDEN_HIGH, VUWIDEN_LOW, VUWIDEN_HIGH -> {
                long[] s = lanes(narrower(shape), in[0], in[1]);
                int from = op == IrOpcode.VSWIDEN_HIGH || op == IrOpcode.VUWIDEN_HIGH ? n : 0;
                boolean signed = op == IrOpcode.VSWIDEN_LOW || op == IrOpcode.VSWIDEN_HIGH;
                for (int i = 0; i < n; i++) {
                    r[i] = signed ? s[from + i] : zeroExtend(s[from + i], bits / 2);
                }
            }
            case VSEXTMUL_LOW, VSEXTMUL_HIGH, VUEXTMUL_LOW, VUEXTMUL_HIGH -> {
                Type source = narrower(shape);
                long[] sa = lanes(source, in[0], in[1]);
                long[] sb = lanes(source, in[2], in[3]);
                int from = op == IrOpcode.VSEXTMUL_HIGH || op == IrOpcode.VUEXTMUL_HIGH ? n : 0;
                boolean signed = op == IrOpcode.VSEXTMUL_LOW || op == IrOpcode.VSEXTMUL_HIGH;
                for (int i = 0; i < n; i++) {
                    long x = signed ? sa[from + i] : zeroExtend(sa[from + i], bits / 2);
                    long y = signed ? sb[from + i] : zeroExtend(sb[from + i], bits / 2);
                    r[i] = x * y;
                }
            }
            case VSEXTADD_PAIRWISE, VUEXTADD_PAIRWISE -> {
                long[] s = lanes(narrower(shape), in[0], in[1]);
                boolean signed = op == IrOpcode.VSEXTADD_PAIRWISE;
                for (int i = 0; i < n; i++) {
                    r[i] = signed ? s[2 * i] + s[2 * i + 1]
                            : zeroExtend(s[2 * i], bits / 2) + zeroExtend(s[2 * i + 1], bits / 2);
                }
            }
            case VDOT -> {
                long[] sa = lanes(Type.I16X8, in[0], in[1]);
                long[] sb = lanes(Type.I16X8, in[2], in[3]);
                for (int i = 0; i < n; i++) {
                    r[i] = sa[2 * i] * sb[2 * i] + sa[2 * i + 1] * sb[2 * i + 1];
                }
            }
            case VRELAXED_DOT -> {
                return pack(shape, maddubs(in));
            }
            case VRELAXED_DOT_ADD -> {
                long[] d = maddubs(in);
                long[] c = lanes(Type.I32X4, in[4], in[5]);
                for (int i = 0; i < n; i++) {
                    r[i] = d[2 * i] + d[2 * i + 1] + c[i];
                }
            }
            case VFCVT_FROM_SINT, VFCVT_FROM_UINT -> {
                long[] s = lanes(Type.I32X4, in[0], in[1]);
                IrOpcode scalar = op == IrOpcode.VFCVT_FROM_SINT ? IrOpcode.FCVT_FROM_SINT : IrOpcode.FCVT_FROM_UINT;
                for (int i = 0; i < n; i++) {
                    r[i] = scalar(scalar, lane, Type.I32, s[i], 0);
                }
            }
            case VFCVT_TO_SINT_SAT, VFCVT_TO_UINT_SAT, VRELAXED_FCVT_TO_SINT, VRELAXED_FCVT_TO_UINT -> {
                long[] s = new long[4];
                for (int i = 0; i < n; i++) {
                    s[i] = switch (op) {
                        case VFCVT_TO_SINT_SAT -> scalar(IrOpcode.FCVT_TO_SINT_SAT, Type.I32, lane, a[i], 0);
                        case VRELAXED_FCVT_TO_SINT -> cvtt(lane, a[i]);
                        default -> scalar(IrOpcode.FCVT_TO_UINT_SAT, Type.I32, lane, a[i], 0);
                    };
                }
                return pack(Type.I32X4, s);
            }
            case VRELAXED_LANESELECT -> {
                // blendv: the top bit of each byte (i8x16, i16x8), 32-bit or 64-bit element of c selects a
                Type select = shape == Type.I16X8 ? Type.I8X16 : shape;
                long[] sa = lanes(select, in[0], in[1]);
                long[] sb = lanes(select, in[2], in[3]);
                long[] sc = lanes(select, in[4], in[5]);
                long[] s = new long[select.lanes()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = sc[i] < 0 ? sa[i] : sb[i];
                }
                return pack(select, s);
            }
            default -> {
                long[] c = lanes(shape, in[4], in[5]);
                for (int i = 0; i < n; i++) {
                    r[i] = lane(op, shape, lane, bits, imm, a[i], b[i], c[i]);
                }
            }
        }
        return pack(shape, r);
    }

    /** One lane of a plain lanewise instruction. */
    private static long lane(IrOpcode op, Type shape, Type lane, int bits, long imm, long a, long b, long c) {
        long smin = -(1L << (bits - 1));
        long smax = (1L << (bits - 1)) - 1;
        long umax = bits == 64 ? -1 : (1L << bits) - 1;
        return switch (op) {
            case VIADD -> a + b;
            case VISUB -> a - b;
            case VIMUL -> a * b;
            case VINEG -> -a;
            case VIABS -> Math.abs(a);
            case VSADD_SAT -> Math.max(smin, Math.min(smax, a + b));
            case VSSUB_SAT -> Math.max(smin, Math.min(smax, a - b));
            case VUADD_SAT -> Math.min(umax, zeroExtend(a, bits) + zeroExtend(b, bits));
            case VUSUB_SAT -> Math.max(0, zeroExtend(a, bits) - zeroExtend(b, bits));
            case VSMIN -> Math.min(a, b);
            case VSMAX -> Math.max(a, b);
            case VUMIN -> Long.compareUnsigned(a, b) <= 0 ? a : b;
            case VUMAX -> Long.compareUnsigned(a, b) >= 0 ? a : b;
            case VAVGR -> (zeroExtend(a, bits) + zeroExtend(b, bits) + 1) >>> 1;
            case VPOPCNT -> Long.bitCount(zeroExtend(a, bits));
            case VQ15MULR_SAT -> Math.max(smin, Math.min(smax, (a * b + 0x4000) >> 15));
            case VRELAXED_Q15MULR -> (a * b + 0x4000) >> 15;
            case VICMP -> IntCC.byOrdinal((int) imm).test(a, b, false) ? -1 : 0;
            case VFCMP -> (lane == Type.F32
                    ? FloatCC.byOrdinal((int) imm).test(Float.intBitsToFloat((int) a), Float.intBitsToFloat((int) b))
                    : FloatCC.byOrdinal((int) imm).test(Double.longBitsToDouble(a), Double.longBitsToDouble(b)))
                    ? -1 : 0;
            case VFADD -> scalar(IrOpcode.FADD, lane, lane, a, b);
            case VFSUB -> scalar(IrOpcode.FSUB, lane, lane, a, b);
            case VFMUL -> scalar(IrOpcode.FMUL, lane, lane, a, b);
            case VFDIV -> scalar(IrOpcode.FDIV, lane, lane, a, b);
            case VFMIN -> scalar(IrOpcode.FMIN, lane, lane, a, b);
            case VFMAX -> scalar(IrOpcode.FMAX, lane, lane, a, b);
            case VFPMIN -> less(lane, b, a) ? b : a;
            case VFPMAX -> less(lane, a, b) ? b : a;
            case VFRELAXED_MIN -> less(lane, a, b) ? a : b;
            case VFRELAXED_MAX -> less(lane, b, a) ? a : b;
            case VFABS -> scalar(IrOpcode.FABS, lane, lane, a, 0);
            case VFNEG -> scalar(IrOpcode.FNEG, lane, lane, a, 0);
            case VSQRT -> scalar(IrOpcode.SQRT, lane, lane, a, 0);
            case VCEIL -> scalar(IrOpcode.CEIL, lane, lane, a, 0);
            case VFLOOR -> scalar(IrOpcode.FLOOR, lane, lane, a, 0);
            case VTRUNC -> scalar(IrOpcode.TRUNC, lane, lane, a, 0);
            case VNEAREST -> scalar(IrOpcode.NEAREST, lane, lane, a, 0);
            case VFRELAXED_MADD -> scalar(IrOpcode.FADD, lane, lane, scalar(IrOpcode.FMUL, lane, lane, a, b), c);
            case VFRELAXED_NMADD -> scalar(IrOpcode.FADD, lane, lane,
                    scalar(IrOpcode.FNEG, lane, lane, scalar(IrOpcode.FMUL, lane, lane, a, b), 0), c);
            default -> throw new IllegalArgumentException("not a pure vector instruction: " + op.text() + "." + shape);
        };
    }

    private static boolean less(Type lane, long a, long b) {
        return lane == Type.F32 ? Float.intBitsToFloat((int) a) < Float.intBitsToFloat((int) b)
                : Double.longBitsToDouble(a) < Double.longBitsToDouble(b);
    }

    /** x86 cvttps2dq / cvttpd2dq on one lane: NaN and out-of-range give 0x80000000. */
    private static long cvtt(Type lane, long bits) {
        double x = lane == Type.F32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
        return Double.isNaN(x) || x >= 2147483648.0 || x <= -2147483649.0 ? Integer.MIN_VALUE : (long) x;
    }

    /** x86 pmaddubsw(b, a): b's bytes unsigned times a's signed, adjacent pairs summed, saturated to i16. */
    private static long[] maddubs(long[] in) {
        long[] a = lanes(Type.I8X16, in[0], in[1]);
        long[] b = lanes(Type.I8X16, in[2], in[3]);
        long[] r = new long[8];
        for (int i = 0; i < 8; i++) {
            long sum = zeroExtend(b[2 * i], 8) * a[2 * i] + zeroExtend(b[2 * i + 1], 8) * a[2 * i + 1];
            r[i] = Math.max(-32768, Math.min(32767, sum));
        }
        return r;
    }
}
