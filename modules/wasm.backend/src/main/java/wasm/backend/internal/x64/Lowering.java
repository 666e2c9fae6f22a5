package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

import wasm.backend.CompileUnsupported;
import wasm.backend.CpuFeatures;
import wasm.backend.x64.Cond;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Reg;
import wasm.backend.x64.Size;
import wasm.backend.x64.SysVAbi;
import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.analysis.RedundantBoundsChecks;

/**
 * IR to {@link VCode} in one backward pass per block. Walking backwards, every
 * user is seen before the values it reads, so it can fold them: constants into
 * immediates, {@code iadd base, const} into a memory access's address, and a
 * single-use {@code icmp}/{@code eqz} into the branch or select that consumes
 * it (cmp + jcc / cmp + cmov). A folded instruction whose remaining use count
 * drops to zero is not lowered at all.
 *
 * <p>What each IR instruction becomes is said by {@link LoweringRules}: rules
 * per opcode, tried by descending priority, the first that matches emits. This
 * class is their context: it walks the function, tracks use counts and offers
 * the helpers the rules match and build with.
 */
public final class Lowering {
    private final Function f;
    private final int[] remaining;
    /** Loads folded into a later instruction (a read-modify-write of memory): emit nothing. */
    private final java.util.BitSet absorbed = new java.util.BitSet();
    private final int[] blockIndex;       // IR block id -> VCode block index
    private final List<List<MInst>> blocks = new ArrayList<>();
    private final List<int[]> params = new ArrayList<>();
    private final List<int[]> succs = new ArrayList<>();
    /** Loop depth of each VCode block (IR natural loops; an edge block takes its shallower end's). */
    private final List<Integer> depths = new ArrayList<>();
    private final DominatorTree dom;
    private final VCode vcode;
    private final IntPredicate compiledTogether;
    /** Callees that return with rsp and r15 as at the call ({@link wasm.backend.X64Compiler#returnsInPlace}). */
    private final IntPredicate returnsInPlace;
    private final int[] hits = new int[LoweringRules.count()];
    private int maxStackArgs;
    private int maxResultSlots;
    private boolean callFixups;
    /**
     * ABI v2: a function with several results receives the address of its caller's results
     * area in rax; this extra vreg (past the IR's values) holds it until the returns, -1 otherwise.
     */
    private final int resultsArea;
    private final int incomingStackSlots;
    /** Loads and stores whose bounds check a dominating access already made. */
    private final BitSet provenInBounds;
    /** Where each memory's base and length are read into vregs, and which an access uses. */
    private final HeapValues heap;
    /** The i32 values held zero-extended (computed on the first access lowered). */
    private BitSet zeroExtended;
    /** Where the rule being run emits, and the VCode block it lowers into. */
    private List<MInst> out;
    private int vblock;

    private final CpuFeatures features;
    /** What every loop back edge polls (fuel, interruption), or null when back edges do not poll. */
    private final MInst.Poll backEdgePoll;

    private Lowering(Function f, IntPredicate compiledTogether, IntPredicate returnsInPlace, CpuFeatures features,
                     MInst.Poll backEdgePoll) {
        this.f = f;
        this.features = features;
        this.backEdgePoll = backEdgePoll;
        this.dom = DominatorTree.compute(f);
        this.provenInBounds = RedundantBoundsChecks.compute(f, dom);
        this.compiledTogether = compiledTogether;
        this.returnsInPlace = returnsInPlace;
        this.remaining = f.useCounts();
        boolean multi = f.signature().results().size() > 1;
        Type[] types = new Type[f.valueCount() + (multi ? 1 : 0)];
        for (int v = 0; v < f.valueCount(); v++) {
            types[v] = f.valueType(v);
        }
        this.resultsArea = multi ? f.valueCount() : -1;
        if (multi) {
            types[resultsArea] = Type.I64;
        }
        this.incomingStackSlots = stackSlots(f.signature().params());
        this.vcode = new VCode(types);
        this.heap = HeapValues.compute(f, dom,
                i -> MInst.HeapAccess.checked(provenInBounds.get(i), f.imm(i)), () -> vcode.newVreg(Type.I64));
        this.blockIndex = new int[f.blockCount()];
        Arrays.fill(blockIndex, -1);
    }

