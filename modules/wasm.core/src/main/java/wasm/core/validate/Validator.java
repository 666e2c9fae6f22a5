package wasm.core.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import wasm.core.InvalidModuleException;
import wasm.core.MalformedModuleException;
import wasm.core.WasmException;
import wasm.core.model.AddressType;
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
import wasm.core.model.Opcode;
import wasm.core.model.TableType;

/**
 * Validates a module against the WebAssembly 2.0 rules (without SIMD), in the
 * order of the reference interpreter so that a module with several errors
 * reports the one the official test suite expects.
 *
 * <p>Messages are the reference interpreter's: index errors carry the index
 * ({@code "unknown function 7"}), and the suite's expected texts are prefixes of
 * them, as the reference script runner matches them. Where the current suite
 * (which is 3.0) and 2.0 differ, the suite wins when it only accepts more
 * 2.0 modules: global initializers may read earlier immutable globals, and a
 * write to an immutable global reports "immutable global".
 *
 * <p>Of 3.0 it checks extended constant expressions, multiple memories and
 * 64-bit memories and tables (memory64, table64: addresses, sizes and offsets
 * typed i64). Structural defects a decoder or parser
 * never produces (missing {@code end}, an instruction record that does not
 * match its opcode, null fields) raise {@link MalformedModuleException}. No
 * other exception escapes.
 */
public final class Validator {
    private static final long MAX_MEMORY_PAGES = 0x1_0000L;
    /** 2^48 pages of 64 KiB: the whole 64-bit address space. */
    private static final long MAX_MEMORY64_PAGES = 1L << 48;
    private static final long MAX_TABLE_SIZE = 0xFFFF_FFFFL;

    private final Module module;
    private final ModuleContext ctx = new ModuleContext();

    private Validator(Module module) {
        this.module = module;
    }

    /**
     * Validates {@code module}; returns normally when it is valid.
     *
     * @param module the module, decoded or parsed
     * @throws InvalidModuleException with the spec's message when it is not
     * @throws MalformedModuleException when the model itself is broken (not producible from bytes or text)
     */
    public static void validate(Module module) {
        if (module == null) {
            throw new MalformedModuleException("no module");
        }
        try {
            new Validator(module).check();
        } catch (WasmException e) {
            throw e;
        } catch (NullPointerException | ClassCastException | IndexOutOfBoundsException e) {
            // Backstop for hand-built models with null fields or inconsistent lists: the
            // contract is that only WasmException subclasses leave the validator.
            throw new MalformedModuleException("malformed module model: " + e);
        }
    }

    private void check() {
        checkTypes();
        checkImports();
        declareDefinedEntities();
        CodeValidator code = new CodeValidator(ctx);
        checkGlobals(code);
        for (TableType t : module.tables()) {
            checkTableType(t);
        }
        for (MemoryType m : module.memories()) {
            checkMemoryType(m);
        }
        ctx.globalLimit = ctx.globalCount();
        checkElements(code);
        checkDatas(code);
        checkFunctions(code);
        checkStart();
        checkExports();
    }

    private void checkTypes() {
        List<FuncType> types = module.types();
        int n = types.size();
        ctx.typeParams = new int[n][];
        ctx.typeResults = new int[n][];
        for (int i = 0; i < n; i++) {
            FuncType t = types.get(i);
            ctx.typeParams[i] = StackType.of(t.params());
            ctx.typeResults[i] = StackType.of(t.results());
        }
    }

    private void checkImports() {
        int functions = 0;
        int tables = 0;
        int globals = 0;
        for (Import imp : module.imports()) {
            switch (imp.desc()) {
                case ImportDesc.Func f -> {
                    typeIndex(f.typeIndex());
                    functions++;
                }
                case ImportDesc.Table t -> {
                    checkTableType(t.type());
                    tables++;
                }
                case ImportDesc.Memory m -> {
                    checkMemoryType(m.type());
                    ctx.memoryCount++;
                }
                case ImportDesc.Global g -> {
                    StackType.of(g.type().type());
                    globals++;
                }
            }
        }
        ctx.functionTypes = new int[functions + module.functions().size()];
        ctx.tableElementTypes = new int[tables + module.tables().size()];
        ctx.tableAddressTypes = new int[ctx.tableElementTypes.length];
        ctx.memoryAddressTypes = new int[ctx.memoryCount + module.memories().size()];
        ctx.globalTypes = new int[globals + module.globals().size()];
        ctx.globalMutable = new boolean[ctx.globalTypes.length];
        int f = 0;
        int t = 0;
        int g = 0;
        int m = 0;
        for (Import imp : module.imports()) {
            switch (imp.desc()) {
                case ImportDesc.Func func -> ctx.functionTypes[f++] = func.typeIndex();
                case ImportDesc.Table table -> {
                    ctx.tableAddressTypes[t] = addressType(table.type().addressType());
                    ctx.tableElementTypes[t++] = elementType(table.type());
                }
                case ImportDesc.Memory memory -> ctx.memoryAddressTypes[m++] = addressType(memory.type().addressType());
                case ImportDesc.Global global -> {
                    ctx.globalTypes[g] = StackType.of(global.type().type());
                    ctx.globalMutable[g++] = global.type().mutable();
                }
            }
        }
        // Imported globals are visible to every constant expression; defined ones only after their definition.
        ctx.globalLimit = g;
    }

