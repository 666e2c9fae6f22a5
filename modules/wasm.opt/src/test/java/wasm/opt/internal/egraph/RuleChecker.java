package wasm.opt.internal.egraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import wasm.ir.Function;
import wasm.ir.FunctionBuilder;
import wasm.ir.IrOpcode;
import wasm.ir.Signature;
import wasm.ir.Type;
import wasm.ir.interp.IrEnvironment;
import wasm.ir.interp.IrInterpreter;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.PureSemantics;
import wasm.ir.text.IrPrinter;
import wasm.opt.internal.egraph.Expr.ConstVar;
import wasm.opt.internal.egraph.Expr.Lit;
import wasm.opt.internal.egraph.Expr.Op;
import wasm.opt.internal.egraph.Expr.Var;

/**
 * Checks one rewrite rule against the IR interpreter: builds a function that
 * computes the rule's left side (variables read from globals, so they are
 * opaque to the e-graph; constants drawn at random, biased to edge values and
 * powers of two so guards pass), runs the e-graph with that rule alone, and
 * compares the interpreted result (value or trap) before and after on random
 * inputs. Operand subtrees are emitted in a random order, so the canonical
 * operand order of commutative nodes varies and both of a rule's mirrored
 * forms get their chance. A variable of a typed vector node is a v128 global
 * whose lanes are drawn from edge values of 8- and 16-bit lanes, and a v128
 * result is compared whole.
 */
public final class RuleChecker {
    /** What one check found. */
    public record Outcome(boolean fired, Optional<String> counterexample) {
    }

    private static final long[] EDGE = {0, 1, -1, 2, 3, 5, 7, 8, 10, 16, 24, 31, 32, 48, 56, 63, 64, 255, 256, 1000,
        65535, 65536,
        Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF_FFFFL, 0x8000_0000L, Long.MAX_VALUE, Long.MIN_VALUE, -2, -16};

    private final Random rnd;
    private final Function f = new Function();
    private final FunctionBuilder b = new FunctionBuilder(f);
    private final Map<Integer, Integer> vars = new HashMap<>();
    private final Map<Integer, Type> varTypes = new HashMap<>();
    private final Map<Integer, Long> constants = new HashMap<>();
    private final List<Type> globalTypes = new ArrayList<>();
    private int entryJump;

    private RuleChecker(long seed) {
        this.rnd = new Random(seed);
    }

    /** Checks {@code rule} (applied alone) on one random instance of its left side; {@code inputs} input vectors. */
    public static Outcome check(Rule rule, long seed, int inputs) {
        return new RuleChecker(seed).run(rule, inputs);
    }

    private Outcome run(Rule rule, int inputs) {
        f.setName(rule.name());
        Type rootType = pickType(rule.lhs(), null);
        if (rootType == null) {
            return new Outcome(false, Optional.empty());
        }
        Type valueType = rule.lhs().op().resultType(0, rootType);
        f.setSignature(new Signature(List.of(), List.of(valueType)));
        // entry -> header (a loop that runs once, computing the left side) -> exit: variables read in
        // the entry are loop-invariant, those read in the header vary, so loop-level guards can hold
        int entry = b.createEntryBlock();
        int header = b.createBlock();
        int iv = f.appendBlockParam(header, Type.I32);
        int exit = b.createBlock();
        int result = f.appendBlockParam(exit, valueType);
        int zero = b.iconst(Type.I32, 0);
        entryJump = b.jump(header, new int[] {zero}, 1);
        b.switchTo(header);
        Integer root = buildOp(rule.lhs(), rootType, null);
        if (root == null) {
            return new Outcome(false, Optional.empty());
        }
        int one = b.iconst(Type.I32, 1);
        int next = b.binary(IrOpcode.IADD, Type.I32, iv, one);
        int again = b.icmp(wasm.ir.IntCC.ULT, Type.I32, next, one);
        b.brif(again, header, new int[] {next}, 1, exit, new int[] {root}, 1);
        b.switchTo(exit);
        b.ret(new int[] {result}, 1);
        wasm.ir.verify.Verifier.check(f);
        Function before = f.copy();
        // rewrite depth 1: the rule's right side is built but not rewritten again, and the
        // newest member of the root's class, the right side itself, is what runs afterwards
        EgraphOptimizer.Result r = EgraphOptimizer.run(f, new RuleSet(List.of(rule)),
                EgraphOptimizer.Extraction.NEWEST, 1);
        wasm.ir.verify.Verifier.check(f);
        if (r.stats().hits(rule) == 0) {
            return new Outcome(false, Optional.empty());
        }
        for (int k = 0; k < inputs; k++) {
            long[] globals = new long[globalTypes.size()];
            long[] highs = new long[globals.length];
            for (int g = 0; g < globals.length; g++) {
                boolean vector = globalTypes.get(g) == Type.V128;
                globals[g] = vector ? vectorHalf() : value(globalTypes.get(g));
                highs[g] = vector ? vectorHalf() : 0;
            }
            String expected = evaluate(before, globals, highs);
            String actual = evaluate(f, globals, highs);
            if (!expected.equals(actual)) {
                StringBuilder sb = new StringBuilder("rule ").append(rule).append(" with inputs ");
                for (int g = 0; g < globals.length; g++) {
                    sb.append(globalTypes.get(g) == Type.V128 ? String.format("v128:%016x_%016x", highs[g], globals[g])
                            : Long.toString(globals[g])).append(' ');
                }
                sb.append(": ").append(expected).append(" before, ").append(actual).append(" after\n")
                        .append(IrPrinter.print(before)).append("--- after ---\n").append(IrPrinter.print(f));
                return new Outcome(true, Optional.of(sb.toString()));
            }
        }
        return new Outcome(true, Optional.empty());
    }