    /** Lowers {@code f} for a CPU with {@code features}; throws {@link CompileUnsupported} for what the compiler does not cover. */
    static VCode lower(Function f, IntPredicate compiledTogether, CpuFeatures features) {
        return lower(f, compiledTogether, j -> false, features, null);
    }

    /**
     * As above, with {@code backEdgePoll} (unless null) on every loop back edge: an edge to a block
     * that dominates its source. An unconditional back edge polls before its jump ({@link LoweringRules}'
     * {@code jump_back_edge}); a conditional one in its own edge block, so the poll runs only when
     * the loop goes round. A call of a function in {@code returnsInPlace} is not followed by the
     * re-derivation of rsp and the reload of r15 (ABI v4) that every other call of wasm code gets.
     */
    static VCode lower(Function f, IntPredicate compiledTogether, IntPredicate returnsInPlace, CpuFeatures features,
                       MInst.Poll backEdgePoll) {
        Lowering l = new Lowering(f, compiledTogether, returnsInPlace, features, backEdgePoll);
        l.run();
        return l.vcode;
    }

    private void run() {
        int n = 0;
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            blockIndex[b] = n++;
            blocks.add(null);
            params.add(null);
            succs.add(null);
            depths.add(dom.loopDepth(b));
        }
        // Blocks are independent of each other's lowering except for folding
        // counts; walk them backwards in layout order so that users usually come first.
        for (int b = f.lastBlock(); b >= 0; b = f.prevBlock(b)) {
            lowerBlock(b);
        }
        int pos = 0;
        for (int b = 0; b < blocks.size(); b++) {
            List<MInst> insts = blocks.get(b);
            for (MInst m : insts) {
                vcode.add(m);
            }
            vcode.blockRanges.add(new int[] {pos, pos + insts.size()});
            vcode.succs.add(succs.get(b));
            vcode.blockParams.add(params.get(b));
            vcode.loopDepths.add(depths.get(b));
            pos += insts.size();
        }
        vcode.maxStackArgs = maxStackArgs;
        vcode.maxResultSlots = maxResultSlots;
        vcode.callFixups = callFixups;
        vcode.ruleHits = hits;
    }

    private void lowerBlock(int b) {
        int vb = blockIndex[b];
        List<List<MInst>> backwards = new ArrayList<>();
        for (int i = f.lastInst(b); i >= 0; i = f.prevInst(i)) {
            List<MInst> emitted = new ArrayList<>(2);
            lowerInst(i, vb, emitted);
            backwards.add(emitted);
        }
        List<MInst> insts = new ArrayList<>();
        int[] ps = new int[f.blockParamCount(b)];
        if (b == f.entryBlock()) {
            ps = new int[0];
            insts.add(new MInst.BlockStart(new VReg[0]));
            entry(b, insts);
        } else {
            VReg[] defs = new VReg[ps.length];
            for (int k = 0; k < ps.length; k++) {
                ps[k] = f.blockParam(b, k);
                defs[k] = reg(ps[k]);
            }
            insts.add(new MInst.BlockStart(defs));
        }
        for (int k = backwards.size() - 1; k >= 0; k--) {
            insts.addAll(backwards.get(k));
        }
        blocks.set(vb, insts);
        params.set(vb, ps);
    }

    /** The 8-byte stack slots parameters of these types take (after the SysV registers; two per v128). */
    static int stackSlots(List<Type> params) {
        int ints = 0;
        int floats = 0;
        int stack = 0;
        for (Type t : params) {
            boolean xmm = RegClass.of(t) == RegClass.XMM;
            if (!xmm && ints < SysVAbi.INT_ARGS.size()) {
                ints++;
            } else if (xmm && floats < SysVAbi.FLOAT_ARGS.size()) {
                floats++;
            } else {
                stack += t == Type.V128 ? 2 : 1;
            }
        }
        return stack;
    }

    /** The entry: parameters from their SysV registers and stack slots, the vmctx if used. */
    private void entry(int b, List<MInst> insts) {
        List<VReg> inRegs = new ArrayList<>();
        List<Reg> regs = new ArrayList<>();
        List<MInst> stackLoads = new ArrayList<>();
        int vmctx = f.blockParam(b, 0);
        int ints = 0;
        int floats = 0;
        int stack = 0;
        for (int k = 1; k < f.blockParamCount(b); k++) {
            int v = f.blockParam(b, k);
            boolean isFloat = inXmm(v);
            if (!isFloat && ints < SysVAbi.INT_ARGS.size()) {
                inRegs.add(gpr(v));
                regs.add(SysVAbi.INT_ARGS.get(ints++));
            } else if (isFloat && floats < SysVAbi.FLOAT_ARGS.size()) {
                inRegs.add(xmm(v));
                regs.add(SysVAbi.FLOAT_ARGS.get(floats++));
            } else {
                boolean v128 = f.valueType(v) == Type.V128;
                stackLoads.add(new MInst.LoadStackArg(reg(v), stack, v128));
                stack += v128 ? 2 : 1;
            }
        }
        if (stack != incomingStackSlots) {
            throw new IllegalStateException("stack parameters: " + stack + " slots, expected " + incomingStackSlots);
        }
        if (resultsArea >= 0) {
            inRegs.add(gpr(resultsArea));
            regs.add(SysVAbi.RESULTS_AREA);
        }
        insts.add(new MInst.Entry(inRegs.toArray(VReg[]::new), regs.toArray(Reg[]::new)));
        insts.addAll(stackLoads);
        if (remaining[vmctx] > 0) {
            insts.add(new MInst.Vmctx(gpr(vmctx)));
        }
    }

    private void lowerInst(int i, int vb, List<MInst> emitted) {
        IrOpcode op = f.opcode(i);
        if (f.resultCount(i) == 1 && !op.hasSideEffects() && remaining[f.firstResult(i)] <= 0) {
            return; // dead or folded into every user
        }
        if (op.isVector() && !(has(CpuFeatures.Feature.SSE41) && has(CpuFeatures.Feature.SSSE3))) {
            // the vector lowering's baseline; v128 loads, stores and moves alone need only SSE2
            throw new CompileUnsupported("SIMD needs SSE4.1 and SSSE3");
        }
        out = emitted;
        vblock = vb;
        for (HeapValues.Read r : heap.readsBefore(i)) {
            emitted.add(new MInst.MemoryField(r.field(), r.memory(), new GReg(r.vreg())));
        }
        if (absorbed.get(i)) {
            return; // the read-modify-write that took it in checks and accesses for it
        }
        for (LoweringRules.Rule rule : LoweringRules.of(op)) {
            if (rule.body().lower(this, i)) {
                hits[rule.id()]++;
                return;
            }
        }
        Type ctrl = f.ctrlType(i);
        throw new CompileUnsupported(op.text() + (ctrl == null ? "" : "." + ctrl) + " not supported yet");
    }

    // ---- what rules read -------------------------------------------------------------

    Function function() {
        return f;
    }

    /** Whether the target CPU has {@code feature} (rules for instructions it adds sit above their fallbacks). */
    boolean has(CpuFeatures.Feature feature) {
        return features.has(feature);
    }

    IrOpcode opcode(int i) {
        return f.opcode(i);
    }

    int arg(int i, int k) {
        return f.arg(i, k);
    }

    int result(int i) {
        return f.firstResult(i);
    }

    long imm(int i) {
        return f.imm(i);
    }

    /** The controlling type of instruction i (null when it has none). */
    Type ctrl(int i) {
        return f.ctrlType(i);
    }

    Type type(int v) {
        return f.valueType(v);
    }

    /** The operand size of instruction i: DWORD for i32/f32, else QWORD. */
    Size size(int i) {
        Type t = f.ctrlType(i);
        return t == null ? Size.QWORD : sizeOf(t);
    }

    static Size sizeOf(Type t) {
        return t == Type.I32 || t == Type.F32 ? Size.DWORD : Size.QWORD;
    }

    /** The IR block of instruction i. */
    int block(int i) {
        return f.instBlock(i);
    }

    /** How many uses of {@code v} are still to be lowered (users are lowered before the values they read). */
    int remaining(int v) {
        return remaining[v];
    }

    boolean provenInBounds(int i) {
        return provenInBounds.get(i);
    }

    /** The registers of access {@code i} with address value {@code addr}: its memory's base and length where it runs. */
    MInst.HeapAddr heapAddr(int i, int addr) {
        int length = heap.length(i);
        if (zeroExtended == null) {
            zeroExtended = ZeroExtendedValues.compute(f, dom.cfg());
        }
        return new MInst.HeapAddr(gpr(addr), zeroExtended.get(addr), new GReg(heap.base(i)),
                length < 0 ? null : new GReg(length));
    }

    boolean compiledTogether(int func) {
        return compiledTogether.test(func);
    }

    boolean returnsInPlace(int func) {
        return returnsInPlace.test(func);
    }

    /**
     * The poll of the edge from terminator {@code inst} to IR block {@code target}: the back-edge poll
     * when the edge goes back to a loop header (the target dominates the branch), else null.
     */
    MInst.Poll backEdgePoll(int inst, int target) {
        return backEdgePoll != null && dom.dominates(target, f.instBlock(inst)) ? backEdgePoll : null;
    }

    int resultsArea() {
        return resultsArea;
    }

    /**
     * The 8-byte stack slots of this function's own incoming arguments ({@code [rbp + 16 + 8k]}): the
     * room a tail call has for its callee's stack arguments without a frame of its own.
     */
    int incomingStackSlots() {
        return incomingStackSlots;
    }

    /** The operand of value {@code v}, which lives in a general-purpose register. */
    GReg gpr(int v) {
        if (inXmm(v)) {
            throw new IllegalStateException("v" + v + " is a float or vector, not a general-register value");
        }
        return new GReg(v);
    }

    /** The operand of value {@code v}, which lives in an XMM register. */
    XReg xmm(int v) {
        if (!inXmm(v)) {
            throw new IllegalStateException("v" + v + " is not a float or vector");
        }
        return new XReg(v);
    }

    /** The operand of value {@code v} in its register class. */
    VReg reg(int v) {
        return inXmm(v) ? new XReg(v) : new GReg(v);
    }

    /** Whether value {@code v} lives in the XMM class (a float or a v128). */
    boolean inXmm(int v) {
        return RegClass.of(vcode.vregTypes[v]) == RegClass.XMM;
    }

    /** A fresh XMM-class virtual register (a v128 temporary of a lowering sequence). */
    XReg newXmm() {
        return new XReg(vcode.newVreg(Type.V128));
    }

    /** A fresh general-register temporary (i64). */
    GReg newGpr() {
        return new GReg(vcode.newVreg(Type.I64));
    }

    /** Whether the target has AVX (VEX encodings; changes operand constraints of some forms). */
    boolean avx() {
        return features.has(CpuFeatures.Feature.AVX);
    }

    boolean isConst(int v) {
        return f.isInstResult(v) && f.opcode(f.valueInst(v)) == IrOpcode.ICONST;
    }

    long constValue(int v) {
        return f.imm(f.valueInst(v));
    }

    /** The constant {@code v} as an imm32 for an operation of {@code size}, or null. */
    Long imm32(int v, Size size) {
        if (!isConst(v)) {
            return null;
        }
        long c = constValue(v);
        if (size == Size.DWORD) {
            return (long) (int) c;
        }
        return c == (int) c ? c : null;
    }

    /** One use of {@code v} was folded into the instruction being lowered. */
    void consume(int v) {
        remaining[v]--;
    }

    /** Whether {@code v} is the single-use result of {@code op} defined in block {@code b}. */
    boolean foldable(int v, IrOpcode op, int b) {
        return f.isInstResult(v) && f.opcode(f.valueInst(v)) == op && remaining[v] == 1
                && f.instBlock(f.valueInst(v)) == b;
    }

    /** Load {@code i} is done by a later instruction that folded it in: lowering it emits nothing. */
    void absorb(int i) {
        absorbed.set(i);
    }

    /**
     * Whether every instruction strictly between {@code from} and {@code to} (one block) is pure
     * and cannot trap, or is a load: nothing there writes anything, and a load traps only for being
     * out of bounds, as the load at {@code from} does, so moving that load's read and check after
     * them changes neither a value read nor which trap is reported.
     */
    boolean onlyPureOrLoadsBetween(int from, int to) {
        for (int k = f.nextInst(from); k != to; k = f.nextInst(k)) {
            if (k < 0 || f.opcode(k).hasSideEffects() && f.opcode(k).format() != wasm.ir.InstFormat.LOAD) {
                return false;
            }
        }
        return true;
    }

    /** The instruction defining {@code v}. */
    int def(int v) {
        return f.valueInst(v);
    }

    static Cond cond(IntCC cc) {
        return switch (cc) {
            case EQ -> Cond.E;
            case NE -> Cond.NE;
            case SLT -> Cond.L;
            case ULT -> Cond.B;
            case SGT -> Cond.G;
            case UGT -> Cond.A;
            case SLE -> Cond.LE;
            case ULE -> Cond.BE;
            case SGE -> Cond.GE;
            case UGE -> Cond.AE;
        };
    }

    /** {@code a cc b} at {@code size}, with a constant side as the immediate (consumed). */
    MInst.IntCompare compare(int a, int b, IntCC cc, Size size) {
        Long ib = imm32(b, size);
        if (ib != null) {
            consume(b);
            return new MInst.IntCompare(size, cond(cc), gpr(a), new Imm32((int) (long) ib));
        }
        Long ia = imm32(a, size);
        if (ia != null) {
            consume(a);
            return new MInst.IntCompare(size, cond(cc.swapped()), gpr(b), new Imm32((int) (long) ia));
        }
        return new MInst.IntCompare(size, cond(cc), gpr(a), gpr(b));
    }

    // ---- what rules do ----------------------------------------------------------------

    void emit(MInst m) {
        out.add(m);
    }

    /** The successors of the block being lowered (its terminator's targets, in order, without repeats). */
    void successors(int... targets) {
        if (targets.length > 8) {
            succs.set(vblock, Arrays.stream(targets).distinct().toArray()); // a br_table: rare
            return;
        }
        // without a stream for the usual one or two targets: this runs once per block, and a
        // stream pipeline cost more than the rest of the call
        int n = 0;
        int[] distinct = new int[targets.length];
        for (int t : targets) {
            boolean seen = false;
            for (int k = 0; k < n && !seen; k++) {
                seen = distinct[k] == t;
            }
            if (!seen) {
                distinct[n++] = t;
            }
        }
        succs.set(vblock, n == distinct.length ? distinct : Arrays.copyOf(distinct, n));
    }

    /**
     * The VCode block target {@code t} of terminator {@code inst} reaches. An edge with arguments out
     * of a multi-way branch gets its own block (critical-edge splitting): the parallel move lives there,
     * and so does a loop back edge's poll.
     */
    int edge(int inst, int t) {
        int tb = f.targetBlock(inst, t);
        if (tb == f.entryBlock()) {
            throw new CompileUnsupported("branch to the entry block");
        }
        int n = f.targetArgCount(inst, t);
        MInst.Poll poll = backEdgePoll(inst, tb);
        if (n == 0 && poll == null) {
            return blockIndex[tb];
        }
        VReg[] args = new VReg[n];
        for (int k = 0; k < n; k++) {
            args[k] = reg(f.targetArg(inst, t, k));
        }
        int idx = blocks.size();
        MInst.Jump jump = new MInst.Jump(blockIndex[tb], args);
        blocks.add(poll == null ? List.of(new MInst.BlockStart(new VReg[0]), jump)
                : List.of(new MInst.BlockStart(new VReg[0]), poll, jump));
        params.add(new int[0]);
        succs.add(new int[] {blockIndex[tb]});
        depths.add(Math.min(dom.loopDepth(f.instBlock(inst)), dom.loopDepth(tb)));
        return idx;
    }

    /** The VCode block of IR block {@code b} (a jump's target, with its arguments passed by the jump). */
    int blockOf(int b) {
        if (b == f.entryBlock()) {
            throw new CompileUnsupported("branch to the entry block");
        }
        return blockIndex[b];
    }

    void noteStackArgs(int n) {
        maxStackArgs = Math.max(maxStackArgs, n);
    }

    void noteResultSlots(int n) {
        maxResultSlots = Math.max(maxResultSlots, n);
    }

    void noteCallFixup() {
        callFixups = true;
    }

    /** A general register for integer argument k of a runtime helper (k = 0 is vmctx). */
    static Gpr helperArg(int k) {
        return SysVAbi.INT_ARGS.get(k);
    }
}
