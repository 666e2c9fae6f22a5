package wasm.ir.translate;

import java.util.Arrays;
import java.util.List;
import wasm.core.model.BlockType;
import wasm.core.model.FuncType;
import wasm.core.model.GlobalType;
import wasm.core.model.Instruction;
import wasm.core.model.MemoryType;
import wasm.core.model.TableType;
import wasm.core.model.Module;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;
import wasm.ir.Function;
import wasm.ir.FunctionBuilder;
import wasm.ir.IntCC;
import wasm.ir.FloatCC;
import wasm.ir.IrOpcode;
import wasm.ir.ShuffleMask;
import wasm.ir.Signature;
import wasm.ir.TrapCode;
import wasm.ir.Type;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.ir.internal.LongIntMap;

/**
 * Translates one function of a validated module into SSA IR.
 *
 * <p>Locals become SSA values with Braun et al.'s "Simple and Efficient
 * Construction of Static Single Assignment Form" (2013): a local read walks to
 * the predecessors, block parameters stand in for phis, blocks are sealed as
 * soon as Wasm's structure says all their predecessors are known (loop headers
 * at the loop's {@code end}), and trivial block parameters are removed at the
 * end. Wasm blocks, loops and ifs become IR blocks whose parameters carry the
 * block's values (multi-value); end blocks are only made when something
 * branches to them. Code after {@code br}, {@code br_table}, {@code return} and
 * {@code unreachable} is skipped.
 *
 * <p>An instance is a per-thread compile context: its tables are cleared, not
 * reallocated, between functions. Not thread-safe.
 */
public final class WasmToIr {
    private static final int BLOCK = 0, LOOP = 1, IF = 2, FUNCTION = 3;

    private Function f;
    private final FunctionBuilder fb = new FunctionBuilder(null);
    private Module module;
    private int[] funcTypeIndex;
    private List<GlobalType> globals;
    private List<MemoryType> memoryTypes;
    private List<TableType> tableTypes;
    private Signature[] typeSignatures;
    private Type[][][] typeBlockSigs;
    private static final Type[] NO_TYPES = new Type[0];
    private static final Type[][] EMPTY_BLOCK = {NO_TYPES, NO_TYPES};
    private static final Type[][][] VALUE_BLOCKS = valueBlocks();

    private static Type[][][] valueBlocks() {
        Type[][][] out = new Type[Type.values().length][][];
        for (Type t : Type.values()) {
            out[t.ordinal()] = new Type[][] {NO_TYPES, new Type[] {t}};
        }
        return out;
    }

    // locals and SSA construction
    private Type[] localTypes = new Type[16];
    private int localCount;
    private final LongIntMap defs = new LongIntMap();
    private boolean[] sealed = new boolean[16];
    private int[] incompleteHead = new int[16];
    private int[] incVar = new int[16], incParam = new int[16], incNext = new int[16];
    private int incCount;
    private int[] predHead = new int[16];
    private int[] predInst = new int[16], predTarget = new int[16], predNext = new int[16];
    private int predCount;
    private int[] workBlock = new int[16], workVar = new int[16];
    private int workCount;

    // operand stack
    private int[] stack = new int[64];
    private int sp;

    // control frames
    private Frame[] frames = new Frame[8];
    private int depth;
    private int deadDepth;
    private boolean reachable;

    private int[] scratch = new int[16];

    private static final class Frame {
        int kind;
        Type[] params;
        Type[] results;
        int height;
        int label;
        int elseBlock;
        boolean elseSeen;
        int[] ifParams = new int[4];
        /** OSR, a loop the entry can start at: the tail of its header's chain of tests; else -1. */
        int osrChain = -1;
    }

    public WasmToIr() {
    }

    /** Translates function {@code funcIndex} (function index space, must be defined) into a new Function. */
    public Function translate(Module module, int funcIndex) {
        Function out = new Function();
        translate(module, funcIndex, out);
        return out;
    }

    /** Translates function {@code funcIndex} into {@code into}, which is cleared first. */
    public void translate(Module module, int funcIndex, Function into) {
        translate(module, funcIndex, into, false);
    }

    /**
     * Translates function {@code funcIndex} into its on-stack-replacement entry: a function of an
     * i32, the index in the body's {@code code()} of the loop to enter at, followed by the
     * function's locals (its parameters, then its declared locals) as they are at that loop's
     * header, which runs the rest of the function from there and returns its results. Baseline
     * code whose activation runs long in a loop calls it with its locals and returns what it
     * returns (docs/architecture.md, "Tiers"). One entry serves every loop it can start at (see
     * {@link #osrLoops()}): an activation may have moved on to another loop by the time the
     * compile is done.
     *
     * <p>The entry compares the loop index with each such loop's and branches to the header of
     * its outermost enclosing loop, whose header passes it on, level by level, to the loop's own
     * header: every loop keeps a single entry (its header), so the function stays reducible and
     * the optimizer sees its loops as loops. A branch from the entry straight into a nested loop
     * made each enclosing loop irreducible: no loop-invariant code motion, bounds-check
     * elimination or loop-aware register allocation for them, and core3's main loop ran 18%
     * slower than in the function's own optimized code. What that costs: a loop that encloses
     * another the entry starts at tests, at its header, whether an entry is passing through (a
     * compare and a branch per iteration of the outer loop); in a loop that encloses none, the
     * test folds away. The function's code before the first such loop is translated as usual into
     * blocks no path reaches, and removed. An index of no such loop traps (unreachable).
     */
    public Function translateOsr(Module module, int funcIndex) {
        Function out = new Function();
        translate(module, funcIndex, out, true);
        return out;
    }

    /**
     * The loops the last {@link #translateOsr} can start at, by index in the body: the reachable
     * loops without parameters entered with an empty operand stack, so that the locals are the
     * whole state at their headers.
     */
    public int[] osrLoops() {
        return Arrays.copyOf(osrLoops, osrLoopCount);
    }

