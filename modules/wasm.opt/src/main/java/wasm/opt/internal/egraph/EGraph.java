package wasm.opt.internal.egraph;

import java.util.Arrays;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.interp.PureSemantics;

/**
 * An acyclic e-graph (Cranelift's aegraph) over the pure instructions of one
 * function. Every e-value is one of
 * <ul>
 * <li>a <em>node</em>: an opcode with its type, immediates and argument e-values;</li>
 * <li>a <em>leaf</em>: an IR value computed by the side-effecting skeleton (or a block parameter);</li>
 * <li>a <em>union</em> of two older e-values that compute the same thing.</li>
 * </ul>
 * A union names an e-class as a tree of its members; arguments always name older
 * e-values, so the graph never has a cycle and never needs rebuilding (at the price
 * of equalities full saturation would find). A union-find over e-values joins the
 * classes elaboration shares.
 *
 * <p>{@link #insertPure} hash-conses a new node in a scoped value-numbering table
 * (an entry is valid while the block where its value becomes available is on the
 * dominator-tree path of the walk, {@link Scope}), then rewrites it at once with the
 * {@link RuleSet}: every right-hand side is built (and rewritten, recursively, to a
 * bounded depth) and joins the node's class. Limits, as Cranelift's: rewrite depth
 * {@value #REWRITE_DEPTH}, {@value #MATCHES} results per rewrite, {@value #CLASS_NODES}
 * nodes per class, {@value #FUEL} member visits per top-level rewrite; each hit is
 * counted in {@link EgraphStats}.
 */
public final class EGraph {
    static final byte NODE = 0, UNION = 1, LEAF = 2;
    public static final int REWRITE_DEPTH = 5;
    public static final int MATCHES = 5;
    public static final int CLASS_NODES = 5;
    public static final int FUEL = 500;

    /** Where blocks sit on the current dominator-tree path, for scoped validity. */
    public interface Scope {
        /** Whether {@code block} dominates the block being processed (is on the current path). */
        boolean onPath(int block);

        /** Depth of {@code block} in the dominator tree (entry 0). */
        int domDepth(int block);

        /** Loop depth of {@code block}. */
        int loopDepth(int block);

        /** The entry block. */
        int entry();
    }

    private final RuleSet rules;
    private final Scope scope;
    final EgraphStats stats;

    int count;
    byte[] kind;
    IrOpcode[] op;
    /** The value's type. */
    Type[] type;
    /** A node's controlling type (the instruction's {@code .type} suffix; an operand type for comparisons). */
    Type[] ctrl;
    long[] imm;
    int[] imm2;
    int[] argStart;
    int[] argCount;
    int[] argPool;
    int argPoolSize;
    /** Union: first member tree; leaf: the IR value. */
    int[] left;
    /** Union: second member tree. */
    int[] right;
    /** Node: the IR instruction it came from, -1 when a rule made it. */
    int[] origInst;
    /** The block where the e-value becomes available (deepest block among what it needs). */
    int[] avail;
    /** Members (nodes and leaves) in the union tree. */
    byte[] size;
    /** Whether the class (this union tree) has a constant member; its bits. */
    boolean[] hasConst;
    long[] constBits;
    /**
     * The opcodes of the nodes in the union tree, one bit each ({@link RuleFilter#opBit}): what
     * a rule's operand pattern is tested against before any matching.
     */
    long[] opBits;
    private int[] uf;

    // value-numbering table: open addressing over node e-values, each with the optimised e-value
    private int[] tableKey;
    private int[] tableValue;
    private int tableUsed;

    private final int rewriteDepth;
    private int depth;
    private int fuel;
    private final Matcher[] matchers = new Matcher[REWRITE_DEPTH + 1];
    private final int[] scratchArgs = new int[3];

    public EGraph(RuleSet rules, Scope scope, EgraphStats stats, int expectedValues, int rewriteDepth) {
        this.rules = rules;
        this.rewriteDepth = Math.min(rewriteDepth, REWRITE_DEPTH);
        this.scope = scope;
        this.stats = stats;
        int n = Math.max(16, expectedValues);
        kind = new byte[n];
        op = new IrOpcode[n];
        type = new Type[n];
        ctrl = new Type[n];
        imm = new long[n];
        imm2 = new int[n];
        argStart = new int[n];
        argCount = new int[n];
        argPool = new int[2 * n];
        left = new int[n];
        right = new int[n];
        origInst = new int[n];
        avail = new int[n];
        size = new byte[n];
        hasConst = new boolean[n];
        constBits = new long[n];
        opBits = new long[n];
        uf = new int[n];
        int t = Integer.highestOneBit(Math.max(16, 2 * n) - 1) << 1;
        tableKey = new int[t];
        Arrays.fill(tableKey, -1);
        tableValue = new int[t];
        for (int d = 0; d <= REWRITE_DEPTH; d++) {
            matchers[d] = new Matcher(this);
        }
    }

