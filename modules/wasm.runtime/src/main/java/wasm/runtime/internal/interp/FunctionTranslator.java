package wasm.runtime.internal.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import wasm.core.model.AddressType;
import wasm.core.model.BlockType;
import wasm.core.model.FuncType;
import wasm.core.model.Instruction;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;
import wasm.runtime.ValueSlots;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.WasmFunction;

/**
 * Translates one validated function body into the interpreter's int code: block
 * structure becomes jumps to absolute offsets, and every branch knows at
 * translation time how many values it carries and the stack height it lands
 * on, so execution never searches for labels nor tracks blocks. Code that is
 * unreachable after br/br_table/return/unreachable is skipped.
 */
public final class FunctionTranslator {
    /** A control frame during translation. Heights and arities are in stack slots (a v128 takes two). */
    private static final class Control {
        final boolean loop;
        final boolean function;
        /** Operand height (slots) below the block's parameters. */
        final int height;
        /** Operand count (values) below the block's parameters. */
        final int depth;
        final List<ValType> paramTypes;
        final List<ValType> resultTypes;
        final int params;
        final int results;
        final int loopStart;
        int elseFixup = -1;
        int[] fixups = new int[4];
        int fixupCount;

        Control(boolean loop, boolean function, int height, int depth, List<ValType> paramTypes,
                List<ValType> resultTypes, int loopStart) {
            this.loop = loop;
            this.function = function;
            this.height = height;
            this.depth = depth;
            this.paramTypes = paramTypes;
            this.resultTypes = resultTypes;
            this.params = ValueSlots.of(paramTypes);
            this.results = ValueSlots.of(resultTypes);
            this.loopStart = loopStart;
        }

        void addFixup(int pos) {
            if (fixupCount == fixups.length) {
                fixups = Arrays.copyOf(fixups, fixupCount * 2);
            }
            fixups[fixupCount++] = pos;
        }
    }

    private final InstanceContext context;
    private int[] code = new int[64];
    private int length;
    /** Operand stack height in slots above the frame pointer (locals included). */
    private int height;
    private int maxHeight;
    /** Slots of each operand on the stack (1, or 2 for a v128), so drop and select know their width. */
    private int[] widths = new int[32];
    private int depth;
    /** First slot of each local, and its width. */
    private int[] localSlot;
    private int[] localWidth;
    private boolean unreachable;
    private int deadDepth;
    private final List<Control> controls = new ArrayList<>();
    private List<Instruction> body;
    /** Index of the next instruction of {@link #body}; fusions consume extra instructions by advancing it. */
    private int pos;

    /** Whether loop back edges poll (fuel metering or interruption polls, as the store's options say). */
    private final boolean loopPolls;

    private FunctionTranslator(InstanceContext context) {
        this.context = context;
        this.loopPolls = context.store.options.fuel() || context.store.options.interruptPolls();
    }

    public static CompiledCode translate(WasmFunction f) {
        return new FunctionTranslator(f.context).run(f);
    }

    /** Whether a declared local is a v128 (walking the decoded groups, not every local). */
    private static boolean hasVector(List<ValType> locals) {
        if (locals instanceof wasm.core.model.Locals l) {
            for (int g = 0; g < l.groups(); g++) {
                if (l.groupType(g) == ValType.V128) {
                    return true;
                }
            }
            return false;
        }
        return locals.contains(ValType.V128);
    }

    /** The first slot of local {@code i}. */
    private int slot(int i) {
        return localSlot == null ? i : localSlot[i];
    }

    /** The slots local {@code i} takes: 2 for a v128, else 1. */
    private int width(int i) {
        return localWidth == null ? 1 : localWidth[i];
    }

    /** Runs of equal initial slot values (0 for numbers and vectors, -1 for references) over the declared locals. */
    private static int[] initRuns(List<ValType> locals) {
        // Decoded bodies keep their groups: walk those, not 50,000 entries.
        int groups = locals instanceof wasm.core.model.Locals l ? l.groups() : locals.size();
        int[] runs = new int[8];
        int n = 0;
        for (int g = 0; g < groups; g++) {
            boolean ref;
            int count;
            if (locals instanceof wasm.core.model.Locals l) {
                ref = l.groupType(g).isReference();
                count = l.groupCount(g) * ValueSlots.of(l.groupType(g));
            } else {
                ref = locals.get(g).isReference();
                count = ValueSlots.of(locals.get(g));
            }
            int value = ref ? -1 : 0;
            if (n > 0 && runs[n - 1] == value) {
                runs[n - 2] += count;
                continue;
            }
            if (n + 2 > runs.length) {
                runs = Arrays.copyOf(runs, runs.length * 2);
            }
            runs[n++] = count;
            runs[n++] = value;
        }
        return Arrays.copyOf(runs, n);
    }