    /** Functions, tables, memories and the declared references (C.refs) exist before any code is checked. */
    private void declareDefinedEntities() {
        int f = module.importedCount(ExternKind.FUNC);
        for (int typeIndex : module.functions()) {
            ctx.functionTypes[f++] = typeIndex(typeIndex);
        }
        int t = module.importedCount(ExternKind.TABLE);
        for (TableType table : module.tables()) {
            ctx.tableAddressTypes[t] = addressType(table.addressType());
            ctx.tableElementTypes[t++] = elementType(table);
        }
        int m = ctx.memoryCount;
        for (MemoryType memory : module.memories()) {
            ctx.memoryAddressTypes[m++] = addressType(memory.addressType());
        }
        ctx.memoryCount += module.memories().size();
        List<ElementSegment> elements = module.elements();
        ctx.elementTypes = new int[elements.size()];
        for (int i = 0; i < elements.size(); i++) {
            ctx.elementTypes[i] = StackType.ofReference(elements.get(i).type());
        }
        ctx.dataCount = module.datas().size();
        ctx.hasDataCountSection = module.dataCount().isPresent();
        ctx.declaredFunctions = declaredFunctions();
    }

    /**
     * C.refs: every function index named by a ref.func in a global initializer or
     * element segment, or by a function export. Function bodies and the start
     * function do not count.
     */
    private boolean[] declaredFunctions() {
        boolean[] declared = new boolean[ctx.functionCount()];
        for (Global g : module.globals()) {
            declareRefs(g.init(), declared);
        }
        for (ElementSegment e : module.elements()) {
            for (List<Instruction> item : e.items()) {
                declareRefs(item, declared);
            }
            declareRefs(e.offset(), declared);
        }
        for (DataSegment d : module.datas()) {
            declareRefs(d.offset(), declared);
        }
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC && ModuleContext.inRange(e.index(), declared.length)) {
                declared[e.index()] = true;
            }
        }
        return declared;
    }

    private static void declareRefs(List<Instruction> expr, boolean[] declared) {
        for (Instruction ins : expr) {
            if (ins instanceof Instruction.Indexed x && x.opcode() == Opcode.REF_FUNC
                    && ModuleContext.inRange(x.index(), declared.length)) {
                declared[x.index()] = true;
            }
        }
    }

    private void checkGlobals(CodeValidator code) {
        int g = module.importedCount(ExternKind.GLOBAL);
        for (Global global : module.globals()) {
            GlobalType type = global.type();
            int t = StackType.of(type.type());
            code.validateConstant(global.init(), t);
            ctx.globalTypes[g] = t;
            ctx.globalMutable[g] = type.mutable();
            g++;
            ctx.globalLimit = g;
        }
    }

    private void checkElements(CodeValidator code) {
        List<ElementSegment> elements = module.elements();
        for (int i = 0; i < elements.size(); i++) {
            ElementSegment e = elements.get(i);
            int type = ctx.elementTypes[i];
            for (List<Instruction> item : e.items()) {
                code.validateConstant(item, type);
            }
            switch (e.mode()) {
                case ACTIVE -> {
                    int table = e.tableIndex();
                    if (!ModuleContext.inRange(table, ctx.tableElementTypes.length)) {
                        throw invalid("unknown table " + Integer.toUnsignedString(table));
                    }
                    if (ctx.tableElementTypes[table] != type) {
                        throw invalid("type mismatch");
                    }
                    code.validateConstant(e.offset(), ctx.tableAddressTypes[table]);
                }
                case PASSIVE, DECLARATIVE -> {
                }
            }
        }
    }

    private void checkDatas(CodeValidator code) {
        for (DataSegment d : module.datas()) {
            switch (d.mode()) {
                case ACTIVE -> {
                    int memory = d.memoryIndex();
                    if (!ModuleContext.inRange(memory, ctx.memoryCount)) {
                        throw invalid("unknown memory " + Integer.toUnsignedString(memory));
                    }
                    code.validateConstant(d.offset(), ctx.memoryAddressTypes[memory]);
                }
                case PASSIVE -> {
                }
                case DECLARATIVE -> throw new MalformedModuleException("declarative data segment");
            }
        }
    }

    private void checkFunctions(CodeValidator code) {
        List<Integer> functions = module.functions();
        List<FunctionBody> codes = module.codes();
        if (functions.size() != codes.size()) {
            throw new MalformedModuleException("function and code section have inconsistent lengths");
        }
        int imported = ctx.functionCount() - functions.size();
        for (int i = 0; i < codes.size(); i++) {
            int type = ctx.functionTypes[imported + i];
            FunctionBody body = codes.get(i);
            try {
                code.validateFunction(ctx.typeParams[type], ctx.typeResults[type], body.locals(), body.code());
            } catch (InvalidModuleException e) {
                throw e.inFunction(imported + i);
            }
        }
    }

    private void checkStart() {
        if (module.start().isEmpty()) {
            return;
        }
        int f = module.start().getAsInt();
        if (!ModuleContext.inRange(f, ctx.functionCount())) {
            throw invalid("unknown function " + Integer.toUnsignedString(f));
        }
        int type = ctx.functionTypes[f];
        if (ctx.typeParams[type].length != 0 || ctx.typeResults[type].length != 0) {
            throw invalid("start function must not have parameters or results");
        }
    }

    private void checkExports() {
        Set<String> names = new HashSet<>();
        for (Export e : module.exports()) {
            int x = e.index();
            String unknown = switch (e.kind()) {
                case FUNC -> ModuleContext.inRange(x, ctx.functionCount()) ? null : "function";
                case TABLE -> ModuleContext.inRange(x, ctx.tableElementTypes.length) ? null : "table";
                case MEMORY -> ModuleContext.inRange(x, ctx.memoryCount) ? null : "memory";
                case GLOBAL -> ModuleContext.inRange(x, ctx.globalCount()) ? null : "global";
            };
            if (unknown != null) {
                throw invalid("unknown " + unknown + " " + Integer.toUnsignedString(x));
            }
            if (!names.add(e.name())) {
                throw invalid("duplicate export name");
            }
        }
    }

    // ---- types ----

    private int typeIndex(int x) {
        if (!ModuleContext.inRange(x, ctx.typeParams.length)) {
            throw invalid("unknown type " + Integer.toUnsignedString(x));
        }
        return x;
    }

    private static int elementType(TableType t) {
        return StackType.ofReference(t.elementType());
    }

    private static int addressType(AddressType at) {
        return at == AddressType.I64 ? StackType.I64 : StackType.I32;
    }

    private static void checkTableType(TableType t) {
        addressType(t.addressType());
        if (t.is64()) {
            // Every u64 is a valid table64 size; the model keeps them below 2^63 (pinned).
            checkLimits(t.limits(), Long.MAX_VALUE, "table size must be at most 2^64-1");
        } else {
            checkLimits(t.limits(), MAX_TABLE_SIZE, "table size must be at most 2^32-1");
        }
        elementType(t);
    }

    private static void checkMemoryType(MemoryType m) {
        addressType(m.addressType());
        if (m.is64()) {
            checkLimits(m.limits(), MAX_MEMORY64_PAGES, "memory size must be at most 2^48 pages");
        } else {
            checkLimits(m.limits(), MAX_MEMORY_PAGES, "memory size must be at most 65536 pages (4GiB)");
        }
    }

    /** Limits are unsigned: a negative min (or max other than UNBOUNDED) is out of range. */
    private static void checkLimits(Limits limits, long range, String message) {
        long min = limits.min();
        if (min < 0 || min > range) {
            throw invalid(message);
        }
        if (limits.hasMax()) {
            long max = limits.max();
            if (max < 0 || max > range) {
                throw invalid(message);
            }
            if (min > max) {
                throw invalid("size minimum must not be greater than maximum");
            }
        }
    }

    private static InvalidModuleException invalid(String message) {
        return new InvalidModuleException(message);
    }
}