    /**
     * The controlling type of an op whose type the rule leaves open: a random scalar one it
     * allows. Not v128 (select takes it): the checker's variables and constants are scalars.
     */
    private Type pickType(Op o, Type expected) {
        if (o.type() != null) {
            return o.type();
        }
        if (o.op().resultSig().equals("T") && expected != null) {
            return expected;
        }
        List<Type> allowed = new ArrayList<>();
        for (Type t : Type.values()) {
            if (t != Type.V128 && (o.op().ctrlTypes() & t.mask()) != 0) {
                allowed.add(t);
            }
        }
        return allowed.isEmpty() ? null : allowed.get(rnd.nextInt(allowed.size()));
    }

    /** Emits {@code e} as a value of type {@code t}; null when the pattern cannot be typed so. */
    private Integer build(Expr e, Type t) {
        return switch (e) {
            case Var v -> {
                Integer have = vars.get(v.slot());
                if (have != null) {
                    yield varTypes.get(v.slot()) == t ? have : null;
                }
                if (t == null || t == Type.REF) {
                    yield null;
                }
                int g = globalTypes.size();
                globalTypes.add(t);
                int value;
                if (rnd.nextBoolean()) {
                    value = b.emit(IrOpcode.GLOBAL_GET, t, g, 0, new int[0], 0); // varies in the loop
                } else {
                    int read = f.makeInst(IrOpcode.GLOBAL_GET, t, g, 0, new int[0], 0);
                    value = f.addResult(read, t);
                    f.insertInstBefore(read, entryJump); // invariant
                }
                vars.put(v.slot(), value);
                varTypes.put(v.slot(), t);
                yield value;
            }
            case ConstVar k -> {
                if (t == null || t == Type.REF) {
                    yield null;
                }
                Long have = constants.get(k.slot());
                // now and then the value of another constant, so rules that want two equal constants fire
                long bits = have != null ? have
                        : !constants.isEmpty() && rnd.nextInt(3) == 0
                        ? PureSemantics.normalize(t, new ArrayList<>(constants.values()).get(rnd.nextInt(constants.size())))
                        : value(t);
                constants.put(k.slot(), bits);
                yield t.isInt() ? b.iconst(t, bits) : b.fconst(t, bits);
            }
            case Lit l -> t != null && t.isInt() ? b.iconst(t, l.value()) : null;
            case Expr.Computed c -> null;
            case Op o -> buildOp(o, pickType(o, t), t);
        };
    }