    /** Whether this translation is an OSR entry's. */
    private boolean osr;
    /** The OSR entry's block that tests the next loop, whose single predecessor chain leads to the entry. */
    private int osrChain;
    /**
     * OSR: the variable (after the locals) holding the index of the loop an entry is passing
     * through the enclosing loops' headers to reach, {@link #osrNone} once it has arrived (and on
     * every path that did not come from the entry).
     */
    private int osrVar;
    /** OSR: the constant -1 (no loop), defined in the entry block, one value so that phis of it fold. */
    private int osrNone;
    private int[] osrLoops = new int[4];
    private int osrLoopCount;

    private void translate(Module module, int funcIndex, Function into, boolean osrEntry) {
        prepareModule(module);
        int imported = funcTypeIndex.length - module.functions().size();
        if (funcIndex < imported) {
            throw new IllegalArgumentException("function " + funcIndex + " is imported");
        }
        var body = module.codes().get(funcIndex - imported);
        FuncType type = module.types().get(funcTypeIndex[funcIndex]);
        f = into;
        f.clear();
        f.setName(sanitize(module.functionName(funcIndex)));
        resetState();

        localCount = type.params().size() + body.locals().size();
        if (localTypes.length < localCount + 1) {
            localTypes = new Type[localCount * 2 + 1];
        }
        int n = 0;
        for (ValType t : type.params()) {
            localTypes[n++] = Type.of(t);
        }
        for (ValType t : body.locals()) {
            localTypes[n++] = Type.of(t);
        }
        osr = osrEntry;
        osrLoopCount = 0;
        if (osr) {
            Type[] params = new Type[localCount + 1];
            params[0] = Type.I32;
            System.arraycopy(localTypes, 0, params, 1, localCount);
            f.setSignature(new Signature(List.of(params), List.of(toTypes(type.results()))));
        } else {
            f.setSignature(typeSignature(funcTypeIndex[funcIndex]));
        }
        fb.reset(f);

        int entry = fb.createEntryBlock();
        blockCreated(entry);
        sealed[entry] = true;
        int first = osr ? 2 : 1; // block parameter 0 is vmctx, then the OSR entry's loop index
        int params = osr ? localCount : type.params().size();
        for (int k = 0; k < params; k++) {
            writeVar(k, entry, f.blockParam(entry, k + first));
        }
        if (osr) {
            osrVar = localCount;
            localTypes[osrVar] = Type.I32;
            osrNone = fb.iconst(Type.I32, -1);
            writeVar(osrVar, entry, f.blockParam(entry, 1));
            // the function's own start: a block nothing reaches, where its code up to the loop goes
            osrChain = entry;
            int start = newBlock();
            sealed[start] = true;
            switchTo(start);
            writeVar(osrVar, start, osrNone);
        }
        Frame fn = push(FUNCTION, NO_TYPES, toTypes(type.results()));
        fn.height = 0;
        reachable = true;

        List<Instruction> code = body.code();
        for (int k = 0; k < code.size() && depth > 0; k++) {
            Instruction ins = code.get(k);
            translate(ins);
            if (osr && reachable && ins.opcode() == Opcode.LOOP && sp == 0
                    && frames[depth - 1].params.length == 0) {
                enterLoopFromOsrEntry(k, frames[depth - 1]);
            }
        }
        if (osr) {
            int current = fb.currentBlock();
            switchTo(osrChain);
            fb.trap(TrapCode.UNREACHABLE);
            fb.switchTo(current);
        }
        removeTrivialParams();
        if (osr) {
            removeUnreachableBlocks();
        }
    }

    /**
     * The most loops an OSR entry passes through to reach a loop: each adds a test to every
     * enclosing loop's chain, so deeper nests (generated code nests thousands) would make the
     * entry quadratic in size. Real loop nests are far shallower, and an activation in a deeper
     * loop moves when its countdown next runs out in one of the outer ones.
     */
    static final int OSR_MAX_ENCLOSING_LOOPS = 8;

    /**
     * Loop {@code loopIndex} of an OSR translation, whose frame is {@code loop}: the entry can
     * start here when every loop enclosing it can be passed through (has no parameters, so its
     * header needs nothing but the locals; such a loop was itself entered with an empty operand
     * stack, as this one is) and there are at most {@value #OSR_MAX_ENCLOSING_LOOPS} of them. The entry's chain gets a test of the index, taken to the outermost
     * enclosing loop's header, and each enclosing loop's own chain a test taken to the next
     * one's, the innermost's to this header with the variable cleared (see {@link #translateOsr}).
     * Then this header gets its own test: an entry passing through goes to this loop's chain
     * (filled as loops nested in it come), everything else into the body. Called right after
     * the loop instruction, in the header, before anything in it reads a local.
     */
    private void enterLoopFromOsrEntry(int loopIndex, Frame loop) {
        int header = loop.label;
        int outermost = -1;
        int enclosing = 0;
        for (int d = depth - 2; d >= 0; d--) {
            if (frames[d].kind == LOOP) {
                if (frames[d].osrChain < 0 || ++enclosing > OSR_MAX_ENCLOSING_LOOPS) {
                    return; // an enclosing loop the entry cannot pass through: not a start
                }
                outermost = d;
            }
        }
        Frame owner = null; // the chain's loop: null for the entry's
        for (int d = outermost < 0 ? depth - 1 : outermost; d < depth; d++) {
            Frame next = frames[d];
            if (next.kind != LOOP) {
                continue;
            }
            int tail = owner == null ? osrChain : owner.osrChain;
            int after = osrTest(tail, loopIndex, next.label, next == loop);
            if (owner == null) {
                osrChain = after;
            } else {
                owner.osrChain = after;
            }
            owner = next;
        }
        switchTo(header);
        int passing = fb.icmp(IntCC.NE, Type.I32, readVar(osrVar, header), osrNone);
        int chain = newBlock();
        int body = newBlock();
        addEdges(fb.brif(passing, chain, scratch, 0, body, scratch, 0));
        seal(chain);
        seal(body);
        loop.osrChain = chain;
        switchTo(body);
        writeVar(osrVar, body, osrNone);
        if (osrLoopCount == osrLoops.length) {
            osrLoops = Arrays.copyOf(osrLoops, osrLoopCount * 2);
        }
        osrLoops[osrLoopCount++] = loopIndex;
    }

