package wasm.core.validate;

import static wasm.core.validate.StackType.F32;
import static wasm.core.validate.StackType.F64;
import static wasm.core.validate.StackType.FUNCREF;
import static wasm.core.validate.StackType.I32;
import static wasm.core.validate.StackType.I64;
import static wasm.core.validate.StackType.UNKNOWN;
import static wasm.core.validate.StackType.V128;

import java.util.Arrays;
import java.util.List;
import wasm.core.InvalidModuleException;
import wasm.core.MalformedModuleException;
import wasm.core.internal.BinaryCode;
import wasm.core.internal.InstructionReader;
import wasm.core.model.BlockType;
import wasm.core.model.Instruction;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;

/**
 * Type-checks instruction sequences (function bodies and constant expressions)
 * with the algorithm of the spec's appendix: an operand stack of value types
 * whose bottom may be {@link StackType#UNKNOWN} after unconditional branches, and
 * a stack of control frames (kind, start and end types, operand height,
 * unreachable flag).
 *
 * <p>One instance is reused for every function of a module: both stacks are
 * plain int arrays that only grow, so validating an instruction allocates
 * nothing. A decoded body ({@link BinaryCode}) is checked in one pass over its
 * bytes, read an instruction at a time into an {@link InstructionReader}, without
 * making its records; a body built from records (the text parser's, a test's)
 * is checked record by record, by the same methods.
 */
final class CodeValidator {
    private static final int KIND_FUNCTION = 0;
    private static final int KIND_BLOCK = 1;
    private static final int KIND_LOOP = 2;
    private static final int KIND_IF = 3;
    private static final int KIND_ELSE = 4;

    /** Fixed signatures of the opcode table, coded once: params and results per ordinal (null if none). */
    private static final int[][] FIXED_PARAMS;
    private static final int[][] FIXED_RESULTS;
    /** Natural alignment (log2 of the access size) per ordinal, for loads and stores. */
    private static final int[] NATURAL_ALIGN;

    static {
        Opcode[] ops = Opcode.values();
        FIXED_PARAMS = new int[ops.length][];
        FIXED_RESULTS = new int[ops.length][];
        NATURAL_ALIGN = new int[ops.length];
        for (Opcode op : ops) {
            if (op.hasFixedSignature()) {
                FIXED_PARAMS[op.ordinal()] = StackType.of(op.params());
                FIXED_RESULTS[op.ordinal()] = StackType.of(op.results());
            }
            NATURAL_ALIGN[op.ordinal()] = Integer.numberOfTrailingZeros(Math.max(1, op.accessBytes()));
        }
    }

    private final ModuleContext ctx;

    private int[] vals = new int[64];
    private int valCount;

    private int[] ctrlKind = new int[16];
    private int[][] ctrlStart = new int[16][];
    private int[][] ctrlEnd = new int[16][];
    private int[] ctrlHeight = new int[16];
    private boolean[] ctrlUnreachable = new boolean[16];
    private int ctrlCount;

    private int[] locals = new int[16];
    private int localCount;
    /** The function's declared (non-parameter) locals, after the {@code localCount} parameters. */
    private List<ValType> declared = List.of();
    private int declaredCount;
    private int[] results = StackType.NONE;

    /**
     * Declared locals are expanded into {@link #locals} up to this many (the common case: a
     * local's type is then one array read); beyond it they are looked up in their groups, so
     * that a few bytes declaring 50,000 locals do not cost 50,000 writes per function.
     */
    private static final int EXPANDED_LOCALS = 4096;

    /** Scratch for br_table, which pops a label's operands and pushes back what it found. */
    private int[] scratch = new int[8];

