package wasm.opt.internal;

import java.util.Arrays;
import wasm.ir.Function;
import wasm.ir.InstFormat;
import wasm.ir.IrOpcode;
import wasm.ir.Type;

/**
 * Store-to-load forwarding and redundant load elimination (Cranelift's "alias analysis"
 * does the same two things) within extended basic blocks.
 *
 * <p>Why: C code that builds a small array field by field and then copies it whole (salsa20's
 * state: sixteen {@code i32.store}s, then a {@code memcpy} clang inlines as eight
 * {@code i64.load}/{@code i64.store} pairs) makes each wide load read bytes that two narrow
 * stores wrote a few instructions before. The CPU cannot forward two stores into one load:
 * each such load waits for the stores to retire, some 12 cycles, and in stream's Salsa20 setup
 * those stalls were 18% of the run. The stored values are still in registers, so the load
 * becomes shifts and ors of them.
 *
 * <p>The walk keeps, per point of a block, facts "bytes {@code [offset, offset + bytes)} at
 * address value {@code a} of memory {@code m} hold the low bytes of value {@code v}", one per
 * store and one per load (a load's result holds what it read). A store removes the facts of its
 * memory that it may overwrite: those that overlap it at the same address value, and every fact
 * at another address value (which may be anything, so may alias). A call, {@code memory.grow},
 * a bulk memory operation or a lane store removes all. A load whose bytes the facts cover, all
 * at its own address value, becomes the covering values, shifted, masked and or'ed; a load
 * identical to an earlier one (opcode, type, address, offset) becomes that one's result. A
 * block with one predecessor earlier in the layout starts with that predecessor's facts at its
 * end, so a chain of single-entry blocks is one scope.
 *
 * <p>Bounds checks: the removed load's bytes were all written or read, at the same address
 * value, by accesses that dominate it and so had passed their checks; memory never shrinks,
 * so the load would not have trapped. Those accesses cover the load's end too, so every later
 * access that the load's check made redundant (in the backend, or in {@code address_fold}'s
 * {@code inbounds} marks) is still covered.
 */
public final class LoadForwarding {
    /** Facts kept per point: enough for a 64-byte structure written in i32s, a bound on the work per access. */
    private static final int MAX_FACTS = 32;
    /**
     * The largest static offset a fact holds (a 32-bit memory's): a store at a larger one (memory64)
     * drops its memory's facts, and a load at one is left alone.
     */
    private static final long MAX_OFFSET = 0xFFFF_FFFFL;

    private final Function f;
    /**
     * Address values that some fact has named so far in the walk. A load at any other address
     * value has nothing to forward, and skips the scans: most loads of a large function are at
     * an address value no earlier access used (the pass runs cold in a fresh JVM, interpreted
     * at first, so its cost per access is what it costs a first run).
     */
    private boolean[] named;
    private int removed;

    private LoadForwarding(Function f) {
        this.f = f;
        this.named = new boolean[f.valueCount()];
    }

    /** Forwards and removes the loads of {@code f} that earlier accesses make redundant; returns how many. */
    public static int run(Function f) {
        if (!hasLoads(f)) {
            return 0;
        }
        LoadForwarding lf = new LoadForwarding(f);
        lf.walk();
        return lf.removed;
    }