    private CompiledCode run(WasmFunction f) {
        FuncType type = f.type();
        List<ValType> locals = f.body.locals();
        int numParams = ValueSlots.of(type.params());
        // A v128 takes two slots: local i lives at slot(i). Without vectors slot == index,
        // and no per-local table is made (a body may declare 50,000 locals in a few bytes).
        boolean vectors = type.params().contains(ValType.V128) || hasVector(locals);
        int localSlots = vectors ? ValueSlots.of(locals) : locals.size();
        if (vectors) {
            int count = type.params().size() + locals.size();
            localSlot = new int[count];
            localWidth = new int[count];
            int slot = 0;
            for (int i = 0; i < count; i++) {
                ValType t = i < type.params().size() ? type.params().get(i) : locals.get(i - type.params().size());
                localSlot[i] = slot;
                localWidth[i] = ValueSlots.of(t);
                slot += localWidth[i];
            }
        } else {
            localSlot = null;
            localWidth = null;
        }
        int numLocals = numParams + localSlots;
        long[] localInit = null;
        int[] localRuns = null;
        if (localSlots <= CompiledCode.INIT_ARRAY_MAX) {
            localInit = new long[localSlots];
            int at = 0;
            for (ValType t : locals) {
                localInit[at] = t.isReference() ? -1L : 0L;
                at += ValueSlots.of(t);
            }
        } else {
            localRuns = initRuns(locals);
        }
        height = numLocals;
        maxHeight = numLocals;
        controls.add(new Control(false, true, numLocals, 0, List.of(), type.results(), -1));
        emit(Op.POLL); // the entry's, as native prologues check the stack limit (and charge fuel)
        body = f.body.code();
        while (pos < body.size()) {
            Instruction ins = body.get(pos++);
            if (unreachable) {
                skipDead(ins.opcode());
            } else {
                translate(ins);
            }
            if (controls.isEmpty()) {
                break;
            }
        }
        return new CompiledCode(Arrays.copyOf(code, length), numParams, numLocals, ValueSlots.of(type.results()),
                maxHeight + 1, localInit, localRuns, context, f.funcIndex);
    }

    private void skipDead(Opcode op) {
        switch (op) {
            case BLOCK, LOOP, IF -> deadDepth++;
            case ELSE -> {
                if (deadDepth == 0) {
                    elseBranch();
                }
            }
            case END -> {
                if (deadDepth > 0) {
                    deadDepth--;
                } else {
                    end();
                }
            }
            default -> {
            }
        }
    }

    private void emit(int v) {
        if (length == code.length) {
            code = Arrays.copyOf(code, length * 2);
        }
        code[length++] = v;
    }

    /** call f, or return_call f (a tail call: see {@link Op#RETURN_CALL}). */
    private void call(int f, boolean tail) {
        FuncType ft = context.module.functionType(f);
        emit(tail ? Op.RETURN_CALL : Op.CALL);
        emit(f);
        pop(ft.params().size());
        push(ft.results());
        endTailCall(tail);
    }

    /** call_indirect or return_call_indirect, through a 32- or 64-bit table. */
    private void callIndirect(Instruction.Indexed2 ci, boolean tail) {
        FuncType ft = context.types[ci.first()];
        boolean table64 = context.tables[ci.second()].addressType == AddressType.I64;
        emit(tail ? (table64 ? Op.RETURN_CALL_INDIRECT_64 : Op.RETURN_CALL_INDIRECT)
                : (table64 ? Op.CALL_INDIRECT_64 : Op.CALL_INDIRECT));
        emit(ci.first());
        emit(ci.second());
        pop(1 + ft.params().size());
        push(ft.results());
        endTailCall(tail);
    }

    /** After a tail call, a RETURN: reached only when the callee was host or native code, it returns its results. */
    private void endTailCall(boolean tail) {
        if (tail) {
            emit(Op.RETURN);
            unreachable = true;
        }
    }