    CodeValidator(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Validates a function body against {@code params -> results}; {@code localTypes} excludes params.
     *
     * @throws InvalidModuleException the first error; for a decoded body it carries the module
     *         offset of the instruction that failed
     */
    void validateFunction(int[] params, int[] results, List<ValType> localTypes, List<Instruction> code) {
        localCount = 0;
        for (int p : params) {
            addLocal(p);
        }
        // The declared locals are looked up in place when there are many (a decoded body keeps
        // them grouped): copying 50,000 of them per function would make validation quadratic.
        declared = localTypes;
        declaredCount = localTypes.size();
        if (localTypes instanceof wasm.core.model.Locals grouped) {
            for (int g = 0; g < grouped.groups(); g++) {
                StackType.of(grouped.groupType(g)); // rejects unsupported types (v128) even if unused
            }
            if (declaredCount <= EXPANDED_LOCALS) {
                for (int g = 0; g < grouped.groups(); g++) {
                    int t = StackType.of(grouped.groupType(g));
                    for (int i = grouped.groupCount(g); i > 0; i--) {
                        addLocal(t);
                    }
                }
                declaredCount = 0;
            }
        } else {
            for (ValType t : localTypes) {
                StackType.of(t);
            }
        }
        this.results = results;
        try {
            if (code instanceof BinaryCode binary && !binary.isDecoded()) {
                runBinary(binary, results);
            } else {
                run(code, results);
            }
        } finally {
            declared = List.of();
            declaredCount = 0;
        }
    }

    /**
     * Validates a constant expression of type {@code type}. Constness is checked
     * first for the whole expression, as the reference interpreter does, so that
     * "constant expression required" wins over a type error in the same
     * expression.
     */
    void validateConstant(List<Instruction> expr, int type) {
        for (Instruction ins : expr) {
            checkConstant(ins);
        }
        localCount = 0;
        results = StackType.single(type);
        run(expr, results);
    }

    private void checkConstant(Instruction ins) {
        switch (ins) {
            case Instruction.I32Const c -> {
            }
            case Instruction.I64Const c -> {
            }
            case Instruction.F32Const c -> {
            }
            case Instruction.F64Const c -> {
            }
            case Instruction.RefNull r -> {
            }
            case Instruction.V128Const c -> {
            }
            case Instruction.Indexed x when x.opcode() == Opcode.REF_FUNC -> {
            }
            case Instruction.Indexed x when x.opcode() == Opcode.GLOBAL_GET -> {
                int g = x.index();
                if (!ModuleContext.inRange(g, ctx.globalLimit)) {
                    throw invalid("unknown global " + Integer.toUnsignedString(g));
                }
                if (ctx.globalMutable[g]) {
                    throw invalid("constant expression required");
                }
            }
            case Instruction.Plain p when p.opcode() == Opcode.END -> {
            }
            case Instruction.Plain p when isExtendedConstant(p.opcode()) -> {
            }
            default -> throw invalid("constant expression required");
        }
    }

    /** The arithmetic 3.0 allows in constant expressions (extended constant expressions). */
    private static boolean isExtendedConstant(Opcode op) {
        return switch (op) {
            case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> true;
            default -> false;
        };
    }

    private void addLocal(int type) {
        if (localCount == locals.length) {
            locals = Arrays.copyOf(locals, localCount * 2);
        }
        locals[localCount++] = type;
    }

    /** Runs the algorithm over {@code code}, which must end with the {@code end} closing the outermost frame. */
    private void run(List<Instruction> code, int[] outerResults) {
        valCount = 0;
        ctrlCount = 0;
        pushCtrl(KIND_FUNCTION, StackType.NONE, outerResults);
        int n = code.size();
        for (int i = 0; i < n; i++) {
            if (ctrlCount == 0) {
                throw new MalformedModuleException("instructions after the final end of a function or expression");
            }
            step(code.get(i));
        }
        if (ctrlCount != 0) {
            throw new MalformedModuleException("unexpected end of section or function");
        }
    }

    /**
     * Runs the algorithm over a decoded body's bytes, one instruction at a time. The decoder
     * checked the bytes (well formed, {@code size()} instructions, the last the final end), so
     * the only errors are validation errors; each gets the offset of its instruction.
     */
    private void runBinary(BinaryCode code, int[] outerResults) {
        valCount = 0;
        ctrlCount = 0;
        pushCtrl(KIND_FUNCTION, StackType.NONE, outerResults);
        InstructionReader r = code.reader();
        int at = r.pos();
        try {
            for (int i = 0, n = code.size(); i < n; i++) {
                at = r.pos();
                step(r.next(), r);
            }
        } catch (InvalidModuleException e) {
            throw e.at(code.moduleOffset(at));
        }
        if (ctrlCount != 0) {
            throw new MalformedModuleException("unexpected end of section or function");
        }
    }

    /** One instruction as the reader holds it: the same checks as {@link #step(Instruction)}. */
    private void step(Opcode op, InstructionReader r) {
        switch (op.imm()) {
            case NONE -> plain(op, null);
            case BLOCK_TYPE -> block(op, r.blockType(), null);
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, ELEM, DATA, MEMORY, MEMORY_FILL -> indexed(op, r.index(), null);
            case MEMORY_INIT, MEMORY_COPY, CALL_INDIRECT, TABLE_INIT, TABLE_COPY ->
                    indexed2(op, r.index(), r.index2(), null);
            case BR_TABLE -> brTable(r.labels(), r.labelCount(), r.index());
            case MEMARG -> memoryAccess(op, r.alignLog2(), r.offset(), r.memory(), null);
            case I32 -> push(I32);
            case I64 -> push(I64);
            case F32 -> push(F32);
            case F64 -> push(F64);
            case SELECT_TYPES -> selectTyped(r.selectTypes());
            case REF_TYPE -> push(StackType.ofReference(r.refType()));
            case V128_CONST -> push(V128);
            case SHUFFLE -> shuffle(r.value(), r.high());
            case LANE -> lane(op, r.lane(), null);
            case MEMARG_LANE -> memoryLaneAccess(op, r.alignLog2(), r.offset(), r.lane(), r.memory(), null);
        }
    }

    private void step(Instruction ins) {
        switch (ins) {
            case Instruction.Plain p -> plain(p.opcode(), ins);
            case Instruction.Block b -> block(b.opcode(), b.type(), ins);
            case Instruction.Indexed x -> indexed(x.opcode(), x.index(), ins);
            case Instruction.Indexed2 x -> indexed2(x.opcode(), x.first(), x.second(), ins);
            case Instruction.BrTable t -> brTable(t.labels(), t.defaultLabel());
            case Instruction.MemoryAccess m -> memoryAccess(m.opcode(), m.alignLog2(), m.offset(), m.memoryIndex(), ins);
            case Instruction.I32Const c -> push(I32);
            case Instruction.I64Const c -> push(I64);
            case Instruction.F32Const c -> push(F32);
            case Instruction.F64Const c -> push(F64);
            case Instruction.RefNull r -> push(StackType.ofReference(r.type()));
            case Instruction.SelectTyped s -> selectTyped(s.types());
            case Instruction.V128Const c -> push(V128);
            case Instruction.Shuffle s -> shuffle(s.lo(), s.hi());
            case Instruction.Lane l -> lane(l.opcode(), l.lane(), ins);
            case Instruction.MemoryLaneAccess m ->
                    memoryLaneAccess(m.opcode(), m.alignLog2(), m.offset(), m.lane(), m.memoryIndex(), ins);
        }
    }

    private void plain(Opcode op, Instruction ins) {
        if (op == null) {
            throw malformed(ins);
        }
        switch (op) {
            case UNREACHABLE -> unreachable();
            case NOP -> {
            }
            case ELSE -> elseInstruction();
            case END -> end();
            case RETURN -> {
                popVals(results);
                unreachable();
            }
            case DROP -> popAny();
            case SELECT -> select();
            case REF_IS_NULL -> {
                int t = popAny();
                if (t != UNKNOWN && !StackType.isReference(t)) {
                    throw typeMismatch();
                }
                push(I32);
            }
            default -> {
                if (op.imm() != Opcode.Imm.NONE || !op.hasFixedSignature()) {
                    throw malformed(ins);
                }
                fixed(op);
            }
        }
    }

    private void fixed(Opcode op) {
        popVals(FIXED_PARAMS[op.ordinal()]);
        pushVals(FIXED_RESULTS[op.ordinal()]);
    }

    private void block(Opcode op, BlockType type, Instruction ins) {
        // if/else, not pattern switches: each switch over a sealed type (or an enum with a null
        // case) is an invokedynamic call site bootstrapped on its first run, milliseconds of
        // class generation that every run of every module paid here (docs/perf/startup.md)
        int kind;
        if (op == Opcode.BLOCK) {
            kind = KIND_BLOCK;
        } else if (op == Opcode.LOOP) {
            kind = KIND_LOOP;
        } else if (op == Opcode.IF) {
            kind = KIND_IF;
        } else {
            throw malformed(ins);
        }
        int[] start;
        int[] end;
        if (type instanceof BlockType.Empty) {
            start = StackType.NONE;
            end = StackType.NONE;
        } else if (type instanceof BlockType.Value v) {
            start = StackType.NONE;
            end = StackType.single(StackType.of(v.type()));
        } else if (type instanceof BlockType.TypeIndex t) {
            int x = t.typeIndex();
            if (!ModuleContext.inRange(x, ctx.typeParams.length)) {
                throw invalid("unknown type " + Integer.toUnsignedString(x));
            }
            start = ctx.typeParams[x];
            end = ctx.typeResults[x];
        } else {
            throw malformed(ins);
        }
        if (kind == KIND_IF) {
            popExpect(I32);
        }
        popVals(start);
        pushCtrl(kind, start, end);
    }

    private void elseInstruction() {
        int top = ctrlCount - 1;
        if (ctrlKind[top] != KIND_IF) {
            throw new MalformedModuleException("else without matching if");
        }
        popVals(ctrlEnd[top]);
        if (valCount != ctrlHeight[top]) {
            throw typeMismatch();
        }
        ctrlKind[top] = KIND_ELSE;
        ctrlUnreachable[top] = false;
        pushVals(ctrlStart[top]);
    }

    private void end() {
        int top = ctrlCount - 1;
        int[] end = ctrlEnd[top];
        popVals(end);
        if (valCount != ctrlHeight[top]) {
            throw typeMismatch();
        }
        // An if without else behaves as if its else branch passed the params through.
        if (ctrlKind[top] == KIND_IF && !Arrays.equals(ctrlStart[top], end)) {
            throw typeMismatch();
        }
        ctrlCount--;
        pushVals(end);
    }

    private void indexed(Opcode op, int x, Instruction ins) {
        if (op == null) {
            throw malformed(ins);
        }
        switch (op) {
            case BR -> {
                popVals(labelTypes(x));
                unreachable();
            }
            case BR_IF -> {
                popExpect(I32);
                int[] label = labelTypes(x);
                popVals(label);
                pushVals(label);
            }
            case CALL -> {
                int type = functionType(x);
                popVals(ctx.typeParams[type]);
                pushVals(ctx.typeResults[type]);
            }
            case RETURN_CALL -> {
                int type = functionType(x);
                tailCallResults(ctx.typeResults[type]);
                popVals(ctx.typeParams[type]);
                unreachable();
            }
            case REF_FUNC -> {
                functionType(x);
                if (!ctx.declaredFunctions[x]) {
                    throw invalid("undeclared function reference");
                }
                push(FUNCREF);
            }
            case LOCAL_GET -> push(local(x));
            case LOCAL_SET -> popExpect(local(x));
            case LOCAL_TEE -> {
                int t = local(x);
                popExpect(t);
                push(t);
            }
            case GLOBAL_GET -> {
                if (!ModuleContext.inRange(x, ctx.globalLimit)) {
                    throw invalid("unknown global " + Integer.toUnsignedString(x));
                }
                push(ctx.globalTypes[x]);
            }
            case GLOBAL_SET -> {
                if (!ModuleContext.inRange(x, ctx.globalCount())) {
                    throw invalid("unknown global " + Integer.toUnsignedString(x));
                }
                if (!ctx.globalMutable[x]) {
                    throw invalid("immutable global");
                }
                popExpect(ctx.globalTypes[x]);
            }
            case TABLE_GET -> {
                int t = table(x);
                popExpect(ctx.tableAddressTypes[x]);
                push(t);
            }
            case TABLE_SET -> {
                int t = table(x);
                popExpect(t);
                popExpect(ctx.tableAddressTypes[x]);
            }
            case TABLE_SIZE -> {
                table(x);
                push(ctx.tableAddressTypes[x]);
            }
            case TABLE_GROW -> {
                int t = table(x);
                int at = ctx.tableAddressTypes[x];
                popExpect(at);
                popExpect(t);
                push(at);
            }
            case TABLE_FILL -> {
                int t = table(x);
                int at = ctx.tableAddressTypes[x];
                popExpect(at);
                popExpect(t);
                popExpect(at);
            }
            case ELEM_DROP -> elementSegment(x);
            case MEMORY_SIZE -> push(memory(x));
            case MEMORY_GROW -> {
                int at = memory(x);
                popExpect(at);
                push(at);
            }
            case MEMORY_FILL -> {
                int at = memory(x);
                popExpect(at);
                popExpect(I32);
                popExpect(at);
            }
            case DATA_DROP -> dataSegment(x);
            default -> throw malformed(ins);
        }
    }

    private void indexed2(Opcode op, int first, int second, Instruction ins) {
        if (op == null) {
            throw malformed(ins);
        }
        switch (op) {
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
                // Same order as the reference interpreter: table, then type, then the table's element type.
                int elementType = table(second);
                if (!ModuleContext.inRange(first, ctx.typeParams.length)) {
                    throw invalid("unknown type " + Integer.toUnsignedString(first));
                }
                if (elementType != FUNCREF) {
                    throw typeMismatch();
                }
                popExpect(ctx.tableAddressTypes[second]);
                popVals(ctx.typeParams[first]);
                if (op == Opcode.RETURN_CALL_INDIRECT) {
                    tailCallResults(ctx.typeResults[first]);
                    unreachable();
                } else {
                    pushVals(ctx.typeResults[first]);
                }
            }
            case TABLE_INIT -> {
                int tableType = table(second);
                int segmentType = elementSegment(first);
                if (tableType != segmentType) {
                    throw typeMismatch();
                }
                popExpect(I32);
                popExpect(I32);
                popExpect(ctx.tableAddressTypes[second]);
            }
            case TABLE_COPY -> {
                int destination = table(first);
                int source = table(second);
                if (destination != source) {
                    throw typeMismatch();
                }
                int dstAt = ctx.tableAddressTypes[first];
                int srcAt = ctx.tableAddressTypes[second];
                popExpect(narrower(dstAt, srcAt));
                popExpect(srcAt);
                popExpect(dstAt);
            }
            case MEMORY_INIT -> {
                int at = memory(second);
                dataSegment(first);
                popExpect(I32);
                popExpect(I32);
                popExpect(at);
            }
            case MEMORY_COPY -> {
                int dstAt = memory(first);
                int srcAt = memory(second);
                popExpect(narrower(dstAt, srcAt));
                popExpect(srcAt);
                popExpect(dstAt);
            }
            default -> throw malformed(ins);
        }
    }

