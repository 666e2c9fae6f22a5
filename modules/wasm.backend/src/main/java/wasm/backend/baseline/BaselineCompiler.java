package wasm.backend.baseline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import wasm.backend.CompileUnsupported;
import wasm.backend.CompiledFunction;
import wasm.backend.CpuFeatures;
import wasm.backend.Helper;
import wasm.backend.VmctxLayout;
import wasm.backend.code.CodeBuffer;
import wasm.backend.code.FixupKind;
import wasm.backend.code.Label;
import wasm.backend.internal.x64.AbiSequences;
import wasm.backend.x64.AluOp;
import wasm.backend.x64.Cond;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Mem;
import wasm.backend.x64.ShiftOp;
import wasm.backend.x64.Size;
import wasm.backend.x64.SseOp;
import wasm.backend.x64.SysVAbi;
import wasm.backend.x64.UnaryOp;
import wasm.backend.x64.X64Assembler;
import wasm.backend.x64.Xmm;
import wasm.core.model.AddressType;
import wasm.core.model.BlockType;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;
import wasm.ir.TrapCode;

/**
 * The baseline tier: one pass over a function's Wasm code straight to x86-64, for code that runs
 * before it proves hot (V8's Liftoff plays this part; docs/architecture.md, "Tiers").
 *
 * <p>Every local and every operand-stack value has its own 8-byte frame slot: an instruction
 * loads its operands from slots into rax/rcx (xmm0/xmm1), computes, and stores its result. No IR,
 * no register allocation, no analysis; three cheap deferrals only, within straight-line code: a
 * local.get or a constant is not copied to its slot until something reads it (then it is read
 * from the local, or used as an immediate), and a comparison just before a branch leaves its
 * result in the flags. The code is several times slower than the optimizing pipeline's (core3
 * entirely in it: 1.75-2.0 s against 0.6 s) and made about eight times faster on a cold JVM
 * (sqlite_bench's 365 first-called functions: 217 ms against 1.8 s), which is what the first run
 * of a large program needs.
 *
 * <p>The code keeps the JIT ABI of the optimizing pipeline (rbp frames, r15 = vmctx, the
 * prologue's stack-limit check, explicit bounds checks against vmctx's memory length, trap stubs,
 * calls through the vmctx slots), so the two tiers call each other freely and the runtime's
 * backtraces, interruption and trap handling see no difference. Every call is followed by the
 * ABI's fix-up (rsp and r15 re-derived), and every call goes through the callee's vmctx slot:
 * the code has no relocations.
 *
 * <p>With a tier-up counter ({@link VmctxLayout#tierUpCounters()}), the function counts its
 * entries and loop iterations down from a budget the runtime sets; an entry that finds the
 * budget spent goes to the store's lazy-compile thunk, as an uncompiled function does, and the
 * runtime answers with the optimizing tier's code (or this code again, budget renewed). Each
 * activation also counts its own loop iterations, from a start the runtime sets (four times the
 * budget): an activation that loops long moves into the optimizing tier's entry for the
 * function in the middle of its loop (on-stack replacement, {@link Helper#OSR_ENTRY}).
 *
 * <p>What it does not compile (SIMD, several or 64-bit memories, 64-bit tables, tail calls, code
 * metered for fuel) it refuses with {@link CompileUnsupported}: the runtime then uses the
 * optimizing tier. Not thread-safe: one instance per compiling thread.
 */
public final class BaselineCompiler {
    /**
     * Frame slots above the locals: the caller's r15, the results area, rsp after the prologue, the
     * activation's on-stack-replacement countdown and the entry address the runtime answers with.
     */
    private static final int R15_SLOT = -8;
    private static final int RESULTS_AREA_SLOT = -16;
    private static final int RSP_SLOT = -24;
    /**
     * The activation's countdown to its next on-stack-replacement check (an i32 at {@code [rbp + this]}):
     * every loop header an OSR entry can start at subtracts one, and when it goes negative calls
     * {@link Helper#OSR_ENTRY}, which renews it.
     */
    public static final int OSR_COUNTDOWN_SLOT = -32;
    /** Where {@link Helper#OSR_ENTRY} leaves the entry's address ({@code [rbp + this]}) when it answers 1. */
    public static final int OSR_ENTRY_SLOT = -40;
    private static final int FIXED_BYTES = 40;

    private static final Gpr RAX = Gpr.RAX;
    private static final Gpr RCX = Gpr.RCX;
    private static final Gpr RDX = Gpr.RDX;
    private static final Gpr R10 = Gpr.R10;
    private static final Gpr R11 = Gpr.R11;
    private static final Xmm X0 = Xmm.XMM0;
    private static final Xmm X1 = Xmm.XMM1;

    private final VmctxLayout layout;
    private final CpuFeatures features;
    /**
     * Whether the code counts down its tier-up counter: whenever the layout has the counters, so the
     * code is the same whatever a store's policy (a code cache may hand it to a tiered store).
     */
    private final boolean countsForTierUp;

    /**
     * @param layout   the vmctx layout of the module's instances
     * @param features the CPU's extensions (popcnt, lzcnt, tzcnt and SSE4.1's roundings are used
     *                 when present)
     */
    public BaselineCompiler(VmctxLayout layout, CpuFeatures features) {
        this.layout = layout;
        this.features = features;
        this.countsForTierUp = layout.tierUpCounters() >= 0;
    }

    /**
     * Compiles defined function {@code funcIndex} of {@code module}.
     *
     * @throws CompileUnsupported when the function uses what this tier leaves to the optimizing one
     */
    public CompiledFunction compile(Module module, int funcIndex) {
        if (layout.fuelCounter() >= 0) {
            throw new CompileUnsupported("baseline: fuel metering");
        }
        int imported = module.functionCount() - module.functions().size();
        FunctionBody body = module.codes().get(funcIndex - imported);
        try {
            return new FunctionCompile(module, funcIndex, body, 0).run();
        } catch (NeedsSaveSlots rare) {
            return new FunctionCompile(module, funcIndex, body, ifParameters(module, body)).run();
        }
    }