    // ---- the typed operand stack: heights in slots, widths per value ----

    private void push(int width) {
        if (depth == widths.length) {
            widths = Arrays.copyOf(widths, depth * 2);
        }
        widths[depth++] = width;
        height += width;
        if (height > maxHeight) {
            maxHeight = height;
        }
    }

    private void push(ValType t) {
        push(ValueSlots.of(t));
    }

    private void push(List<ValType> types) {
        for (ValType t : types) {
            push(t);
        }
    }

    /** Pops one operand; returns its width. */
    private int pop() {
        int w = widths[--depth];
        height -= w;
        return w;
    }

    private void pop(int values) {
        for (int i = 0; i < values; i++) {
            pop();
        }
    }

    /** Drops the stack to a frame's base and pushes {@code types}. */
    private void reset(Control c, List<ValType> types) {
        height = c.height;
        depth = c.depth;
        push(types);
    }

    private static int opNumber(Opcode op) {
        return switch (op.prefix()) {
            case 0 -> op.code();
            case 0xFC -> 0xE0 + op.code();
            default -> Op.SIMD_BASE + op.code();
        };
    }

    /** A block's parameter and result types. */
    private FuncType blockType(BlockType bt) {
        // instanceof tests here and in the immediates below, not type switches: the first type
        // switch of a process bootstraps SwitchBootstraps' class generation (milliseconds that a
        // short run in the interpreter otherwise does not pay)
        if (bt instanceof BlockType.Value v) {
            return new FuncType(List.of(), List.of(v.type()));
        } else if (bt instanceof BlockType.TypeIndex t) {
            return context.types[t.typeIndex()];
        }
        return EMPTY;
    }

    private static final FuncType EMPTY = new FuncType(List.of(), List.of());

    private Control openBlock(boolean loop, BlockType bt) {
        FuncType ft = blockType(bt);
        int params = ValueSlots.of(ft.params());
        int start = length;
        if (loop && loopPolls) {
            // entering falls past the poll; the loop's branches (its back edges) land on it
            emit(Op.JUMP);
            emit(length + 2);
            start = length;
            emit(Op.POLL);
        }
        Control c = new Control(loop, false, height - params, depth - ft.params().size(), ft.params(),
                ft.results(), start);
        controls.add(c);
        return c;
    }

    private Control label(int depth) {
        return controls.get(controls.size() - 1 - depth);
    }

    /** Emits a branch target: a loop's start, or a fixup patched at the block's end. */
    private void emitTarget(Control c) {
        if (c.loop) {
            emit(c.loopStart);
        } else {
            c.addFixup(length);
            emit(-1);
        }
    }

    private void emitTriple(Control c) {
        emitTarget(c);
        emit(c.loop ? c.params : c.results);
        emit(c.height);
    }

    private void elseBranch() {
        Control c = controls.get(controls.size() - 1);
        if (!unreachable) {
            emit(Op.JUMP);
            c.addFixup(length);
            emit(-1);
        }
        code[c.elseFixup] = length;
        c.elseFixup = -1;
        reset(c, c.paramTypes);
        unreachable = false;
    }

    private void end() {
        Control c = controls.remove(controls.size() - 1);
        if (c.elseFixup >= 0) {
            code[c.elseFixup] = length;
        }
        for (int i = 0; i < c.fixupCount; i++) {
            code[c.fixups[i]] = length;
        }
        reset(c, c.resultTypes);
        unreachable = false;
        if (c.function) {
            emit(Op.RETURN);
        }
    }

