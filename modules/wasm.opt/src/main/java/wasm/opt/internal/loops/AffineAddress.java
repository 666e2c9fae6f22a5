package wasm.opt.internal.loops;

import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.analysis.LoopNest;

/**
 * An i32 address in a counted loop written as {@code scale * iv + base (mod 2^32)}
 * with {@code base} loop-invariant: what a pre-check before the loop needs to
 * bound every address the access computes. {@code base} is kept as a small
 * expression over values defined outside the loop, to be rebuilt (with the same
 * wrapping i32 arithmetic) in the preheader.
 */
public record AffineAddress(long scale, Term base) {
    /** The largest scale considered (keeps {@code scale * bound} far from 64-bit overflow). */
    static final long MAX_SCALE = 1 << 16;
    private static final int MAX_DEPTH = 8;

    /** A loop-invariant i32 expression. */
    public sealed interface Term {
        record Const(long value) implements Term {
        }

        record Val(int value) implements Term {
        }

        record Add(Term a, Term b) implements Term {
        }

        record Sub(Term a, Term b) implements Term {
        }

        record Shl(Term a, int amount) implements Term {
        }

        record Mul(Term a, long factor) implements Term {
        }
    }

    /** A base as {@code rest + constant} with {@code -2^31 < constant < 2^31}. */
    public record Split(Term rest, long constant) {
    }

    /**
     * The base with its constant summands taken out (they add to every address of the
     * access, like a static offset; rebuilt without them, the rest wraps exactly as the
     * sum would when the sum does not wrap). A negative constant may make the sum wrap
     * below zero: whoever bounds the address with it must also bound the rest from below.
     */
    public Split split() {
        long[] constant = {0};
        Term rest = strip(base, constant);
        if (Math.abs(constant[0]) >= 1L << 31) {
            return new Split(base, 0);
        }
        return new Split(rest, constant[0]);
    }

    private static Term strip(Term t, long[] constant) {
        return switch (t) {
            case Term.Const c -> {
                constant[0] += c.value();
                yield new Term.Const(0);
            }
            case Term.Add a -> {
                Term x = strip(a.a(), constant);
                Term y = strip(a.b(), constant);
                yield x instanceof Term.Const z && z.value() == 0 ? y
                        : y instanceof Term.Const z && z.value() == 0 ? x : new Term.Add(x, y);
            }
            case Term.Sub s when s.b() instanceof Term.Const c -> {
                // x - c: Wasm's way of writing a negative constant (nbody's p - 48)
                constant[0] -= c.value();
                yield strip(s.a(), constant);
            }
            default -> t;
        };
    }

    /** {@code addr} as an affine function of {@code iv} in {@code loop}, or null. */
    public static AffineAddress of(Function f, LoopNest loops, int loop, int iv, int addr) {
        AffineAddress a = decompose(f, loops, loop, iv, addr, 0);
        return a != null && a.scale >= 0 && a.scale <= MAX_SCALE ? a : null;
    }

    private static AffineAddress decompose(Function f, LoopNest loops, int loop, int iv, int v, int depth) {
        if (v == iv) {
            return new AffineAddress(1, new Term.Const(0));
        }
        int d = f.valueInst(v);
        if (d >= 0 && f.opcode(d) == IrOpcode.ICONST) {
            return new AffineAddress(0, new Term.Const((int) f.imm(d)));
        }
        if (CountedLoop.invariant(f, loops, loop, v)) {
            return new AffineAddress(0, new Term.Val(v));
        }
        if (d < 0 || depth >= MAX_DEPTH || f.ctrlType(d) != Type.I32) {
            return null;
        }
        switch (f.opcode(d)) {
            case IADD, ISUB -> {
                AffineAddress a = decompose(f, loops, loop, iv, f.arg(d, 0), depth + 1);
                AffineAddress b = a == null ? null : decompose(f, loops, loop, iv, f.arg(d, 1), depth + 1);
                if (b == null) {
                    return null;
                }
                if (f.opcode(d) == IrOpcode.IADD) {
                    return new AffineAddress(a.scale + b.scale, new Term.Add(a.base, b.base));
                }
                return b.scale == 0 ? new AffineAddress(a.scale, new Term.Sub(a.base, b.base)) : null;
            }
            case ISHL, IMUL -> {
                long k = constant(f, f.arg(d, 1));
                AffineAddress a = k < 0 ? null : decompose(f, loops, loop, iv, f.arg(d, 0), depth + 1);
                if (a == null) {
                    return null;
                }
                if (f.opcode(d) == IrOpcode.ISHL) {
                    int s = (int) (k & 31);
                    return s > 16 ? null : new AffineAddress(a.scale << s, new Term.Shl(a.base, s));
                }
                return k > MAX_SCALE ? null : new AffineAddress(a.scale * k, new Term.Mul(a.base, k));
            }
            default -> {
                return null;
            }
        }
    }

    /** The value of an i32 constant as a non-negative long, or -1. */
    private static long constant(Function f, int v) {
        int d = f.valueInst(v);
        if (d < 0 || f.opcode(d) != IrOpcode.ICONST) {
            return -1;
        }
        long k = (int) f.imm(d);
        return k >= 0 ? k : -1;
    }
}