    private void brTable(List<Integer> labels, int defaultLabel) {
        int n = labels.size();
        int[] depths = new int[n];
        for (int i = 0; i < n; i++) {
            Integer boxed = labels.get(i);
            depths[i] = boxed == null ? -1 : boxed;
        }
        brTable(depths, n, defaultLabel);
    }

    /** br_table with the first {@code n} entries of {@code labels}. */
    private void brTable(int[] labels, int n, int defaultLabel) {
        popExpect(I32);
        int arity = labelTypes(defaultLabel).length;
        for (int i = 0; i < n; i++) {
            int[] label = labelTypes(labels[i]);
            if (label.length != arity) {
                throw typeMismatch();
            }
            // Check the operands against this label, keeping what was found (possibly Unknown).
            if (scratch.length < arity) {
                scratch = new int[Math.max(arity, scratch.length * 2)];
            }
            for (int j = arity - 1; j >= 0; j--) {
                scratch[j] = popExpect(label[j]);
            }
            for (int j = 0; j < arity; j++) {
                push(scratch[j]);
            }
        }
        popVals(labelTypes(defaultLabel));
        unreachable();
    }

    private void memoryAccess(Opcode op, int alignLog2, long offset, int memoryIndex, Instruction ins) {
        if (op == null || op.imm() != Opcode.Imm.MEMARG) {
            throw malformed(ins);
        }
        int at = checkMemarg(op, alignLog2, offset, memoryIndex);
        popAccessOperands(op, at);
    }