    /**
     * Appends to the chain ending at {@code tail} a test of the variable against {@code loopIndex},
     * taken to {@code header} (clearing the variable first when the entry {@code arrives} there);
     * returns the chain's new tail.
     */
    private int osrTest(int tail, int loopIndex, int header, boolean arrives) {
        switchTo(tail);
        int wanted = fb.iconst(Type.I32, loopIndex);
        int same = fb.icmp(IntCC.EQ, Type.I32, readVar(osrVar, tail), wanted);
        int next = newBlock();
        int taken = arrives ? newBlock() : header;
        addEdges(fb.brif(same, taken, scratch, 0, next, scratch, 0));
        seal(next);
        if (arrives) {
            seal(taken);
            switchTo(taken);
            writeVar(osrVar, taken, osrNone);
            addEdges(fb.jump(header, scratch, 0));
        }
        return next;
    }

    /** Takes the blocks no path from the entry reaches out of the layout (OSR: the code before the loop). */
    private void removeUnreachableBlocks() {
        ControlFlowGraph cfg = ControlFlowGraph.compute(f);
        for (int b = f.firstBlock(), next; b >= 0; b = next) {
            next = f.nextBlock(b);
            if (!cfg.isReachable(b)) {
                f.removeBlock(b);
            }
        }
    }

