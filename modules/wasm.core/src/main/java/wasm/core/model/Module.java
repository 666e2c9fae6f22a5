package wasm.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A decoded (or parsed) module, not yet validated. Index spaces follow the
 * spec: imported entities come first, then defined ones. {@code functions}
 * holds the type index of each defined function; {@code codes} holds their
 * bodies in the same order.
 */
public record Module(
        List<FuncType> types,
        List<Import> imports,
        List<Integer> functions,
        List<TableType> tables,
        List<MemoryType> memories,
        List<Global> globals,
        List<Export> exports,
        OptionalInt start,
        List<ElementSegment> elements,
        OptionalInt dataCount,
        List<FunctionBody> codes,
        List<DataSegment> datas,
        NameSection names,
        List<CustomSection> customSections) {

    public Module {
        types = List.copyOf(types);
        imports = List.copyOf(imports);
        functions = List.copyOf(functions);
        tables = List.copyOf(tables);
        memories = List.copyOf(memories);
        globals = List.copyOf(globals);
        exports = List.copyOf(exports);
        elements = List.copyOf(elements);
        codes = List.copyOf(codes);
        datas = List.copyOf(datas);
        customSections = List.copyOf(customSections);
        if (names == null) {
            names = NameSection.EMPTY;
        }
    }

    public static Module empty() {
        return new Module(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                OptionalInt.empty(), List.of(), OptionalInt.empty(), List.of(), List.of(), NameSection.EMPTY,
                List.of());
    }

    public int importedCount(ExternKind kind) {
        int n = 0;
        for (Import imp : imports) {
            if (imp.desc().kind() == kind) {
                n++;
            }
        }
        return n;
    }

    /** Imported plus defined functions. */
    public int functionCount() {
        return importedCount(ExternKind.FUNC) + functions.size();
    }

    public int tableCount() {
        return importedCount(ExternKind.TABLE) + tables.size();
    }

    public int memoryCount() {
        return importedCount(ExternKind.MEMORY) + memories.size();
    }

    public int globalCount() {
        return importedCount(ExternKind.GLOBAL) + globals.size();
    }

    /** The type index of function {@code funcIndex} in the function index space. */
    public int functionTypeIndex(int funcIndex) {
        int i = 0;
        for (Import imp : imports) {
            if (imp.desc() instanceof ImportDesc.Func f) {
                if (i == funcIndex) {
                    return f.typeIndex();
                }
                i++;
            }
        }
        return functions.get(funcIndex - i);
    }

    /** The signature of function {@code funcIndex} (imports first, then defined functions). */
    public FuncType functionType(int funcIndex) {
        return types.get(functionTypeIndex(funcIndex));
    }

    /** Every table type in index-space order. */
    public List<TableType> allTables() {
        List<TableType> all = new ArrayList<>();
        for (Import imp : imports) {
            if (imp.desc() instanceof ImportDesc.Table t) {
                all.add(t.type());
            }
        }
        all.addAll(tables);
        return all;
    }

    /** Every memory type in index-space order. */
    public List<MemoryType> allMemories() {
        List<MemoryType> all = new ArrayList<>();
        for (Import imp : imports) {
            if (imp.desc() instanceof ImportDesc.Memory m) {
                all.add(m.type());
            }
        }
        all.addAll(memories);
        return all;
    }

    /** Every global type in index-space order. */
    public List<GlobalType> allGlobals() {
        List<GlobalType> all = new ArrayList<>();
        for (Import imp : imports) {
            if (imp.desc() instanceof ImportDesc.Global g) {
                all.add(g.type());
            }
        }
        for (Global g : globals) {
            all.add(g.type());
        }
        return all;
    }

    /** A debug name for a function: name section, else an export name, else {@code func_<idx>}. */
    public String functionName(int funcIndex) {
        String n = names.functionNames().get(funcIndex);
        if (n != null) {
            return n;
        }
        for (Export e : exports) {
            if (e.kind() == ExternKind.FUNC && e.index() == funcIndex) {
                return e.name();
            }
        }
        return "func_" + funcIndex;
    }
}
