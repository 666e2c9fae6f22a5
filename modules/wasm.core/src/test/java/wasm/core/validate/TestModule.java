package wasm.core.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import wasm.core.model.BlockType;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Global;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.core.model.ValType;

/**
 * A small builder for validator tests: modules made directly from the model
 * records, with instruction shorthands. Function bodies and constant
 * expressions are given without their final {@code end}; the builder adds it.
 */
final class TestModule {
    static final ValType I32 = ValType.I32;
    static final ValType I64 = ValType.I64;
    static final ValType F32 = ValType.F32;
    static final ValType F64 = ValType.F64;
    static final ValType FUNCREF = ValType.FUNCREF;
    static final ValType EXTERNREF = ValType.EXTERNREF;

    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private OptionalInt start = OptionalInt.empty();
    private final List<ElementSegment> elements = new ArrayList<>();
    private OptionalInt dataCount = OptionalInt.empty();
    private final List<FunctionBody> codes = new ArrayList<>();
    private final List<DataSegment> datas = new ArrayList<>();

    static TestModule module() {
        return new TestModule();
    }

    /** A module with one function {@code sig} whose body is {@code body} (plus the final end). */
    static Module function(FuncType sig, Instruction... body) {
        return module().func(sig, List.of(), body).build();
    }

    static FuncType sig(List<ValType> params, List<ValType> results) {
        return FuncType.of(params, results);
    }

    static FuncType sig(ValType... results) {
        return FuncType.of(List.of(), List.of(results));
    }

    /** The index of {@code sig} in the type section, adding it if absent. */
    int type(FuncType sig) {
        int i = types.indexOf(sig);
        if (i >= 0) {
            return i;
        }
        types.add(sig);
        return types.size() - 1;
    }

    TestModule addType(FuncType sig) {
        types.add(sig);
        return this;
    }

    TestModule func(FuncType sig, List<ValType> locals, Instruction... body) {
        functions.add(type(sig));
        codes.add(new FunctionBody(locals, withEnd(body)));
        return this;
    }

    TestModule func(FuncType sig, Instruction... body) {
        return func(sig, List.of(), body);
    }

    TestModule importFunc(FuncType sig) {
        imports.add(new Import("env", "f" + imports.size(), new ImportDesc.Func(type(sig))));
        return this;
    }

    TestModule importGlobal(ValType type, boolean mutable) {
        imports.add(new Import("env", "g" + imports.size(), new ImportDesc.Global(new GlobalType(type, mutable))));
        return this;
    }

    TestModule importMemory(long min, long max) {
        imports.add(new Import("env", "m" + imports.size(), new ImportDesc.Memory(new MemoryType(new Limits(min, max)))));
        return this;
    }

    TestModule memory(long min) {
        return memory(min, Limits.UNBOUNDED);
    }

    TestModule memory(long min, long max) {
        memories.add(new MemoryType(new Limits(min, max)));
        return this;
    }

    TestModule memoryType(MemoryType type) {
        memories.add(type);
        return this;
    }

    TestModule table(ValType elementType, long min) {
        return table(elementType, min, Limits.UNBOUNDED);
    }

    TestModule table(ValType elementType, long min, long max) {
        tables.add(new TableType(elementType, new Limits(min, max)));
        return this;
    }

    TestModule global(ValType type, boolean mutable, Instruction... init) {
        globals.add(new Global(new GlobalType(type, mutable), withEnd(init)));
        return this;
    }