    /** Emits node {@code o} with controlling type {@code ctrl}, whose value must have type {@code t} (if given). */
    private Integer buildOp(Op o, Type ctrl, Type t) {
        if (ctrl == null || (t != null && o.op().resultType(0, ctrl) != t)) {
            return null;
        }
        int n = o.args().size();
        int[] args = new int[n];
        String sig = o.op().operandSig();
        Integer[] built = new Integer[n];
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        if (n == 2 && rnd.nextBoolean()) {
            order[0] = 1;
            order[1] = 0;
        }
        for (int k : order) {
            Type at = IrOpcode.letterType(sig.charAt(k), ctrl);
            if (at == null) {
                at = sig.charAt(k) == 'N' ? (rnd.nextBoolean() ? Type.I32 : Type.I64)
                        : (rnd.nextBoolean() ? Type.F32 : Type.F64);
            }
            built[k] = build(o.args().get(k), at);
            if (built[k] == null) {
                return null;
            }
        }
        for (int k = 0; k < n; k++) {
            args[k] = built[k];
        }
        long imm = switch (o.imm()) {
            case Expr.Imm.Fixed x -> x.value();
            case Expr.Imm.Bound x -> o.op() == IrOpcode.ICMP ? rnd.nextInt(wasm.ir.IntCC.values().length)
                    : o.op() == IrOpcode.FCMP ? rnd.nextInt(wasm.ir.FloatCC.values().length) : 0;
            case Expr.Imm.Any x -> o.op() == IrOpcode.ICMP ? rnd.nextInt(wasm.ir.IntCC.values().length)
                    : o.op() == IrOpcode.FCMP ? rnd.nextInt(wasm.ir.FloatCC.values().length) : 0;
        };
        return b.emit(o.op(), ctrl, imm, 0, args, n);
    }

    /** A random value of type {@code t}, often an edge value or a power of two (plus or minus one). */
    private long value(Type t) {
        long v = switch (rnd.nextInt(6)) {
            case 0, 1 -> EDGE[rnd.nextInt(EDGE.length)];
            case 2 -> (1L << rnd.nextInt(t.bytes() * 8)) + (rnd.nextInt(3) - 1);
            case 3 -> -(1L << rnd.nextInt(t.bytes() * 8));
            case 4 -> rnd.nextInt(200) - 100;
            default -> rnd.nextLong();
        };
        if (t.isFloat() && rnd.nextInt(3) == 0) {
            double[] special = {0.0, -0.0, 1.0, -1.0, 0.5, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 3.0e9, -2.5};
            double d = special[rnd.nextInt(special.length)];
            v = t == Type.F32 ? Float.floatToRawIntBits((float) d) : Double.doubleToRawLongBits(d);
        }
        return PureSemantics.normalize(t, v);
    }

    /** 64 bits of a vector: four 16-bit chunks, each an edge value of an 8- or 16-bit lane or random. */
    private long vectorHalf() {
        int[] edges = {0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0x8080, 0xffff, 0xfffe};
        long v = 0;
        for (int k = 0; k < 4; k++) {
            long chunk = rnd.nextBoolean() ? edges[rnd.nextInt(edges.length)] : rnd.nextInt(1 << 16);
            v |= chunk << (16 * k);
        }
        return v;
    }

    private static String evaluate(Function fn, long[] globals, long[] highs) {
        try {
            // a v128 result is two slots, low half first
            long[] r = new IrInterpreter(1_000_000).run(fn, new Globals(globals, highs), new long[0]);
            return "value " + Arrays.toString(r);
        } catch (IrTrap t) {
            return "trap " + t.getMessage();
        }
    }

    /** An environment of globals only: the rule's variables (v128 ones with their high halves). */
    private record Globals(long[] values, long[] highs) implements IrEnvironment {
        @Override
        public long globalGet(int index) {
            return values[index];
        }

        @Override
        public long memoryBytes(int memory) {
            return 0;
        }

        @Override
        public long load(int memory, long address, int bytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void store(int memory, long address, int bytes, long value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long memoryGrow(int memory, long deltaPages) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] dataSegment(int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dropData(int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void globalSet(int index, long value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long globalGetHigh(int index) {
            return highs[index];
        }

        @Override
        public void globalSetHigh(int index, long value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int tableSize(int table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long tableGet(int table, int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void tableSet(int table, int index, long ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int tableGrow(int table, long init, long delta) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long[] elemSegment(int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dropElem(int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long funcRef(int funcIndex) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean funcRefMatches(long ref, int typeIndex) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long[] call(int funcIndex, long[] args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long[] callRef(long ref, long[] args) {
            throw new UnsupportedOperationException();
        }
    }
}