    private void translate(Instruction ins) {
        Opcode op = ins.opcode();
        switch (op) {
            case UNREACHABLE -> {
                emit(Op.UNREACHABLE);
                unreachable = true;
            }
            case NOP -> {
            }
            case BLOCK, LOOP -> openBlock(op == Opcode.LOOP, ((Instruction.Block) ins).type());
            case IF -> {
                pop();
                openIf(((Instruction.Block) ins).type(), Op.JUMP_IF_ZERO);
            }
            case ELSE -> elseBranch();
            case END -> end();
            case BR -> {
                Control c = label(((Instruction.Indexed) ins).index());
                if (c.function) {
                    emit(Op.RETURN);
                } else {
                    int arity = c.loop ? c.params : c.results;
                    if (height - arity == c.height) {
                        emit(Op.JUMP);
                        emitTarget(c);
                    } else {
                        emit(Op.BR_ADJUST);
                        emitTriple(c);
                    }
                }
                unreachable = true;
            }
            case BR_IF -> {
                pop();
                Control c = label(((Instruction.Indexed) ins).index());
                int arity = c.loop ? c.params : c.results;
                if (height - arity == c.height) {
                    emit(Op.JUMP_IF);
                    emitTarget(c);
                } else {
                    emit(Op.BR_IF_ADJUST);
                    emitTriple(c);
                }
            }
            case BR_TABLE -> {
                Instruction.BrTable bt = (Instruction.BrTable) ins;
                pop();
                emit(Op.BR_TABLE_ADJUST);
                emit(bt.labels().size());
                for (int depth : bt.labels()) {
                    emitTriple(label(depth));
                }
                emitTriple(label(bt.defaultLabel()));
                unreachable = true;
            }
            case RETURN -> {
                emit(Op.RETURN);
                unreachable = true;
            }
            case CALL -> call(((Instruction.Indexed) ins).index(), false);
            case CALL_INDIRECT -> callIndirect((Instruction.Indexed2) ins, false);
            case RETURN_CALL -> call(((Instruction.Indexed) ins).index(), true);
            case RETURN_CALL_INDIRECT -> callIndirect((Instruction.Indexed2) ins, true);
            case DROP -> emit(pop() == 2 ? Op.DROP_V128 : Op.DROP);
            case SELECT, SELECT_TYPED -> {
                pop();
                int w = pop();
                pop();
                push(w);
                emit(w == 2 ? Op.SELECT_V128 : Op.SELECT);
            }
            case LOCAL_GET -> localGet(((Instruction.Indexed) ins).index());
            case LOCAL_SET -> {
                int a = ((Instruction.Indexed) ins).index();
                if (next(0) instanceof Instruction.Indexed n && n.opcode() == Opcode.LOCAL_GET
                        && width(a) == 1 && width(n.index()) == 1) {
                    pos++;
                    emit(Op.LOCAL_SET_GET);
                    emit(slot(a));
                    emit(slot(n.index()));
                } else {
                    emit(width(a) == 2 ? Op.LOCAL_SET_V128 : Op.LOCAL_SET);
                    emit(slot(a));
                    pop();
                }
            }
            case LOCAL_TEE -> {
                int a = ((Instruction.Indexed) ins).index();
                emit(width(a) == 2 ? Op.LOCAL_TEE_V128 : Op.LOCAL_TEE);
                emit(slot(a));
            }
            case GLOBAL_GET -> {
                ValType t = context.globals[((Instruction.Indexed) ins).index()].type.type();
                emit(t == ValType.V128 ? Op.GLOBAL_GET_V128 : Op.GLOBAL_GET);
                emit(((Instruction.Indexed) ins).index());
                push(t);
            }
            case GLOBAL_SET -> {
                ValType t = context.globals[((Instruction.Indexed) ins).index()].type.type();
                emit(t == ValType.V128 ? Op.GLOBAL_SET_V128 : Op.GLOBAL_SET);
                emit(((Instruction.Indexed) ins).index());
                pop();
            }
            case TABLE_GET -> indexed(ins, 1, 1);
            case TABLE_SET -> indexed(ins, 2, 0);
            case TABLE_GROW -> indexed(ins, 2, 1);
            case TABLE_FILL -> indexed(ins, 3, 0);
            case TABLE_SIZE -> indexed(ins, 0, 1);
            case ELEM_DROP, DATA_DROP -> indexed(ins, 0, 0);
            case MEMORY_SIZE -> indexed(ins, 0, 1);
            case MEMORY_GROW -> indexed(ins, 1, 1);
            case MEMORY_FILL -> indexed(ins, 3, 0);
            case MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY -> {
                Instruction.Indexed2 i2 = (Instruction.Indexed2) ins;
                emit(opNumber(op));
                emit(i2.first());
                emit(i2.second());
                pop(3);
            }
            case I32_CONST -> {
                int c = ((Instruction.I32Const) ins).value();
                Opcode n = next(0) == null ? null : next(0).opcode();
                if (n == Opcode.I32_ADD || n == Opcode.I32_SUB) {
                    pos++;
                    emit(Op.I32_ADD_CONST);
                    emit(n == Opcode.I32_ADD ? c : -c);
                } else {
                    emit(Op.I32_CONST);
                    emit(c);
                    push(1);
                }
            }
            case I32_EQZ -> {
                if (!fuseConditional(1, Op.JUMP_IF_ZERO, Op.JUMP_IF)) {
                    emit(Op.I32_EQZ);
                }
            }
            case I32_EQ, I32_NE, I32_LT_S, I32_LT_U, I32_GT_S, I32_GT_U, I32_LE_S, I32_LE_U, I32_GE_S, I32_GE_U -> {
                if (!fuseConditional(2, compareJump(op, false), compareJump(op, true))) {
                    emit(opNumber(op));
                    pop(2);
                    push(1);
                }
            }
            case F32_CONST -> {
                emit(Op.F32_CONST);
                emit(((Instruction.F32Const) ins).bits());
                push(1);
            }
            case I64_CONST -> emitLong(((Instruction.I64Const) ins).value());
            case F64_CONST -> emitLong(((Instruction.F64Const) ins).bits());
            case REF_NULL -> {
                emit(Op.REF_NULL);
                push(1);
            }
            case REF_IS_NULL -> {
                emit(Op.REF_IS_NULL);
                pop();
                push(1);
            }
            case REF_FUNC -> indexed(ins, 0, 1);
            default -> {
                if (!op.hasFixedSignature()) {
                    throw new IllegalStateException("no translation for " + op);
                }
                if (ins instanceof Instruction.MemoryAccess ma && !op.isSimd() && !isFastAccess(ma)) {
                    emit(Op.ANY_MEMORY_ACCESS);
                    emit(opNumber(op));
                    emit(ma.memoryIndex());
                    emit((int) ma.offset());
                    emit((int) (ma.offset() >>> 32));
                    pop(op.params().size());
                    push(op.results());
                    return;
                }
                emit(opNumber(op));
                if (ins instanceof Instruction.MemoryAccess ma) {
                    if (op.isSimd()) {
                        vectorMemarg(ma.memoryIndex(), ma.offset());
                    } else {
                        emit((int) ma.offset());
                    }
                } else if (ins instanceof Instruction.MemoryLaneAccess ma) {
                    vectorMemarg(ma.memoryIndex(), ma.offset());
                    emit(ma.lane());
                } else if (ins instanceof Instruction.Lane l) {
                    emit(l.lane());
                } else if (ins instanceof Instruction.V128Const c) {
                    emitV128(c.lo(), c.hi());
                } else if (ins instanceof Instruction.Shuffle sh) {
                    emitV128(sh.lo(), sh.hi());
                }
                pop(op.params().size());
                push(op.results());
            }
        }
    }