    public int count() {
        return count;
    }

    /** The type of the value {@code e} stands for. */
    public Type type(int e) {
        return type[e];
    }

    /** A node's controlling type. */
    public Type ctrlType(int e) {
        return ctrl[e];
    }

    public boolean isLeaf(int e) {
        return kind[e] == LEAF;
    }

    public boolean isNode(int e) {
        return kind[e] == NODE;
    }

    public boolean isUnion(int e) {
        return kind[e] == UNION;
    }

    /** A leaf's IR value. */
    public int leafValue(int e) {
        return left[e];
    }

    public int availBlock(int e) {
        return avail[e];
    }

    /** Loop depth where the e-value becomes available. */
    public int loopLevel(int e) {
        return scope.loopDepth(avail[e]);
    }

    public IrOpcode opcode(int e) {
        return op[e];
    }

    public long imm(int e) {
        return imm[e];
    }

    public int imm2(int e) {
        return imm2[e];
    }

    public int argCount(int e) {
        return argCount[e];
    }

    public int arg(int e, int k) {
        return argPool[argStart[e] + k];
    }

    public int origInst(int e) {
        return origInst[e];
    }

    public int unionLeft(int e) {
        return left[e];
    }

    public int unionRight(int e) {
        return right[e];
    }

    /** The representative of {@code e}'s e-class (union-find). */
    public int find(int e) {
        int r = e;
        while (uf[r] != r) {
            r = uf[r];
        }
        while (uf[e] != r) {
            int next = uf[e];
            uf[e] = r;
            e = next;
        }
        return r;
    }

    private int newValue(byte k, IrOpcode o, Type t, Type c) {
        if (count == kind.length) {
            grow(count * 2);
        }
        int e = count++;
        kind[e] = k;
        op[e] = o;
        type[e] = t;
        ctrl[e] = c;
        imm[e] = 0;
        imm2[e] = 0;
        argStart[e] = argPoolSize;
        argCount[e] = 0;
        left[e] = right[e] = -1;
        origInst[e] = -1;
        size[e] = 1;
        hasConst[e] = false;
        constBits[e] = 0;
        opBits[e] = k == NODE ? RuleFilter.opBit(o) : 0;
        uf[e] = e;
        return e;
    }

    private void grow(int n) {
        kind = Arrays.copyOf(kind, n);
        op = Arrays.copyOf(op, n);
        type = Arrays.copyOf(type, n);
        ctrl = Arrays.copyOf(ctrl, n);
        imm = Arrays.copyOf(imm, n);
        imm2 = Arrays.copyOf(imm2, n);
        argStart = Arrays.copyOf(argStart, n);
        argCount = Arrays.copyOf(argCount, n);
        left = Arrays.copyOf(left, n);
        right = Arrays.copyOf(right, n);
        origInst = Arrays.copyOf(origInst, n);
        avail = Arrays.copyOf(avail, n);
        size = Arrays.copyOf(size, n);
        hasConst = Arrays.copyOf(hasConst, n);
        constBits = Arrays.copyOf(constBits, n);
        opBits = Arrays.copyOf(opBits, n);
        uf = Arrays.copyOf(uf, n);
    }

    /** A leaf for IR value {@code value} of type {@code t}, defined in {@code block}. */
    public int leaf(int value, Type t, int block) {
        int e = newValue(LEAF, null, t, null);
        left[e] = value;
        avail[e] = block;
        return e;
    }

    /** Whether {@code e}'s class has a constant member; {@link #constant} gives its bits. */
    public boolean isConst(int e) {
        return hasConst[e];
    }

    /** The normalised bits of the constant in {@code e}'s class. */
    public long constant(int e) {
        return constBits[e];
    }

    // ---------------------------------------------------------------- insertion

