package wasm.opt.internal.egraph;

import java.util.Arrays;
import wasm.ir.Type;

/**
 * The bindings of one match of a rule's left side: e-classes of the variables,
 * values of the constants, immediates, and the type of the matched root. Guards
 * and computed constants read it; the matcher reuses one instance.
 */
public final class Match {
    static final int SLOTS = 6;

    final int[] classes = new int[SLOTS];
    final long[] constants = new long[SLOTS];
    /** The e-classes bound to constant slots. */
    final int[] constClasses = new int[SLOTS];
    final long[] imms = new long[SLOTS];
    /** Bit {@code s} set when variable slot {@code s} is bound (a variable may appear twice). */
    int bound;
    Type rootType;
    Type rootCtrl;
    private final EGraph graph;

    Match(EGraph graph) {
        this.graph = graph;
    }

    void reset(Type type, Type ctrl) {
        bound = 0;
        rootType = type;
        rootCtrl = ctrl;
        Arrays.fill(classes, -1);
    }

    /** The type of the matched root node's value. */
    public Type type() {
        return rootType;
    }

    /** The controlling type of the matched root node (its operands' type for a comparison). */
    public Type ctrlType() {
        return rootCtrl;
    }

    /** Bits of the root's controlling type (of its type when it has none): 32 or 64. */
    public int bits() {
        Type t = rootCtrl != null ? rootCtrl : rootType;
        return t == Type.I32 || t == Type.F32 ? 32 : 64;
    }

    /** The normalised value of constant slot {@code slot} (i32 sign-extended). */
    public long k(int slot) {
        return constants[slot];
    }

    /** Immediate slot {@code slot} (a condition code's ordinal). */
    public long imm(int slot) {
        return imms[slot];
    }

    /** The type of the constant bound to constant slot {@code slot}. */
    public Type constType(int slot) {
        return graph.type(constClasses[slot]);
    }

    /** The e-class bound to variable slot {@code slot}. */
    public int eclass(int slot) {
        return classes[slot];
    }

    /** The type of the e-class bound to variable slot {@code slot}. */
    public Type typeOf(int slot) {
        return graph.type(classes[slot]);
    }

    /** Whether the class bound to variable slot {@code slot} holds a constant. */
    public boolean isConst(int slot) {
        return graph.isConst(classes[slot]);
    }

    /** The loop depth where the class bound to {@code slot} becomes available (0 outside loops). */
    public int loopLevel(int slot) {
        return graph.loopLevel(classes[slot]);
    }
}
