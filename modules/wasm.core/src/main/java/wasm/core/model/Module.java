package wasm.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A decoded (or parsed) module, not yet validated. Index spaces follow the
 * spec: imported entities come first, then defined ones. {@code functions}
 * holds the type index of each defined function; {@code codes} holds their
 * bodies in the same order.
 *
 * @param types the type section: function types, by type index
 * @param imports the imports, in order
 * @param functions the type index of each defined function
 * @param tables the defined tables
 * @param memories the defined memories
 * @param globals the defined globals, with their initialisers
 * @param exports the exports, in order
 * @param start the start function's index, if there is one
 * @param elements the element segments
 * @param dataCount the data count section's value, if the section is present
 * @param codes the defined functions' bodies, in the order of {@code functions}
 * @param datas the data segments
 * @param names the name section's names ({@link NameSection#EMPTY} when there is none)
 * @param customSections the other custom sections, in order
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

    /**
     * Copies the lists; a null {@code names} becomes {@link NameSection#EMPTY}.
     *
     * @throws NullPointerException when a list or one of its elements is null
     */
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

    /**
     * The module {@code (module)}: no sections at all.
     *
     * @return the empty module
     */
    public static Module empty() {
        return new Module(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                OptionalInt.empty(), List.of(), OptionalInt.empty(), List.of(), List.of(), NameSection.EMPTY,
                List.of());
    }

    /**
     * The number of imports of one kind: the first index of that kind's defined entities.
     *
     * @param kind the kind
     * @return the count
     */
    public int importedCount(ExternKind kind) {
        int n = 0;
        for (Import imp : imports) {
            if (imp.desc().kind() == kind) {
                n++;
            }
        }
        return n;
    }

    /**
     * Imported plus defined functions.
     *
     * @return the size of the function index space
     */
    public int functionCount() {
        return importedCount(ExternKind.FUNC) + functions.size();
    }

    /**
     * Imported plus defined tables.
     *
     * @return the size of the table index space
     */
    public int tableCount() {
        return importedCount(ExternKind.TABLE) + tables.size();
    }

    /**
     * Imported plus defined memories.
     *
     * @return the size of the memory index space
     */
    public int memoryCount() {
        return importedCount(ExternKind.MEMORY) + memories.size();
    }

    /**
     * Imported plus defined globals.
     *
     * @return the size of the global index space
     */
    public int globalCount() {
        return importedCount(ExternKind.GLOBAL) + globals.size();
    }

    /**
     * The type index of function {@code funcIndex} in the function index space.
     *
     * @param funcIndex an index of the function index space
     * @return an index into {@link #types()}
     * @throws IndexOutOfBoundsException when there is no such function
     */
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

    /**
     * The signature of function {@code funcIndex} (imports first, then defined functions).
     *
     * @param funcIndex an index of the function index space
     * @return the function's type
     * @throws IndexOutOfBoundsException when there is no such function or type
     */
    public FuncType functionType(int funcIndex) {
        return types.get(functionTypeIndex(funcIndex));
    }

    /**
     * Every table type in index-space order.
     *
     * @return a new list, imported tables first
     */
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

    /**
     * Every memory type in index-space order.
     *
     * @return a new list, imported memories first
     */
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

    /**
     * Every global type in index-space order.
     *
     * @return a new list, imported globals first
     */
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

    /**
     * A debug name for a function: name section, else an export name, else {@code func_<idx>}.
     *
     * @param funcIndex an index of the function index space
     * @return the name, never null
     */
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
