package wasm.opt.internal.egraph.rules;

import static wasm.opt.internal.egraph.RuleDsl.K1;
import static wasm.opt.internal.egraph.RuleDsl.K2;
import static wasm.opt.internal.egraph.RuleDsl.X;
import static wasm.opt.internal.egraph.RuleDsl.band;
import static wasm.opt.internal.egraph.RuleDsl.iadd;
import static wasm.opt.internal.egraph.RuleDsl.imul;
import static wasm.opt.internal.egraph.RuleDsl.ireduce;
import static wasm.opt.internal.egraph.RuleDsl.ishl;
import static wasm.opt.internal.egraph.RuleDsl.isub;
import static wasm.opt.internal.egraph.RuleDsl.k;
import static wasm.opt.internal.egraph.RuleDsl.lit;
import static wasm.opt.internal.egraph.RuleDsl.op;
import static wasm.opt.internal.egraph.RuleDsl.sextend;
import static wasm.opt.internal.egraph.RuleDsl.sshr;
import static wasm.opt.internal.egraph.RuleDsl.uextend;
import static wasm.opt.internal.egraph.RuleDsl.ushr;

import java.util.List;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.opt.internal.egraph.Expr;
import wasm.opt.internal.egraph.Match;
import wasm.opt.internal.egraph.Rule;
import wasm.opt.internal.egraph.RuleDsl.Topic;

/**
 * Strength reduction: multiplication, division and remainder by constants
 * (powers of two as shifts and masks; other 32-bit divisors through a 64-bit
 * multiply by a magic number, {@link DivisionMagic}), shifts of shifts, and
 * masks that shifts or extensions make redundant. A division node exists only
 * when its divisor is a constant that cannot trap (see {@code EgraphOptimizer}).
 */
public final class StrengthReductionRules {
    private StrengthReductionRules() {
    }

    public static List<Rule> rules() {
        Topic t = new Topic("strength");
        // multiplication
        t.rule("imul-pow2", imul(X, K1), m -> Bits.powerOfTwo(m.k(0), m.bits()),
                ishl(X, k("log2 k1", m -> Bits.log2(m.k(0), m.bits())))).subsume();
        t.rule("imul-neg-one", imul(X, lit(-1)), isub(lit(0), X)).subsume();
        t.rule("imul-neg-pow2", imul(X, K1), m -> m.k(0) < 0 && Bits.powerOfTwo(-m.k(0), m.bits()) && m.k(0) != -1,
                isub(lit(0), ishl(X, k("log2 -k1", m -> Bits.log2(-m.k(0), m.bits())))));
        // x * (2^n + 1) as (x << n) + x only pays with a scaled lea, which the backend does not form yet

        // unsigned division and remainder
        t.rule("udiv-pow2", op(IrOpcode.UDIV, X, K1), m -> Bits.powerOfTwo(m.k(0), m.bits()),
                ushr(X, k("log2 k1", m -> Bits.log2(m.k(0), m.bits())))).subsume();
        t.rule("urem-pow2", op(IrOpcode.UREM, X, K1), m -> Bits.powerOfTwo(m.k(0), m.bits()),
                band(X, k("k1-1", m -> m.k(0) - 1))).subsume();
        t.rule("udiv-magic", op(IrOpcode.UDIV, Type.I32, X, K1),
                m -> !Bits.powerOfTwo(m.k(0), 32) && DivisionMagic.unsignedShort(d32(m)) != null,
                ireduce(ushr(imul(uextend(X), k("magic", m -> DivisionMagic.unsignedShort(d32(m))[0])),
                        k("shift", m -> DivisionMagic.unsignedShort(d32(m))[1]))));
        t.rule("udiv-magic-long", op(IrOpcode.UDIV, Type.I32, X, K1),
                m -> !Bits.powerOfTwo(m.k(0), 32) && DivisionMagic.unsignedShort(d32(m)) == null,
                ireduce(ushr(iadd(ushr(imul(uextend(X), k("magic-2^32", m -> DivisionMagic.unsignedLong(d32(m))[0])),
                        lit(32)), uextend(X)), k("log2 d", m -> DivisionMagic.unsignedLong(d32(m))[1]))));
        t.rule("urem-by-udiv", op(IrOpcode.UREM, Type.I32, X, K1), m -> !Bits.powerOfTwo(m.k(0), 32),
                isub(X, imul(op(IrOpcode.UDIV, X, K1), K1)));

        // signed division and remainder (divisor never 0 or -1 here)
        t.rule("sdiv-one", op(IrOpcode.SDIV, X, lit(1)), X).subsume();
        t.rule("sdiv-pow2", op(IrOpcode.SDIV, X, K1), StrengthReductionRules::positivePow2, sdivPow2()).subsume();
        t.rule("sdiv-neg-pow2", op(IrOpcode.SDIV, X, K1), StrengthReductionRules::negativePow2,
                isub(lit(0), sdivPow2())).subsume();
        t.rule("sdiv-magic", op(IrOpcode.SDIV, Type.I32, X, K1), m -> m.k(0) > 2 && !Bits.powerOfTwo(m.k(0), 32),
                sdivMagic());
        t.rule("sdiv-magic-neg", op(IrOpcode.SDIV, Type.I32, X, K1),
                m -> m.k(0) < -2 && m.k(0) != Integer.MIN_VALUE && !Bits.powerOfTwo(-m.k(0), 32),
                isub(lit(0), sdivMagic()));
        t.rule("srem-one", op(IrOpcode.SREM, X, lit(1)), lit(0)).subsume();
        t.rule("srem-neg-one", op(IrOpcode.SREM, X, lit(-1)), lit(0)).subsume();
        t.rule("srem-pow2", op(IrOpcode.SREM, X, K1),
                m -> positivePow2(m) || negativePow2(m),
                isub(X, band(iadd(X, bias()), k("-2^n", m -> -(1L << n(m)))))).subsume();
        t.rule("srem-by-sdiv", op(IrOpcode.SREM, Type.I32, X, K1),
                m -> Math.abs(m.k(0)) > 2 && m.k(0) != Integer.MIN_VALUE && !Bits.powerOfTwo(Math.abs(m.k(0)), 32),
                isub(X, imul(op(IrOpcode.SDIV, X, K1), K1)));

        // shifts of shifts, masks
        t.rule("ishl-ishl", ishl(ishl(X, K1), K2), m -> Bits.shift(m, 0) + Bits.shift(m, 1) < m.bits(),
                ishl(X, k("k1+k2", m -> Bits.shift(m, 0) + Bits.shift(m, 1)))).subsume();
        t.rule("ishl-ishl-out", ishl(ishl(X, K1), K2), m -> Bits.shift(m, 0) + Bits.shift(m, 1) >= m.bits(),
                lit(0)).subsume();
        t.rule("ushr-ushr", ushr(ushr(X, K1), K2), m -> Bits.shift(m, 0) + Bits.shift(m, 1) < m.bits(),
                ushr(X, k("k1+k2", m -> Bits.shift(m, 0) + Bits.shift(m, 1)))).subsume();
        t.rule("ushr-ushr-out", ushr(ushr(X, K1), K2), m -> Bits.shift(m, 0) + Bits.shift(m, 1) >= m.bits(),
                lit(0)).subsume();
        t.rule("sshr-sshr", sshr(sshr(X, K1), K2),
                sshr(X, k("min(k1+k2, w-1)", m -> Math.min(Bits.shift(m, 0) + Bits.shift(m, 1), m.bits() - 1))))
                .subsume();
        t.rule("ushr-ishl-mask", ushr(ishl(X, K1), K2), m -> sameShift(m) && Bits.shift(m, 0) != 0,
                band(X, k("low bits", m -> Bits.mask(m.bits() - Bits.shift(m, 0))))).subsume();
        t.rule("ishl-ushr-mask", ishl(ushr(X, K1), K2), m -> sameShift(m) && Bits.shift(m, 0) != 0,
                band(X, k("high bits", m -> -1L << Bits.shift(m, 0)))).subsume();
        t.rule("sshr-ishl-sextend8", sshr(ishl(X, K1), K2), m -> sameShift(m) && Bits.shift(m, 0) == m.bits() - 8,
                op(IrOpcode.SEXTEND8, X)).subsume();
        t.rule("sshr-ishl-sextend16", sshr(ishl(X, K1), K2), m -> sameShift(m) && Bits.shift(m, 0) == m.bits() - 16,
                op(IrOpcode.SEXTEND16, X)).subsume();
        t.rule("sshr-ishl-sextend32", sshr(ishl(X, K1), K2),
                m -> m.bits() == 64 && sameShift(m) && Bits.shift(m, 0) == 32,
                op(IrOpcode.SEXTEND32, Type.I64, X)).subsume();
        t.rule("band-ushr-mask", band(ushr(X, K1), K2),
                m -> Bits.unsigned(m.k(1), m.bits()) == Bits.mask(m.bits() - Bits.shift(m, 0)), ushr(X, K1))
                .subsume();
        t.rule("band-sextend8-mask", band(op(IrOpcode.SEXTEND8, X), lit(0xFF)), band(X, lit(0xFF))).subsume();
        t.rule("band-sextend16-mask", band(op(IrOpcode.SEXTEND16, X), lit(0xFFFF)), band(X, lit(0xFFFF)))
                .subsume();
        return t.rules();
    }

