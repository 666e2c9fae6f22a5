package wasm.opt.passes;

import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.opt.Pass;

/**
 * Algebraic simplification and strength reduction, each rule exact under Wasm
 * semantics (integer rules only where the result is bit-identical; float rules
 * only where no NaN quieting or rounding is involved):
 * <ul>
 * <li>identities: {@code x+0, x-0, x*1, x&-1, x|0, x^0, x<<0 (mod width), rot by 0, x/1, x&x, x|x, select c,x,x} -> x</li>
 * <li>annihilators: {@code x*0, x&0, x-x, x^x, x%1, x%-1 (signed)} -> 0; {@code x|-1} -> -1</li>
 * <li>compare with self: {@code icmp eq/sle/sge/ule/uge x,x} -> 1, {@code ne/slt/sgt/ult/ugt} -> 0</li>
 * <li>double negation: {@code fneg(fneg x)}, {@code 0-(0-x)}, {@code ireduce(s/uextend x)} -> x</li>
 * <li>strength reduction: {@code x*2^k} -> {@code x<<k}; {@code udiv x,2^k} -> {@code x>>>k}; {@code urem x,2^k} -> {@code x&(2^k-1)}</li>
 * <li>{@code select} on a constant condition picks its operand; a constant left operand of a
 *     commutative op or {@code icmp} moves right (canonical form for the rules and GVN)</li>
 * <li>{@code brif (eqz x), A, B} -> {@code brif x, B, A}; {@code brif (icmp ne x, 0)} -> {@code brif x}</li>
 * </ul>
 * Replaced instructions are removed when the replacement is an existing value,
 * rewritten in place when it is a constant or a cheaper operation.
 */
public final class SimplifyPass implements Pass {
    public static final SimplifyPass INSTANCE = new SimplifyPass();

    private SimplifyPass() {
    }

    @Override
    public String name() {
        return "simplify";
    }

    @Override
    public boolean run(Function f) {
        boolean changed = false;
        for (int b : ControlFlowGraph.compute(f).reversePostOrder()) {
            for (int i = f.firstInst(b), next; i >= 0; i = next) {
                next = f.nextInst(i);
                changed |= simplify(f, i);
            }
        }
        return changed;
    }

    private static boolean simplify(Function f, int i) {
        IrOpcode op = f.opcode(i);
        if (op == IrOpcode.BRIF) {
            return simplifyBranch(f, i);
        }
        if (f.resultCount(i) != 1 || f.argCount(i) == 0) {
            return false;
        }
        Type t = f.ctrlType(i);
        int x = f.arg(i, 0);
        int y = f.argCount(i) > 1 ? f.arg(i, 1) : -1;
        int bits = t != null && t.isInt() ? t.bytes() * 8 : 0;
        boolean swappable = switch (op) {
            case IADD, IMUL, BAND, BOR, BXOR, ICMP -> true;
            default -> false;
        };
        if (swappable && Values.isConst(f, x) && !Values.isConst(f, y)) {
            f.setArg(i, 0, y);
            f.setArg(i, 1, x);
            if (op == IrOpcode.ICMP) {
                f.setImm(i, IntCC.byOrdinal((int) f.imm(i)).swapped().ordinal());
            }
            simplify(f, i);
            return true;
        }
        return switch (op) {
            case IADD -> isInt(f, y, 0) && alias(f, i, x);
            case ISUB -> isInt(f, y, 0) ? alias(f, i, x)
                    : x == y ? constant(f, i, 0)
                    : isInt(f, x, 0) && negationOf(f, y) >= 0 && alias(f, i, negationOf(f, y));
            case IMUL -> isInt(f, y, 1) ? alias(f, i, x)
                    : isInt(f, y, 0) ? constant(f, i, 0)
                    : powerOfTwo(f, y, bits) > 0 && rewrite(f, i, IrOpcode.ISHL, x, powerOfTwo(f, y, bits));
            case BAND -> isInt(f, y, -1) || x == y ? alias(f, i, x) : isInt(f, y, 0) && constant(f, i, 0);
            case BOR -> isInt(f, y, 0) || x == y ? alias(f, i, x) : isInt(f, y, -1) && constant(f, i, -1);
            case BXOR -> isInt(f, y, 0) ? alias(f, i, x) : x == y && constant(f, i, 0);
            case ISHL, SSHR, USHR, ROTL, ROTR ->
                    Values.isConst(f, y) && (Values.constBits(f, y) & (bits - 1)) == 0 && alias(f, i, x);
            case UDIV -> isInt(f, y, 1) ? alias(f, i, x)
                    : powerOfTwo(f, y, bits) > 0 && rewrite(f, i, IrOpcode.USHR, x, powerOfTwo(f, y, bits));
            case SDIV -> isInt(f, y, 1) && alias(f, i, x);
            case UREM -> isInt(f, y, 1) ? constant(f, i, 0)
                    : powerOfTwo(f, y, bits) > 0 && rewrite(f, i, IrOpcode.BAND, x,
                            (Values.constBits(f, y) - 1));
            case SREM -> (isInt(f, y, 1) || isInt(f, y, -1)) && constant(f, i, 0);
            case ICMP -> x == y && constant(f, i, switch (IntCC.byOrdinal((int) f.imm(i))) {
                case EQ, SLE, SGE, ULE, UGE -> 1;
                default -> 0;
            });
            case FNEG -> {
                int d = f.valueInst(x);
                yield d >= 0 && f.opcode(d) == IrOpcode.FNEG && alias(f, i, f.arg(d, 0));
            }
            case IREDUCE -> {
                int d = f.valueInst(x);
                yield d >= 0 && (f.opcode(d) == IrOpcode.SEXTEND || f.opcode(d) == IrOpcode.UEXTEND)
                        && alias(f, i, f.arg(d, 0));
            }
            case SELECT -> {
                int z = f.arg(i, 2);
                yield y == z ? alias(f, i, y)
                        : Values.isConst(f, x) && alias(f, i, Values.constBits(f, x) != 0 ? y : z);
            }
            default -> false;
        };
    }

