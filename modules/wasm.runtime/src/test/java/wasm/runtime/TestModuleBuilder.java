package wasm.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

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
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.core.model.ValType;
import wasm.runtime.tooling.JitCoverage;

/**
 * Builds {@link Module} records for tests. Signatures are written
 * {@code "params:results"} in type letters (see {@link Asm#types}); code uses
 * {@link Asm} syntax. Function indices returned count imports first, as the
 * index space does; import functions before defining any.
 */
final class TestModuleBuilder {
    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<FunctionBody> codes = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ElementSegment> elements = new ArrayList<>();
    private final List<DataSegment> datas = new ArrayList<>();
    private OptionalInt start = OptionalInt.empty();
    private int importedFunctions;
    private int importedGlobals;

    static FuncType sig(String signature) {
        int colon = signature.indexOf(':');
        return new FuncType(Asm.types(signature.substring(0, colon)), Asm.types(signature.substring(colon + 1)));
    }

    int type(String signature) {
        FuncType t = sig(signature);
        int i = types.indexOf(t);
        if (i >= 0) {
            return i;
        }
        types.add(t);
        return types.size() - 1;
    }

    int importFunc(String module, String name, String signature) {
        imports.add(new Import(module, name, new ImportDesc.Func(type(signature))));
        return importedFunctions++;
    }

    TestModuleBuilder importMemory(String module, String name, long min, long max) {
        imports.add(new Import(module, name, new ImportDesc.Memory(new MemoryType(new Limits(min, max)))));
        return this;
    }

    TestModuleBuilder importTable(String module, String name, ValType t, long min, long max) {
        imports.add(new Import(module, name, new ImportDesc.Table(new TableType(t, new Limits(min, max)))));
        return this;
    }

    int importGlobal(String module, String name, ValType t, boolean mutable) {
        imports.add(new Import(module, name, new ImportDesc.Global(new GlobalType(t, mutable))));
        return importedGlobals++;
    }

    /** Defines a function; {@code locals} in type letters; code in Asm syntax without the final end. */
    int func(String signature, String locals, String code) {
        functions.add(type(signature));
        List<Instruction> body = new ArrayList<>(Asm.parse(code));
        body.add(Instruction.END);
        codes.add(new FunctionBody(Asm.types(locals), body));
        return importedFunctions + functions.size() - 1;
    }

    int exportFunc(String name, String signature, String locals, String code) {
        int f = func(signature, locals, code);
        export(name, ExternKind.FUNC, f);
        return f;
    }

    TestModuleBuilder export(String name, ExternKind kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    TestModuleBuilder memory(long min, long max) {
        memories.add(new MemoryType(new Limits(min, max)));
        return this;
    }

    TestModuleBuilder table(ValType t, long min, long max) {
        tables.add(new TableType(t, new Limits(min, max)));
        return this;
    }

    int global(ValType t, boolean mutable, String init) {
        List<Instruction> e = new ArrayList<>(Asm.parse(init));
        e.add(Instruction.END);
        globals.add(new Global(new GlobalType(t, mutable), e));
        return importedGlobals + globals.size() - 1;
    }

    TestModuleBuilder activeData(String offset, byte[] bytes) {
        datas.add(new DataSegment(bytes, SegmentMode.ACTIVE, 0, expr(offset)));
        return this;
    }

    TestModuleBuilder passiveData(byte[] bytes) {
        datas.add(new DataSegment(bytes, SegmentMode.PASSIVE, 0, List.of()));
        return this;
    }

    /** An active funcref segment of function indices. */
    TestModuleBuilder activeElem(int table, String offset, int... funcs) {
        elements.add(new ElementSegment(ValType.FUNCREF, items(funcs), SegmentMode.ACTIVE, table, expr(offset)));
        return this;
    }

    TestModuleBuilder passiveElem(int... funcs) {
        elements.add(new ElementSegment(ValType.FUNCREF, items(funcs), SegmentMode.PASSIVE, 0, List.of()));
        return this;
    }

    TestModuleBuilder declarativeElem(int... funcs) {
        elements.add(new ElementSegment(ValType.FUNCREF, items(funcs), SegmentMode.DECLARATIVE, 0, List.of()));
        return this;
    }

    TestModuleBuilder start(int func) {
        start = OptionalInt.of(func);
        return this;
    }

    private static List<List<Instruction>> items(int... funcs) {
        List<List<Instruction>> items = new ArrayList<>();
        for (int f : funcs) {
            items.add(f < 0 ? List.of(new Instruction.RefNull(ValType.FUNCREF), Instruction.END)
                    : List.of(new Instruction.Indexed(wasm.core.model.Opcode.REF_FUNC, f), Instruction.END));
        }
        return items;
    }

    private static List<Instruction> expr(String code) {
        List<Instruction> e = new ArrayList<>(Asm.parse(code));
        e.add(Instruction.END);
        return e;
    }

    Module build() {
        return new Module(types, imports, functions, tables, memories, globals, exports, start, elements,
                datas.isEmpty() ? OptionalInt.empty() : OptionalInt.of(datas.size()), codes, datas,
                NameSection.EMPTY, List.of());
    }

    /**
     * Instantiates in a store with the default options: in the build, the JIT run of the
     * tier-agnostic tests is strict ({@code wasmoon.jit=strict}), and then every defined
     * function must be native, whatever the runtime says about strict mode.
     */
    Instance instantiate() {
        Store store = new Store();
        Module module = build();
        Instance instance = store.instantiate(module, ImportResolver.NONE);
        RuntimeOptions options = store.options();
        if (options.tier() == ExecutionTier.JIT && options.jitStrict()) {
            JitCoverage allNative = new JitCoverage(module.functions().size(), 0, java.util.Map.of());
            if (!JitCoverage.of(store).equals(allNative)) {
                throw new AssertionError("strict JIT, yet not every function is native: " + JitCoverage.of(store));
            }
        }
        return instance;
    }

    /** A one-function module exporting "f"; returns the result of calling it. */
    static long[] run(String signature, String locals, String code, long... args) {
        TestModuleBuilder b = new TestModuleBuilder();
        b.memory(1, 1);
        b.exportFunc("f", signature, locals, code);
        return b.instantiate().function("f").call(args);
    }

    /** Runs a function with one result and returns it. */
    static long eval(String signature, String code, long... args) {
        long[] r = run(signature, "", code, args);
        if (r.length != 1) {
            throw new AssertionError("expected one result, got " + r.length);
        }
        return r[0];
    }
}
