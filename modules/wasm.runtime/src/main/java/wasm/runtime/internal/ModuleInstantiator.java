package wasm.runtime.internal;

import java.util.List;

import wasm.core.model.AddressType;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.FuncType;
import wasm.core.model.Global;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.core.model.ValType;
import wasm.runtime.LinkException;
import wasm.runtime.Trap;
import wasm.runtime.internal.jit.CompiledModule;
import wasm.runtime.internal.memory.LinearMemory;

/**
 * Instantiation per the WebAssembly specification (3.0: several memories, 64-bit
 * memories and tables, extended constant offsets): match imports, allocate
 * functions, tables, memories and globals, apply active element then data
 * segments one by one (a trapping segment leaves the earlier ones' effects in
 * place), drop active and declarative segments, then run the start function.
 */
public final class ModuleInstantiator {
    private static final String INCOMPATIBLE = "incompatible import type";
    private static final long[] NO_ELEMS = new long[0];
    private static final byte[] NO_DATA = new byte[0];

    private ModuleInstantiator() {
    }

    /**
     * Instantiates a validated module. {@code imports[i]} is the internal entity
     * ({@link RuntimeFunction}, {@link Table}, {@link LinearMemory}, {@link GlobalCell})
     * bound to import {@code i}, or null when unresolved.
     *
     * @throws LinkException for an unknown or incompatible import
     * @throws wasm.runtime.Trap when a segment is out of bounds or the start function traps
     * @throws wasm.runtime.ResourceLimitException past the store's {@link wasm.runtime.ResourceLimits}
     */
    public static InstanceContext instantiate(StoreState store, Module module, Object[] imports) {
        return instantiate(store, module, imports, null);
    }

    /**
     * As {@link #instantiate(StoreState, Module, Object[])}, with the JIT tier taking its code from
     * {@code precompiled} (compiled for {@code module}) instead of compiling; null compiles as the
     * options say.
     */
    public static InstanceContext instantiate(StoreState store, Module module, Object[] imports,
                                              CompiledModule precompiled) {
        return instantiate(store, module, imports, precompiled == null ? null : () -> precompiled, null);
    }

    /**
     * As above, with the precompiled code asked for when the JIT links the instance (at once, or
     * at the first native call while the store interprets as the JIT starts), answering null to
     * compile; {@code allocated} (if not null) sees the instance once its functions, tables,
     * memory and globals exist, before segments are applied and the start function runs (so host
     * functions called from start can reach the instance).
     */
    public static InstanceContext instantiate(StoreState store, Module module, Object[] imports,
                                              java.util.function.Supplier<CompiledModule> precompiled,
                                              java.util.function.Consumer<InstanceContext> allocated) {
        List<Import> importList = module.imports();
        for (int i = 0; i < importList.size(); i++) {
            checkImport(module, importList.get(i), imports[i]);
        }
        store.admitInstance();
        InstanceContext ctx = new InstanceContext(store, module);
        allocate(store, module, imports, ctx);
        if (allocated != null) {
            allocated.accept(ctx);
        }
        if (store.jit != null) {
            // Before the segments: a trapping segment leaves earlier ones in place, and the
            // functions they put in tables must be callable from native code.
            store.jit.instantiate(ctx, precompiled);
        } else {
            for (int i = 0; i < module.functions().size(); i++) {
                store.countFunction(false, null);
            }
        }
        initializeSegments(module, ctx);
        if (module.start().isPresent()) {
            store.invoke(ctx.functions[module.start().getAsInt()], new long[0]);
        }
        return ctx;
    }

    private static void checkImport(Module module, Import imp, Object actual) {
        if (actual == null) {
            throw new LinkException("unknown import");
        }
        boolean ok = switch (imp.desc()) {
            case ImportDesc.Func f -> actual instanceof RuntimeFunction rf
                    && rf.type().equals(module.types().get(f.typeIndex()));
            case ImportDesc.Table t -> actual instanceof Table tab
                    && tab.elementType == t.type().elementType()
                    && tab.addressType == t.type().addressType()
                    && limitsMatch(tab.limits(), t.type().limits());
            case ImportDesc.Memory m -> actual instanceof LinearMemory mem
                    && mem.is64() == m.type().is64()
                    && limitsMatch(mem.limits(), m.type().limits());
            case ImportDesc.Global g -> actual instanceof GlobalCell cell && cell.type.equals(g.type());
        };
        if (!ok) {
            throw new LinkException(INCOMPATIBLE);
        }
    }