    /**
     * A v128 access's memory and 64-bit offset: every v128 load and store runs out of line
     * ({@link VectorOps}), so one form serves any memory, 32- or 64-bit.
     */
    private void vectorMemarg(int memory, long offset) {
        emit(memory);
        emit((int) offset);
        emit((int) (offset >>> 32));
    }

    /** 128 immediate bits as four ints, low first. */
    private void emitV128(long lo, long hi) {
        emit((int) lo);
        emit((int) (lo >>> 32));
        emit((int) hi);
        emit((int) (hi >>> 32));
    }

    /** An access the fast opcodes serve: memory 0, 32-bit (its offsets are u32). */
    private boolean isFastAccess(Instruction.MemoryAccess ma) {
        return ma.memoryIndex() == 0 && !context.memories[0].is64();
    }

    private Instruction next(int k) {
        return pos + k < body.size() ? body.get(pos + k) : null;
    }

    private void openIf(BlockType type, int jumpOp) {
        emit(jumpOp);
        Control c = openBlock(false, type);
        c.elseFixup = length;
        emit(-1);
    }

    /** local.get, fused with a following {@code i32.const c; i32.add/sub}, an i32/i64 load, or a second local.get. */
    private void localGet(int local) {
        int a = slot(local);
        if (width(local) == 2) {
            emit(Op.LOCAL_GET_V128);
            emit(a);
            push(2);
            return;
        }
        Instruction n1 = next(0);
        Instruction n2 = next(1);
        if (n1 instanceof Instruction.I32Const c && n2 != null
                && (n2.opcode() == Opcode.I32_ADD || n2.opcode() == Opcode.I32_SUB)) {
            pos += 2;
            emit(Op.LOCAL_I32_ADD_CONST);
            emit(a);
            emit(n2.opcode() == Opcode.I32_ADD ? c.value() : -c.value());
            push(1);
        } else if (n1 instanceof Instruction.MemoryAccess ma && isFastAccess(ma)
                && (ma.opcode() == Opcode.I32_LOAD || ma.opcode() == Opcode.I64_LOAD)) {
            pos++;
            emit(ma.opcode() == Opcode.I32_LOAD ? Op.I32_LOAD_LOCAL : Op.I64_LOAD_LOCAL);
            emit(a);
            emit((int) ma.offset());
            push(1);
        } else if (n1 instanceof Instruction.Indexed g && g.opcode() == Opcode.LOCAL_GET && width(g.index()) == 1) {
            pos++;
            emit(Op.LOCAL_GET2);
            emit(a);
            emit(slot(g.index()));
            push(1);
            push(1);
        } else {
            emit(Op.LOCAL_GET);
            emit(a);
            push(1);
        }
    }