    private static boolean hasLoads(Function f) {
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                if (isScalarLoad(f.opcode(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Blocks in layout order. A block whose one predecessor came before it in the layout starts
     * with that predecessor's facts at its end (kept only for such successors); any other starts
     * with none. No dominator tree or reverse post-order is needed: the translator and the passes
     * lay a single-entry successor out after its predecessor in the common case, and a block
     * reached otherwise only loses facts.
     */
    private void walk() {
        int n = f.blockCount();
        int[] predCount = new int[n];
        int[] onlyPred = new int[n];
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            int term = f.terminator(b);
            for (int t = 0; term >= 0 && t < f.targetCount(term); t++) {
                int s = f.targetBlock(term, t);
                predCount[s]++;
                onlyPred[s] = b;
            }
        }
        boolean[] visited = new boolean[n];
        Facts[] atEnd = new Facts[n];
        // single-entry successors still to take a block's facts: the facts go once all have
        int[] takers = new int[n];
        Facts facts = new Facts(MAX_FACTS);
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            facts.clear();
            int pred = onlyPred[b];
            if (predCount[b] == 1 && visited[pred] && atEnd[pred] != null) {
                facts.copyFrom(atEnd[pred]);
                if (--takers[pred] == 0) {
                    atEnd[pred] = null;
                }
            }
            for (int i = f.firstInst(b); i >= 0; ) {
                int next = f.nextInst(i);
                visit(i, facts);
                i = next;
            }
            visited[b] = true;
            int waiting = singleEntrySuccessorsAfter(b, predCount, visited);
            if (facts.size > 0 && waiting > 0) {
                atEnd[b] = facts.snapshot();
                takers[b] = waiting;
            }
        }
    }

    /** The successors of {@code b} whose only predecessor it is and that the walk has yet to reach. */
    private int singleEntrySuccessorsAfter(int b, int[] predCount, boolean[] visited) {
        int term = f.terminator(b);
        int count = 0;
        for (int t = 0; term >= 0 && t < f.targetCount(term); t++) {
            int s = f.targetBlock(term, t);
            if (predCount[s] == 1 && !visited[s]) {
                count++;
            }
        }
        return count;
    }

    private void visit(int i, Facts facts) {
        IrOpcode op = f.opcode(i);
        if (isScalarLoad(op)) {
            load(i, op, facts);
        } else if (op.format() == InstFormat.STORE) {
            store(i, op, facts);
        } else if (op.isCall() || op.writesMemory() && !writesOnlyTablesOrGlobals(op)) {
            facts.clear();
        }
    }

    private static boolean isScalarLoad(IrOpcode op) {
        return switch (op) {
            case LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32 -> true;
            default -> false;
        };
    }

    private static boolean writesOnlyTablesOrGlobals(IrOpcode op) {
        return switch (op) {
            case GLOBAL_SET, TABLE_SET, TABLE_GROW, TABLE_FILL, TABLE_COPY, TABLE_INIT -> true;
            default -> false;
        };
    }

    private void store(int i, IrOpcode op, Facts facts) {
        int memory = f.memoryOf(i);
        long offset = f.imm(i);
        if (offset < 0 || offset > MAX_OFFSET) {
            facts.clearMemory(memory);
            return;
        }
        int address = f.resolve(f.arg(i, 1));
        int bytes = op.accessBytes(f.ctrlType(i));
        facts.killForStore(memory, address, offset, bytes);
        facts.add(memory, address, offset, bytes, f.resolve(f.arg(i, 0)), null, null);
        name(address);
    }

    private void load(int i, IrOpcode op, Facts facts) {
        int memory = f.memoryOf(i);
        long offset = f.imm(i);
        if (offset < 0 || offset > MAX_OFFSET) {
            return;
        }
        Type type = f.ctrlType(i);
        int address = f.resolve(f.arg(i, 0));
        int bytes = op.accessBytes(type);
        int result = f.result(i, 0);
        if (address < named.length && named[address]) {
            int same = facts.sameLoad(memory, address, offset, op, type);
            int value = same >= 0 ? facts.value[same] : forward(i, op, type, memory, address, offset, bytes, facts);
            if (value >= 0) {
                f.replaceAllUses(result, value);
                f.removeInst(i);
                removed++;
                return;
            }
        }
        facts.add(memory, address, offset, bytes, result, op, type);
        name(address);
    }

    /** Notes that a fact names {@code address} (a value this pass made, a forwarded load's, may be past the array). */
    private void name(int address) {
        if (address >= named.length) {
            named = Arrays.copyOf(named, Math.max(address + 1, 2 * named.length));
        }
        named[address] = true;
    }

    /**
     * The value load {@code i} reads, made of the facts that cover its bytes, with instructions
     * inserted before it; -1 (nothing inserted) when the facts do not cover it or hold a vector
     * where the load wants part of one.
     */
    private int forward(int i, IrOpcode op, Type type, int memory, int address, long offset, int bytes, Facts facts) {
        // Pieces: the fact that covers each next byte, the most recent first.
        int[] piece = new int[8];
        int pieces = 0;
        for (long p = offset; p < offset + bytes; ) {
            int k = facts.covering(memory, address, p);
            if (k < 0 || pieces == piece.length) {
                return -1;
            }
            piece[pieces++] = k;
            p = facts.offset[k] + facts.bytes[k];
        }
        if (pieces == 1) {
            int k = piece[0];
            int v = facts.value[k];
            if (op == IrOpcode.LOAD && facts.offset[k] == offset && facts.bytes[k] == bytes && f.valueType(v) == type) {
                return v; // the same bytes as the same type: the value itself
            }
        }
        if (type == Type.V128) {
            return -1;
        }
        for (int n = 0; n < pieces; n++) {
            Type t = f.valueType(facts.value[piece[n]]);
            if (!t.isInt() && !t.isFloat()) {
                return -1; // part of a vector: not worth the lane extraction
            }
        }
        Type work = type.isFloat() ? type.bitcastPartner() : type; // the integer the bytes are assembled in
        int acc = -1;
        long p = offset;
        for (int n = 0; n < pieces; n++) {
            int k = piece[n];
            long end = Math.min(offset + bytes, facts.offset[k] + facts.bytes[k]);
            int part = extract(i, facts.value[k], (int) (p - facts.offset[k]), (int) (end - p), work);
            if (p > offset) {
                part = emit(i, IrOpcode.ISHL, work, part, constant(i, work, 8 * (p - offset)));
            }
            acc = acc < 0 ? part : emit(i, IrOpcode.BOR, work, acc, part);
            p = end;
        }
        if (op.isSignedLoad()) {
            IrOpcode ext = switch (bytes) {
                case 1 -> IrOpcode.SEXTEND8;
                case 2 -> IrOpcode.SEXTEND16;
                default -> IrOpcode.SEXTEND32;
            };
            acc = emit(i, ext, work, acc);
        }
        if (type.isFloat()) {
            acc = emit(i, IrOpcode.BITCAST, type, acc);
        }
        return acc;
    }

    /**
     * Bytes {@code [skip, skip + take)} (little-endian) of {@code v}, zero-extended to type
     * {@code work}, with instructions inserted before {@code before}.
     */
    private int extract(int before, int v, int skip, int take, Type work) {
        Type t = f.valueType(v);
        if (t.isFloat()) {
            t = t.bitcastPartner();
            v = emit(before, IrOpcode.BITCAST, t, v);
        }
        int meaningful = 8 * (t.bytes() - skip); // bits of v above the skipped ones, zeros above after the shift
        if (skip > 0) {
            v = emit(before, IrOpcode.USHR, t, v, constant(before, t, 8L * skip));
        }
        if (t == Type.I64 && work == Type.I32) {
            v = emit(before, IrOpcode.IREDUCE, Type.I32, v);
            meaningful = Math.min(meaningful, 32);
        } else if (t == Type.I32 && work == Type.I64) {
            v = emit(before, IrOpcode.UEXTEND, Type.I64, v);
        }
        if (meaningful > 8 * take) {
            v = emit(before, IrOpcode.BAND, work, v, constant(before, work, (1L << (8 * take)) - 1));
        }
        return v;
    }

    private int constant(int before, Type t, long bits) {
        int c = f.makeInst(IrOpcode.ICONST, t, ConstEval.normalize(t, bits), 0, new int[0], 0);
        f.insertInstBefore(c, before);
        return f.addResult(c, t);
    }

    /**
     * A new instruction before {@code before}, folded into a constant when its operands are
     * constants: the pass runs after the e-graph, and a stored constant (salsa20's "expand
     * 32-byte k" words) would otherwise be extended and shifted again on every iteration.
     */
    private int emit(int before, IrOpcode op, Type t, int... args) {
        int inst = f.makeInst(op, t, 0, 0, args, args.length);
        f.insertInstBefore(inst, before);
        int v = f.addResult(inst, t);
        long[] k = new long[3];
        for (int n = 0; n < args.length; n++) {
            int d = f.valueInst(f.resolve(args[n]));
            if (d < 0 || f.opcode(d) != IrOpcode.ICONST) {
                return v;
            }
            k[n] = f.imm(d);
        }
        ConstEval.Result r = ConstEval.eval(f, inst, k[0], k[1], k[2]);
        if (r.folded()) {
            f.replaceWithConst(inst, r.bits());
        }
        return v;
    }

    /** The facts at one point, oldest first (at most {@link #MAX_FACTS}: adding past that drops the older half). */
    private static final class Facts {
        int size;
        final int[] memory;
        final int[] address;
        final long[] offset;
        final int[] bytes;
        final int[] value;
        /** For a load's fact: its opcode and type (an identical load reuses the result), else null. */
        final IrOpcode[] loadOp;
        final Type[] loadType;

        Facts(int capacity) {
            memory = new int[capacity];
            address = new int[capacity];
            offset = new long[capacity];
            bytes = new int[capacity];
            value = new int[capacity];
            loadOp = new IrOpcode[capacity];
            loadType = new Type[capacity];
        }

        /** A copy just large enough for these facts, kept for a block's single-entry successors. */
        Facts snapshot() {
            Facts copy = new Facts(size);
            copy.copyFrom(this);
            return copy;
        }

        void copyFrom(Facts o) {
            size = o.size;
            System.arraycopy(o.memory, 0, memory, 0, size);
            System.arraycopy(o.address, 0, address, 0, size);
            System.arraycopy(o.offset, 0, offset, 0, size);
            System.arraycopy(o.bytes, 0, bytes, 0, size);
            System.arraycopy(o.value, 0, value, 0, size);
            System.arraycopy(o.loadOp, 0, loadOp, 0, size);
            System.arraycopy(o.loadType, 0, loadType, 0, size);
        }

        void clear() {
            Arrays.fill(loadOp, 0, size, null);
            Arrays.fill(loadType, 0, size, null);
            size = 0;
        }

        void add(int m, int a, long off, int n, int v, IrOpcode op, Type t) {
            if (size == memory.length) {
                dropOldestHalf();
            }
            memory[size] = m;
            address[size] = a;
            offset[size] = off;
            bytes[size] = n;
            value[size] = v;
            loadOp[size] = op;
            loadType[size] = t;
            size++;
        }

        /** Drops what a store of {@code n} bytes at {@code a + off} in memory {@code m} may overwrite. */
        void killForStore(int m, int a, long off, int n) {
            int kept = 0;
            for (int k = 0; k < size; k++) {
                boolean survives = memory[k] != m
                        || address[k] == a && (offset[k] + bytes[k] <= off || off + n <= offset[k]);
                if (survives) {
                    move(k, kept++);
                }
            }
            truncate(kept);
        }

        void clearMemory(int m) {
            int kept = 0;
            for (int k = 0; k < size; k++) {
                if (memory[k] != m) {
                    move(k, kept++);
                }
            }
            truncate(kept);
        }

        /** The most recent fact at {@code a} in memory {@code m} that holds byte {@code p}, or -1. */
        int covering(int m, int a, long p) {
            for (int k = size - 1; k >= 0; k--) {
                if (memory[k] == m && address[k] == a && offset[k] <= p && p < offset[k] + bytes[k]) {
                    return k;
                }
            }
            return -1;
        }

        /** The most recent load fact identical to a load of {@code op} and {@code t} at {@code a + off}, or -1. */
        int sameLoad(int m, int a, long off, IrOpcode op, Type t) {
            for (int k = size - 1; k >= 0; k--) {
                if (loadOp[k] == op && loadType[k] == t && memory[k] == m && address[k] == a && offset[k] == off) {
                    return k;
                }
            }
            return -1;
        }

        /** Makes room by forgetting the older half at once, so that adding stays cheap when full. */
        private void dropOldestHalf() {
            int drop = size / 2;
            for (int k = drop; k < size; k++) {
                move(k, k - drop);
            }
            truncate(size - drop);
        }

        private void move(int from, int to) {
            if (from != to) {
                memory[to] = memory[from];
                address[to] = address[from];
                offset[to] = offset[from];
                bytes[to] = bytes[from];
                value[to] = value[from];
                loadOp[to] = loadOp[from];
                loadType[to] = loadType[from];
            }
        }

        private void truncate(int n) {
            Arrays.fill(loadOp, n, size, null);
            Arrays.fill(loadType, n, size, null);
            size = n;
        }
    }
}
