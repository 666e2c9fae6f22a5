package wasm.runtime.internal.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import wasm.core.model.BlockType;
import wasm.core.model.FuncType;
import wasm.core.model.Instruction;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;
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
    /** A control frame during translation. */
    private static final class Control {
        final boolean loop;
        final boolean function;
        /** Operand height below the block's parameters. */
        final int height;
        final int params;
        final int results;
        final int loopStart;
        int elseFixup = -1;
        int[] fixups = new int[4];
        int fixupCount;

        Control(boolean loop, boolean function, int height, int params, int results, int loopStart) {
            this.loop = loop;
            this.function = function;
            this.height = height;
            this.params = params;
            this.results = results;
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
    private int height;
    private int maxHeight;
    private boolean unreachable;
    private int deadDepth;
    private final List<Control> controls = new ArrayList<>();
    private List<Instruction> body;
    /** Index of the next instruction of {@link #body}; fusions consume extra instructions by advancing it. */
    private int pos;

    private FunctionTranslator(InstanceContext context) {
        this.context = context;
    }

    public static CompiledCode translate(WasmFunction f) {
        return new FunctionTranslator(f.context).run(f);
    }

    /** Runs of equal initial values (0 for numbers, -1 for references) over the declared locals. */
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
                count = l.groupCount(g);
            } else {
                ref = locals.get(g).isReference();
                count = 1;
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
        int numParams = type.params().size();
        int numLocals = numParams + locals.size();
        long[] localInit = null;
        int[] localRuns = null;
        if (locals.size() <= CompiledCode.INIT_ARRAY_MAX) {
            localInit = new long[locals.size()];
            for (int i = 0; i < localInit.length; i++) {
                localInit[i] = locals.get(i).isReference() ? -1L : 0L;
            }
        } else {
            localRuns = initRuns(locals);
        }
        height = numLocals;
        maxHeight = numLocals;
        controls.add(new Control(false, true, numLocals, 0, type.results().size(), -1));
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
        return new CompiledCode(Arrays.copyOf(code, length), numParams, numLocals, type.results().size(),
                maxHeight + 1, localInit, localRuns, context);
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

    private void adjust(int popped, int pushed) {
        height -= popped;
        height += pushed;
        if (height > maxHeight) {
            maxHeight = height;
        }
    }

    private static int opNumber(Opcode op) {
        return op.prefix() == 0 ? op.code() : 0xE0 + op.code();
    }

    private int[] blockArity(BlockType bt) {
        return switch (bt) {
            case BlockType.Empty e -> new int[] {0, 0};
            case BlockType.Value v -> new int[] {0, 1};
            case BlockType.TypeIndex t -> {
                FuncType ft = context.types[t.typeIndex()];
                yield new int[] {ft.params().size(), ft.results().size()};
            }
        };
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
        height = c.height + c.params;
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
        height = c.height + c.results;
        if (height > maxHeight) {
            maxHeight = height;
        }
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
            case BLOCK, LOOP -> {
                int[] a = blockArity(((Instruction.Block) ins).type());
                controls.add(new Control(op == Opcode.LOOP, false, height - a[0], a[0], a[1], length));
            }
            case IF -> {
                adjust(1, 0);
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
                adjust(1, 0);
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
                adjust(1, 0);
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
            case CALL -> {
                int f = ((Instruction.Indexed) ins).index();
                FuncType ft = context.module.functionType(f);
                emit(Op.CALL);
                emit(f);
                adjust(ft.params().size(), ft.results().size());
            }
            case CALL_INDIRECT -> {
                Instruction.Indexed2 ci = (Instruction.Indexed2) ins;
                FuncType ft = context.types[ci.first()];
                emit(Op.CALL_INDIRECT);
                emit(ci.first());
                emit(ci.second());
                adjust(1 + ft.params().size(), ft.results().size());
            }
            case DROP -> {
                emit(Op.DROP);
                adjust(1, 0);
            }
            case SELECT, SELECT_TYPED -> {
                emit(Op.SELECT);
                adjust(3, 1);
            }
            case LOCAL_GET -> localGet(((Instruction.Indexed) ins).index());
            case LOCAL_SET -> {
                int a = ((Instruction.Indexed) ins).index();
                if (next(0) instanceof Instruction.Indexed n && n.opcode() == Opcode.LOCAL_GET) {
                    pos++;
                    emit(Op.LOCAL_SET_GET);
                    emit(a);
                    emit(n.index());
                } else {
                    indexed(ins, 1, 0);
                }
            }
            case LOCAL_TEE -> indexed(ins, 1, 1);
            case GLOBAL_GET -> indexed(ins, 0, 1);
            case GLOBAL_SET -> indexed(ins, 1, 0);
            case TABLE_GET -> indexed(ins, 1, 1);
            case TABLE_SET -> indexed(ins, 2, 0);
            case TABLE_GROW -> indexed(ins, 2, 1);
            case TABLE_FILL -> indexed(ins, 3, 0);
            case TABLE_SIZE -> indexed(ins, 0, 1);
            case ELEM_DROP, DATA_DROP -> indexed(ins, 0, 0);
            case MEMORY_INIT -> indexed(ins, 3, 0);
            case TABLE_INIT, TABLE_COPY -> {
                Instruction.Indexed2 i2 = (Instruction.Indexed2) ins;
                emit(opNumber(op));
                emit(i2.first());
                emit(i2.second());
                adjust(3, 0);
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
                    adjust(0, 1);
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
                    adjust(2, 1);
                }
            }
            case F32_CONST -> {
                emit(Op.F32_CONST);
                emit(((Instruction.F32Const) ins).bits());
                adjust(0, 1);
            }
            case I64_CONST -> emitLong(((Instruction.I64Const) ins).value());
            case F64_CONST -> emitLong(((Instruction.F64Const) ins).bits());
            case REF_NULL -> {
                emit(Op.REF_NULL);
                adjust(0, 1);
            }
            case REF_IS_NULL -> {
                emit(Op.REF_IS_NULL);
                adjust(1, 1);
            }
            case REF_FUNC -> indexed(ins, 0, 1);
            default -> {
                if (!op.hasFixedSignature()) {
                    throw new IllegalStateException("no translation for " + op);
                }
                emit(opNumber(op));
                if (ins instanceof Instruction.MemoryAccess ma) {
                    emit((int) ma.offset());
                }
                adjust(op.params().size(), op.results().size());
            }
        }
    }

    private Instruction next(int k) {
        return pos + k < body.size() ? body.get(pos + k) : null;
    }

    private void openIf(BlockType type, int jumpOp) {
        int[] a = blockArity(type);
        emit(jumpOp);
        Control c = new Control(false, false, height - a[0], a[0], a[1], -1);
        c.elseFixup = length;
        emit(-1);
        controls.add(c);
    }

    /** local.get, fused with a following {@code i32.const c; i32.add/sub}, an i32/i64 load, or a second local.get. */
    private void localGet(int a) {
        Instruction n1 = next(0);
        Instruction n2 = next(1);
        if (n1 instanceof Instruction.I32Const c && n2 != null
                && (n2.opcode() == Opcode.I32_ADD || n2.opcode() == Opcode.I32_SUB)) {
            pos += 2;
            emit(Op.LOCAL_I32_ADD_CONST);
            emit(a);
            emit(n2.opcode() == Opcode.I32_ADD ? c.value() : -c.value());
            adjust(0, 1);
        } else if (n1 instanceof Instruction.MemoryAccess ma
                && (ma.opcode() == Opcode.I32_LOAD || ma.opcode() == Opcode.I64_LOAD)) {
            pos++;
            emit(ma.opcode() == Opcode.I32_LOAD ? Op.I32_LOAD_LOCAL : Op.I64_LOAD_LOCAL);
            emit(a);
            emit((int) ma.offset());
            adjust(0, 1);
        } else if (n1 instanceof Instruction.Indexed g && g.opcode() == Opcode.LOCAL_GET) {
            pos++;
            emit(Op.LOCAL_GET2);
            emit(a);
            emit(g.index());
            adjust(0, 2);
        } else {
            emit(Op.LOCAL_GET);
            emit(a);
            adjust(0, 1);
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
            adjust(popped, 0);
            emit(jumpWhenTrue);
            emitTarget(c);
            return true;
        }
        if (n.opcode() == Opcode.IF) {
            pos++;
            adjust(popped, 0);
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

    private void indexed(Instruction ins, int popped, int pushed) {
        emit(opNumber(ins.opcode()));
        emit(((Instruction.Indexed) ins).index());
        adjust(popped, pushed);
    }

    private void emitLong(long v) {
        emit(Op.I64_CONST);
        emit((int) v);
        emit((int) (v >>> 32));
        adjust(0, 1);
    }
}