    /**
     * Inserts a pure node of controlling type {@code t} (hash-consed, then rewritten) and returns the e-value that
     * stands for it: an existing equivalent class, the node itself, or the union of
     * the node and its rewrites.
     *
     * @param inst the IR instruction it comes from, or -1
     */
    public int insertPure(IrOpcode o, Type t, long immediate, int immediate2, int[] args, int nargs, int inst) {
        // canonical operand order: a constant to the right of a commutative operation
        if (nargs == 2 && swapsOperands(o, immediate, args[0], args[1])) {
            int a = args[0];
            args[0] = args[1];
            args[1] = a;
            if (o == IrOpcode.ICMP) {
                immediate = IntCC.byOrdinal((int) immediate).swapped().ordinal();
            }
        }
        int slot = lookup(o, t, immediate, immediate2, args, nargs);
        if (slot >= 0) {
            stats.dedupHits++;
            return tableValue[slot];
        }
        int n = newValue(NODE, o, o.resultType(0, t), t);
        imm[n] = immediate;
        imm2[n] = immediate2;
        origInst[n] = inst;
        if (argPoolSize + nargs > argPool.length) {
            argPool = Arrays.copyOf(argPool, Math.max(argPoolSize + nargs, argPool.length * 2));
        }
        argStart[n] = argPoolSize;
        argCount[n] = nargs;
        int where = scope.entry();
        for (int k = 0; k < nargs; k++) {
            int a = args[k];
            argPool[argPoolSize++] = a;
            if (scope.domDepth(avail[a]) > scope.domDepth(where)) {
                where = avail[a];
            }
        }
        avail[n] = where;
        if (o == IrOpcode.ICONST || o == IrOpcode.FCONST) {
            hasConst[n] = true;
            constBits[n] = PureSemantics.normalize(t, immediate);
        }
        stats.nodes++;
        int result = n;
        if (depth >= rewriteDepth) {
            stats.depthLimitHits++;
        } else {
            result = rewrite(n);
        }
        remember(n, result);
        return result;
    }

    /** Whether a commutative operation has its operands in the wrong canonical order. */
    private boolean swapsOperands(IrOpcode o, long immediate, int a, int b) {
        boolean commutative = switch (o) {
            case IADD, IMUL, BAND, BOR, BXOR -> true;
            case ICMP -> true; // any condition swaps (with swapped())
            default -> false;
        };
        if (!commutative) {
            return false;
        }
        if (hasConst[a] != hasConst[b]) {
            return hasConst[a];
        }
        if (o == IrOpcode.ICMP) {
            return false; // only constants move for comparisons: a swapped condition reads worse
        }
        return find(a) > find(b);
    }

    // ---------------------------------------------------------------- the value-numbering table

    private int hash(IrOpcode o, Type t, long immediate, int immediate2, int[] args, int nargs) {
        int h = o.ordinal() * 31 + (t == null ? 7 : t.ordinal());
        h = h * 31 + Long.hashCode(immediate);
        h = h * 31 + immediate2;
        for (int k = 0; k < nargs; k++) {
            h = h * 31 + find(args[k]);
        }
        return h ^ (h >>> 15) ^ (h >>> 7);
    }

    private boolean sameNode(int n, IrOpcode o, Type t, long immediate, int immediate2, int[] args, int nargs) {
        if (op[n] != o || ctrl[n] != t || imm[n] != immediate || imm2[n] != immediate2 || argCount[n] != nargs) {
            return false;
        }
        for (int k = 0; k < nargs; k++) {
            if (find(argPool[argStart[n] + k]) != find(args[k])) {
                return false;
            }
        }
        return true;
    }