    private static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' ? c : '_');
        }
        return sb.isEmpty() ? "_" : sb.toString();
    }

    private void prepareModule(Module m) {
        if (m == module) {
            return;
        }
        module = m;
        int count = m.functionCount();
        funcTypeIndex = new int[count];
        int imported = count - m.functions().size();
        int k = 0;
        for (var imp : m.imports()) {
            if (imp.desc() instanceof wasm.core.model.ImportDesc.Func fd) {
                funcTypeIndex[k++] = fd.typeIndex();
            }
        }
        for (int i = 0; i < m.functions().size(); i++) {
            funcTypeIndex[imported + i] = m.functions().get(i);
        }
        globals = m.allGlobals();
        memoryTypes = m.allMemories();
        tableTypes = m.allTables();
        typeSignatures = new Signature[m.types().size()];
        typeBlockSigs = new Type[m.types().size()][][];
    }

    /** The IR type of memory {@code index}'s addresses and sizes: i64 for a 64-bit memory. */
    private Type memoryAddressType(int index) {
        return memoryTypes.get(index).is64() ? Type.I64 : Type.I32;
    }

    private Type tableAddressType(int index) {
        return tableTypes.get(index).is64() ? Type.I64 : Type.I32;
    }

    private Signature typeSignature(int typeIndex) {
        Signature sig = typeSignatures[typeIndex];
        if (sig == null) {
            sig = typeSignatures[typeIndex] = Signature.of(module.types().get(typeIndex));
        }
        return sig;
    }

    private void resetState() {
        defs.clear();
        incCount = 0;
        predCount = 0;
        workCount = 0;
        sp = 0;
        depth = 0;
        deadDepth = 0;
    }

    private static Type[] toTypes(List<ValType> types) {
        Type[] out = new Type[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Type.of(types.get(i));
        }
        return out;
    }

    // ------------------------------------------------------------------ blocks and edges

    private int newBlock() {
        int b = f.makeBlock();
        blockCreated(b);
        return b;
    }

    private void blockCreated(int b) {
        if (b >= sealed.length) {
            int n = Math.max(b + 1, sealed.length * 2);
            sealed = Arrays.copyOf(sealed, n);
            incompleteHead = Arrays.copyOf(incompleteHead, n);
            predHead = Arrays.copyOf(predHead, n);
        }
        sealed[b] = false;
        incompleteHead[b] = -1;
        predHead[b] = -1;
    }

    private void switchTo(int b) {
        if (!f.isBlockInLayout(b)) {
            f.appendBlock(b);
        }
        fb.switchTo(b);
    }

    /** Records that target {@code t} of branch {@code inst} is an edge into its target block. */
    private void addEdges(int inst) {
        for (int t = 0; t < f.targetCount(inst); t++) {
            int b = f.targetBlock(inst, t);
            if (predCount == predInst.length) {
                int n = predCount * 2;
                predInst = Arrays.copyOf(predInst, n);
                predTarget = Arrays.copyOf(predTarget, n);
                predNext = Arrays.copyOf(predNext, n);
            }
            predInst[predCount] = inst;
            predTarget[predCount] = t;
            predNext[predCount] = predHead[b];
            predHead[b] = predCount++;
        }
    }

    private void seal(int b) {
        for (int e = incompleteHead[b]; e >= 0; e = incNext[e]) {
            addParamOperands(incVar[e], b);
        }
        incompleteHead[b] = -1;
        sealed[b] = true;
        drain();
    }

    // ------------------------------------------------------------------ SSA for locals

    private static long key(int block, int var) {
        return ((long) block << 32) | var;
    }

    private void writeVar(int var, int block, int value) {
        defs.put(key(block, var), value);
    }

    private int readVar(int var, int block) {
        int v = defs.get(key(block, var));
        if (v >= 0) {
            return v;
        }
        // walk chains of sealed single-predecessor blocks iteratively (br_if continuations
        // make long ones), then record the value found in every block passed
        int start = block;
        while (sealed[block] && predHead[block] >= 0 && predNext[predHead[block]] < 0) {
            block = f.instBlock(predInst[predHead[block]]);
            v = defs.get(key(block, var));
            if (v >= 0) {
                break;
            }
        }
        if (v < 0) {
            v = readVarRecursive(var, block);
        }
        for (int b = start; b != block; b = f.instBlock(predInst[predHead[b]])) {
            writeVar(var, b, v);
        }
        return v;
    }

    private int readVarRecursive(int var, int block) {
        int v;
        Type t = localTypes[var];
        if (!sealed[block]) {
            v = f.appendBlockParam(block, t);
            if (incCount == incVar.length) {
                int n = incCount * 2;
                incVar = Arrays.copyOf(incVar, n);
                incParam = Arrays.copyOf(incParam, n);
                incNext = Arrays.copyOf(incNext, n);
            }
            incVar[incCount] = var;
            incParam[incCount] = v;
            // append at the tail so parameters and their operands stay in the same order
            incNext[incCount] = -1;
            if (incompleteHead[block] < 0) {
                incompleteHead[block] = incCount;
            } else {
                int e = incompleteHead[block];
                while (incNext[e] >= 0) {
                    e = incNext[e];
                }
                incNext[e] = incCount;
            }
            incCount++;
        } else if (predHead[block] < 0) {
            // the entry block (or a block nothing reaches): locals start at zero
            v = zero(t, block);
        } else if (predNext[predHead[block]] < 0) {
            v = readVar(var, f.instBlock(predInst[predHead[block]]));
        } else {
            // a merge: the parameter's operands are filled from a queue, not by recursion,
            // so deeply nested or long chains of merges cannot exhaust the Java stack
            v = f.appendBlockParam(block, t);
            writeVar(var, block, v);
            if (workCount == workBlock.length) {
                workBlock = Arrays.copyOf(workBlock, workCount * 2);
                workVar = Arrays.copyOf(workVar, workCount * 2);
            }
            workBlock[workCount] = block;
            workVar[workCount++] = var;
        }
        writeVar(var, block, v);
        return v;
    }

    /** Fills the operands of merge parameters made by reads, first in first out (keeps argument order per block). */
    private void drain() {
        for (int k = 0; k < workCount; k++) {
            addParamOperands(workVar[k], workBlock[k]);
        }
        workCount = 0;
    }

    private int readLocal(int var) {
        int v = readVar(var, fb.currentBlock());
        drain();
        return v;
    }

    private void addParamOperands(int var, int block) {
        for (int e = predHead[block]; e >= 0; e = predNext[e]) {
            int inst = predInst[e];
            int value = readVar(var, f.instBlock(inst));
            f.appendTargetArg(inst, predTarget[e], value);
        }
    }

    private int zero(Type t, int block) {
        if (t == Type.V128) {
            int half = f.makeInst(IrOpcode.ICONST, Type.I64, 0, 0, scratch, 0);
            int z = f.addResult(half, Type.I64);
            scratch[0] = z;
            scratch[1] = z;
            int concat = f.makeInst(IrOpcode.VCONCAT, null, 0, 0, scratch, 2);
            int v = f.addResult(concat, Type.V128);
            f.prependInst(block, concat);
            f.prependInst(block, half);
            return v;
        }
        int inst = switch (t) {
            case I32, I64 -> f.makeInst(IrOpcode.ICONST, t, 0, 0, scratch, 0);
            case F32, F64 -> f.makeInst(IrOpcode.FCONST, t, 0, 0, scratch, 0);
            case REF -> f.makeInst(IrOpcode.REF_NULL, null, 0, 0, scratch, 0);
            default -> throw new IllegalArgumentException("no zero of " + t);
        };
        int v = f.addResult(inst, t);
        f.prependInst(block, inst);
        return v;
    }

    /** Removes block parameters whose incoming arguments are all one value (or the parameter itself), to a fixpoint. */
    private void removeTrivialParams() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
                if (b == f.entryBlock() || predHead[b] < 0) {
                    continue;
                }
                for (int k = f.blockParamCount(b) - 1; k >= 0; k--) {
                    int p = f.blockParam(b, k);
                    int same = -1;
                    boolean trivial = true;
                    for (int e = predHead[b]; e >= 0; e = predNext[e]) {
                        int a = f.targetArg(predInst[e], predTarget[e], k);
                        if (a == p || a == same) {
                            continue;
                        }
                        if (same >= 0) {
                            trivial = false;
                            break;
                        }
                        same = a;
                    }
                    if (!trivial || same < 0) {
                        continue;
                    }
                    f.replaceAllUses(p, same);
                    for (int e = predHead[b]; e >= 0; e = predNext[e]) {
                        f.removeTargetArg(predInst[e], predTarget[e], k);
                    }
                    f.removeBlockParam(b, k);
                    changed = true;
                }
            }
        }
    }

    // ------------------------------------------------------------------ operand stack and frames

    private void push(int v) {
        if (sp == stack.length) {
            stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = v;
    }

    private int pop() {
        return stack[--sp];
    }

    private Frame push(int kind, Type[] params, Type[] results) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        Frame fr = frames[depth];
        if (fr == null) {
            fr = frames[depth] = new Frame();
        }
        depth++;
        fr.kind = kind;
        fr.params = params;
        fr.results = results;
        fr.height = sp - params.length;
        fr.label = -1;
        fr.elseBlock = -1;
        fr.elseSeen = false;
        fr.osrChain = -1;
        return fr;
    }

    private Type[][] blockType(BlockType bt) {
        return switch (bt) {
            case BlockType.Empty e -> EMPTY_BLOCK;
            case BlockType.Value v -> VALUE_BLOCKS[Type.of(v.type()).ordinal()];
            case BlockType.TypeIndex ti -> {
                Type[][] sig = typeBlockSigs[ti.typeIndex()];
                if (sig == null) {
                    FuncType ft = module.types().get(ti.typeIndex());
                    sig = typeBlockSigs[ti.typeIndex()] = new Type[][] {toTypes(ft.params()), toTypes(ft.results())};
                }
                yield sig;
            }
        };
    }

    /** The branch target of {@code fr}, making a block end on first use. */
    private int label(Frame fr) {
        if (fr.label < 0) {
            int b = newBlock();
            for (Type t : fr.results) {
                f.appendBlockParam(b, t);
            }
            fr.label = b;
        }
        return fr.label;
    }

    private Type[] labelTypes(Frame fr) {
        return fr.kind == LOOP ? fr.params : fr.results;
    }

    /** Copies the top {@code n} stack values into scratch. */
    private int[] topValues(int n) {
        if (scratch.length < n + 1) {
            scratch = new int[n * 2 + 1];
        }
        System.arraycopy(stack, sp - n, scratch, 0, n);
        return scratch;
    }

    /** Pops a call's {@code n} arguments (in order). */
    private int[] popArguments(int n) {
        int[] args = Arrays.copyOf(topValues(n), n);
        sp -= n;
        return args;
    }

    /** Pops call_indirect's table slot and {@code n} arguments: the slot first, then the arguments in order. */
    private int[] popIndirectOperands(int n) {
        int index = pop();
        int[] args = new int[n + 1];
        args[0] = index;
        System.arraycopy(stack, sp - n, args, 1, n);
        sp -= n;
        return args;
    }

    private void markUnreachable() {
        reachable = false;
    }

    // ------------------------------------------------------------------ instructions

    private void translate(Instruction ins) {
        Opcode op = ins.opcode();
        if (!reachable) {
            switch (op) {
                case BLOCK, LOOP, IF -> deadDepth++;
                case ELSE -> {
                    if (deadDepth == 0) {
                        doElse();
                    }
                }
                case END -> {
                    if (deadDepth > 0) {
                        deadDepth--;
                    } else {
                        doEnd();
                    }
                }
                default -> {
                }
            }
            return;
        }
        switch (ins) {
            case Instruction.I32Const c -> push(fb.iconst(Type.I32, c.value()));
            case Instruction.I64Const c -> push(fb.iconst(Type.I64, c.value()));
            case Instruction.F32Const c -> push(fb.fconst(Type.F32, c.bits() & 0xFFFF_FFFFL));
            case Instruction.F64Const c -> push(fb.fconst(Type.F64, c.bits()));
            case Instruction.RefNull r -> push(fb.nullary(IrOpcode.REF_NULL, null, 0));
            case Instruction.Block b -> doBlock(op, b.type());
            case Instruction.BrTable bt -> doBrTable(bt);
            case Instruction.MemoryAccess m -> doMemory(op, m.offset(), m.memoryIndex());
            case Instruction.SelectTyped s -> doSelect();
            case Instruction.Indexed x -> doIndexed(op, x.index());
            case Instruction.Indexed2 x -> doIndexed2(op, x.first(), x.second());
            case Instruction.Plain p -> doPlain(op);
            case Instruction.V128Const c -> push(fb.vconst(c.lo(), c.hi()));
            case Instruction.Shuffle s -> {
                int[] lanes = new int[16];
                for (int k = 0; k < 16; k++) {
                    lanes[k] = s.lane(k);
                }
                emitFixed(IrOpcode.VSHUFFLE, null, ShuffleMask.imm(lanes), ShuffleMask.imm2(lanes));
            }
            case Instruction.Lane l -> {
                VectorTranslation.Entry e = VectorTranslation.of(op);
                emitFixed(e.op(), e.ctrl(), l.lane(), 0);
                if (e.extend() != null) {
                    emitFixed(e.extend(), Type.I32, 0, 0);
                }
            }
            case Instruction.MemoryLaneAccess m -> {
                VectorTranslation.Entry e = VectorTranslation.of(op);
                int imm2 = Function.laneAccessImm2(m.memoryIndex(), m.lane());
                if (e.op() == IrOpcode.VLOAD_LANE) {
                    emitFixed(e.op(), e.ctrl(), m.offset(), imm2);
                } else {
                    // Wasm pushes address then vector; the IR's stores take the value first
                    int vector = pop();
                    int addr = pop();
                    scratch[0] = vector;
                    scratch[1] = addr;
                    fb.inst(e.op(), e.ctrl(), m.offset(), imm2, scratch, 2);
                }
            }
        }
    }

    private void doBlock(Opcode op, BlockType bt) {
        Type[][] sig = blockType(bt);
        switch (op) {
            case BLOCK -> push(BLOCK, sig[0], sig[1]);
            case LOOP -> {
                Frame fr = push(LOOP, sig[0], sig[1]);
                int header = newBlock();
                for (Type t : sig[0]) {
                    f.appendBlockParam(header, t);
                }
                int n = sig[0].length;
                int j = fb.jump(header, topValues(n), n);
                addEdges(j);
                sp -= n;
                switchTo(header);
                for (int k = 0; k < n; k++) {
                    push(f.blockParam(header, k));
                }
                fr.label = header;
            }
            case IF -> {
                int cond = pop();
                Frame fr = push(IF, sig[0], sig[1]);
                int n = sig[0].length;
                if (fr.ifParams.length < n) {
                    fr.ifParams = new int[n];
                }
                System.arraycopy(stack, sp - n, fr.ifParams, 0, n);
                int thenBlock = newBlock();
                int elseBlock = newBlock();
                int br = fb.brif(cond, thenBlock, scratch, 0, elseBlock, scratch, 0);
                addEdges(br);
                seal(thenBlock);
                seal(elseBlock);
                fr.elseBlock = elseBlock;
                switchTo(thenBlock);
            }
            default -> throw new IllegalStateException(op.text());
        }
    }

    private void doElse() {
        Frame fr = frames[depth - 1];
        if (reachable) {
            int n = fr.results.length;
            int j = fb.jump(label(fr), topValues(n), n);
            addEdges(j);
        }
        sp = fr.height;
        switchTo(fr.elseBlock);
        for (int k = 0; k < fr.params.length; k++) {
            push(fr.ifParams[k]);
        }
        fr.elseSeen = true;
        reachable = true;
    }

    private void doEnd() {
        Frame fr = frames[depth - 1];
        if (fr.kind == LOOP) {
            if (fr.osrChain >= 0) {
                // an OSR entry's tests of the loops nested in this one end here: no other index passes
                int current = fb.currentBlock();
                switchTo(fr.osrChain);
                fb.trap(TrapCode.UNREACHABLE);
                fb.switchTo(current);
            }
            seal(fr.label);
            depth--;
            if (!reachable) {
                sp = fr.height;
            }
            return;
        }
        if (fr.kind == IF && !fr.elseSeen) {
            // the implicit else passes the if's parameters on as its results
            int target = label(fr);
            if (reachable) {
                int n = fr.results.length;
                int j = fb.jump(target, topValues(n), n);
                addEdges(j);
            }
            switchTo(fr.elseBlock);
            int n = fr.params.length;
            int j = fb.jump(target, fr.ifParams, n);
            addEdges(j);
            reachable = false;
        }
        if (fr.label >= 0) {
            if (reachable) {
                int n = fr.results.length;
                int j = fb.jump(fr.label, topValues(n), n);
                addEdges(j);
            }
            seal(fr.label);
            sp = fr.height;
            switchTo(fr.label);
            for (int k = 0; k < fr.results.length; k++) {
                push(f.blockParam(fr.label, k));
            }
            reachable = true;
        } else if (!reachable) {
            sp = fr.height;
        }
        depth--;
        if (fr.kind == FUNCTION && reachable) {
            int n = fr.results.length;
            fb.ret(topValues(n), n);
            sp -= n;
            reachable = false;
        }
    }

    private void doBr(int labelDepth) {
        Frame fr = frames[depth - 1 - labelDepth];
        if (fr.kind == FUNCTION) {
            int n = fr.results.length;
            fb.ret(topValues(n), n);
        } else {
            int n = labelTypes(fr).length;
            int j = fb.jump(label(fr), topValues(n), n);
            addEdges(j);
        }
        markUnreachable();
    }

    private void doBrIf(int labelDepth) {
        int cond = pop();
        Frame fr = frames[depth - 1 - labelDepth];
        int n = labelTypes(fr).length;
        int target = label(fr);
        int cont = newBlock();
        int br = fb.brif(cond, target, topValues(n), n, cont, scratch, 0);
        addEdges(br);
        seal(cont);
        switchTo(cont);
    }

    private void doBrTable(Instruction.BrTable bt) {
        int index = pop();
        Frame def = frames[depth - 1 - bt.defaultLabel()];
        int n = labelTypes(def).length;
        int[] args = Arrays.copyOf(topValues(n), n);
        int inst = fb.brTable(index);
        f.addTarget(inst, label(def), args, n);
        for (int l : bt.labels()) {
            f.addTarget(inst, label(frames[depth - 1 - l]), args, n);
        }
        addEdges(inst);
        markUnreachable();
    }

    private void doSelect() {
        int c = pop();
        int b = pop();
        int a = pop();
        push(fb.select(f.valueType(a), c, a, b));
    }

    private void doMemory(Opcode op, long offset, int memory) {
        if (op.isSimd()) {
            VectorTranslation.Entry e = VectorTranslation.of(op);
            if (e.op() == IrOpcode.STORE) {
                int value = pop();
                int addr = pop();
                fb.store(IrOpcode.STORE, value, addr, offset, memory);
            } else {
                push(fb.load(e.op(), e.ctrl(), pop(), offset, memory));
            }
            return;
        }
        IrOpcode irop;
        Type t;
        switch (op) {
            case I32_LOAD -> { irop = IrOpcode.LOAD; t = Type.I32; }
            case I64_LOAD -> { irop = IrOpcode.LOAD; t = Type.I64; }
            case F32_LOAD -> { irop = IrOpcode.LOAD; t = Type.F32; }
            case F64_LOAD -> { irop = IrOpcode.LOAD; t = Type.F64; }
            case I32_LOAD8_S -> { irop = IrOpcode.SLOAD8; t = Type.I32; }
            case I32_LOAD8_U -> { irop = IrOpcode.ULOAD8; t = Type.I32; }
            case I32_LOAD16_S -> { irop = IrOpcode.SLOAD16; t = Type.I32; }
            case I32_LOAD16_U -> { irop = IrOpcode.ULOAD16; t = Type.I32; }
            case I64_LOAD8_S -> { irop = IrOpcode.SLOAD8; t = Type.I64; }
            case I64_LOAD8_U -> { irop = IrOpcode.ULOAD8; t = Type.I64; }
            case I64_LOAD16_S -> { irop = IrOpcode.SLOAD16; t = Type.I64; }
            case I64_LOAD16_U -> { irop = IrOpcode.ULOAD16; t = Type.I64; }
            case I64_LOAD32_S -> { irop = IrOpcode.SLOAD32; t = Type.I64; }
            case I64_LOAD32_U -> { irop = IrOpcode.ULOAD32; t = Type.I64; }
            case I32_STORE, I64_STORE, F32_STORE, F64_STORE -> { irop = IrOpcode.STORE; t = null; }
            case I32_STORE8, I64_STORE8 -> { irop = IrOpcode.ISTORE8; t = null; }
            case I32_STORE16, I64_STORE16 -> { irop = IrOpcode.ISTORE16; t = null; }
            case I64_STORE32 -> { irop = IrOpcode.ISTORE32; t = null; }
            default -> throw new IllegalStateException(op.text());
        }
        if (t != null) {
            int addr = pop();
            push(fb.load(irop, t, addr, offset, memory));
        } else {
            int value = pop();
            int addr = pop();
            fb.store(irop, value, addr, offset, memory);
        }
    }

    private void doIndexed(Opcode op, int index) {
        switch (op) {
            case BR -> doBr(index);
            case BR_IF -> doBrIf(index);
            case CALL -> {
                Signature sig = typeSignature(funcTypeIndex[index]);
                f.declareCallee(index, sig);
                int n = sig.params().size();
                int inst = fb.call(index, popArguments(n), n);
                for (int k = 0; k < f.resultCount(inst); k++) {
                    push(f.result(inst, k));
                }
            }
            case RETURN_CALL -> {
                Signature sig = typeSignature(funcTypeIndex[index]);
                f.declareCallee(index, sig);
                int n = sig.params().size();
                fb.returnCall(index, popArguments(n), n);
                markUnreachable();
            }
            case LOCAL_GET -> push(readLocal(index));
            case LOCAL_SET -> writeVar(index, fb.currentBlock(), pop());
            case LOCAL_TEE -> writeVar(index, fb.currentBlock(), stack[sp - 1]);
            case GLOBAL_GET -> push(fb.nullary(IrOpcode.GLOBAL_GET, Type.of(globals.get(index).type()), index));
            case GLOBAL_SET -> {
                int v = pop();
                fb.unaryImm(IrOpcode.GLOBAL_SET, f.valueType(v), index, v);
            }
            case TABLE_GET, TABLE_SET, TABLE_FILL -> {
                IrOpcode irop = switch (op) {
                    case TABLE_GET -> IrOpcode.TABLE_GET;
                    case TABLE_SET -> IrOpcode.TABLE_SET;
                    default -> IrOpcode.TABLE_FILL;
                };
                emitFixed(irop, null, index, 0);
            }
            case TABLE_SIZE -> emitFixed(IrOpcode.TABLE_SIZE, tableAddressType(index), index, 0);
            case TABLE_GROW -> emitFixed(IrOpcode.TABLE_GROW, tableAddressType(index), index, 0);
            case MEMORY_SIZE -> emitFixed(IrOpcode.MEMORY_SIZE, memoryAddressType(index), index, 0);
            case MEMORY_GROW -> emitFixed(IrOpcode.MEMORY_GROW, memoryAddressType(index), index, 0);
            case MEMORY_FILL -> emitFixed(IrOpcode.MEMORY_FILL, null, index, 0);
            case REF_FUNC -> push(fb.nullary(IrOpcode.REF_FUNC, null, index));
            case DATA_DROP -> emitFixed(IrOpcode.DATA_DROP, null, index, 0);
            case ELEM_DROP -> emitFixed(IrOpcode.ELEM_DROP, null, index, 0);
            default -> throw new IllegalStateException("unexpected " + op.text());
        }
    }

    private void doIndexed2(Opcode op, int first, int second) {
        switch (op) {
            case CALL_INDIRECT -> {
                Signature sig = typeSignature(first);
                f.declareType(first, sig);
                int n = sig.params().size();
                int inst = fb.callIndirect(first, second, popIndirectOperands(n), n + 1);
                for (int k = 0; k < f.resultCount(inst); k++) {
                    push(f.result(inst, k));
                }
            }
            case RETURN_CALL_INDIRECT -> {
                Signature sig = typeSignature(first);
                f.declareType(first, sig);
                int n = sig.params().size();
                fb.returnCallIndirect(first, second, popIndirectOperands(n), n + 1);
                markUnreachable();
            }
            case TABLE_COPY -> emitFixed(IrOpcode.TABLE_COPY, null, first, second);
            case TABLE_INIT -> emitFixed(IrOpcode.TABLE_INIT, null, first, second);
            case MEMORY_COPY -> emitFixed(IrOpcode.MEMORY_COPY, null, first, second);
            case MEMORY_INIT -> emitFixed(IrOpcode.MEMORY_INIT, null, first, second);
            default -> throw new IllegalStateException("unexpected " + op.text());
        }
    }

    /** Pops the opcode's fixed operands, emits it, pushes its results. */
    private void emitFixed(IrOpcode irop, Type ctrl, long imm, int imm2) {
        int n = irop.fixedOperandCount();
        int[] args = topValues(n);
        sp -= n;
        int v = fb.emit(irop, ctrl, imm, imm2, args, n);
        if (v >= 0) {
            push(v);
        }
    }

    private void doPlain(Opcode op) {
        switch (op) {
            case UNREACHABLE -> {
                fb.trap(TrapCode.UNREACHABLE);
                markUnreachable();
            }
            case NOP -> {
            }
            case ELSE -> doElse();
            case END -> doEnd();
            case RETURN -> {
                Frame fn = frames[0];
                int n = fn.results.length;
                fb.ret(topValues(n), n);
                markUnreachable();
            }
            case DROP -> sp--;
            case SELECT -> doSelect();
            case REF_IS_NULL -> emitFixed(IrOpcode.REF_IS_NULL, null, 0, 0);
            default -> numeric(op);
        }
    }

    private void numeric(Opcode op) {
        if (op.isSimd()) {
            VectorTranslation.Entry e = VectorTranslation.of(op);
            emitFixed(e.op(), e.ctrl(), e.cc(), 0);
            return;
        }
        int m = NUMERIC_OP[op.ordinal()];
        if (m < 0) {
            throw new IllegalStateException("no IR for " + op.text());
        }
        IrOpcode irop = IrOpcode.byOrdinal(m & 0xFF);
        Type ctrl = Type.byOrdinal((m >> 8) & 0xFF);
        long imm = m >>> 16;
        emitFixed(irop, ctrl, imm, 0);
    }

    /** Wasm numeric opcode -> IR opcode | ctrl type << 8 | condition << 16, or -1. Immutable after class init. */
    private static final int[] NUMERIC_OP = buildNumericTable();

    private static int enc(IrOpcode op, Type t, int cc) {
        return op.ordinal() | t.ordinal() << 8 | cc << 16;
    }

    private static int[] buildNumericTable() {
        int[] m = new int[Opcode.values().length];
        Arrays.fill(m, -1);
        for (Opcode op : Opcode.values()) {
            if (!op.hasFixedSignature() || op.imm() != Opcode.Imm.NONE) {
                continue;
            }
            String name = op.text();
            String prefix = name.substring(0, 3);
            Type t = Type.fromText(prefix);
            if (t == null) {
                continue;
            }
            String rest = name.substring(4);
            int e = numericEntry(t, rest);
            m[op.ordinal()] = e;
        }
        return m;
    }

    private static int numericEntry(Type t, String rest) {
        return switch (rest) {
            case "eqz" -> enc(IrOpcode.EQZ, t, 0);
            case "eq" -> t.isInt() ? enc(IrOpcode.ICMP, t, IntCC.EQ.ordinal()) : enc(IrOpcode.FCMP, t, FloatCC.EQ.ordinal());
            case "ne" -> t.isInt() ? enc(IrOpcode.ICMP, t, IntCC.NE.ordinal()) : enc(IrOpcode.FCMP, t, FloatCC.NE.ordinal());
            case "lt_s" -> enc(IrOpcode.ICMP, t, IntCC.SLT.ordinal());
            case "lt_u" -> enc(IrOpcode.ICMP, t, IntCC.ULT.ordinal());
            case "gt_s" -> enc(IrOpcode.ICMP, t, IntCC.SGT.ordinal());
            case "gt_u" -> enc(IrOpcode.ICMP, t, IntCC.UGT.ordinal());
            case "le_s" -> enc(IrOpcode.ICMP, t, IntCC.SLE.ordinal());
            case "le_u" -> enc(IrOpcode.ICMP, t, IntCC.ULE.ordinal());
            case "ge_s" -> enc(IrOpcode.ICMP, t, IntCC.SGE.ordinal());
            case "ge_u" -> enc(IrOpcode.ICMP, t, IntCC.UGE.ordinal());
            case "lt" -> enc(IrOpcode.FCMP, t, FloatCC.LT.ordinal());
            case "gt" -> enc(IrOpcode.FCMP, t, FloatCC.GT.ordinal());
            case "le" -> enc(IrOpcode.FCMP, t, FloatCC.LE.ordinal());
            case "ge" -> enc(IrOpcode.FCMP, t, FloatCC.GE.ordinal());
            case "clz" -> enc(IrOpcode.CLZ, t, 0);
            case "ctz" -> enc(IrOpcode.CTZ, t, 0);
            case "popcnt" -> enc(IrOpcode.POPCNT, t, 0);
            case "add" -> enc(t.isInt() ? IrOpcode.IADD : IrOpcode.FADD, t, 0);
            case "sub" -> enc(t.isInt() ? IrOpcode.ISUB : IrOpcode.FSUB, t, 0);
            case "mul" -> enc(t.isInt() ? IrOpcode.IMUL : IrOpcode.FMUL, t, 0);
            case "div_s" -> enc(IrOpcode.SDIV, t, 0);
            case "div_u" -> enc(IrOpcode.UDIV, t, 0);
            case "rem_s" -> enc(IrOpcode.SREM, t, 0);
            case "rem_u" -> enc(IrOpcode.UREM, t, 0);
            case "and" -> enc(IrOpcode.BAND, t, 0);
            case "or" -> enc(IrOpcode.BOR, t, 0);
            case "xor" -> enc(IrOpcode.BXOR, t, 0);
            case "shl" -> enc(IrOpcode.ISHL, t, 0);
            case "shr_s" -> enc(IrOpcode.SSHR, t, 0);
            case "shr_u" -> enc(IrOpcode.USHR, t, 0);
            case "rotl" -> enc(IrOpcode.ROTL, t, 0);
            case "rotr" -> enc(IrOpcode.ROTR, t, 0);
            case "abs" -> enc(IrOpcode.FABS, t, 0);
            case "neg" -> enc(IrOpcode.FNEG, t, 0);
            case "ceil" -> enc(IrOpcode.CEIL, t, 0);
            case "floor" -> enc(IrOpcode.FLOOR, t, 0);
            case "trunc" -> enc(IrOpcode.TRUNC, t, 0);
            case "nearest" -> enc(IrOpcode.NEAREST, t, 0);
            case "sqrt" -> enc(IrOpcode.SQRT, t, 0);
            case "div" -> enc(IrOpcode.FDIV, t, 0);
            case "min" -> enc(IrOpcode.FMIN, t, 0);
            case "max" -> enc(IrOpcode.FMAX, t, 0);
            case "copysign" -> enc(IrOpcode.FCOPYSIGN, t, 0);
            case "wrap_i64" -> enc(IrOpcode.IREDUCE, t, 0);
            case "extend_i32_s" -> enc(IrOpcode.SEXTEND, t, 0);
            case "extend_i32_u" -> enc(IrOpcode.UEXTEND, t, 0);
            case "extend8_s" -> enc(IrOpcode.SEXTEND8, t, 0);
            case "extend16_s" -> enc(IrOpcode.SEXTEND16, t, 0);
            case "extend32_s" -> enc(IrOpcode.SEXTEND32, t, 0);
            case "trunc_f32_s", "trunc_f64_s" -> enc(IrOpcode.FCVT_TO_SINT, t, 0);
            case "trunc_f32_u", "trunc_f64_u" -> enc(IrOpcode.FCVT_TO_UINT, t, 0);
            case "trunc_sat_f32_s", "trunc_sat_f64_s" -> enc(IrOpcode.FCVT_TO_SINT_SAT, t, 0);
            case "trunc_sat_f32_u", "trunc_sat_f64_u" -> enc(IrOpcode.FCVT_TO_UINT_SAT, t, 0);
            case "convert_i32_s", "convert_i64_s" -> enc(IrOpcode.FCVT_FROM_SINT, t, 0);
            case "convert_i32_u", "convert_i64_u" -> enc(IrOpcode.FCVT_FROM_UINT, t, 0);
            case "promote_f32" -> enc(IrOpcode.FPROMOTE, t, 0);
            case "demote_f64" -> enc(IrOpcode.FDEMOTE, t, 0);
            case "reinterpret_f32", "reinterpret_f64", "reinterpret_i32", "reinterpret_i64" -> enc(IrOpcode.BITCAST, t, 0);
            default -> -1;
        };
    }
}
