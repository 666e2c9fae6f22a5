package wasm.ir.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import wasm.core.model.ConstantExpression;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.Global;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.ir.Function;
import wasm.ir.translate.WasmToIr;
import wasm.ir.verify.Verifier;

/**
 * A self-contained instance of a module for the IR interpreter: memory, globals,
 * tables and segments in plain Java arrays, initialised as instantiation would
 * (active segments applied, then the start function run). Every defined function is
 * translated on first call, optionally rewritten by {@code transform} (a pass
 * pipeline under test), verified, and interpreted. Function references are
 * function indices. Modules with imports are not supported.
 */
public final class ModuleEnvironment implements IrEnvironment {
    private static final long PAGE = 65536;

    private final Module module;
    private final ObjIntConsumer<Function> transform;
    private final Function[] compiled;
    private final WasmToIr translator = new WasmToIr();
    private final IrInterpreter interpreter;
    private final byte[][] memories;
    private final long[] maxPages;
    private final long[] globals;
    /** High halves of v128 globals (0 for the others). */
    private final long[] globalsHigh;
    private final List<long[]> tables = new ArrayList<>();
    private final long[] tableMax;
    private final byte[][] datas;
    private final long[][] elems;
    private int callDepth;

    public ModuleEnvironment(Module module) {
        this(module, f -> { }, 100_000_000L);
    }

    /**
     * @param transform applied to each function after translation (e.g. optimisation passes); the result is verified
     * @param fuel      instruction budget of each top-level {@link #invoke}
     */
    public ModuleEnvironment(Module module, Consumer<Function> transform, long fuel) {
        this(module, (f, index) -> transform.accept(f), fuel);
    }

    /**
     * As {@link #ModuleEnvironment(Module, Consumer, long)}, with the function's index given to
     * {@code transform} (passes that read the module around a function, such as inlining).
     */
    public ModuleEnvironment(Module module, ObjIntConsumer<Function> transform, long fuel) {
        this.module = module;
        this.transform = transform;
        this.interpreter = new IrInterpreter(fuel);
        if (!module.imports().isEmpty()) {
            throw new IllegalArgumentException("modules with imports are not supported");
        }
        this.compiled = new Function[module.functionCount()];
        List<MemoryType> ms = module.memories();
        memories = new byte[ms.size()][];
        maxPages = new long[ms.size()];
        for (int i = 0; i < ms.size(); i++) {
            MemoryType m = ms.get(i);
            memories[i] = new byte[Math.toIntExact(m.limits().min() * PAGE)];
            maxPages[i] = m.limits().hasMax() ? m.limits().max() : 65536;
        }
        List<Global> gs = module.globals();
        globals = new long[gs.size()];
        globalsHigh = new long[gs.size()];
        for (int i = 0; i < gs.size(); i++) {
            globals[i] = constant(gs.get(i).init());
            globalsHigh[i] = constantHigh(gs.get(i).init());
        }
        List<TableType> tts = module.tables();
        tableMax = new long[tts.size()];
        for (int i = 0; i < tts.size(); i++) {
            long[] t = new long[Math.toIntExact(tts.get(i).limits().min())];
            Arrays.fill(t, -1);
            tables.add(t);
            tableMax[i] = tts.get(i).limits().hasMax() ? tts.get(i).limits().max() : 0xFFFF_FFFFL;
        }
        datas = new byte[module.datas().size()][];
        for (int i = 0; i < datas.length; i++) {
            DataSegment d = module.datas().get(i);
            datas[i] = d.init();
            if (d.mode() == SegmentMode.ACTIVE) {
                byte[] memory = memories[d.memoryIndex()];
                long off = constant(d.offset());
                off = ms.get(d.memoryIndex()).is64() ? off : off & 0xFFFF_FFFFL;
                if (off < 0 || off + datas[i].length > memory.length) {
                    throw new IrTrap(wasm.ir.TrapCode.HEAP_OOB);
                }
                System.arraycopy(datas[i], 0, memory, (int) off, datas[i].length);
                datas[i] = new byte[0];
            }
        }
        elems = new long[module.elements().size()][];
        for (int i = 0; i < elems.length; i++) {
            ElementSegment e = module.elements().get(i);
            long[] refs = new long[e.items().size()];
            for (int k = 0; k < refs.length; k++) {
                refs[k] = constant(e.items().get(k));
            }
            elems[i] = refs;
            if (e.mode() == SegmentMode.ACTIVE) {
                long[] table = tables.get(e.tableIndex());
                long off = constant(e.offset());
                off = tts.get(e.tableIndex()).is64() ? off : off & 0xFFFF_FFFFL;
                if (off < 0 || off + refs.length > table.length) {
                    throw new IrTrap(wasm.ir.TrapCode.TABLE_OOB);
                }
                System.arraycopy(refs, 0, table, (int) off, refs.length);
            }
            if (e.mode() != SegmentMode.PASSIVE) {
                elems[i] = new long[0];
            }
        }
        if (module.start().isPresent()) {
            invoke(module.start().getAsInt());
        }
    }