    /** The slot of a valid (in scope) entry equal to the key, or -1. */
    private int lookup(IrOpcode o, Type t, long immediate, int immediate2, int[] args, int nargs) {
        int mask = tableKey.length - 1;
        int i = hash(o, t, immediate, immediate2, args, nargs) & mask;
        while (true) {
            int key = tableKey[i];
            if (key < 0) {
                return -1;
            }
            if (sameNode(key, o, t, immediate, immediate2, args, nargs) && scope.onPath(avail[tableValue[i]])) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** Records node {@code n} -> its optimised value; an entry out of scope with the same key is replaced. */
    private void remember(int n, int value) {
        if (2 * (tableUsed + 1) > tableKey.length) {
            rehash(tableKey.length * 2);
        }
        int mask = tableKey.length - 1;
        int nargs = argCount[n];
        for (int k = 0; k < nargs; k++) {
            scratchArgs[k] = argPool[argStart[n] + k];
        }
        int i = hash(op[n], ctrl[n], imm[n], imm2[n], scratchArgs, nargs) & mask;
        while (tableKey[i] >= 0) {
            int key = tableKey[i];
            if (!scope.onPath(avail[tableValue[i]])
                    && sameNode(key, op[n], ctrl[n], imm[n], imm2[n], scratchArgs, nargs)) {
                break; // a stale entry for the same key: reuse its slot
            }
            i = (i + 1) & mask;
        }
        if (tableKey[i] < 0) {
            tableUsed++;
        }
        tableKey[i] = n;
        tableValue[i] = value;
    }

    private void rehash(int newSize) {
        int[] oldKey = tableKey, oldValue = tableValue;
        tableKey = new int[newSize];
        Arrays.fill(tableKey, -1);
        tableValue = new int[newSize];
        tableUsed = 0;
        int mask = newSize - 1;
        for (int s = 0; s < oldKey.length; s++) {
            int n = oldKey[s];
            if (n < 0 || !scope.onPath(avail[oldValue[s]])) {
                continue; // out of scope for good: the walk never comes back to a block it left
            }
            int nargs = argCount[n];
            for (int k = 0; k < nargs; k++) {
                scratchArgs[k] = argPool[argStart[n] + k];
            }
            int i = hash(op[n], ctrl[n], imm[n], imm2[n], scratchArgs, nargs) & mask;
            while (tableKey[i] >= 0) {
                i = (i + 1) & mask;
            }
            tableKey[i] = n;
            tableValue[i] = oldValue[s];
            tableUsed++;
        }
    }

    // ---------------------------------------------------------------- rewriting

    private final int[][] resultsByDepth = new int[REWRITE_DEPTH + 1][MATCHES];

    /** Applies the rules to new node {@code n}; returns its class (a union, or a subsuming value). */
    private int rewrite(int n) {
        int constOperands = 0;
        for (int k = 0; k < Math.min(2, argCount[n]); k++) {
            if (hasConst[arg(n, k)]) {
                constOperands |= 1 << k;
            }
        }
        RuleSet.Candidates c = rules.candidates(op[n], constOperands);
        Rule[] candidates = c.rules();
        if (candidates.length == 0) {
            return n;
        }
        RuleFilter[] filters = c.filters();
        if (depth == 0) {
            fuel = FUEL;
        }
        int d = depth++;
        int[] results = resultsByDepth[d];
        int found = 0;
        int subsuming = -1;
        Matcher m = matchers[d];
        stats.rewriteCalls++;
        try {
            for (int r = 0; r < candidates.length; r++) {
                if (found == MATCHES) {
                    stats.matchLimitHits++;
                    break;
                }
                if (!filters[r].admits(this, n)) {
                    continue;
                }
                found = m.apply(candidates[r], n, results, found);
                if (m.subsumed >= 0) {
                    subsuming = m.subsumed;
                    break;
                }
                if (m.outOfFuel) {
                    stats.fuelLimitHits++;
                    break;
                }
            }
        } finally {
            depth--;
        }
        if (subsuming >= 0) {
            stats.subsumes++;
            stats.ruleApps++;
            return subsuming;
        }
        int u = n;
        for (int r = 0; r < found; r++) {
            int v = results[r];
            if (find(v) == find(u)) {
                continue; // rewrote to itself (or to something already in the class)
            }
            if (size[u] + size[v] > CLASS_NODES) {
                stats.classLimitHits++;
                break;
            }
            u = union(u, v);
            stats.ruleApps++;
        }
        return u;
    }

    /** A union e-value of two e-values known to be equal. */
    int union(int a, int b) {
        int u = newValue(UNION, op[a], type[a], ctrl[a]);
        left[u] = a;
        right[u] = b;
        size[u] = (byte) (size[a] + size[b]);
        opBits[u] = opBits[a] | opBits[b];
        // available where both are: the deeper block, so that extraction never picks a member
        // that needs a value unavailable where the class is used
        avail[u] = scope.domDepth(avail[a]) >= scope.domDepth(avail[b]) ? avail[a] : avail[b];
        if (hasConst[a] || hasConst[b]) {
            hasConst[u] = true;
            constBits[u] = hasConst[a] ? constBits[a] : constBits[b];
        }
        int ra = find(a), rb = find(b);
        int root = Math.min(ra, rb);
        uf[ra] = root;
        uf[rb] = root;
        uf[u] = root;
        stats.unions++;
        return u;
    }

    /** Consumes one unit of matching fuel; false when the current top-level rewrite has none left. */
    boolean burnFuel() {
        if (fuel <= 0) {
            return false;
        }
        fuel--;
        return true;
    }
}