    TestModule export(String name, ExternKind kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    TestModule start(int function) {
        start = OptionalInt.of(function);
        return this;
    }

    /** An active funcref segment at offset 0 of table {@code table}, listing {@code functions}. */
    TestModule activeElem(int table, int... functionIndices) {
        return elem(FUNCREF, SegmentMode.ACTIVE, table, List.of(i32(0)), refFuncItems(functionIndices));
    }

    TestModule declareElem(int... functionIndices) {
        return elem(FUNCREF, SegmentMode.DECLARATIVE, 0, List.of(), refFuncItems(functionIndices));
    }

    TestModule passiveElem(ValType type, List<List<Instruction>> items) {
        return elem(type, SegmentMode.PASSIVE, 0, List.of(), items);
    }

    TestModule elem(ValType type, SegmentMode mode, int table, List<Instruction> offset,
                    List<List<Instruction>> items) {
        List<Instruction> off = mode == SegmentMode.ACTIVE ? withEnd(offset.toArray(Instruction[]::new)) : List.of();
        elements.add(new ElementSegment(type, items, mode, table, off));
        return this;
    }

    private static List<List<Instruction>> refFuncItems(int... functionIndices) {
        return Arrays.stream(functionIndices).mapToObj(f -> withEnd(refFunc(f))).toList();
    }

    TestModule activeData(int memory, Instruction offset, String bytes) {
        datas.add(new DataSegment(bytes.getBytes(), SegmentMode.ACTIVE, memory, withEnd(offset)));
        return this;
    }

    TestModule passiveData(String bytes) {
        datas.add(new DataSegment(bytes.getBytes(), SegmentMode.PASSIVE, 0, List.of()));
        return this;
    }

    /** Adds a data count section matching the data segments (as a binary with bulk memory has). */
    TestModule withDataCount() {
        dataCount = OptionalInt.of(datas.size());
        return this;
    }

    Module build() {
        return new Module(types, imports, functions, tables, memories, globals, exports, start, elements,
                dataCount, codes, datas, NameSection.EMPTY, List.of());
    }

    static List<Instruction> withEnd(Instruction... body) {
        List<Instruction> code = new ArrayList<>(Arrays.asList(body));
        code.add(Instruction.END);
        return code;
    }

    // ---- instruction shorthands ----

    static Instruction op(Opcode opcode) {
        return new Instruction.Plain(opcode);
    }

    static Instruction i32(int v) {
        return new Instruction.I32Const(v);
    }

    static Instruction i64(long v) {
        return new Instruction.I64Const(v);
    }

    static Instruction f32(float v) {
        return new Instruction.F32Const(Float.floatToRawIntBits(v));
    }

    static Instruction f64(double v) {
        return new Instruction.F64Const(Double.doubleToRawLongBits(v));
    }

    static Instruction block(BlockType type) {
        return new Instruction.Block(Opcode.BLOCK, type);
    }

    static Instruction loop(BlockType type) {
        return new Instruction.Block(Opcode.LOOP, type);
    }

    static Instruction if_(BlockType type) {
        return new Instruction.Block(Opcode.IF, type);
    }

    static BlockType result(ValType t) {
        return new BlockType.Value(t);
    }

    static BlockType typeIndex(int index) {
        return new BlockType.TypeIndex(index);
    }

    static Instruction else_() {
        return op(Opcode.ELSE);
    }

    static Instruction end() {
        return Instruction.END;
    }

    static Instruction br(int depth) {
        return new Instruction.Indexed(Opcode.BR, depth);
    }

    static Instruction brIf(int depth) {
        return new Instruction.Indexed(Opcode.BR_IF, depth);
    }

    static Instruction brTable(int defaultDepth, Integer... depths) {
        return new Instruction.BrTable(List.of(depths), defaultDepth);
    }

    static Instruction indexed(Opcode opcode, int index) {
        return new Instruction.Indexed(opcode, index);
    }

    static Instruction call(int function) {
        return indexed(Opcode.CALL, function);
    }

    static Instruction callIndirect(int type, int table) {
        return new Instruction.Indexed2(Opcode.CALL_INDIRECT, type, table);
    }

    static Instruction localGet(int x) {
        return indexed(Opcode.LOCAL_GET, x);
    }

    static Instruction localSet(int x) {
        return indexed(Opcode.LOCAL_SET, x);
    }

    static Instruction localTee(int x) {
        return indexed(Opcode.LOCAL_TEE, x);
    }

    static Instruction globalGet(int x) {
        return indexed(Opcode.GLOBAL_GET, x);
    }

    static Instruction globalSet(int x) {
        return indexed(Opcode.GLOBAL_SET, x);
    }

    static Instruction refNull(ValType t) {
        return new Instruction.RefNull(t);
    }

    static Instruction refFunc(int f) {
        return indexed(Opcode.REF_FUNC, f);
    }

    static Instruction select(ValType t) {
        return new Instruction.SelectTyped(List.of(t));
    }

    static Instruction load(Opcode opcode, int alignLog2) {
        return new Instruction.MemoryAccess(opcode, alignLog2, 0);
    }

    static Instruction indexed2(Opcode opcode, int first, int second) {
        return new Instruction.Indexed2(opcode, first, second);
    }
}