    /** An if-block with parameters met in a compile without save slots: compile again with them. */
    private static final class NeedsSaveSlots extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsSaveSlots() {
            super(null, null, false, false);
        }
    }

    /** The parameters of all the body's if-blocks: each gets its own save slots. */
    private static int ifParameters(Module module, FunctionBody body) {
        int n = 0;
        for (Instruction ins : body.code()) {
            if (ins instanceof Instruction.Block b && b.opcode() == Opcode.IF
                    && b.type() instanceof BlockType.TypeIndex ti) {
                n += module.types().get(ti.typeIndex()).params().size();
            }
        }
        return n;
    }

    private enum Kind { BLOCK, LOOP, IF, FUNCTION }

    private static final byte SLOT = 0;
    private static final byte CONST = 1;
    private static final byte LOCAL = 2;
    /** An integer comparison's result, still in the flags ({@code pendingCond}) for the br_if or if after it. */
    private static final byte FLAGS = 3;

    /** A control frame: where its branches go and which slots carry its values. */
    private static final class Frame {
        final Kind kind;
        final Label label;
        /** The else branch's start (IF only). */
        final Label elseLabel;
        /** The slot of the frame's first parameter (and first result). */
        final int base;
        final int params;
        final int results;
        boolean sawElse;

        /** IF with parameters: the first of the slots that keep them for the else branch. */
        int saved = -1;

        Frame(Kind kind, Label label, Label elseLabel, int base, int params, int results) {
            this.kind = kind;
            this.label = label;
            this.elseLabel = elseLabel;
            this.base = base;
            this.params = params;
            this.results = results;
        }

        int branchArity() {
            return kind == Kind.LOOP ? params : results;
        }
    }

    /** A loop header's on-stack-replacement check: the loop's instruction index, the out-of-line call, the way back. */
    private record OsrCheck(int codeIndex, Label slowPath, Label back) {
    }

    /** The state of one function's compile. */
    private final class FunctionCompile {
        private final Module module;
        private final int funcIndex;
        private final FunctionBody body;
        private final FuncType type;
        private final CodeBuffer buf = new CodeBuffer(1024);
        private final X64Assembler a = new X64Assembler(buf);
        private final Map<TrapCode, Label> stubs = new EnumMap<>(TrapCode.class);
        private final List<Frame> frames = new ArrayList<>();
        private final int numLocals;
        /** Operand stack height, in slots above the locals. */
        private int height;
        /**
         * Per stack entry: {@link #SLOT} (its value is in its slot), {@link #CONST} (a constant, in
         * {@link #values}, not stored yet) or {@link #LOCAL} (the current value of the local whose
         * index is in {@link #values}, not copied yet). Deferring local.get and constants saves a
         * store and a load per use in straight-line code; entries are stored at every control
         * instruction ({@link #flush}), so labels see slots only. {@link #FLAGS}: see there.
         */
        private byte[] kinds = new byte[16];
        private long[] values = new long[16];
        /** The opcode after the one being compiled, or null at the end. */
        private Opcode nextOp;
        /** The condition of the {@link #FLAGS} entry on top. */
        private Cond pendingCond;
        private int maxHeight;
        /** Bytes at the bottom of the frame for outgoing stack arguments and results areas. */
        private int outgoing;
        /** Whether the current instruction can be reached; false after br, return, unreachable. */
        private boolean reachable = true;
        /** Nesting depth of blocks opened in unreachable code (skipped whole). */
        private int deadDepth;
        /** The index in the body of the instruction being compiled. */
        private int codeIndex;
        /** The loop headers that count down to an on-stack-replacement check. */
        private final List<OsrCheck> osrChecks = new ArrayList<>();
        /** Slots after the locals that keep if-blocks' parameters for their else branches. */
        private final int saveSlots;
        private int savedUsed;

        FunctionCompile(Module module, int funcIndex, FunctionBody body, int saveSlots) {
            this.module = module;
            this.funcIndex = funcIndex;
            this.body = body;
            this.saveSlots = saveSlots;
            this.type = module.functionType(funcIndex);
            this.numLocals = type.params().size() + body.locals().size();
        }

        CompiledFunction run() {
            for (ValType t : type.params()) {
                numeric(t);
            }
            for (ValType t : type.results()) {
                numeric(t);
            }
            Label tierUp = null;
            if (countsForTierUp) {
                // before the frame: the lazy-compile thunk needs the arguments where the caller put them
                tierUp = a.newLabel();
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.tierUpCounters()));
                a.alu(AluOp.SUB, Size.DWORD, Mem.of(R11, 4 * funcIndex), 1);
                a.jcc(Cond.S, tierUp);
            }
            a.push(Gpr.RBP);
            a.mov(Size.QWORD, Gpr.RBP, Gpr.RSP);
            // sub rsp, imm32: the frame's size is known at the end
            buf.emit8(0x48);
            buf.emit8(0x81);
            buf.emit8(0xEC);
            int frameField = buf.position();
            buf.emit32(0);
            AbiSequences.stackCheck(a, layout, stub(TrapCode.STACK_OVERFLOW));
            a.mov(Size.QWORD, Mem.of(Gpr.RBP, R15_SLOT), Gpr.R15);
            if (type.results().size() > 1) {
                a.mov(Size.QWORD, Mem.of(Gpr.RBP, RESULTS_AREA_SLOT), SysVAbi.RESULTS_AREA);
            }
            a.mov(Size.QWORD, Mem.of(Gpr.RBP, RSP_SLOT), Gpr.RSP);
            if (countsForTierUp && body.loops()) {
                // the runtime's first countdown, right below the counters (a body without loops never checks)
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.tierUpCounters()));
                a.mov(Size.DWORD, R11, Mem.of(R11, -4));
                a.mov(Size.DWORD, Mem.of(Gpr.RBP, OSR_COUNTDOWN_SLOT), R11);
            }
            storeParameters();
            if (body.locals().size() > 0) {
                // numbers start at zero, references at null (-1, as everywhere in the runtime)
                a.alu(AluOp.XOR, Size.DWORD, RAX, RAX);
                int k = type.params().size();
                for (ValType t : body.locals()) {
                    numeric(t);
                    if (t.isReference()) {
                        a.mov(Size.QWORD, local(k++), -1);
                    } else {
                        a.mov(Size.QWORD, local(k++), RAX);
                    }
                }
            }
            frames.add(new Frame(Kind.FUNCTION, a.newLabel(), null, 0, 0, type.results().size()));
            List<Instruction> code = body.code();
            for (int k = 0; k < code.size() && !frames.isEmpty(); k++) {
                nextOp = k + 1 < code.size() ? code.get(k + 1).opcode() : null;
                codeIndex = k;
                instruction(code.get(k));
            }
            AbiSequences.waysOut(a, buf, layout, unwind, stubs);
            if (tierUp != null) {
                a.bind(tierUp);
                a.mov(Size.DWORD, R11, funcIndex);
                a.jmp(Mem.of(Gpr.R15, layout.lazyCompileThunk()));
            }
            if (!osrChecks.isEmpty()) {
                Label enter = a.newLabel();
                for (int k = 0; k < osrChecks.size(); k++) {
                    osrCheck(osrChecks.get(k), k == osrChecks.size() - 1 ? null : enter);
                }
                a.bind(enter);
                List<ValType> locals = new ArrayList<>(type.params());
                locals.addAll(body.locals());
                osrEnter(locals);
            }
            // rsp stays 16-byte aligned: after "push rbp" it is, and the frame is a multiple of 16
            int frame = (FIXED_BYTES + 8 * (numLocals + saveSlots + maxHeight) + outgoing + 15) & -16;
            buf.patch32(frameField, frame);
            return new CompiledFunction(funcIndex, buf.finish(), numLocals + saveSlots + maxHeight);
        }

        // ---------------------------------------------------------------- slots

        private Mem local(int k) {
            return Mem.of(Gpr.RBP, -FIXED_BYTES - 8 * (k + 1));
        }

        /** The operand stack's slot at height {@code h} (0 = the bottom), above the locals and save slots. */
        private Mem slot(int h) {
            return local(numLocals + saveSlots + h);
        }

        /**
         * Where the value {@code fromTop} entries below the top is read: its slot, or the local it
         * is a deferred copy of. A deferred constant must have been stored first ({@link #instruction}
         * does so for the top three before any instruction that reads them).
         */
        private Mem top(int fromTop) {
            return at(height - 1 - fromTop);
        }

        /** {@link #top}, by position from the bottom. */
        private Mem at(int h) {
            return switch (kinds[h]) {
                case SLOT -> slot(h);
                case LOCAL -> local((int) values[h]);
                default -> throw new IllegalStateException("a deferred constant read as an operand");
            };
        }

        /** The top's slot, for an instruction's result: the entry is a plain slot from now on. */
        private Mem out() {
            kinds[height - 1] = SLOT;
            return slot(height - 1);
        }

        private void push() {
            height++;
            if (height > maxHeight) {
                maxHeight = height;
            }
            if (height > kinds.length) {
                kinds = java.util.Arrays.copyOf(kinds, 2 * height);
                values = java.util.Arrays.copyOf(values, 2 * height);
            }
            kinds[height - 1] = SLOT;
        }

        /** The height at a label (block end, else): the values there are in their slots. */
        private void setHeight(int h) {
            height = Math.max(0, h - 1);
            while (height < h) {
                push();
            }
            java.util.Arrays.fill(kinds, 0, h, SLOT);
        }

        /** Stores a deferred entry into its slot (through r11). */
        private void materialize(int h) {
            switch (kinds[h]) {
                case CONST -> a.storeConst(slot(h), values[h], R11);
                case LOCAL -> {
                    a.mov(Size.QWORD, R11, local((int) values[h]));
                    a.mov(Size.QWORD, slot(h), R11);
                }
                case FLAGS -> throw new IllegalStateException("a comparison left in the flags must be branched on");
                default -> {
                    return;
                }
            }
            kinds[h] = SLOT;
        }

        /** Every entry into its slot: at every label and branch all values are where the slots say. */
        private void flush() {
            for (int h = 0; h < height; h++) {
                if (kinds[h] != FLAGS) { // the br_if or if being compiled consumes it
                    materialize(h);
                }
            }
        }

        /**
         * Whether the comparison being compiled may leave its result in the flags: the next
         * instruction branches on it (stores and copies in between are moves, which keep the flags).
         */
        private boolean branchFollows() {
            return nextOp == Opcode.BR_IF || nextOp == Opcode.IF;
        }

        /** Leaves the comparison's result in the flags as the top entry. */
        private void resultInFlags(Cond cond) {
            pop(1);
            kinds[height - 1] = FLAGS;
            pendingCond = cond;
        }

        /** The deferred constants among the top {@code n} entries into their slots. */
        private void storeConstants(int n) {
            for (int h = Math.max(0, height - n); h < height; h++) {
                if (kinds[h] == CONST) {
                    materialize(h);
                }
            }
        }

        /** The deferred constant below the top into its slot (binary operators read it from there). */
        private void storeConstantsBelowTop() {
            if (height >= 2 && kinds[height - 2] == CONST) {
                materialize(height - 2);
            }
        }

        private static boolean isShift(Opcode op) {
            return switch (op) {
                case I64_SHL, I64_SHR_S, I64_SHR_U, I64_ROTL, I64_ROTR -> true;
                default -> false;
            };
        }

        /** Before local {@code k} changes: the entries that are deferred copies of it get its old value. */
        private void detach(int k, int below) {
            for (int h = 0; h < below; h++) {
                if (kinds[h] == LOCAL && values[h] == k) {
                    materialize(h);
                }
            }
        }

        private void pop(int n) {
            height -= n;
        }

        private Label stub(TrapCode code) {
            return stubs.computeIfAbsent(code, c -> a.newLabel());
        }

        /** i32, i64, f32, f64 and references (a store function address, or -1 for null) fit a slot. */
        private void numeric(ValType t) {
            if (!t.isNumeric() && !t.isReference()) {
                throw new CompileUnsupported("baseline: " + t + " values");
            }
        }

        private static boolean isFloat(ValType t) {
            return t == ValType.F32 || t == ValType.F64;
        }

        /** The parameters from their ABI places into their local slots. */
        private void storeParameters() {
            int ints = 0;
            int floats = 0;
            int stack = 0;
            List<ValType> params = type.params();
            for (int k = 0; k < params.size(); k++) {
                ValType t = params.get(k);
                if (isFloat(t) && floats < SysVAbi.FLOAT_ARGS.size()) {
                    a.movsd(local(k), SysVAbi.FLOAT_ARGS.get(floats++));
                } else if (!isFloat(t) && ints < SysVAbi.INT_ARGS.size()) {
                    a.mov(Size.QWORD, local(k), SysVAbi.INT_ARGS.get(ints++));
                } else {
                    a.mov(Size.QWORD, R11, Mem.of(Gpr.RBP, 16 + 8 * stack++));
                    a.mov(Size.QWORD, local(k), R11);
                }
            }
        }

        private void copySlots(int from, int to, int count) {
            if (from == to) {
                return;
            }
            for (int k = 0; k < count; k++) {
                a.mov(Size.QWORD, RAX, slot(from + k));
                a.mov(Size.QWORD, slot(to + k), RAX);
            }
        }

        // ---------------------------------------------------------------- control

        private int[] blockArity(BlockType bt) {
            return switch (bt) {
                case BlockType.Empty e -> new int[] {0, 0};
                case BlockType.Value v -> {
                    numeric(v.type());
                    yield new int[] {0, 1};
                }
                case BlockType.TypeIndex ti -> {
                    FuncType ft = module.types().get(ti.typeIndex());
                    ft.params().forEach(this::numeric);
                    ft.results().forEach(this::numeric);
                    yield new int[] {ft.params().size(), ft.results().size()};
                }
            };
        }

        private Frame frameAt(int depth) {
            return frames.get(frames.size() - 1 - depth);
        }

        /** Moves the branch's values to the target's slots and jumps. */
        private void branch(int depth) {
            Frame f = frameAt(depth);
            if (f.kind == Kind.FUNCTION) {
                returnValues();
                return;
            }
            int arity = f.branchArity();
            copySlots(height - arity, f.base, arity);
            a.jmp(f.label);
        }

        private boolean needsCopy(int depth) {
            Frame f = frameAt(depth);
            return f.kind == Kind.FUNCTION || f.branchArity() > 0 && height - f.branchArity() != f.base;
        }

        /** The function's results (the top of the stack) to rax, xmm0 or the results area; returns. */
        private void returnValues() {
            List<ValType> results = type.results();
            int n = results.size();
            if (n == 1) {
                if (isFloat(results.get(0))) {
                    a.movsd(X0, top(0));
                } else {
                    a.mov(Size.QWORD, RAX, top(0));
                }
            } else if (n > 1) {
                a.mov(Size.QWORD, R11, Mem.of(Gpr.RBP, RESULTS_AREA_SLOT));
                for (int k = 0; k < n; k++) {
                    a.mov(Size.QWORD, RAX, slot(height - n + k));
                    a.mov(Size.QWORD, Mem.of(R11, 8 * k), RAX);
                }
            }
            a.mov(Size.QWORD, Gpr.RSP, Gpr.RBP);
            a.pop(Gpr.RBP);
            a.ret();
        }

        private void instruction(Instruction ins) {
            Opcode op = ins.opcode();
            if (!reachable) {
                switch (op) {
                    case BLOCK, LOOP, IF -> {
                        deadDepth++;
                        return;
                    }
                    case END -> {
                        if (deadDepth > 0) {
                            deadDepth--;
                            return;
                        }
                    }
                    case ELSE -> {
                        if (deadDepth > 0) {
                            return;
                        }
                    }
                    default -> {
                        return;
                    }
                }
            }
            switch (op) {
                case BLOCK, LOOP, IF, ELSE, END, BR, BR_IF, BR_TABLE, RETURN, CALL, CALL_INDIRECT -> flush();
                case I32_CONST, I64_CONST, F32_CONST, F64_CONST, REF_NULL, LOCAL_GET, LOCAL_SET, LOCAL_TEE, DROP,
                     NOP -> {
                }
                // a constant second operand becomes an immediate
                case I32_ADD, I32_SUB, I32_AND, I32_OR, I32_XOR, I32_SHL, I32_SHR_S, I32_SHR_U, I32_ROTL, I32_ROTR,
                     I32_EQ, I32_NE, I32_LT_S, I32_LT_U, I32_GT_S, I32_GT_U, I32_LE_S, I32_LE_U, I32_GE_S, I32_GE_U -> {
                    storeConstantsBelowTop();
                }
                case I64_ADD, I64_SUB, I64_AND, I64_OR, I64_XOR, I64_SHL, I64_SHR_S, I64_SHR_U, I64_ROTL, I64_ROTR,
                     I64_EQ, I64_NE, I64_LT_S, I64_LT_U, I64_GT_S, I64_GT_U, I64_LE_S, I64_LE_U, I64_GE_S, I64_GE_U -> {
                    storeConstantsBelowTop();
                    if (kinds[height - 1] == CONST && !immediateOnTop(Size.QWORD) && !isShift(op)) {
                        materialize(height - 1);
                    }
                }
                default -> storeConstants(3);
            }
            switch (ins) {
                case Instruction.Block b -> block(b);
                case Instruction.Indexed x -> indexed(x);
                case Instruction.Indexed2 x -> {
                    switch (op) {
                        case CALL_INDIRECT -> callIndirect(x.first(), x.second());
                        case MEMORY_COPY -> {
                            memory(x.first());
                            memory(x.second());
                            helper(Helper.MEMORY_COPY, 3, x.first(), x.second());
                        }
                        case MEMORY_INIT -> {
                            memory(x.second());
                            helper(Helper.MEMORY_INIT, 3, x.second(), x.first());
                        }
                        case TABLE_COPY -> {
                            table32(x.first());
                            table32(x.second());
                            helper(Helper.TABLE_COPY, 3, x.first(), x.second());
                        }
                        case TABLE_INIT -> {
                            table32(x.second());
                            helper(Helper.TABLE_INIT, 3, x.second(), x.first());
                        }
                        default -> throw new CompileUnsupported("baseline: " + op);
                    }
                }
                case Instruction.BrTable t -> brTable(t);
                case Instruction.MemoryAccess m -> memoryAccess(m);
                case Instruction.I32Const c -> constant(c.value() & 0xFFFF_FFFFL);
                case Instruction.I64Const c -> constant(c.value());
                case Instruction.F32Const c -> constant(c.bits() & 0xFFFF_FFFFL);
                case Instruction.F64Const c -> constant(c.bits());
                case Instruction.RefNull r -> constant(-1L);
                case Instruction.Plain p -> plain(op);
                default -> throw new CompileUnsupported("baseline: " + op);
            }
        }

        private void constant(long bits) {
            push();
            kinds[height - 1] = CONST;
            values[height - 1] = bits;
        }

        private void block(Instruction.Block b) {
            int[] arity = blockArity(b.type());
            int base = height - arity[0];
            switch (b.opcode()) {
                case BLOCK -> frames.add(new Frame(Kind.BLOCK, a.newLabel(), null, base, arity[0], arity[1]));
                case LOOP -> {
                    Frame f = new Frame(Kind.LOOP, a.newLabel(), null, base, arity[0], arity[1]);
                    frames.add(f);
                    a.bind(f.label);
                    poll(f);
                }
                case IF -> {
                    Cond taken = condition();
                    Frame f = new Frame(Kind.IF, a.newLabel(), a.newLabel(), height - arity[0], arity[0], arity[1]);
                    if (arity[0] > 0) {
                        // the then branch consumes the parameters; the else branch gets them back from here
                        if (savedUsed + arity[0] > saveSlots) {
                            throw new NeedsSaveSlots();
                        }
                        f.saved = numLocals + savedUsed;
                        savedUsed += arity[0];
                        for (int k = 0; k < arity[0]; k++) {
                            a.mov(Size.QWORD, RCX, slot(f.base + k));
                            a.mov(Size.QWORD, local(f.saved + k), RCX);
                        }
                    }
                    frames.add(f);
                    a.jcc(taken.invert(), f.elseLabel);
                }
                default -> throw new IllegalStateException(b.opcode().toString());
            }
        }

        /**
         * Pops a branch's i32 condition and sets the flags from it; returns the condition under
         * which the branch is taken (a comparison just before left it in the flags already).
         */
        private Cond condition() {
            if (kinds[height - 1] == FLAGS) {
                pop(1);
                return pendingCond;
            }
            a.mov(Size.DWORD, RAX, top(0));
            pop(1);
            a.test(Size.DWORD, RAX, RAX);
            return Cond.NE;
        }

        /**
         * A loop header's poll: interruption (the stack-limit compare), the tier-up count (the next
         * entry tiers up) and, where an OSR entry can start (no loop parameters, nothing else on
         * the operand stack, so the locals are the whole state), the activation's countdown to an
         * on-stack-replacement check.
         */
        private void poll(Frame loop) {
            if (layout.interruptPolls()) {
                AbiSequences.stackCheck(a, layout, stub(TrapCode.STACK_OVERFLOW));
            }
            if (countsForTierUp) {
                a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.tierUpCounters()));
                a.alu(AluOp.SUB, Size.DWORD, Mem.of(R11, 4 * funcIndex), 1);
                if (loop.params == 0 && height == 0) {
                    OsrCheck check = new OsrCheck(codeIndex, a.newLabel(), a.newLabel());
                    osrChecks.add(check);
                    a.alu(AluOp.SUB, Size.DWORD, Mem.of(Gpr.RBP, OSR_COUNTDOWN_SLOT), 1);
                    a.jcc(Cond.S, check.slowPath);
                    a.bind(check.back);
                }
            }
        }

        /**
         * A loop header's countdown ran out: asks the runtime ({@link Helper#OSR_ENTRY}: vmctx, the
         * function, the loop's instruction index, the frame), which renews the countdown and answers
         * 0 (go on here) or 1 with the address of the optimizing tier's entry for the function, a
         * function of a loop's index and the locals. Then, with this loop's index in the first
         * argument register, on to the function's one move into that entry ({@link #osrEnter}):
         * what differs between a function's loops is the index alone, so they share the code that
         * places the locals (with many locals and loops, a copy per loop grew sqlite_bench's
         * baseline code by a sixth). {@code enter} is null for the last check, which falls
         * through to it.
         */
        private void osrCheck(OsrCheck check, Label enter) {
            a.bind(check.slowPath);
            List<Gpr> regs = SysVAbi.INT_ARGS;
            a.mov(Size.QWORD, regs.get(0), Gpr.R15);
            a.mov(Size.DWORD, regs.get(1), funcIndex);
            a.mov(Size.DWORD, regs.get(2), check.codeIndex);
            a.mov(Size.QWORD, regs.get(3), Gpr.RBP);
            a.call(Mem.of(Gpr.R15, layout.helperOffset(Helper.OSR_ENTRY)));
            a.test(Size.DWORD, RAX, RAX);
            a.jcc(Cond.E, check.back);
            a.mov(Size.DWORD, regs.get(0), check.codeIndex);
            if (enter != null) {
                a.jmp(enter);
            }
        }

        /**
         * The activation ends in the function's OSR entry, the loop's index already in the first
         * argument register: the locals go in as the other arguments (passArguments leaves that
         * register alone), the entry's results (in rax, xmm0, or this function's own results area,
         * passed on) are this function's, and this frame returns them.
         */
        private void osrEnter(List<ValType> localTypes) {
            passArguments(localTypes, this::local, 1);
            if (type.results().size() > 1) {
                a.mov(Size.QWORD, SysVAbi.RESULTS_AREA, Mem.of(Gpr.RBP, RESULTS_AREA_SLOT));
            }
            a.call(Mem.of(Gpr.RBP, OSR_ENTRY_SLOT));
            // the entry returns in place (no tail calls: the baseline compiler refuses them)
            a.mov(Size.QWORD, Gpr.RSP, Gpr.RBP);
            a.pop(Gpr.RBP);
            a.ret();
        }

        private void elseBranch() {
            Frame f = frameAt(0);
            if (reachable) {
                a.jmp(f.label);
            }
            a.bind(f.elseLabel);
            f.sawElse = true;
            for (int k = 0; k < f.params; k++) {
                a.mov(Size.QWORD, RAX, local(f.saved + k));
                a.mov(Size.QWORD, slot(f.base + k), RAX);
            }
            setHeight(f.base + f.params);
            reachable = true;
        }

        private void end() {
            Frame f = frames.remove(frames.size() - 1);
            if (f.kind == Kind.FUNCTION) {
                if (reachable) {
                    returnValues();
                }
                return;
            }
            if (f.kind == Kind.IF && !f.sawElse) {
                a.bind(f.elseLabel);
            }
            if (f.kind != Kind.LOOP) {
                a.bind(f.label);
            }
            setHeight(f.base + f.results);
            reachable = true;
        }

        private void brTable(Instruction.BrTable t) {
            a.mov(Size.DWORD, RAX, top(0));
            pop(1);
            List<Integer> labels = t.labels();
            int n = labels.size();
            Label[] targets = new Label[n];
            List<Runnable> islands = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                targets[k] = target(labels.get(k), islands);
            }
            Label dflt = target(t.defaultLabel(), islands);
            if (n <= 4) {
                for (int k = 0; k < n; k++) {
                    a.cmp(Size.DWORD, RAX, k);
                    a.jcc(Cond.E, targets[k]);
                }
                a.jmp(dflt);
            } else {
                Label table = a.newLabel();
                a.cmp(Size.DWORD, RAX, n);
                a.jcc(Cond.AE, dflt);
                a.lea(Size.QWORD, R10, Mem.rip(table));
                a.movsxd(R11, Mem.of(R10, RAX, 4, 0));
                a.add(Size.QWORD, R11, R10);
                a.jmp(R11);
                a.align(4);
                a.bind(table);
                int tableStart = buf.position();
                for (int k = 0; k < n; k++) {
                    buf.emitLabelReference(targets[k], FixupKind.REL32, buf.position() - tableStart);
                }
            }
            islands.forEach(Runnable::run);
            reachable = false;
        }

        /** The label a br_table arm jumps to: the frame's, or an island that moves values first. */
        private Label target(int depth, List<Runnable> islands) {
            if (!needsCopy(depth)) {
                return frameAt(depth).label;
            }
            Label island = a.newLabel();
            islands.add(() -> {
                a.bind(island);
                branch(depth);
            });
            return island;
        }

        private void plain(Opcode op) {
            switch (op) {
                case NOP -> {
                }
                case UNREACHABLE -> {
                    a.jmp(stub(TrapCode.UNREACHABLE));
                    reachable = false;
                }
                case ELSE -> elseBranch();
                case END -> end();
                case RETURN -> {
                    returnValues();
                    reachable = false;
                }
                case DROP -> pop(1);
                case SELECT -> select();
                case REF_IS_NULL -> {
                    a.cmp(Size.QWORD, top(0), -1);
                    a.setccZeroExtend(Cond.E, RAX);
                    a.mov(Size.QWORD, out(), RAX);
                }
                case MEMORY_SIZE -> throw new IllegalStateException("memory.size is indexed");
                default -> {
                    if (!Numeric.emit(this, op)) {
                        throw new CompileUnsupported("baseline: " + op);
                    }
                }
            }
        }

        private void select() {
            a.mov(Size.DWORD, RCX, top(0));
            a.mov(Size.QWORD, RAX, top(2));
            a.test(Size.DWORD, RCX, RCX);
            a.cmov(Cond.E, Size.QWORD, RAX, top(1));
            pop(2);
            a.mov(Size.QWORD, out(), RAX);
        }

        private void indexed(Instruction.Indexed x) {
            int i = x.index();
            switch (x.opcode()) {
                case BR -> {
                    branch(i);
                    reachable = false;
                }
                case BR_IF -> {
                    Cond taken = condition();
                    if (needsCopy(i)) {
                        Label skip = a.newLabel();
                        a.jcc(taken.invert(), skip);
                        branch(i);
                        a.bind(skip);
                    } else {
                        a.jcc(taken, frameAt(i).label);
                    }
                }
                case LOCAL_GET -> {
                    push();
                    kinds[height - 1] = LOCAL;
                    values[height - 1] = i;
                }
                case LOCAL_SET -> {
                    setLocal(i);
                    pop(1);
                }
                case LOCAL_TEE -> setLocal(i);
                case GLOBAL_GET -> {
                    Size size = globalSize(i);
                    push();
                    a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset(i)));
                    a.mov(size, RAX, Mem.of(R11));
                    a.mov(Size.QWORD, out(), RAX);
                }
                case GLOBAL_SET -> {
                    Size size = globalSize(i);
                    a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.globalCellOffset(i)));
                    a.mov(Size.QWORD, RAX, top(0));
                    a.mov(size, Mem.of(R11), RAX);
                    pop(1);
                }
                case CALL -> call(i);
                case MEMORY_GROW -> {
                    memory(i);
                    helper(Helper.MEMORY_GROW, 1, i);
                    pushRax();
                }
                case MEMORY_FILL -> {
                    memory(i);
                    helper(Helper.MEMORY_FILL, 3, i);
                }
                case DATA_DROP -> helper(Helper.DATA_DROP, 0, i);
                case REF_FUNC -> {
                    helper(Helper.REF_FUNC, 0, i);
                    pushRax();
                }
                case TABLE_GROW -> {
                    table32(i);
                    helper(Helper.TABLE_GROW, 2, i);
                    pushRax();
                }
                case TABLE_FILL -> {
                    table32(i);
                    helper(Helper.TABLE_FILL, 3, i);
                }
                case ELEM_DROP -> helper(Helper.ELEM_DROP, 0, i);
                case TABLE_GET -> {
                    Mem element = tableElement(i, height - 1);
                    a.mov(Size.QWORD, RAX, element);
                    a.mov(Size.QWORD, out(), RAX);
                }
                case TABLE_SET -> {
                    Mem element = tableElement(i, height - 2);
                    a.mov(Size.QWORD, RAX, top(0));
                    a.mov(Size.QWORD, element, RAX);
                    pop(2);
                }
                case TABLE_SIZE -> {
                    // the table header {u64 elements, u32 size}; a table64's size is a u32 too
                    push();
                    a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.tableOffset(i)));
                    a.mov(Size.DWORD, RAX, Mem.of(R11, 8));
                    a.mov(Size.QWORD, out(), RAX);
                }
                case MEMORY_SIZE -> {
                    memory(i);
                    push();
                    a.mov(Size.QWORD, RAX, Mem.of(Gpr.R15, layout.memoryLength(0)));
                    a.shr(Size.QWORD, RAX, 16);
                    a.mov(Size.QWORD, out(), RAX);
                }
                default -> throw new CompileUnsupported("baseline: " + x.opcode());
            }
        }

        private void table32(int table) {
            if (module.allTables().get(table).addressType() != AddressType.I32) {
                throw new CompileUnsupported("baseline: 64-bit table");
            }
        }

        /** The checked element of a 32-bit table at the index in slot {@code indexSlot}, through r11 and r10. */
        private Mem tableElement(int table, int indexSlot) {
            table32(table);
            a.mov(Size.QWORD, R11, Mem.of(Gpr.R15, layout.tableOffset(table)));
            a.mov(Size.DWORD, R10, at(indexSlot));
            a.cmp(Size.DWORD, R10, Mem.of(R11, 8));
            a.jcc(Cond.AE, stub(TrapCode.TABLE_OOB));
            a.mov(Size.QWORD, R11, Mem.of(R11));
            return Mem.of(R11, R10, 8, 0);
        }

        /** Local {@code k} = the top entry, whatever its kind; deferred copies of the old value are stored first. */
        private void setLocal(int k) {
            int h = height - 1;
            if (kinds[h] == LOCAL && values[h] == k) {
                return; // local.set k of local.get k
            }
            detach(k, h);
            if (kinds[h] == CONST) {
                a.storeConst(local(k), values[h], R11);
            } else {
                a.mov(Size.QWORD, R11, top(0));
                a.mov(Size.QWORD, local(k), R11);
            }
        }

        private Size globalSize(int global) {
            ValType t = module.allGlobals().get(global).type();
            numeric(t);
            return t == ValType.I32 || t == ValType.F32 ? Size.DWORD : Size.QWORD;
        }

        // ---------------------------------------------------------------- calls

        private void call(int callee) {
            FuncType ft = module.functionType(callee);
            int areaOffset = placeArguments(ft, 0);
            if (ft.results().size() > 1) {
                a.lea(Size.QWORD, SysVAbi.RESULTS_AREA, Mem.of(Gpr.RSP, areaOffset));
            }
            a.call(Mem.of(Gpr.R15, layout.calleeCodeOffset(callee)));
            afterCall(ft, areaOffset);
        }

        private void callIndirect(int typeIndex, int table) {
            table32(table);
            FuncType ft = module.types().get(typeIndex);
            int areaOffset = placeArguments(ft, 1);
            AbiSequences.indirectCallChecks(a, layout, top(0), false, table, typeIndex, this::stub);
            pop(1);
            if (ft.results().size() > 1) {
                a.lea(Size.QWORD, SysVAbi.RESULTS_AREA, Mem.of(Gpr.RSP, areaOffset));
            }
            a.mov(Size.QWORD, Gpr.R15, Mem.of(R10, 8));
            a.call(Mem.of(R10));
            afterCall(ft, areaOffset);
        }

        /**
         * Loads the arguments (below {@code above} slots at the top) into their ABI places; returns
         * the offset from rsp of the results area, right above the stack arguments.
         */
        private int placeArguments(FuncType ft, int above) {
            List<ValType> params = ft.params();
            params.forEach(this::numeric);
            ft.results().forEach(this::numeric);
            int first = height - above - params.size();
            int areaOffset = passArguments(params, k -> slot(first + k), 0);
            int results = ft.results().size();
            outgoing = Math.max(outgoing, areaOffset + (results > 1 ? 8 * results : 0));
            return areaOffset;
        }

        /**
         * Loads arguments of types {@code params}, argument k from {@code source.apply(k)}, into their
         * SysV places, the first {@code intsTaken} integer registers being taken already; returns the
         * bytes of the stack area the callee owns (outgoing covers it).
         */
        private int passArguments(List<ValType> params, IntFunction<Mem> source, int intsTaken) {
            int ints = intsTaken;
            int floats = 0;
            int stack = 0;
            for (int k = 0; k < params.size(); k++) {
                Mem src = source.apply(k);
                if (isFloat(params.get(k)) && floats < SysVAbi.FLOAT_ARGS.size()) {
                    a.movsd(SysVAbi.FLOAT_ARGS.get(floats++), src);
                } else if (!isFloat(params.get(k)) && ints < SysVAbi.INT_ARGS.size()) {
                    a.mov(Size.QWORD, SysVAbi.INT_ARGS.get(ints++), src);
                } else {
                    a.mov(Size.QWORD, R11, src);
                    a.mov(Size.QWORD, Mem.of(Gpr.RSP, 8 * stack++), R11);
                }
            }
            int area = SysVAbi.stackArea(stack);
            outgoing = Math.max(outgoing, area);
            return area;
        }

        /** The ABI's fix-up after a call of wasm code, then the results onto the stack. */
        private void afterCall(FuncType ft, int areaOffset) {
            a.mov(Size.QWORD, Gpr.RSP, Mem.of(Gpr.RBP, RSP_SLOT));
            a.mov(Size.QWORD, Gpr.R15, Mem.of(Gpr.RBP, R15_SLOT));
            pop(ft.params().size());
            List<ValType> results = ft.results();
            if (results.size() == 1) {
                push();
                if (isFloat(results.get(0))) {
                    a.movsd(out(), X0);
                } else {
                    a.mov(Size.QWORD, out(), RAX);
                }
            } else {
                for (int k = 0; k < results.size(); k++) {
                    push();
                    a.mov(Size.QWORD, RAX, Mem.of(Gpr.RSP, areaOffset + 8 * k));
                    a.mov(Size.QWORD, out(), RAX);
                }
            }
        }

        /**
         * A runtime helper: vmctx, the immediates, then the top {@code operands} values (popped) in
         * SysV's integer registers (whole registers: a helper reads the low half of a 32-bit
         * operand); its result is left in rax. A helper that can trap unwinds on a nonzero status
         * (it stored the trap code).
         */
        private void helper(Helper h, int operands, int... immediates) {
            List<Gpr> regs = SysVAbi.INT_ARGS;
            a.mov(Size.QWORD, regs.get(0), Gpr.R15);
            int k = 1;
            for (int imm : immediates) {
                a.mov(Size.DWORD, regs.get(k++), imm);
            }
            for (int j = operands - 1; j >= 0; j--) {
                a.mov(Size.QWORD, regs.get(k++), top(j));
            }
            a.call(Mem.of(Gpr.R15, layout.helperOffset(h)));
            pop(operands);
            if (h.canTrap()) {
                a.test(Size.DWORD, RAX, RAX);
                a.jcc(Cond.NE, unwind());
            }
        }

        private void pushRax() {
            push();
            a.mov(Size.QWORD, out(), RAX);
        }

        private Label unwind;

        /** Leaves for the entry trampoline's landing pad without storing a trap code (a helper did). */
        private Label unwind() {
            if (unwind == null) {
                unwind = a.newLabel();
            }
            return unwind;
        }

        // ---------------------------------------------------------------- memory

        /** Set once memory 0 is known to exist and be 32-bit. */
        private boolean memory0Checked;

        private void memory(int index) {
            if (index == 0 && memory0Checked) {
                return;
            }
            // asked once per compile: allMemories() makes a list, walking every import (a C
            // program's WASI imports made it a fifth of sqlite_bench's baseline compile time)
            List<MemoryType> memories = module.allMemories();
            if (index != 0 || memories.isEmpty() || memories.getFirst().addressType() != AddressType.I32) {
                throw new CompileUnsupported("baseline: memory " + index);
            }
            memory0Checked = true;
        }

        /**
         * The checked address of an access of {@code bytes} at {@code offset} from the address in
         * slot {@code addressSlot}: r10 = the memory's base, r11 = address + offset + bytes, which
         * the ABI's explicit check compared with the memory's length; the access is
         * {@code [r10 + r11 - bytes]}.
         */
        private Mem address(int addressSlot, long offset, int bytes) {
            long end = offset + bytes;
            if (offset < 0 || end > 0x1_0000_0000L) {
                a.jmp(stub(TrapCode.HEAP_OOB));
                return null;
            }
            a.mov(Size.DWORD, R11, at(addressSlot));
            if (end <= Integer.MAX_VALUE) {
                a.lea(Size.QWORD, R11, Mem.of(R11, (int) end));
            } else {
                for (long rest = end; rest > 0; ) {
                    int chunk = (int) Math.min(rest, Integer.MAX_VALUE);
                    a.add(Size.QWORD, R11, chunk);
                    rest -= chunk;
                }
            }
            a.cmp(Size.QWORD, R11, Mem.of(Gpr.R15, layout.memoryLength(0)));
            a.jcc(Cond.A, stub(TrapCode.HEAP_OOB));
            a.mov(Size.QWORD, R10, Mem.of(Gpr.R15, layout.memoryBase(0)));
            return Mem.of(R10, R11, 1, -bytes);
        }

        private void memoryAccess(Instruction.MemoryAccess m) {
            memory(m.memoryIndex());
            Opcode op = m.opcode();
            int bytes = switch (op) {
                case I32_LOAD8_S, I32_LOAD8_U, I64_LOAD8_S, I64_LOAD8_U, I32_STORE8, I64_STORE8 -> 1;
                case I32_LOAD16_S, I32_LOAD16_U, I64_LOAD16_S, I64_LOAD16_U, I32_STORE16, I64_STORE16 -> 2;
                case I32_LOAD, F32_LOAD, I64_LOAD32_S, I64_LOAD32_U, I32_STORE, F32_STORE, I64_STORE32 -> 4;
                case I64_LOAD, F64_LOAD, I64_STORE, F64_STORE -> 8;
                default -> throw new CompileUnsupported("baseline: " + op);
            };
            boolean store = switch (op) {
                case I32_STORE, I64_STORE, F32_STORE, F64_STORE, I32_STORE8, I32_STORE16, I64_STORE8,
                     I64_STORE16, I64_STORE32 -> true;
                default -> false;
            };
            if (store) {
                Mem at = address(height - 2, m.offset(), bytes);
                if (at != null) {
                    a.mov(Size.QWORD, RCX, top(0));
                    Size size = switch (bytes) {
                        case 1 -> Size.BYTE;
                        case 2 -> Size.WORD;
                        case 4 -> Size.DWORD;
                        default -> Size.QWORD;
                    };
                    a.mov(size, at, RCX);
                }
                pop(2);
                return;
            }
            Mem at = address(height - 1, m.offset(), bytes);
            if (at == null) {
                return; // the access always traps; the slot keeps whatever it held
            }
            switch (op) {
                case I32_LOAD, F32_LOAD, I64_LOAD32_U -> a.mov(Size.DWORD, RAX, at);
                case I64_LOAD, F64_LOAD -> a.mov(Size.QWORD, RAX, at);
                case I32_LOAD8_S -> a.movsx(Size.DWORD, RAX, Size.BYTE, at);
                case I32_LOAD8_U, I64_LOAD8_U -> a.movzx(Size.DWORD, RAX, Size.BYTE, at);
                case I32_LOAD16_S -> a.movsx(Size.DWORD, RAX, Size.WORD, at);
                case I32_LOAD16_U, I64_LOAD16_U -> a.movzx(Size.DWORD, RAX, Size.WORD, at);
                case I64_LOAD8_S -> a.movsx(Size.QWORD, RAX, Size.BYTE, at);
                case I64_LOAD16_S -> a.movsx(Size.QWORD, RAX, Size.WORD, at);
                case I64_LOAD32_S -> a.movsxd(RAX, at);
                default -> throw new IllegalStateException(op.toString());
            }
            a.mov(Size.QWORD, out(), RAX);
        }

        // ---------------------------------------------------------------- numerics

        /** Pops two operands, pushes one: {@code rax = top(1) op top(0)}. */
        void intBinary(AluOp op, Size size) {
            a.mov(Size.QWORD, RAX, top(1));
            if (immediateOnTop(size)) {
                a.alu(op, size, RAX, (int) values[height - 1]);
            } else {
                a.alu(op, size, RAX, top(0));
            }
            binaryResult();
        }

        /**
         * Whether the top entry is a deferred constant that fits an instruction's imm32 (sign-extended
         * to 64 bits as the i64 forms read it; any i32 constant does for the 32-bit forms, whose
         * constants are kept zero-extended).
         */
        private boolean immediateOnTop(Size size) {
            if (kinds[height - 1] != CONST) {
                return false;
            }
            long v = values[height - 1];
            return v == (int) v || (v >>> 32) == 0 && size == Size.DWORD;
        }

        private void binaryResult() {
            pop(1);
            a.mov(Size.QWORD, out(), RAX);
        }

        void multiply(Size size) {
            a.mov(Size.QWORD, RAX, top(1));
            a.imul(size, RAX, top(0));
            binaryResult();
        }

        /** The hardware masks the count as Wasm does (5 or 6 bits); a constant count is masked here. */
        void shift(ShiftOp op, Size size) {
            a.mov(Size.QWORD, RAX, top(1));
            if (kinds[height - 1] == CONST) {
                a.shift(op, size, RAX, (int) values[height - 1] & (size == Size.DWORD ? 31 : 63));
            } else {
                a.mov(Size.DWORD, RCX, top(0));
                a.shiftByCl(op, size, RAX);
            }
            binaryResult();
        }

        /** div/rem with Wasm's traps: a zero divisor; MIN / -1 (rem: MIN % -1 is 0, idiv would fault). */
        void divide(Size size, boolean signed, boolean remainder) {
            Label done = a.newLabel();
            a.mov(Size.QWORD, RAX, top(1));
            a.mov(Size.QWORD, RCX, top(0));
            a.test(size, RCX, RCX);
            a.jcc(Cond.E, stub(TrapCode.INT_DIVZ));
            if (signed) {
                Label divide = a.newLabel();
                a.cmp(size, RCX, -1);
                a.jcc(Cond.NE, divide);
                if (remainder) {
                    a.alu(AluOp.XOR, Size.DWORD, RAX, RAX);
                    a.jmp(done);
                } else if (size == Size.DWORD) {
                    a.cmp(Size.DWORD, RAX, Integer.MIN_VALUE);
                    a.jcc(Cond.E, stub(TrapCode.INT_OVF));
                } else {
                    a.movabs(R11, Long.MIN_VALUE);
                    a.cmp(Size.QWORD, RAX, R11);
                    a.jcc(Cond.E, stub(TrapCode.INT_OVF));
                }
                a.bind(divide);
                a.signExtendAccumulator(size);
                a.idiv(size, RCX);
            } else {
                a.alu(AluOp.XOR, Size.DWORD, RDX, RDX);
                a.div(size, RCX);
            }
            if (remainder) {
                a.mov(Size.QWORD, RAX, RDX);
            }
            a.bind(done);
            binaryResult();
        }

        void eqz(Size size) {
            a.mov(Size.QWORD, RAX, top(0));
            a.test(size, RAX, RAX);
            if (branchFollows()) {
                kinds[height - 1] = FLAGS;
                pendingCond = Cond.E;
                return;
            }
            a.setccZeroExtend(Cond.E, RAX);
            a.mov(Size.QWORD, out(), RAX);
        }

        void intCompare(Cond cond, Size size) {
            a.mov(Size.QWORD, RAX, top(1));
            if (immediateOnTop(size)) {
                a.cmp(size, RAX, (int) values[height - 1]);
            } else {
                a.cmp(size, RAX, top(0));
            }
            if (branchFollows()) {
                resultInFlags(cond);
                return;
            }
            a.setccZeroExtend(cond, RAX);
            binaryResult();
        }

        /** clz (lzcnt, else bsr: bits - 1 - index, with index -1 for zero) or ctz (tzcnt, else bsf). */
        void countZeros(Size size, boolean leading) {
            int bits = size == Size.DWORD ? 32 : 64;
            if (leading && features.has(CpuFeatures.Feature.LZCNT)) {
                a.lzcnt(size, RAX, top(0));
            } else if (!leading && features.has(CpuFeatures.Feature.BMI1)) {
                a.tzcnt(size, RAX, top(0));
            } else if (leading) {
                Label found = a.newLabel();
                a.bsr(size, RAX, top(0));
                a.jcc(Cond.NE, found);
                a.mov(Size.DWORD, RAX, -1);
                a.bind(found);
                a.mov(Size.DWORD, RCX, bits - 1);
                a.alu(AluOp.SUB, Size.DWORD, RCX, RAX);
                a.mov(Size.DWORD, RAX, RCX);
            } else {
                Label found = a.newLabel();
                a.bsf(size, RAX, top(0));
                a.jcc(Cond.NE, found);
                a.mov(Size.DWORD, RAX, bits);
                a.bind(found);
            }
            a.mov(Size.QWORD, out(), RAX);
        }

        void popcnt(Size size) {
            if (!features.has(CpuFeatures.Feature.POPCNT)) {
                throw new CompileUnsupported("baseline: popcnt without the POPCNT extension");
            }
            a.popcnt(size, RAX, top(0));
            a.mov(Size.QWORD, out(), RAX);
        }

        void intUnary(java.util.function.Consumer<Gpr> op) {
            a.mov(Size.QWORD, RAX, top(0));
            op.accept(RAX);
            a.mov(Size.QWORD, out(), RAX);
        }

        private void loadFloat(Xmm x, Mem m, boolean f64) {
            if (f64) {
                a.movsd(x, m);
            } else {
                a.movss(x, m);
            }
        }

        private void storeFloat(Mem m, Xmm x, boolean f64) {
            if (f64) {
                a.movsd(m, x);
            } else {
                a.movss(m, x);
            }
        }

        void floatBinary(SseOp op, boolean f64) {
            loadFloat(X0, top(1), f64);
            a.sse(op, X0, top(0));
            pop(1);
            storeFloat(out(), X0, f64);
        }

        /** A one-operand SSE instruction; {@code f64}: whether its result is an f64. */
        void floatUnary(SseOp op, boolean f64) {
            a.sse(SseOp.XORPS, X0, X0);
            a.sse(op, X0, top(0));
            storeFloat(out(), X0, f64);
        }

        /** neg ({@code flip} 1: the sign bit flipped) or abs (0: cleared), on the bits. */
        void signBits(boolean f64, int flip) {
            a.mov(Size.QWORD, RAX, top(0));
            AluOp op = flip == 1 ? AluOp.XOR : AluOp.AND;
            if (f64) {
                a.movabs(RCX, flip == 1 ? Long.MIN_VALUE : Long.MAX_VALUE);
                a.alu(op, Size.QWORD, RAX, RCX);
            } else {
                a.alu(op, Size.DWORD, RAX, flip == 1 ? Integer.MIN_VALUE : Integer.MAX_VALUE);
            }
            a.mov(Size.QWORD, out(), RAX);
        }

        /**
         * Wasm's min and max: NaN when either operand is (the sum of the two gives a quiet one),
         * -0 below +0 (equal operands: or of the bits for min, and for max); otherwise minss/maxss.
         */
        void minMax(boolean f64, boolean min) {
            Label unordered = a.newLabel();
            Label different = a.newLabel();
            Label done = a.newLabel();
            loadFloat(X0, top(1), f64);
            loadFloat(X1, top(0), f64);
            a.sse(f64 ? SseOp.UCOMISD : SseOp.UCOMISS, X0, X1);
            a.jcc(Cond.P, unordered);
            a.jcc(Cond.NE, different);
            a.sse(min ? SseOp.ORPS : SseOp.ANDPS, X0, X1);
            a.jmp(done);
            a.bind(different);
            a.sse(min ? (f64 ? SseOp.MINSD : SseOp.MINSS) : (f64 ? SseOp.MAXSD : SseOp.MAXSS), X0, X1);
            a.jmp(done);
            a.bind(unordered);
            a.sse(f64 ? SseOp.ADDSD : SseOp.ADDSS, X0, X1);
            a.bind(done);
            pop(1);
            storeFloat(out(), X0, f64);
        }

        void copysign(boolean f64) {
            a.mov(Size.QWORD, RAX, top(1));
            a.mov(Size.QWORD, RCX, top(0));
            if (f64) {
                a.movabs(RDX, Long.MIN_VALUE);
                a.alu(AluOp.AND, Size.QWORD, RCX, RDX);
                a.not(Size.QWORD, RDX);
                a.alu(AluOp.AND, Size.QWORD, RAX, RDX);
                a.alu(AluOp.OR, Size.QWORD, RAX, RCX);
            } else {
                a.alu(AluOp.AND, Size.DWORD, RCX, Integer.MIN_VALUE);
                a.alu(AluOp.AND, Size.DWORD, RAX, Integer.MAX_VALUE);
                a.alu(AluOp.OR, Size.DWORD, RAX, RCX);
            }
            binaryResult();
        }

        /** ceil, floor, trunc, nearest: SSE4.1's round (mode 0 nearest-even, 1 down, 2 up, 3 toward zero). */
        void round(boolean f64, int mode) {
            if (!features.has(CpuFeatures.Feature.SSE41)) {
                throw new CompileUnsupported("baseline: rounding without SSE4.1");
            }
            a.round(f64, X0, top(0), mode);
            storeFloat(out(), X0, f64);
        }

        /**
         * A float comparison as ucomis sets the flags: {@code cond} A or AE read "above" of
         * (lhs, rhs), or of (rhs, lhs) when {@code swap} (lt, le), so an unordered pair (NaN)
         * answers false; eq and ne read the parity flag as well.
         */
        void floatCompare(boolean f64, Cond cond, boolean swap) {
            SseOp ucomis = f64 ? SseOp.UCOMISD : SseOp.UCOMISS;
            if (swap) {
                loadFloat(X0, top(0), f64);
                a.sse(ucomis, X0, top(1));
            } else {
                loadFloat(X0, top(1), f64);
                a.sse(ucomis, X0, top(0));
            }
            switch (cond) {
                case E -> {
                    a.setcc(Cond.E, RAX);
                    a.setcc(Cond.NP, RCX);
                    a.alu(AluOp.AND, Size.DWORD, RAX, RCX);
                    a.movzx(Size.DWORD, RAX, Size.BYTE, RAX);
                }
                case NE -> {
                    a.setcc(Cond.NE, RAX);
                    a.setcc(Cond.P, RCX);
                    a.alu(AluOp.OR, Size.DWORD, RAX, RCX);
                    a.movzx(Size.DWORD, RAX, Size.BYTE, RAX);
                }
                default -> a.setccZeroExtend(cond, RAX);
            }
            binaryResult();
        }

        void intToFloat(boolean f64, Size from, boolean signed) {
            a.sse(SseOp.XORPS, X0, X0);
            if (signed) {
                a.mov(Size.QWORD, RAX, top(0));
                a.cvtsi2s(f64, from, X0, RAX);
            } else if (from == Size.DWORD) {
                a.mov(Size.DWORD, RAX, top(0));
                a.cvtsi2s(f64, Size.QWORD, X0, RAX);
            } else {
                // u64: halve values with the top bit set (keeping the low bit for rounding), double after
                Label big = a.newLabel();
                Label done = a.newLabel();
                a.mov(Size.QWORD, RAX, top(0));
                a.test(Size.QWORD, RAX, RAX);
                a.jcc(Cond.S, big);
                a.cvtsi2s(f64, Size.QWORD, X0, RAX);
                a.jmp(done);
                a.bind(big);
                a.mov(Size.QWORD, RCX, RAX);
                a.shr(Size.QWORD, RCX, 1);
                a.alu(AluOp.AND, Size.DWORD, RAX, 1);
                a.alu(AluOp.OR, Size.QWORD, RCX, RAX);
                a.cvtsi2s(f64, Size.QWORD, X0, RCX);
                a.sse(f64 ? SseOp.ADDSD : SseOp.ADDSS, X0, X0);
                a.bind(done);
            }
            storeFloat(out(), X0, f64);
        }

        /**
         * Float to integer, trapping (invalid conversion on NaN, integer overflow out of range) or
         * saturating. The operand is widened to f64 (exactly) and compared with the exclusive bounds
         * of the target range, then converted with cvtts2si (u64 above 2^63: minus 2^63, the top bit
         * set after).
         */
        void truncate(boolean fromF64, boolean to64, boolean signed, boolean saturating) {
            double lo;
            double hi;
            if (signed) {
                lo = to64 ? Math.nextDown(-0x1p63) : -2147483649.0;
                hi = to64 ? 0x1p63 : 2147483648.0;
            } else {
                lo = -1.0;
                hi = to64 ? 0x1p64 : 4294967296.0;
            }
            Label nan = saturating ? a.newLabel() : stub(TrapCode.BAD_TOINT);
            Label low = saturating ? a.newLabel() : stub(TrapCode.INT_OVF);
            Label high = saturating ? a.newLabel() : stub(TrapCode.INT_OVF);
            Label done = a.newLabel();
            loadFloat(X0, top(0), fromF64);
            if (!fromF64) {
                a.sse(SseOp.CVTSS2SD, X0, X0);
            }
            a.sse(SseOp.UCOMISD, X0, X0);
            a.jcc(Cond.P, nan);
            a.movabs(R11, Double.doubleToRawLongBits(lo));
            a.movToXmm(Size.QWORD, X1, R11);
            a.sse(SseOp.UCOMISD, X0, X1);
            a.jcc(Cond.BE, low);
            a.movabs(R11, Double.doubleToRawLongBits(hi));
            a.movToXmm(Size.QWORD, X1, R11);
            a.sse(SseOp.UCOMISD, X0, X1);
            a.jcc(Cond.AE, high);
            if (signed || !to64) {
                a.cvtts2si(true, signed && !to64 ? Size.DWORD : Size.QWORD, RAX, X0);
            } else {
                Label big = a.newLabel();
                a.movabs(R11, Double.doubleToRawLongBits(0x1p63));
                a.movToXmm(Size.QWORD, X1, R11);
                a.sse(SseOp.UCOMISD, X0, X1);
                a.jcc(Cond.AE, big);
                a.cvtts2si(true, Size.QWORD, RAX, X0);
                a.jmp(done);
                a.bind(big);
                a.sse(SseOp.SUBSD, X0, X1);
                a.cvtts2si(true, Size.QWORD, RAX, X0);
                a.movabs(RCX, Long.MIN_VALUE);
                a.alu(AluOp.XOR, Size.QWORD, RAX, RCX);
            }
            if (saturating) {
                a.jmp(done);
                a.bind(nan);
                a.alu(AluOp.XOR, Size.DWORD, RAX, RAX);
                a.jmp(done);
                a.bind(low);
                if (signed) {
                    a.movConst(RAX, to64 ? Long.MIN_VALUE : Integer.MIN_VALUE & 0xFFFF_FFFFL);
                } else {
                    a.alu(AluOp.XOR, Size.DWORD, RAX, RAX);
                }
                a.jmp(done);
                a.bind(high);
                if (signed) {
                    a.movConst(RAX, to64 ? Long.MAX_VALUE : Integer.MAX_VALUE);
                } else {
                    a.movConst(RAX, to64 ? -1L : 0xFFFF_FFFFL);
                }
            }
            a.bind(done);
            a.mov(Size.QWORD, out(), RAX);
        }

        // accessors for Numeric, which emits the numeric instructions
        X64Assembler asm() {
            return a;
        }

        CpuFeatures features() {
            return features;
        }
    }

    /** The numeric instructions (arithmetic, comparisons, conversions) over the operand stack's slots. */
    private static final class Numeric {
        private Numeric() {
        }

        /** Emits {@code op}, or answers false when it is not a numeric instruction this tier compiles. */
        static boolean emit(FunctionCompile c, Opcode op) {
            X64Assembler a = c.asm();
            switch (op) {
                case I32_ADD -> c.intBinary(AluOp.ADD, Size.DWORD);
                case I32_SUB -> c.intBinary(AluOp.SUB, Size.DWORD);
                case I32_AND -> c.intBinary(AluOp.AND, Size.DWORD);
                case I32_OR -> c.intBinary(AluOp.OR, Size.DWORD);
                case I32_XOR -> c.intBinary(AluOp.XOR, Size.DWORD);
                case I64_ADD -> c.intBinary(AluOp.ADD, Size.QWORD);
                case I64_SUB -> c.intBinary(AluOp.SUB, Size.QWORD);
                case I64_AND -> c.intBinary(AluOp.AND, Size.QWORD);
                case I64_OR -> c.intBinary(AluOp.OR, Size.QWORD);
                case I64_XOR -> c.intBinary(AluOp.XOR, Size.QWORD);
                case I32_MUL -> c.multiply(Size.DWORD);
                case I64_MUL -> c.multiply(Size.QWORD);
                case I32_SHL -> c.shift(ShiftOp.SHL, Size.DWORD);
                case I32_SHR_S -> c.shift(ShiftOp.SAR, Size.DWORD);
                case I32_SHR_U -> c.shift(ShiftOp.SHR, Size.DWORD);
                case I32_ROTL -> c.shift(ShiftOp.ROL, Size.DWORD);
                case I32_ROTR -> c.shift(ShiftOp.ROR, Size.DWORD);
                case I64_SHL -> c.shift(ShiftOp.SHL, Size.QWORD);
                case I64_SHR_S -> c.shift(ShiftOp.SAR, Size.QWORD);
                case I64_SHR_U -> c.shift(ShiftOp.SHR, Size.QWORD);
                case I64_ROTL -> c.shift(ShiftOp.ROL, Size.QWORD);
                case I64_ROTR -> c.shift(ShiftOp.ROR, Size.QWORD);
                case I32_DIV_S -> c.divide(Size.DWORD, true, false);
                case I32_DIV_U -> c.divide(Size.DWORD, false, false);
                case I32_REM_S -> c.divide(Size.DWORD, true, true);
                case I32_REM_U -> c.divide(Size.DWORD, false, true);
                case I64_DIV_S -> c.divide(Size.QWORD, true, false);
                case I64_DIV_U -> c.divide(Size.QWORD, false, false);
                case I64_REM_S -> c.divide(Size.QWORD, true, true);
                case I64_REM_U -> c.divide(Size.QWORD, false, true);
                case I32_EQZ -> c.eqz(Size.DWORD);
                case I64_EQZ -> c.eqz(Size.QWORD);
                case I32_EQ -> c.intCompare(Cond.E, Size.DWORD);
                case I32_NE -> c.intCompare(Cond.NE, Size.DWORD);
                case I32_LT_S -> c.intCompare(Cond.L, Size.DWORD);
                case I32_LT_U -> c.intCompare(Cond.B, Size.DWORD);
                case I32_GT_S -> c.intCompare(Cond.G, Size.DWORD);
                case I32_GT_U -> c.intCompare(Cond.A, Size.DWORD);
                case I32_LE_S -> c.intCompare(Cond.LE, Size.DWORD);
                case I32_LE_U -> c.intCompare(Cond.BE, Size.DWORD);
                case I32_GE_S -> c.intCompare(Cond.GE, Size.DWORD);
                case I32_GE_U -> c.intCompare(Cond.AE, Size.DWORD);
                case I64_EQ -> c.intCompare(Cond.E, Size.QWORD);
                case I64_NE -> c.intCompare(Cond.NE, Size.QWORD);
                case I64_LT_S -> c.intCompare(Cond.L, Size.QWORD);
                case I64_LT_U -> c.intCompare(Cond.B, Size.QWORD);
                case I64_GT_S -> c.intCompare(Cond.G, Size.QWORD);
                case I64_GT_U -> c.intCompare(Cond.A, Size.QWORD);
                case I64_LE_S -> c.intCompare(Cond.LE, Size.QWORD);
                case I64_LE_U -> c.intCompare(Cond.BE, Size.QWORD);
                case I64_GE_S -> c.intCompare(Cond.GE, Size.QWORD);
                case I64_GE_U -> c.intCompare(Cond.AE, Size.QWORD);
                case I32_CLZ -> c.countZeros(Size.DWORD, true);
                case I64_CLZ -> c.countZeros(Size.QWORD, true);
                case I32_CTZ -> c.countZeros(Size.DWORD, false);
                case I64_CTZ -> c.countZeros(Size.QWORD, false);
                case I32_POPCNT -> c.popcnt(Size.DWORD);
                case I64_POPCNT -> c.popcnt(Size.QWORD);
                case I32_WRAP_I64, I64_EXTEND_I32_U -> c.intUnary(r -> a.mov(Size.DWORD, r, r));
                case I64_EXTEND_I32_S -> c.intUnary(r -> a.movsxd(r, r));
                case I32_EXTEND8_S -> c.intUnary(r -> a.movsx(Size.DWORD, r, Size.BYTE, r));
                case I32_EXTEND16_S -> c.intUnary(r -> a.movsx(Size.DWORD, r, Size.WORD, r));
                case I64_EXTEND8_S -> c.intUnary(r -> a.movsx(Size.QWORD, r, Size.BYTE, r));
                case I64_EXTEND16_S -> c.intUnary(r -> a.movsx(Size.QWORD, r, Size.WORD, r));
                case I64_EXTEND32_S -> c.intUnary(r -> a.movsxd(r, r));
                // the slots hold raw bits: reinterpretation moves nothing
                case I32_REINTERPRET_F32, I64_REINTERPRET_F64, F32_REINTERPRET_I32, F64_REINTERPRET_I64 -> {
                }
                case F32_ADD -> c.floatBinary(SseOp.ADDSS, false);
                case F32_SUB -> c.floatBinary(SseOp.SUBSS, false);
                case F32_MUL -> c.floatBinary(SseOp.MULSS, false);
                case F32_DIV -> c.floatBinary(SseOp.DIVSS, false);
                case F64_ADD -> c.floatBinary(SseOp.ADDSD, true);
                case F64_SUB -> c.floatBinary(SseOp.SUBSD, true);
                case F64_MUL -> c.floatBinary(SseOp.MULSD, true);
                case F64_DIV -> c.floatBinary(SseOp.DIVSD, true);
                case F32_SQRT -> c.floatUnary(SseOp.SQRTSS, false);
                case F64_SQRT -> c.floatUnary(SseOp.SQRTSD, true);
                case F64_PROMOTE_F32 -> c.floatUnary(SseOp.CVTSS2SD, true);
                case F32_DEMOTE_F64 -> c.floatUnary(SseOp.CVTSD2SS, false);
                case F32_NEG -> c.signBits(false, 1);
                case F64_NEG -> c.signBits(true, 1);
                case F32_ABS -> c.signBits(false, 0);
                case F64_ABS -> c.signBits(true, 0);
                case F32_MIN -> c.minMax(false, true);
                case F32_MAX -> c.minMax(false, false);
                case F64_MIN -> c.minMax(true, true);
                case F64_MAX -> c.minMax(true, false);
                case F32_COPYSIGN -> c.copysign(false);
                case F64_COPYSIGN -> c.copysign(true);
                case F32_NEAREST -> c.round(false, 0);
                case F32_FLOOR -> c.round(false, 1);
                case F32_CEIL -> c.round(false, 2);
                case F32_TRUNC -> c.round(false, 3);
                case F64_NEAREST -> c.round(true, 0);
                case F64_FLOOR -> c.round(true, 1);
                case F64_CEIL -> c.round(true, 2);
                case F64_TRUNC -> c.round(true, 3);
                case F32_EQ -> c.floatCompare(false, Cond.E, false);
                case F32_NE -> c.floatCompare(false, Cond.NE, false);
                case F32_LT -> c.floatCompare(false, Cond.A, true);
                case F32_GT -> c.floatCompare(false, Cond.A, false);
                case F32_LE -> c.floatCompare(false, Cond.AE, true);
                case F32_GE -> c.floatCompare(false, Cond.AE, false);
                case F64_EQ -> c.floatCompare(true, Cond.E, false);
                case F64_NE -> c.floatCompare(true, Cond.NE, false);
                case F64_LT -> c.floatCompare(true, Cond.A, true);
                case F64_GT -> c.floatCompare(true, Cond.A, false);
                case F64_LE -> c.floatCompare(true, Cond.AE, true);
                case F64_GE -> c.floatCompare(true, Cond.AE, false);
                case F32_CONVERT_I32_S -> c.intToFloat(false, Size.DWORD, true);
                case F32_CONVERT_I32_U -> c.intToFloat(false, Size.DWORD, false);
                case F32_CONVERT_I64_S -> c.intToFloat(false, Size.QWORD, true);
                case F32_CONVERT_I64_U -> c.intToFloat(false, Size.QWORD, false);
                case F64_CONVERT_I32_S -> c.intToFloat(true, Size.DWORD, true);
                case F64_CONVERT_I32_U -> c.intToFloat(true, Size.DWORD, false);
                case F64_CONVERT_I64_S -> c.intToFloat(true, Size.QWORD, true);
                case F64_CONVERT_I64_U -> c.intToFloat(true, Size.QWORD, false);
                case I32_TRUNC_F32_S -> c.truncate(false, false, true, false);
                case I32_TRUNC_F32_U -> c.truncate(false, false, false, false);
                case I32_TRUNC_F64_S -> c.truncate(true, false, true, false);
                case I32_TRUNC_F64_U -> c.truncate(true, false, false, false);
                case I64_TRUNC_F32_S -> c.truncate(false, true, true, false);
                case I64_TRUNC_F32_U -> c.truncate(false, true, false, false);
                case I64_TRUNC_F64_S -> c.truncate(true, true, true, false);
                case I64_TRUNC_F64_U -> c.truncate(true, true, false, false);
                case I32_TRUNC_SAT_F32_S -> c.truncate(false, false, true, true);
                case I32_TRUNC_SAT_F32_U -> c.truncate(false, false, false, true);
                case I32_TRUNC_SAT_F64_S -> c.truncate(true, false, true, true);
                case I32_TRUNC_SAT_F64_U -> c.truncate(true, false, false, true);
                case I64_TRUNC_SAT_F32_S -> c.truncate(false, true, true, true);
                case I64_TRUNC_SAT_F32_U -> c.truncate(false, true, false, true);
                case I64_TRUNC_SAT_F64_S -> c.truncate(true, true, true, true);
                case I64_TRUNC_SAT_F64_U -> c.truncate(true, true, false, true);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }
}