    /** Limits subtyping: at least the expected minimum, and a maximum within the expected one. */
    public static boolean limitsMatch(Limits actual, Limits expected) {
        if (actual.min() < expected.min()) {
            return false;
        }
        if (!expected.hasMax()) {
            return true;
        }
        return actual.hasMax() && actual.max() <= expected.max();
    }

    private static void allocate(StoreState store, Module module, Object[] imports, InstanceContext ctx) {
        List<Import> importList = module.imports();
        ctx.functions = new RuntimeFunction[module.functionCount()];
        ctx.tables = new Table[module.tableCount()];
        ctx.memories = new LinearMemory[module.memoryCount()];
        ctx.globals = new GlobalCell[module.globalCount()];
        int nf = 0;
        int nt = 0;
        int nm = 0;
        int ng = 0;
        for (int i = 0; i < importList.size(); i++) {
            switch (importList.get(i).desc()) {
                case ImportDesc.Func f -> ctx.functions[nf++] = (RuntimeFunction) imports[i];
                case ImportDesc.Table t -> ctx.tables[nt++] = (Table) imports[i];
                case ImportDesc.Memory m -> ctx.memories[nm++] = (LinearMemory) imports[i];
                case ImportDesc.Global g -> ctx.globals[ng++] = (GlobalCell) imports[i];
            }
        }
        List<Integer> defined = module.functions();
        for (int i = 0; i < defined.size(); i++) {
            int funcIndex = nf + i;
            FuncType type = module.types().get(defined.get(i));
            WasmFunction f = new WasmFunction(ctx, funcIndex, module.codes().get(i), type, store.typeId(type),
                    store.nextFunctionAddress());
            store.register(f);
            ctx.functions[funcIndex] = f;
        }
        for (TableType t : module.tables()) {
            ctx.tables[nt++] = store.newTable(t, -1L);
        }
        for (MemoryType m : module.memories()) {
            ctx.memories[nm++] = store.newMemory(m);
        }
        ctx.memory = ctx.memories.length == 0 ? null : ctx.memories[0];
        for (Global g : module.globals()) {
            // Evaluated in order: an initialiser may read the globals before it.
            if (g.type().type() == ValType.V128) {
                long[] v = ConstantEvaluator.evaluateV128(g.init(), ctx);
                ctx.globals[ng++] = new GlobalCell(g.type(), v[0], v[1], store.arena);
            } else {
                long v = ConstantEvaluator.evaluate(g.init(), ctx);
                ctx.globals[ng++] = new GlobalCell(g.type(), v, store.arena);
            }
        }
        List<ElementSegment> elements = module.elements();
        ctx.elems = new long[elements.size()][];
        for (int i = 0; i < elements.size(); i++) {
            List<List<Instruction>> items = elements.get(i).items();
            long[] refs = new long[items.size()];
            for (int j = 0; j < refs.length; j++) {
                refs[j] = ConstantEvaluator.evaluate(items.get(j), ctx);
            }
            ctx.elems[i] = refs;
        }
        List<DataSegment> datas = module.datas();
        ctx.datas = new byte[datas.size()][];
        for (int i = 0; i < datas.size(); i++) {
            ctx.datas[i] = datas.get(i).init();
        }
    }

    /** An offset as an unsigned address: i32 values zero-extended, i64 ones as they are. */
    private static long address(long value, AddressType type) {
        return type == AddressType.I64 ? value : value & 0xFFFFFFFFL;
    }

    private static void initializeSegments(Module module, InstanceContext ctx) {
        List<ElementSegment> elements = module.elements();
        for (int i = 0; i < elements.size(); i++) {
            ElementSegment seg = elements.get(i);
            if (seg.mode() == SegmentMode.ACTIVE) {
                Table table = ctx.tables[seg.tableIndex()];
                long offset = address(ConstantEvaluator.evaluate(seg.offset(), ctx), table.addressType);
                long[] refs = ctx.elems[i];
                table.init(refs, offset, 0, refs.length);
            }
            if (seg.mode() != SegmentMode.PASSIVE) {
                ctx.elems[i] = NO_ELEMS;
            }
        }
        List<DataSegment> datas = module.datas();
        for (int i = 0; i < datas.size(); i++) {
            DataSegment seg = datas.get(i);
            if (seg.mode() == SegmentMode.ACTIVE) {
                LinearMemory mem = ctx.memories[seg.memoryIndex()];
                long offset = address(ConstantEvaluator.evaluate(seg.offset(), ctx),
                        mem.is64() ? AddressType.I64 : AddressType.I32);
                byte[] bytes = ctx.datas[i];
                mem.write(offset, bytes, 0, bytes.length);
                ctx.datas[i] = NO_DATA;
            }
        }
    }
}
