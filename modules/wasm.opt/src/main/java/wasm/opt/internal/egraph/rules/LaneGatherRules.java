package wasm.opt.internal.egraph.rules;

import static wasm.opt.internal.egraph.RuleDsl.X;
import static wasm.opt.internal.egraph.RuleDsl.op;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.opt.internal.egraph.Expr;
import wasm.opt.internal.egraph.Expr.Op;
import wasm.opt.internal.egraph.Rule;
import wasm.opt.internal.egraph.RuleDsl.Topic;

/**
 * Vectors gathered lane by lane from consecutive lanes of one vector, put back
 * together. A compiler that widens and converts lanes through a type the Wasm
 * SIMD set has no single instruction for (clang turns {@code
 * f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(x))} into {@code uitofp <4 x i16>})
 * emits it per lane: extract lane {@code b+i} of {@code x}, extend and convert
 * it, and build the result with a splat of lane 0 and three replace_lanes, 16
 * scalar instructions where two vector ones do. The left sides here are that
 * build, the right sides the widenings ({@code vuwiden}/{@code vswiden}, twice for
 * byte lanes) and the lanewise conversion of the whole vector; lane {@code i} of
 * the widened vector is exactly the i32 value lane {@code i} was built from, so
 * every lanewise operation of the build has its vector form.
 */
public final class LaneGatherRules {
    private LaneGatherRules() {
    }

    /**
     * Where a gather reads its four i32 values: lanes {@code base..base+3} of a vector of
     * {@code shape}, each zero-extended (as {@code vextractlane} reads narrow lanes) or
     * sign-extended ({@code sextend8}/{@code sextend16} on top, as Wasm's {@code extract_lane_s}).
     */
    private record Source(Type shape, int base, boolean signed) {
        String name() {
            return shape.text() + (shape == Type.I32X4 ? "" : signed ? "_s" : "_u") + "@" + base;
        }

        /** The i32 value of lane {@code base + i}. */
        Expr lane(int i) {
            Op extract = op(IrOpcode.VEXTRACTLANE, shape, base + i, X);
            if (!signed || shape == Type.I32X4) {
                return extract;
            }
            return op(shape == Type.I8X16 ? IrOpcode.SEXTEND8 : IrOpcode.SEXTEND16, Type.I32, extract);
        }

        /** The i32x4 vector of the four values: {@code x} widened to 32-bit lanes, the right half first picked. */
        Expr widened() {
            return switch (shape) {
                case I32X4 -> X;
                case I16X8 -> widen(Type.I32X4, base == 0, X);
                case I8X16 -> widen(Type.I32X4, base % 8 == 0, widen(Type.I16X8, base < 8, X));
                default -> throw new IllegalStateException(shape.text());
            };
        }

        private Expr widen(Type to, boolean low, Expr v) {
            IrOpcode o = signed ? (low ? IrOpcode.VSWIDEN_LOW : IrOpcode.VSWIDEN_HIGH)
                    : (low ? IrOpcode.VUWIDEN_LOW : IrOpcode.VUWIDEN_HIGH);
            return op(o, to, v);
        }

        /** Narrow zero-extended lanes are below 2^31, so their unsigned conversion is the cheaper signed one. */
        boolean nonNegative() {
            return !signed && shape != Type.I32X4;
        }
    }

    private static List<Source> sources() {
        List<Source> s = new ArrayList<>();
        s.add(new Source(Type.I32X4, 0, false));
        for (boolean signed : new boolean[] {false, true}) {
            for (int base = 0; base < 8; base += 4) {
                s.add(new Source(Type.I16X8, base, signed));
            }
            for (int base = 0; base < 16; base += 4) {
                s.add(new Source(Type.I8X16, base, signed));
            }
        }
        return s;
    }

    public static List<Rule> rules() {
        Topic t = new Topic("lanes");
        for (Source src : sources()) {
            // the four i32 values themselves (for i32x4 lanes: the vector itself)
            t.rule("gather-" + src.name(), gather(Type.I32X4, 4, src::lane), src.widened()).subsume();
            for (IrOpcode cvt : List.of(IrOpcode.FCVT_FROM_SINT, IrOpcode.FCVT_FROM_UINT)) {
                IrOpcode vcvt = cvt == IrOpcode.FCVT_FROM_SINT || src.nonNegative()
                        ? IrOpcode.VFCVT_FROM_SINT : IrOpcode.VFCVT_FROM_UINT;
                String name = (cvt == IrOpcode.FCVT_FROM_SINT ? "convert_s-" : "convert_u-") + src.name();
                t.rule(name + "-f32x4", gather(Type.F32X4, 4, i -> op(cvt, Type.F32, src.lane(i))),
                        op(vcvt, Type.F32X4, src.widened())).subsume();
                if (src.shape() == Type.I32X4) {
                    // f64x2.convert_low_i32x4: the low two lanes
                    t.rule(name + "-f64x2", gather(Type.F64X2, 2, i -> op(cvt, Type.F64, src.lane(i))),
                            op(vcvt, Type.F64X2, X)).subsume();
                }
            }
        }
        return t.rules();
    }

    /** {@code vsplat(lane 0)} with lanes 1..n-1 replaced in order: how LLVM builds a vector of n scalars. */
    private static Op gather(Type shape, int lanes, IntFunction<Expr> lane) {
        Op v = op(IrOpcode.VSPLAT, shape, lane.apply(0));
        for (int i = 1; i < lanes; i++) {
            v = op(IrOpcode.VINSERTLANE, shape, i, v, lane.apply(i));
        }
        return v;
    }
}