    // ---- SIMD immediates ----

    private void memoryLaneAccess(Opcode op, int alignLog2, long offset, int lane, int memoryIndex,
            Instruction ins) {
        if (op == null || op.imm() != Opcode.Imm.MEMARG_LANE) {
            throw malformed(ins);
        }
        int at = checkMemarg(op, alignLog2, offset, memoryIndex);
        checkLane(op, lane);
        popAccessOperands(op, at);
    }

    private void lane(Opcode op, int lane, Instruction ins) {
        if (op == null || op.imm() != Opcode.Imm.LANE) {
            throw malformed(ins);
        }
        checkLane(op, lane);
        fixed(op);
    }

    private static void checkLane(Opcode op, int lane) {
        if (lane < 0 || lane >= op.laneCount()) {
            throw invalid("invalid lane index");
        }
    }

    /** The 16 lane index bytes of i8x16.shuffle, little-endian in two longs, are each below 32. */
    private void shuffle(long lo, long hi) {
        if (((lo | hi) & 0xE0E0_E0E0_E0E0_E0E0L) != 0) {
            throw invalid("invalid lane index");
        }
        fixed(Opcode.I8X16_SHUFFLE);
    }

    /**
     * The memory exists, the alignment is at most natural and the offset fits the memory's
     * address type; returns that type (i32 or i64).
     */
    private int checkMemarg(Opcode op, int alignLog2, long offset, int memoryIndex) {
        int at = memory(memoryIndex);
        // alignLog2 is an unsigned exponent: a negative int is a huge alignment.
        if (alignLog2 < 0 || alignLog2 > NATURAL_ALIGN[op.ordinal()]) {
            throw invalid("alignment must not be larger than natural");
        }
        // Offsets are u64 (a negative long is one of 2^63 or more); a 32-bit memory allows u32 only.
        if (at == I32 && (offset < 0 || offset > 0xFFFF_FFFFL)) {
            throw invalid("offset out of range");
        }
        return at;
    }

