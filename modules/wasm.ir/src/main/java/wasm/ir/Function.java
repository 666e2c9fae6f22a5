package wasm.ir;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One IR function: dense tables of values, instructions and blocks addressed by
 * {@code int} handles, plus a layout (block order, instruction order inside each
 * block) kept apart from the data flow so passes can move pure instructions.
 *
 * <p>Conventions:
 * <ul>
 * <li>The entry block is the first block in layout. Its parameters are
 *     {@code vmctx: i64} followed by the Wasm parameters of {@link #signature()}.
 *     Calls pass vmctx implicitly.</li>
 * <li>A value is a block parameter, an instruction result, or an alias of
 *     another value ({@link #replaceAllUses}). Reading an operand through
 *     {@link #arg} or {@link #targetArg} resolves aliases.</li>
 * <li>Branch instructions have targets; each target is a block and its own
 *     argument list (one per target block parameter).</li>
 * </ul>
 * An instance is reusable: {@link #clear()} keeps the arrays for the next function.
 */
public final class Function {
    private static final int KIND_UNUSED = 0, KIND_RESULT = 1, KIND_PARAM = 2, KIND_ALIAS = 3;

    private String name = "f";
    private Signature signature = new Signature(java.util.List.of(), java.util.List.of());
    private final TreeMap<Integer, Signature> calleeSignatures = new TreeMap<>();
    private final TreeMap<Integer, Signature> typeSignatures = new TreeMap<>();

    // values
    private int valueCount;
    private Type[] valueType = new Type[64];
    private byte[] valueKind = new byte[64];
    private int[] valueDef = new int[64];
    private int[] valueNum = new int[64];

    // instructions
    private int instCount;
    private IrOpcode[] instOp = new IrOpcode[64];
    private Type[] instType = new Type[64];
    private long[] instImm = new long[64];
    private int[] instImm2 = new int[64];
    private int[] instArgStart = new int[64];
    private int[] instArgCount = new int[64];
    private int[] instResultStart = new int[64];
    private int[] instResultCount = new int[64];
    private int[] instTargetStart = new int[64];
    private int[] instTargetCount = new int[64];
    private int[] instPrev = new int[64];
    private int[] instNext = new int[64];
    private int[] instBlock = new int[64];

    // targets of branches
    private int targetCount;
    private int[] targetBlock = new int[32];
    private int[] targetArgStart = new int[32];
    private int[] targetArgCount = new int[32];

    // blocks
    private int blockCount;
    private int[] blockParamStart = new int[16];
    private int[] blockParamCount = new int[16];
    private int[] blockFirst = new int[16];
    private int[] blockLast = new int[16];
    private int[] blockPrev = new int[16];
    private int[] blockNext = new int[16];
    private boolean[] blockInLayout = new boolean[16];
    /** The function whose body a block was inlined from (-1: this function's own). */
    private int[] blockOrigin = new int[16];
    /** Instructions attached to each block (in layout or not), kept by the instruction layout operations. */
    private int[] blockInstCount = new int[16];
    private int firstBlock = -1, lastBlock = -1;
    /**
     * Instructions in the layout (attached to a block that is in the layout), kept live by every
     * layout operation so {@link #layoutInstCount()} is O(1): the pass driver reads it around every pass.
     */
    private int layoutInsts;

    // pools
    private int[] argPool = new int[256];
    private int argPoolSize;
    private int[] resultPool = new int[64];
    private int resultPoolSize;
    private int[] paramPool = new int[64];
    private int paramPoolSize;

    public Function() {
    }

    /** Forgets everything, keeping the storage for the next function. */
    public void clear() {
        name = "f";
        signature = new Signature(java.util.List.of(), java.util.List.of());
        calleeSignatures.clear();
        typeSignatures.clear();
        valueCount = instCount = targetCount = blockCount = 0;
        argPoolSize = resultPoolSize = paramPoolSize = 0;
        firstBlock = lastBlock = -1;
        layoutInsts = 0;
    }

    // ---------------------------------------------------------------- header

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Signature signature() {
        return signature;
    }

    public void setSignature(Signature signature) {
        this.signature = signature;
    }

    /** Declares the signature of function {@code funcIndex}, the target of {@code call}. */
    public void declareCallee(int funcIndex, Signature sig) {
        calleeSignatures.put(funcIndex, sig);
    }

    public Signature calleeSignature(int funcIndex) {
        return calleeSignatures.get(funcIndex);
    }

    /** Declares type {@code typeIndex}, used by {@code call_indirect}. */
    public void declareType(int typeIndex, Signature sig) {
        typeSignatures.put(typeIndex, sig);
    }

    public Signature typeSignature(int typeIndex) {
        return typeSignatures.get(typeIndex);
    }

    /** Declared callees, sorted by function index. */
    public Map<Integer, Signature> calleeSignatures() {
        return java.util.Collections.unmodifiableMap(calleeSignatures);
    }

    /** Declared types, sorted by type index. */
    public Map<Integer, Signature> typeSignatures() {
        return java.util.Collections.unmodifiableMap(typeSignatures);
    }

    // ---------------------------------------------------------------- values

    /** Number of value handles ever created (handles are {@code 0..valueCount()-1}). */
    public int valueCount() {
        return valueCount;
    }

    private int newValue(Type type, int kind, int def, int num) {
        if (valueCount == valueType.length) {
            int n = valueCount * 2;
            valueType = Arrays.copyOf(valueType, n);
            valueKind = Arrays.copyOf(valueKind, n);
            valueDef = Arrays.copyOf(valueDef, n);
            valueNum = Arrays.copyOf(valueNum, n);
        }
        int v = valueCount++;
        valueType[v] = type;
        valueKind[v] = (byte) kind;
        valueDef[v] = def;
        valueNum[v] = num;
        return v;
    }

    public Type valueType(int v) {
        return valueType[resolve(v)];
    }

    /** Follows aliases to the value that is actually defined. */
    public int resolve(int v) {
        int r = v;
        int guard = 0;
        while (valueKind[r] == KIND_ALIAS) {
            r = valueDef[r];
            if (++guard > valueCount) {
                throw new IllegalStateException("alias cycle at v" + v);
            }
        }
        // path compression keeps repeated reads O(1)
        while (valueKind[v] == KIND_ALIAS && valueDef[v] != r) {
            int next = valueDef[v];
            valueDef[v] = r;
            v = next;
        }
        return r;
    }

    public boolean isAlias(int v) {
        return valueKind[v] == KIND_ALIAS;
    }

    public boolean isBlockParam(int v) {
        return valueKind[v] == KIND_PARAM;
    }

    public boolean isInstResult(int v) {
        return valueKind[v] == KIND_RESULT;
    }

    /** True for handles that exist but are defined by nothing (gaps left by the parser). */
    public boolean isUnused(int v) {
        return valueKind[v] == KIND_UNUSED;
    }

    /** The instruction defining {@code v} (after alias resolution), or -1 when it is a block parameter. */
    public int valueInst(int v) {
        v = resolve(v);
        return valueKind[v] == KIND_RESULT ? valueDef[v] : -1;
    }

    /** The block whose parameter {@code v} is (after alias resolution), or -1. */
    public int valueParamBlock(int v) {
        v = resolve(v);
        return valueKind[v] == KIND_PARAM ? valueDef[v] : -1;
    }

    /** The block where {@code v} is defined (param block, or the defining instruction's block; -1 if not in layout). */
    public int valueBlock(int v) {
        v = resolve(v);
        return valueKind[v] == KIND_PARAM ? valueDef[v] : valueKind[v] == KIND_RESULT ? instBlock[valueDef[v]] : -1;
    }

    /** Result index or parameter index of {@code v}. */
    public int valueIndex(int v) {
        return valueNum[resolve(v)];
    }

    /**
     * Makes every use of {@code from} read {@code to} instead (an alias). The
     * instruction or parameter that defined {@code from} is left in place, now
     * with no uses; remove a block parameter with {@link #removeBlockParam}.
     */
    public void replaceAllUses(int from, int to) {
        to = resolve(to);
        if (from == to) {
            return;
        }
        if (valueKind[from] == KIND_RESULT) {
            // keep the defining instruction's result list intact: give it a fresh, unused value
            int inst = valueDef[from];
            int fresh = newValue(valueType[from], KIND_RESULT, inst, valueNum[from]);
            resultPool[instResultStart[inst] + valueNum[from]] = fresh;
        } else if (valueKind[from] == KIND_PARAM) {
            int block = valueDef[from];
            int fresh = newValue(valueType[from], KIND_PARAM, block, valueNum[from]);
            paramPool[blockParamStart[block] + valueNum[from]] = fresh;
        }
        valueKind[from] = KIND_ALIAS;
        valueDef[from] = to;
    }

    /** Rewrites every operand and branch argument to its resolved value, so aliases can be forgotten. */
    public void resolveAllAliases() {
        for (int i = 0; i < argPoolSize; i++) {
            if (argPool[i] >= 0) {
                argPool[i] = resolve(argPool[i]);
            }
        }
    }

    // ---------------------------------------------------------------- blocks

    public int blockCount() {
        return blockCount;
    }

    /** A new block, not yet in the layout. */
    public int makeBlock() {
        if (blockCount == blockFirst.length) {
            int n = blockCount * 2;
            blockParamStart = Arrays.copyOf(blockParamStart, n);
            blockParamCount = Arrays.copyOf(blockParamCount, n);
            blockFirst = Arrays.copyOf(blockFirst, n);
            blockLast = Arrays.copyOf(blockLast, n);
            blockPrev = Arrays.copyOf(blockPrev, n);
            blockNext = Arrays.copyOf(blockNext, n);
            blockInLayout = Arrays.copyOf(blockInLayout, n);
            blockInstCount = Arrays.copyOf(blockInstCount, n);
            blockOrigin = Arrays.copyOf(blockOrigin, n);
        }
        int b = blockCount++;
        blockOrigin[b] = -1;
        blockParamStart[b] = paramPoolSize;
        blockParamCount[b] = 0;
        blockFirst[b] = blockLast[b] = -1;
        blockPrev[b] = blockNext[b] = -1;
        blockInLayout[b] = false;
        blockInstCount[b] = 0;
        return b;
    }

    /** Makes blocks until handle {@code b} exists (for the parser, which keeps printed numbers). */
    public void ensureBlock(int b) {
        while (blockCount <= b) {
            makeBlock();
        }
    }

    public int blockParamCount(int b) {
        return blockParamCount[b];
    }

    /**
     * The index of the function whose code block {@code b} was inlined from, or -1 for this
     * function's own code: what a trap site or {@code explore} reports as the block's function.
     */
    public int blockOrigin(int b) {
        return blockOrigin[b];
    }

    public void setBlockOrigin(int b, int funcIndex) {
        blockOrigin[b] = funcIndex;
    }

    public int blockParam(int b, int i) {
        return paramPool[blockParamStart[b] + i];
    }

    /** Appends a parameter of type {@code t} to block {@code b}; returns the new value. */
    public int appendBlockParam(int b, Type t) {
        int v = newValue(t, KIND_PARAM, b, blockParamCount[b]);
        appendParamSlot(b, v);
        return v;
    }

    /** Appends parameter value handle {@code v} (must be unused) to block {@code b} with type {@code t}. */
    public void defineBlockParam(int b, int v, Type t) {
        ensureValue(v);
        if (valueKind[v] != KIND_UNUSED) {
            throw new IllegalArgumentException("v" + v + " is already defined");
        }
        valueType[v] = t;
        valueKind[v] = KIND_PARAM;
        valueDef[v] = b;
        valueNum[v] = blockParamCount[b];
        appendParamSlot(b, v);
    }

    private void appendParamSlot(int b, int v) {
        int start = blockParamStart[b], count = blockParamCount[b];
        if (start + count != paramPoolSize) {
            // not at the end of the pool: move the list there
            ensureParamPool(paramPoolSize + count + 1);
            System.arraycopy(paramPool, start, paramPool, paramPoolSize, count);
            start = paramPoolSize;
            blockParamStart[b] = start;
            paramPoolSize += count;
        }
        ensureParamPool(paramPoolSize + 1);
        paramPool[paramPoolSize++] = v;
        blockParamCount[b] = count + 1;
    }

    private void ensureParamPool(int n) {
        if (n > paramPool.length) {
            paramPool = Arrays.copyOf(paramPool, Math.max(n, paramPool.length * 2));
        }
    }

    /**
     * Removes parameter {@code i} of block {@code b}. The caller removes the
     * matching argument from every branch to {@code b} and redirects the
     * parameter's uses ({@link #replaceAllUses}) first.
     */
    public void removeBlockParam(int b, int i) {
        int start = blockParamStart[b], count = blockParamCount[b];
        int v = paramPool[start + i];
        if (valueKind[v] == KIND_PARAM) {
            valueKind[v] = KIND_UNUSED;
        }
        System.arraycopy(paramPool, start + i + 1, paramPool, start + i, count - i - 1);
        blockParamCount[b] = count - 1;
        for (int k = i; k < count - 1; k++) {
            valueNum[paramPool[start + k]] = k;
        }
    }

    // ---------------------------------------------------------------- block layout

    public int firstBlock() {
        return firstBlock;
    }

    public int lastBlock() {
        return lastBlock;
    }

    public int nextBlock(int b) {
        return blockNext[b];
    }

    public int prevBlock(int b) {
        return blockPrev[b];
    }

    public boolean isBlockInLayout(int b) {
        return blockInLayout[b];
    }

    /** The entry block: the first in layout. */
    public int entryBlock() {
        return firstBlock;
    }

    public void appendBlock(int b) {
        blockPrev[b] = lastBlock;
        blockNext[b] = -1;
        if (lastBlock >= 0) {
            blockNext[lastBlock] = b;
        } else {
            firstBlock = b;
        }
        lastBlock = b;
        enterLayout(b);
    }

    /** Inserts {@code b} right after {@code after} in layout. */
    public void insertBlockAfter(int b, int after) {
        int next = blockNext[after];
        blockPrev[b] = after;
        blockNext[b] = next;
        blockNext[after] = b;
        if (next >= 0) {
            blockPrev[next] = b;
        } else {
            lastBlock = b;
        }
        enterLayout(b);
    }

    private void enterLayout(int b) {
        if (!blockInLayout[b]) {
            layoutInsts += blockInstCount[b];
            blockInLayout[b] = true;
        }
    }

    /** Takes {@code b} out of the layout (its instructions stay attached to it). */
    public void removeBlock(int b) {
        int p = blockPrev[b], n = blockNext[b];
        if (p >= 0) {
            blockNext[p] = n;
        } else {
            firstBlock = n;
        }
        if (n >= 0) {
            blockPrev[n] = p;
        } else {
            lastBlock = p;
        }
        blockPrev[b] = blockNext[b] = -1;
        if (blockInLayout[b]) {
            layoutInsts -= blockInstCount[b];
            blockInLayout[b] = false;
        }
    }

    // ---------------------------------------------------------------- instructions

    public int instCount() {
        return instCount;
    }

    /**
     * Instructions currently in the layout (the metric {@code ir_insts}): those attached to a
     * block that is in the block layout. O(1), kept live by the layout operations;
     * {@link #walkLayoutInstCount()} computes the same number by walking the layout.
     */
    public int layoutInstCount() {
        return layoutInsts;
    }

    /** {@link #layoutInstCount()} computed by walking the layout (O(n)), to check the live count in tests and verifying pipelines. */
    public int walkLayoutInstCount() {
        int n = 0;
        for (int b = firstBlock; b >= 0; b = blockNext[b]) {
            for (int i = blockFirst[b]; i >= 0; i = instNext[i]) {
                n++;
            }
        }
        return n;
    }

    /**
     * A new instruction, not in the layout, with operands {@code args[0..nargs)}
     * and no results or targets yet. {@code ctrl} may be null when the opcode has
     * no controlling type.
     */
    public int makeInst(IrOpcode op, Type ctrl, long imm, int imm2, int[] args, int nargs) {
        return makeInst(op, ctrl, imm, imm2, args, 0, nargs);
    }

    /** As {@link #makeInst(IrOpcode, Type, long, int, int[], int)} with operands {@code args[from..from+nargs)}. */
    public int makeInst(IrOpcode op, Type ctrl, long imm, int imm2, int[] args, int from, int nargs) {
        if (instCount == instOp.length) {
            int n = instCount * 2;
            instOp = Arrays.copyOf(instOp, n);
            instType = Arrays.copyOf(instType, n);
            instImm = Arrays.copyOf(instImm, n);
            instImm2 = Arrays.copyOf(instImm2, n);
            instArgStart = Arrays.copyOf(instArgStart, n);
            instArgCount = Arrays.copyOf(instArgCount, n);
            instResultStart = Arrays.copyOf(instResultStart, n);
            instResultCount = Arrays.copyOf(instResultCount, n);
            instTargetStart = Arrays.copyOf(instTargetStart, n);
            instTargetCount = Arrays.copyOf(instTargetCount, n);
            instPrev = Arrays.copyOf(instPrev, n);
            instNext = Arrays.copyOf(instNext, n);
            instBlock = Arrays.copyOf(instBlock, n);
        }
        int i = instCount++;
        instOp[i] = op;
        instType[i] = ctrl;
        instImm[i] = imm;
        instImm2[i] = imm2;
        ensureArgPool(argPoolSize + nargs);
        instArgStart[i] = argPoolSize;
        instArgCount[i] = nargs;
        System.arraycopy(args, from, argPool, argPoolSize, nargs);
        argPoolSize += nargs;
        instResultStart[i] = resultPoolSize;
        instResultCount[i] = 0;
        instTargetStart[i] = targetCount;
        instTargetCount[i] = 0;
        instPrev[i] = instNext[i] = instBlock[i] = -1;
        return i;
    }

    private void ensureArgPool(int n) {
        if (n > argPool.length) {
            argPool = Arrays.copyOf(argPool, Math.max(n, argPool.length * 2));
        }
    }

    /** Adds a result of type {@code t} to {@code inst} (results must be added right after makeInst). */
    public int addResult(int inst, Type t) {
        int k = instResultCount[inst];
        int v = newValue(t, KIND_RESULT, inst, k);
        attachResult(inst, v);
        return v;
    }

    /** Adds value handle {@code v} (unused) as the next result of {@code inst} (for the parser). */
    public void defineResult(int inst, int v, Type t) {
        ensureValue(v);
        if (valueKind[v] != KIND_UNUSED) {
            throw new IllegalArgumentException("v" + v + " is already defined");
        }
        valueType[v] = t;
        valueKind[v] = KIND_RESULT;
        valueDef[v] = inst;
        valueNum[v] = instResultCount[inst];
        attachResult(inst, v);
    }

    private void attachResult(int inst, int v) {
        int start = instResultStart[inst], count = instResultCount[inst];
        if (start + count != resultPoolSize) {
            if (resultPool.length < resultPoolSize + count + 1) {
                resultPool = Arrays.copyOf(resultPool, Math.max(resultPoolSize + count + 1, resultPool.length * 2));
            }
            System.arraycopy(resultPool, start, resultPool, resultPoolSize, count);
            instResultStart[inst] = start = resultPoolSize;
            resultPoolSize += count;
        }
        if (resultPool.length < resultPoolSize + 1) {
            resultPool = Arrays.copyOf(resultPool, resultPool.length * 2);
        }
        resultPool[resultPoolSize++] = v;
        instResultCount[inst] = count + 1;
    }

    /** Makes handles up to {@code v} exist (as unused values). */
    public void ensureValue(int v) {
        while (valueCount <= v) {
            newValue(Type.I32, KIND_UNUSED, -1, 0);
        }
    }

    /**
     * Adds a branch target to {@code inst} (targets must be added right after
     * makeInst, in order): block {@code block} with arguments {@code args[0..n)}.
     */
    public int addTarget(int inst, int block, int[] args, int n) {
        if (targetCount == targetBlock.length) {
            int m = targetCount * 2;
            targetBlock = Arrays.copyOf(targetBlock, m);
            targetArgStart = Arrays.copyOf(targetArgStart, m);
            targetArgCount = Arrays.copyOf(targetArgCount, m);
        }
        if (instTargetStart[inst] + instTargetCount[inst] != targetCount) {
            throw new IllegalStateException("targets of inst" + inst + " must be added contiguously");
        }
        int t = targetCount++;
        targetBlock[t] = block;
        ensureArgPool(argPoolSize + n);
        targetArgStart[t] = argPoolSize;
        targetArgCount[t] = n;
        System.arraycopy(args, 0, argPool, argPoolSize, n);
        argPoolSize += n;
        instTargetCount[inst]++;
        return instTargetCount[inst] - 1;
    }

    public IrOpcode opcode(int inst) {
        return instOp[inst];
    }

    /** The controlling type (the {@code .i32} suffix), or null. */
    public Type ctrlType(int inst) {
        return instType[inst];
    }

    public long imm(int inst) {
        return instImm[inst];
    }

    public int imm2(int inst) {
        return instImm2[inst];
    }

    public void setImm(int inst, long imm) {
        instImm[inst] = imm;
    }

    /**
     * The {@code imm2} flag of a load or store whose bounds a check before its loop
     * already established (loop versioning): it needs no check of its own. The IR
     * interpreter treats such an access out of bounds as a compiler bug, not a trap.
     * A load's or store's {@code imm2} packs this flag in bit 0 and its memory index
     * above it ({@link #accessImm2}, {@link #memoryOf}).
     */
    public static final int IN_BOUNDS = 1;

    /** The {@code imm2} of a load or store of {@code memory}, with or without {@link #IN_BOUNDS}. */
    public static int accessImm2(int memory, boolean inBounds) {
        return memory << 1 | (inBounds ? IN_BOUNDS : 0);
    }

    /** Bits of a lane load's or store's {@code imm2} that hold the lane (a v128 has at most 16). */
    private static final int LANE_BITS = 4;

    /** The {@code imm2} of a lane load or store ({@code vload_lane}, {@code vstore_lane}): memory above the lane. */
    public static int laneAccessImm2(int memory, int lane) {
        if (lane < 0 || lane >= 1 << LANE_BITS) {
            throw new IllegalArgumentException("lane " + lane + " is not 0..15");
        }
        return memory << LANE_BITS | lane;
    }

    /** The lane of lane load or store {@code inst}. */
    public int laneOf(int inst) {
        return instImm2[inst] & ((1 << LANE_BITS) - 1);
    }

    /**
     * The memory index of a memory instruction: above the {@link #IN_BOUNDS} bit for a load or
     * store, above the lane for a lane load or store ({@link #laneAccessImm2}), {@code imm2} itself
     * for the other formats that name one memory in {@code imm2}.
     */
    public int memoryOf(int inst) {
        return switch (instOp[inst].format()) {
            case LOAD, STORE -> instImm2[inst] >>> 1;
            case LOAD_LANE, STORE_LANE -> instImm2[inst] >>> LANE_BITS;
            default -> instImm2[inst];
        };
    }

    /** Whether load or store {@code inst} carries {@link #IN_BOUNDS}. */
    public boolean isInBounds(int inst) {
        InstFormat fmt = instOp[inst].format();
        return (fmt == InstFormat.LOAD || fmt == InstFormat.STORE) && (instImm2[inst] & IN_BOUNDS) != 0;
    }

    /** Marks load or store {@code inst} as checked before its loop ({@link #IN_BOUNDS}). */
    public void setInBounds(int inst, boolean on) {
        InstFormat fmt = instOp[inst].format();
        if (fmt != InstFormat.LOAD && fmt != InstFormat.STORE) {
            throw new IllegalArgumentException(instOp[inst].text() + " is not a memory access");
        }
        instImm2[inst] = on ? instImm2[inst] | IN_BOUNDS : instImm2[inst] & ~IN_BOUNDS;
    }

    /** Turns {@code inst} into another opcode with the same operand slots (e.g. a folded constant: use {@link #replaceWithConst}). */
    public void setOpcode(int inst, IrOpcode op, Type ctrl) {
        instOp[inst] = op;
        instType[inst] = ctrl;
    }

    /**
     * Rewrites {@code inst} in place into a constant ({@code iconst}/{@code fconst})
     * of its result type, keeping its result value so uses need no change.
     */
    public void replaceWithConst(int inst, long bits) {
        Type t = valueType[resultPool[instResultStart[inst]]];
        instOp[inst] = t.isInt() ? IrOpcode.ICONST : IrOpcode.FCONST;
        instType[inst] = t;
        instImm[inst] = bits;
        instArgCount[inst] = 0;
        instTargetCount[inst] = 0;
    }

    public int argCount(int inst) {
        return instArgCount[inst];
    }

    /** Operand {@code k} of {@code inst}, aliases resolved. */
    public int arg(int inst, int k) {
        return resolve(argPool[instArgStart[inst] + k]);
    }

    public void setArg(int inst, int k, int v) {
        argPool[instArgStart[inst] + k] = v;
    }

    public int resultCount(int inst) {
        return instResultCount[inst];
    }

    public int result(int inst, int k) {
        return resultPool[instResultStart[inst] + k];
    }

    /** The first result, or -1 when the instruction has none. */
    public int firstResult(int inst) {
        return instResultCount[inst] == 0 ? -1 : resultPool[instResultStart[inst]];
    }

    public int targetCount(int inst) {
        return instTargetCount[inst];
    }

    public int targetBlock(int inst, int t) {
        return targetBlock[instTargetStart[inst] + t];
    }

    public void setTargetBlock(int inst, int t, int block) {
        targetBlock[instTargetStart[inst] + t] = block;
    }

    public int targetArgCount(int inst, int t) {
        return targetArgCount[instTargetStart[inst] + t];
    }

    /** Argument {@code k} passed to the target block, aliases resolved. */
    public int targetArg(int inst, int t, int k) {
        return resolve(argPool[targetArgStart[instTargetStart[inst] + t] + k]);
    }

    public void setTargetArg(int inst, int t, int k, int v) {
        argPool[targetArgStart[instTargetStart[inst] + t] + k] = v;
    }

    /** Appends an argument to target {@code t} of branch {@code inst}. */
    public void appendTargetArg(int inst, int t, int v) {
        int tt = instTargetStart[inst] + t;
        int start = targetArgStart[tt], count = targetArgCount[tt];
        if (start + count != argPoolSize) {
            ensureArgPool(argPoolSize + count + 1);
            System.arraycopy(argPool, start, argPool, argPoolSize, count);
            targetArgStart[tt] = start = argPoolSize;
            argPoolSize += count;
        }
        ensureArgPool(argPoolSize + 1);
        argPool[argPoolSize++] = v;
        targetArgCount[tt] = count + 1;
    }

    /** Removes argument {@code k} of target {@code t} of branch {@code inst}. */
    public void removeTargetArg(int inst, int t, int k) {
        int tt = instTargetStart[inst] + t;
        int start = targetArgStart[tt], count = targetArgCount[tt];
        System.arraycopy(argPool, start + k + 1, argPool, start + k, count - k - 1);
        targetArgCount[tt] = count - 1;
    }

    /** Makes {@code inst} keep only its first {@code n} targets (e.g. folding brif into jump). */
    public void truncateTargets(int inst, int n) {
        instTargetCount[inst] = n;
    }

    /** Drops all operands of {@code inst} (e.g. after rewriting brif into jump). */
    public void clearArgs(int inst) {
        instArgCount[inst] = 0;
    }

    /** Copies target {@code from} over target {@code to} (block and argument list) within one branch. */
    public void copyTarget(int inst, int from, int to) {
        int f = instTargetStart[inst] + from, t = instTargetStart[inst] + to;
        targetBlock[t] = targetBlock[f];
        targetArgStart[t] = targetArgStart[f];
        targetArgCount[t] = targetArgCount[f];
    }

    // ---------------------------------------------------------------- instruction layout

    public int firstInst(int b) {
        return blockFirst[b];
    }

    public int lastInst(int b) {
        return blockLast[b];
    }

    public int nextInst(int i) {
        return instNext[i];
    }

    public int prevInst(int i) {
        return instPrev[i];
    }

    /** The block holding {@code inst}, or -1 when not in the layout. */
    public int instBlock(int inst) {
        return instBlock[inst];
    }

    /** The terminator of {@code b} (its last instruction if that is one), or -1. */
    public int terminator(int b) {
        int last = blockLast[b];
        return last >= 0 && instOp[last].isTerminator() ? last : -1;
    }

    public void appendInst(int b, int inst) {
        int last = blockLast[b];
        instPrev[inst] = last;
        instNext[inst] = -1;
        if (last >= 0) {
            instNext[last] = inst;
        } else {
            blockFirst[b] = inst;
        }
        blockLast[b] = inst;
        instBlock[inst] = b;
        attached(b);
    }

    public void insertInstBefore(int inst, int before) {
        int b = instBlock[before];
        int p = instPrev[before];
        instPrev[inst] = p;
        instNext[inst] = before;
        instPrev[before] = inst;
        if (p >= 0) {
            instNext[p] = inst;
        } else {
            blockFirst[b] = inst;
        }
        instBlock[inst] = b;
        attached(b);
    }

    public void insertInstAfter(int inst, int after) {
        int b = instBlock[after];
        int n = instNext[after];
        instPrev[inst] = after;
        instNext[inst] = n;
        instNext[after] = inst;
        if (n >= 0) {
            instPrev[n] = inst;
        } else {
            blockLast[b] = inst;
        }
        instBlock[inst] = b;
        attached(b);
    }

    private void attached(int b) {
        blockInstCount[b]++;
        if (blockInLayout[b]) {
            layoutInsts++;
        }
    }

    /** Inserts {@code inst} as the first instruction of {@code b}. */
    public void prependInst(int b, int inst) {
        if (blockFirst[b] >= 0) {
            insertInstBefore(inst, blockFirst[b]);
        } else {
            appendInst(b, inst);
        }
    }

    /** Takes {@code inst} out of the layout; its results must have no remaining uses. */
    public void removeInst(int inst) {
        int b = instBlock[inst];
        if (b < 0) {
            return;
        }
        int p = instPrev[inst], n = instNext[inst];
        if (p >= 0) {
            instNext[p] = n;
        } else {
            blockFirst[b] = n;
        }
        if (n >= 0) {
            instPrev[n] = p;
        } else {
            blockLast[b] = p;
        }
        instPrev[inst] = instNext[inst] = instBlock[inst] = -1;
        blockInstCount[b]--;
        if (blockInLayout[b]) {
            layoutInsts--;
        }
    }

    // ---------------------------------------------------------------- whole-function queries

    /**
     * Use counts per value (index = value handle, aliases resolved), over the
     * operands and branch arguments of instructions in the layout.
     */
    public int[] useCounts() {
        int[] counts = new int[valueCount];
        for (int b = firstBlock; b >= 0; b = blockNext[b]) {
            for (int i = blockFirst[b]; i >= 0; i = instNext[i]) {
                for (int k = 0, n = instArgCount[i]; k < n; k++) {
                    counts[arg(i, k)]++;
                }
                for (int t = 0, nt = instTargetCount[i]; t < nt; t++) {
                    for (int k = 0, n = targetArgCount(i, t); k < n; k++) {
                        counts[targetArg(i, t, k)]++;
                    }
                }
            }
        }
        return counts;
    }

    /**
     * A hash of what a pure instruction computes (opcode, controlling type,
     * immediates, resolved operands), for GVN/CSE tables; see {@link #sameComputation}.
     */
    public int computationHash(int inst) {
        int h = instOp[inst].ordinal() * 31 + (instType[inst] == null ? 7 : instType[inst].ordinal());
        h = h * 31 + Long.hashCode(instImm[inst]);
        h = h * 31 + instImm2[inst];
        for (int k = 0, n = instArgCount[inst]; k < n; k++) {
            h = h * 31 + arg(inst, k);
        }
        return h;
    }

    /** Whether two instructions compute the same thing from the same (resolved) operands; targets are not compared. */
    public boolean sameComputation(int a, int b) {
        if (instOp[a] != instOp[b] || instType[a] != instType[b] || instImm[a] != instImm[b]
                || instImm2[a] != instImm2[b] || instArgCount[a] != instArgCount[b]) {
            return false;
        }
        for (int k = 0, n = instArgCount[a]; k < n; k++) {
            if (arg(a, k) != arg(b, k)) {
                return false;
            }
        }
        return true;
    }

    /** A deep copy (same handles, same layout), e.g. to keep the input of a pass for differential testing. */
    public Function copy() {
        Function c = new Function();
        c.name = name;
        c.signature = signature;
        c.calleeSignatures.putAll(calleeSignatures);
        c.typeSignatures.putAll(typeSignatures);
        c.valueCount = valueCount;
        c.valueType = valueType.clone();
        c.valueKind = valueKind.clone();
        c.valueDef = valueDef.clone();
        c.valueNum = valueNum.clone();
        c.instCount = instCount;
        c.instOp = instOp.clone();
        c.instType = instType.clone();
        c.instImm = instImm.clone();
        c.instImm2 = instImm2.clone();
        c.instArgStart = instArgStart.clone();
        c.instArgCount = instArgCount.clone();
        c.instResultStart = instResultStart.clone();
        c.instResultCount = instResultCount.clone();
        c.instTargetStart = instTargetStart.clone();
        c.instTargetCount = instTargetCount.clone();
        c.instPrev = instPrev.clone();
        c.instNext = instNext.clone();
        c.instBlock = instBlock.clone();
        c.targetCount = targetCount;
        c.targetBlock = targetBlock.clone();
        c.targetArgStart = targetArgStart.clone();
        c.targetArgCount = targetArgCount.clone();
        c.blockCount = blockCount;
        c.blockParamStart = blockParamStart.clone();
        c.blockParamCount = blockParamCount.clone();
        c.blockFirst = blockFirst.clone();
        c.blockLast = blockLast.clone();
        c.blockPrev = blockPrev.clone();
        c.blockNext = blockNext.clone();
        c.blockInLayout = blockInLayout.clone();
        c.blockInstCount = blockInstCount.clone();
        c.blockOrigin = blockOrigin.clone();
        c.firstBlock = firstBlock;
        c.lastBlock = lastBlock;
        c.layoutInsts = layoutInsts;
        c.argPool = argPool.clone();
        c.argPoolSize = argPoolSize;
        c.resultPool = resultPool.clone();
        c.resultPoolSize = resultPoolSize;
        c.paramPool = paramPool.clone();
        c.paramPoolSize = paramPoolSize;
        return c;
    }

    /** The vmctx parameter (entry block parameter 0). */
    public int vmctx() {
        return blockParam(firstBlock, 0);
    }

    @Override
    public String toString() {
        return wasm.ir.text.IrPrinter.print(this);
    }
}