    /**
     * Fuses a condition-producing instruction that pops {@code popped} operands with a
     * following br_if (when the branch needs no stack adjustment) or if. {@code jumpWhenTrue}
     * jumps when the condition holds, {@code jumpWhenFalse} when it does not.
     */
    private boolean fuseConditional(int popped, int jumpWhenTrue, int jumpWhenFalse) {
        Instruction n = next(0);
        if (n == null) {
            return false;
        }
        if (n.opcode() == Opcode.BR_IF) {
            Control c = label(((Instruction.Indexed) n).index());
            int arity = c.loop ? c.params : c.results;
            if (height - popped - arity != c.height) {
                return false;
            }
            pos++;
            pop(popped);
            emit(jumpWhenTrue);
            emitTarget(c);
            return true;
        }
        if (n.opcode() == Opcode.IF) {
            pos++;
            pop(popped);
            openIf(((Instruction.Block) n).type(), jumpWhenFalse);
            return true;
        }
        return false;
    }

    /** The fused compare-and-jump opcode for an i32 comparison, or for its negation. */
    private static int compareJump(Opcode op, boolean negate) {
        Opcode o = !negate ? op : switch (op) {
            case I32_EQ -> Opcode.I32_NE;
            case I32_NE -> Opcode.I32_EQ;
            case I32_LT_S -> Opcode.I32_GE_S;
            case I32_LT_U -> Opcode.I32_GE_U;
            case I32_GT_S -> Opcode.I32_LE_S;
            case I32_GT_U -> Opcode.I32_LE_U;
            case I32_LE_S -> Opcode.I32_GT_S;
            case I32_LE_U -> Opcode.I32_GT_U;
            case I32_GE_S -> Opcode.I32_LT_S;
            case I32_GE_U -> Opcode.I32_LT_U;
            default -> throw new IllegalArgumentException(op.toString());
        };
        return switch (o) {
            case I32_EQ -> Op.I32_EQ_JUMP;
            case I32_NE -> Op.I32_NE_JUMP;
            case I32_LT_S -> Op.I32_LT_S_JUMP;
            case I32_LT_U -> Op.I32_LT_U_JUMP;
            case I32_GT_S -> Op.I32_GT_S_JUMP;
            case I32_GT_U -> Op.I32_GT_U_JUMP;
            case I32_LE_S -> Op.I32_LE_S_JUMP;
            case I32_LE_U -> Op.I32_LE_U_JUMP;
            case I32_GE_S -> Op.I32_GE_S_JUMP;
            case I32_GE_U -> Op.I32_GE_U_JUMP;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    /** An instruction with one index immediate over one-slot operands (tables, references, segments). */
    private void indexed(Instruction ins, int popped, int pushed) {
        emit(opNumber(ins.opcode()));
        emit(((Instruction.Indexed) ins).index());
        pop(popped);
        for (int i = 0; i < pushed; i++) {
            push(1);
        }
    }

    private void emitLong(long v) {
        emit(Op.I64_CONST);
        emit((int) v);
        emit((int) (v >>> 32));
        push(1);
    }
}