    /** For {@code v = isub 0, w}: w; else -1. */
    private static int negationOf(Function f, int v) {
        int d = f.valueInst(v);
        if (d >= 0 && f.opcode(d) == IrOpcode.ISUB && isInt(f, f.arg(d, 0), 0)) {
            return f.arg(d, 1);
        }
        return -1;
    }

    private static boolean simplifyBranch(Function f, int i) {
        int c = f.arg(i, 0);
        int d = f.valueInst(c);
        if (d < 0) {
            return false;
        }
        IrOpcode op = f.opcode(d);
        if (op == IrOpcode.EQZ && f.ctrlType(d) == Type.I32) {
            // brif (eqz x), A, B == brif x, B, A: swap the two targets
            int then = f.targetBlock(i, 0);
            int[] thenArgs = wasm.opt.internal.Edges.targetArgs(f, i, 0);
            int[] elseArgs = wasm.opt.internal.Edges.targetArgs(f, i, 1);
            f.setTargetBlock(i, 0, f.targetBlock(i, 1));
            f.setTargetBlock(i, 1, then);
            wasm.opt.internal.Edges.setTargetArgs(f, i, 0, elseArgs, elseArgs.length);
            wasm.opt.internal.Edges.setTargetArgs(f, i, 1, thenArgs, thenArgs.length);
            f.setArg(i, 0, f.arg(d, 0));
            return true;
        }
        if (op == IrOpcode.ICMP && f.ctrlType(d) == Type.I32 && IntCC.byOrdinal((int) f.imm(d)) == IntCC.NE
                && isInt(f, f.arg(d, 1), 0)) {
            f.setArg(i, 0, f.arg(d, 0));
            return true;
        }
        return false;
    }

    private static boolean isInt(Function f, int v, long value) {
        return v >= 0 && Values.isIntConst(f, v, value);
    }

    /** k when {@code v} is the constant 2^k with 0 < k < bits; else 0. */
    private static int powerOfTwo(Function f, int v, int bits) {
        if (v < 0 || bits == 0 || !Values.isConst(f, v) || !f.valueType(v).isInt()) {
            return 0;
        }
        long c = Values.constBits(f, v);
        if (bits == 32) {
            c &= 0xFFFF_FFFFL;
        }
        if (c <= 1 || Long.bitCount(c) != 1) {
            return 0;
        }
        int k = Long.numberOfTrailingZeros(c);
        return k < bits ? k : 0;
    }

    private static boolean alias(Function f, int i, int v) {
        f.replaceAllUses(f.firstResult(i), v);
        f.removeInst(i);
        return true;
    }

    private static boolean constant(Function f, int i, long value) {
        f.replaceWithConst(i, value);
        return true;
    }

    /** Rewrites {@code i} into {@code op x, c} with a new constant {@code c} placed right before it. */
    private static boolean rewrite(Function f, int i, IrOpcode op, int x, long c) {
        Type t = f.ctrlType(i);
        int cv = Values.insertConst(f, t, c, i);
        f.setOpcode(i, op, t);
        f.setArg(i, 0, x);
        f.setArg(i, 1, cv);
        return true;
    }
}