    /** Loads: [address] -> [value]; stores: [address, value] -> []; the address has the memory's type. */
    private void popAccessOperands(Opcode op, int at) {
        int[] params = FIXED_PARAMS[op.ordinal()];
        for (int i = params.length - 1; i >= 1; i--) {
            popExpect(params[i]);
        }
        popExpect(at);
        pushVals(FIXED_RESULTS[op.ordinal()]);
    }

    /** The type of a length between two address spaces: i64 only when both are 64-bit. */
    private static int narrower(int a, int b) {
        return a == I64 && b == I64 ? I64 : I32;
    }

    private void select() {
        popExpect(I32);
        int t1 = popAny();
        int t2 = popAny();
        if (!StackType.isNumericVectorOrUnknown(t1) || !StackType.isNumericVectorOrUnknown(t2)) {
            throw typeMismatch();
        }
        if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
            throw typeMismatch();
        }
        push(t1 == UNKNOWN ? t2 : t1);
    }

    private void selectTyped(List<ValType> types) {
        if (types.size() != 1) {
            throw invalid("invalid result arity");
        }
        int t = StackType.of(types.get(0));
        popExpect(I32);
        popExpect(t);
        popExpect(t);
        push(t);
    }

    // ---- index spaces ----

    private int[] labelTypes(int depth) {
        if (!ModuleContext.inRange(depth, ctrlCount)) {
            throw invalid("unknown label " + Integer.toUnsignedString(depth));
        }
        int frame = ctrlCount - 1 - depth;
        return ctrlKind[frame] == KIND_LOOP ? ctrlStart[frame] : ctrlEnd[frame];
    }

    private int functionType(int f) {
        if (!ModuleContext.inRange(f, ctx.functionCount())) {
            throw invalid("unknown function " + Integer.toUnsignedString(f));
        }
        return ctx.functionTypes[f];
    }

    private int local(int x) {
        if (ModuleContext.inRange(x, localCount)) {
            return locals[x];
        }
        long declaredIndex = Integer.toUnsignedLong(x) - localCount;
        if (declaredIndex >= declaredCount) {
            throw invalid("unknown local " + Integer.toUnsignedString(x));
        }
        return StackType.of(declared.get((int) declaredIndex));
    }

    private int table(int x) {
        if (!ModuleContext.inRange(x, ctx.tableElementTypes.length)) {
            throw invalid("unknown table " + Integer.toUnsignedString(x));
        }
        return ctx.tableElementTypes[x];
    }

    private int elementSegment(int x) {
        if (!ModuleContext.inRange(x, ctx.elementTypes.length)) {
            throw invalid("unknown elem segment " + Integer.toUnsignedString(x));
        }
        return ctx.elementTypes[x];
    }

    private void dataSegment(int x) {
        if (!ModuleContext.inRange(x, ctx.dataCount)) {
            throw invalid("unknown data segment " + Integer.toUnsignedString(x));
        }
        // The binary format requires the data count section before code that names data segments
        // (so single-pass decoders know the count); a decoder should have reported this already.
        if (!ctx.hasDataCountSection) {
            throw invalid("data count section required");
        }
    }

    /** The address type code of memory {@code x}. */
    private int memory(int x) {
        if (!ModuleContext.inRange(x, ctx.memoryCount)) {
            throw invalid("unknown memory " + Integer.toUnsignedString(x));
        }
        return ctx.memoryAddressTypes[x];
    }

    // ---- the operand and control stacks ----

    private void push(int type) {
        if (valCount == vals.length) {
            vals = Arrays.copyOf(vals, valCount * 2);
        }
        vals[valCount++] = type;
    }

    private void pushVals(int[] types) {
        for (int t : types) {
            push(t);
        }
    }

    private int popAny() {
        int top = ctrlCount - 1;
        if (valCount == ctrlHeight[top]) {
            if (ctrlUnreachable[top]) {
                return UNKNOWN;
            }
            throw typeMismatch();
        }
        return vals[--valCount];
    }

    private int popExpect(int expected) {
        int actual = popAny();
        if (actual != expected && actual != UNKNOWN && expected != UNKNOWN) {
            throw typeMismatch();
        }
        return actual;
    }

    /** A tail call returns the callee's results as the caller's: they must be the same types. */
    private void tailCallResults(int[] calleeResults) {
        if (!Arrays.equals(calleeResults, results)) {
            throw typeMismatch();
        }
    }

    private void popVals(int[] types) {
        for (int i = types.length - 1; i >= 0; i--) {
            popExpect(types[i]);
        }
    }

    private void pushCtrl(int kind, int[] start, int[] end) {
        if (ctrlCount == ctrlKind.length) {
            int n = ctrlCount * 2;
            ctrlKind = Arrays.copyOf(ctrlKind, n);
            ctrlStart = Arrays.copyOf(ctrlStart, n);
            ctrlEnd = Arrays.copyOf(ctrlEnd, n);
            ctrlHeight = Arrays.copyOf(ctrlHeight, n);
            ctrlUnreachable = Arrays.copyOf(ctrlUnreachable, n);
        }
        ctrlKind[ctrlCount] = kind;
        ctrlStart[ctrlCount] = start;
        ctrlEnd[ctrlCount] = end;
        ctrlHeight[ctrlCount] = valCount;
        ctrlUnreachable[ctrlCount] = false;
        ctrlCount++;
        pushVals(start);
    }

    private void unreachable() {
        int top = ctrlCount - 1;
        valCount = ctrlHeight[top];
        ctrlUnreachable[top] = true;
    }

    // ---- errors ----

    private static InvalidModuleException typeMismatch() {
        return invalid("type mismatch");
    }

    private static InvalidModuleException invalid(String message) {
        return new InvalidModuleException(message);
    }

    private static MalformedModuleException malformed(Instruction ins) {
        return new MalformedModuleException("malformed instruction: " + ins);
    }
}