    /** The 32-bit divisor of a match, unsigned. */
    private static long d32(Match m) {
        return m.k(0) & 0xFFFF_FFFFL;
    }

    private static boolean sameShift(Match m) {
        return Bits.shift(m, 0) == Bits.shift(m, 1);
    }

    /** k1 = 2^n with 1 <= n <= width-2. */
    private static boolean positivePow2(Match m) {
        return m.k(0) > 1 && Bits.powerOfTwo(m.k(0), m.bits()) && n(m) <= m.bits() - 2;
    }

    /** k1 = -2^n with 1 <= n <= width-2. */
    private static boolean negativePow2(Match m) {
        return m.k(0) < -1 && Bits.powerOfTwo(-m.k(0), m.bits()) && Long.numberOfTrailingZeros(-m.k(0)) <= m.bits() - 2;
    }

    /** n where |k1| = 2^n. */
    private static int n(Match m) {
        return Long.numberOfTrailingZeros(Math.abs(m.k(0)));
    }

    /** 2^n - 1 for a negative x, 0 otherwise: what rounds a shift towards zero. */
    private static Expr bias() {
        return ushr(sshr(X, k("w-1", m -> m.bits() - 1)), k("w-n", m -> m.bits() - n(m)));
    }

    /** x / 2^n rounded towards zero. */
    private static Expr sdivPow2() {
        return sshr(iadd(X, bias()), k("n", StrengthReductionRules::n));
    }

    /** x / |d| for a 32-bit x and a |d| that is not a power of two. */
    private static Expr sdivMagic() {
        return isub(ireduce(sshr(imul(sextend(X), k("magic", m -> DivisionMagic.signed(Math.abs(m.k(0)))[0])),
                k("shift", m -> DivisionMagic.signed(Math.abs(m.k(0)))[1]))), sshr(X, lit(31)));
    }
}