    /** A constant expression: function references are function indices here. */
    private long constant(List<Instruction> expr) {
        if (expr.getFirst() instanceof Instruction.V128Const c) {
            return c.lo(); // the high half is constantHigh's
        }
        return ConstantExpression.evaluate(expr, g -> globals[g], f -> f);
    }

    /** The high 64 bits of a v128 constant expression; 0 for the other types. */
    private long constantHigh(List<Instruction> expr) {
        return switch (expr.get(0)) {
            case Instruction.V128Const c -> c.hi();
            case Instruction.Indexed x when x.opcode() == wasm.core.model.Opcode.GLOBAL_GET -> globalsHigh[x.index()];
            default -> 0;
        };
    }

    /** The IR the environment runs for function {@code funcIndex} (translated, transformed, verified). */
    public Function function(int funcIndex) {
        Function f = compiled[funcIndex];
        if (f == null) {
            f = translator.translate(module, funcIndex);
            transform.accept(f, funcIndex);
            Verifier.check(f);
            compiled[funcIndex] = f;
        }
        return f;
    }

    /** Calls function {@code funcIndex} from outside, with a fresh fuel budget. */
    public long[] invoke(int funcIndex, long... args) {
        return interpreter.run(function(funcIndex), this, args);
    }

    /** The index of the function exported as {@code name}. */
    public int export(String name) {
        for (var e : module.exports()) {
            if (e.name().equals(name) && e.kind() == wasm.core.model.ExternKind.FUNC) {
                return e.index();
            }
        }
        throw new IllegalArgumentException("no exported function " + name);
    }

    /** The bytes of memory 0 (empty when the module has none). */
    public byte[] memory() {
        return memories.length == 0 ? new byte[0] : memories[0];
    }

    @Override
    public long memoryBytes(int memory) {
        return memories[memory].length;
    }

    @Override
    public long load(int memory, long address, int bytes) {
        byte[] m = memories[memory];
        long v = 0;
        for (int k = bytes - 1; k >= 0; k--) {
            v = (v << 8) | (m[(int) (address + k)] & 0xFF);
        }
        return v;
    }

    @Override
    public void store(int memory, long address, int bytes, long value) {
        byte[] m = memories[memory];
        for (int k = 0; k < bytes; k++) {
            m[(int) (address + k)] = (byte) (value >>> (8 * k));
        }
    }

    /** Memories are Java arrays here: they cannot grow past 2 GiB (grow then fails, as the spec allows). */
    @Override
    public long memoryGrow(int memory, long deltaPages) {
        byte[] m = memories[memory];
        long old = m.length / PAGE;
        if (deltaPages < 0 || deltaPages > maxPages[memory] - old || (old + deltaPages) * PAGE > Integer.MAX_VALUE - 8) {
            return -1;
        }
        memories[memory] = Arrays.copyOf(m, (int) ((old + deltaPages) * PAGE));
        return old;
    }

    @Override
    public byte[] dataSegment(int index) {
        return datas[index];
    }

    @Override
    public void dropData(int index) {
        datas[index] = new byte[0];
    }

    @Override
    public long globalGet(int index) {
        return globals[index];
    }

    @Override
    public void globalSet(int index, long value) {
        globals[index] = value;
    }

    @Override
    public long globalGetHigh(int index) {
        return globalsHigh[index];
    }

    @Override
    public void globalSetHigh(int index, long value) {
        globalsHigh[index] = value;
    }

    @Override
    public int tableSize(int table) {
        return tables.get(table).length;
    }

    @Override
    public long tableGet(int table, int index) {
        return tables.get(table)[index];
    }

    @Override
    public void tableSet(int table, int index, long ref) {
        tables.get(table)[index] = ref;
    }

    @Override
    public int tableGrow(int table, long init, long delta) {
        long[] t = tables.get(table);
        long n = t.length + delta;
        if (delta < 0 || n > tableMax[table] || n > 10_000_000) {
            return -1;
        }
        long[] grown = Arrays.copyOf(t, (int) n);
        Arrays.fill(grown, t.length, (int) n, init);
        tables.set(table, grown);
        return t.length;
    }

    @Override
    public long[] elemSegment(int index) {
        return elems[index];
    }

    @Override
    public void dropElem(int index) {
        elems[index] = new long[0];
    }

    @Override
    public long funcRef(int funcIndex) {
        return funcIndex;
    }

    @Override
    public boolean funcRefMatches(long ref, int typeIndex) {
        return module.functionType((int) ref).equals(module.types().get(typeIndex));
    }

    @Override
    public long[] call(int funcIndex, long[] args) {
        try {
            if (++callDepth > 2000) {
                throw new IrTrap(wasm.ir.TrapCode.STACK_OVERFLOW);
            }
            return interpreter.continueWith(function(funcIndex), this, args);
        } finally {
            callDepth--;
        }
    }

    @Override
    public long[] callRef(long ref, long[] args) {
        return call((int) ref, args);
    }

}
