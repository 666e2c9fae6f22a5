package wasm.backend.jit;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import perf.metrics.FunctionMetrics;
import perf.metrics.MetricsRecorder;
import wasm.backend.CompileUnsupported;
import wasm.backend.CompiledFunction;
import wasm.backend.Helper;
import wasm.backend.CpuFeatures;
import wasm.backend.X64Compiler;
import wasm.backend.code.CodeBuffer;
import wasm.backend.code.CodeImage;
import wasm.backend.code.CodeMemory;
import wasm.backend.code.RelocationTarget;
import wasm.backend.code.TrapAbi;
import wasm.ir.TrapCode;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Mem;
import wasm.backend.x64.Size;
import wasm.backend.x64.SysVAbi;
import wasm.backend.x64.X64Assembler;
import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.ir.Function;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.translate.WasmToIr;

/**
 * Test-only native instance of an import-free module: every defined function
 * compiled in one batch (allocation checker on), loaded with per-arity entry
 * trampolines built per the JIT ABI, a vmctx block, linear memory, global
 * cells, tables and a function directory, all initialised from a fresh
 * {@link ModuleEnvironment} (which has run the data/element segments).
 */
final class NativeInstance implements AutoCloseable {
    /** The outcome of a call: the first result (or none) and results 2..n, or a trap message. */
    record Outcome(Long value, String trap, List<Long> more) {
        Outcome(Long value, String trap) {
            this(value, trap, List.of());
        }

        /** Results (already in the interpreter's value model) as an outcome. */
        static Outcome of(long[] results) {
            if (results.length == 0) {
                return new Outcome(null, null);
            }
            List<Long> more = new ArrayList<>();
            for (int k = 1; k < results.length; k++) {
                more.add(results[k]);
            }
            return new Outcome(results[0], null, List.copyOf(more));
        }
    }

    static final long STACK_BUDGET = 1 << 20;
    private static final int MAX_ARITY = 24;

    final Module module;
    final TestLayout layout;
    final Map<Integer, CompiledFunction> compiled = new TreeMap<>();
    final Map<Integer, String> unsupported = new TreeMap<>();
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment vmctx;
    private MemorySegment memory;
    private long memoryCapacity;
    private final CodeMemory code;
    private final Map<String, MethodHandle> entries = new java.util.HashMap<>();
    private final List<MemorySegment> tableHeaders = new ArrayList<>();
    private final long[] tableMax;
    private final byte[][] datas;
    private final long[][] elems;
    private final MemorySegment argv;
    private final MemorySegment resultv;

    NativeInstance(Module module, boolean directCalls) {
        this(module, directCalls, null);
    }

    NativeInstance(Module module, boolean directCalls, FunctionMetrics metricsOrNull) {
        this(module, directCalls, metricsOrNull, CpuFeatures.host());
    }

    /** Compiled for a CPU with {@code features} (which this machine must have). */
    NativeInstance(Module module, boolean directCalls, FunctionMetrics metricsOrNull, CpuFeatures features) {
        this.module = module;
        this.layout = new TestLayout(module.types());
        ModuleEnvironment init = new ModuleEnvironment(module);
        int imported = module.functionCount() - module.functions().size();
        if (imported != 0 || module.functionCount() > TestLayout.MAX_FUNCS
                || module.globals().size() > TestLayout.MAX_GLOBALS || module.types().size() > TestLayout.MAX_TYPES) {
            throw new IllegalArgumentException("module too large for the test layout");
        }
        X64Compiler compiler = new X64Compiler(layout, j -> directCalls, true, features);
        WasmToIr translator = new WasmToIr();
        for (int i = 0; i < module.functionCount(); i++) {
            Function f = translator.translate(module, i);
            try {
                compiled.put(i, compiler.compile(i, f,
                        metricsOrNull != null ? metricsOrNull : MetricsRecorder.disabled().beginModule(1).beginFunction(i, "", 0)));
            } catch (CompileUnsupported e) {
                unsupported.put(i, e.reason());
            }
        }
        if (directCalls && !unsupported.isEmpty()) {
            throw new CompileUnsupported("direct calls need every function compiled: " + unsupported);
        }
        CodeImage.Builder image = CodeImage.builder();
        for (CompiledFunction c : compiled.values()) {
            image.define(RelocationTarget.function(c.funcIndex()), c.code());
        }
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (int f = 0; f < module.functionCount(); f++) {
            if (module.functionType(f).params().size() <= MAX_ARITY) {
                keys.add(key(module.functionType(f)));
            }
        }
        for (String k : keys) {
            image.define(RelocationTarget.symbol("entry_" + k), trampoline(k));
        }
        code = CodeMemory.load(image.build());
        for (String k : keys) {
            entries.put(k, code.downcall(RelocationTarget.symbol("entry_" + k), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG)));
        }
        vmctx = arena.allocate(TestLayout.SIZE, 16);
        byte[] mem = init.memory();
        long maxPages = module.memories().isEmpty() ? 0
                : module.memories().get(0).limits().hasMax() ? module.memories().get(0).limits().max() : 65536;
        memoryCapacity = Math.max(mem.length, Math.min(maxPages, 64) * 65536L);
        memory = arena.allocate(Math.max(memoryCapacity, 16), 16);
        MemorySegment.copy(mem, 0, memory, ValueLayout.JAVA_BYTE, 0, mem.length);
        vmctx.set(ValueLayout.JAVA_LONG, layout.memoryBase(), memory.address());
        vmctx.set(ValueLayout.JAVA_LONG, layout.memoryLength(), mem.length);
        for (int g = 0; g < module.globals().size(); g++) {
            MemorySegment cell = arena.allocate(16, 16); // a v128 global's two halves; others use the first
            cell.set(ValueLayout.JAVA_LONG, 0, init.globalGet(g));
            if (module.globals().get(g).type().type() == ValType.V128) {
                cell.set(ValueLayout.JAVA_LONG, 8, init.globalGetHigh(g));
            }
            vmctx.set(ValueLayout.JAVA_LONG, layout.globalCellOffset(g), cell.address());
        }
        tableMax = new long[module.tables().size()];
        datas = new byte[module.datas().size()][];
        for (int k = 0; k < datas.length; k++) {
            datas[k] = init.dataSegment(k).clone();
        }
        elems = new long[module.elements().size()][];
        for (int k = 0; k < elems.length; k++) {
            elems[k] = init.elemSegment(k).clone();
        }
        for (int t = 0; t < module.tables().size(); t++) {
            var limits = module.tables().get(t).limits();
            tableMax[t] = limits.hasMax() ? limits.max() : 0xFFFF_FFFFL;
            int size = init.tableSize(t);
            MemorySegment elems = arena.allocate(8L * Math.max(size, 1), 8);
            for (int k = 0; k < size; k++) {
                elems.setAtIndex(ValueLayout.JAVA_LONG, k, init.tableGet(t, k));
            }
            MemorySegment header = arena.allocate(16, 8);
            header.set(ValueLayout.JAVA_LONG, 0, elems.address());
            header.set(ValueLayout.JAVA_INT, 8, size);
            vmctx.set(ValueLayout.JAVA_LONG, layout.tableOffset(t), header.address());
            tableHeaders.add(header);
        }
        MemorySegment dir = arena.allocate(24L * Math.max(module.functionCount(), 1), 8);
        for (int f = 0; f < module.functionCount(); f++) {
            long addr = compiled.containsKey(f) ? code.addressOf(RelocationTarget.function(f)) : 0;
            dir.set(ValueLayout.JAVA_LONG, 24L * f, addr);
            dir.set(ValueLayout.JAVA_LONG, 24L * f + 8, vmctx.address());
            dir.set(ValueLayout.JAVA_INT, 24L * f + 16, layout.canonicalSignatureId(module.functionTypeIndex(f)));
            vmctx.set(ValueLayout.JAVA_LONG, layout.functionCodeOffset(f), addr);
        }
        vmctx.set(ValueLayout.JAVA_LONG, layout.funcDirectoryOffset(), dir.address());
        for (int t = 0; t < module.types().size(); t++) {
            vmctx.set(ValueLayout.JAVA_INT, layout.signatureIdOffset(t), layout.canonicalSignatureId(t));
        }
        try {
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
            // the JIT ABI's helper signatures (wasm.backend.Helper): operands as whole registers
            upcall(Helper.MEMORY_GROW, "memoryGrow", FunctionDescriptor.of(l, l, i, l));
            upcall(Helper.MEMORY_FILL, "memoryFill", FunctionDescriptor.of(i, l, i, l, i, l));
            upcall(Helper.MEMORY_COPY, "memoryCopy", FunctionDescriptor.of(i, l, i, i, l, l, l));
            upcall(Helper.MEMORY_INIT, "memoryInit", FunctionDescriptor.of(i, l, i, i, l, l, l));
            upcall(Helper.DATA_DROP, "dataDrop", FunctionDescriptor.of(i, l, i));
            upcall(Helper.TABLE_GROW, "tableGrow", FunctionDescriptor.of(l, l, i, l, l));
            upcall(Helper.TABLE_FILL, "tableFill", FunctionDescriptor.of(i, l, i, l, l, l));
            upcall(Helper.TABLE_COPY, "tableCopy", FunctionDescriptor.of(i, l, i, i, l, l, l));
            upcall(Helper.TABLE_INIT, "tableInit", FunctionDescriptor.of(i, l, i, i, l, l, l));
            upcall(Helper.ELEM_DROP, "elemDrop", FunctionDescriptor.of(i, l, i));
            upcall(Helper.REF_FUNC, "refFunc", FunctionDescriptor.of(l, l, i));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        argv = arena.allocate(16L * MAX_ARITY, 8);
        resultv = arena.allocate(16L * MAX_ARITY, 8);
    }

    /**
     * The memory.grow helper (an upcall) of the one 32-bit memory this harness supports: old size in
     * pages, or -1.
     */
    private long memoryGrow(long vmctxAddress, int memoryIndex, long delta) {
        long len = vmctx.get(ValueLayout.JAVA_LONG, layout.memoryLength());
        long pages = len / 65536;
        long max = module.memories().get(0).limits().hasMax() ? module.memories().get(0).limits().max() : 65536;
        long want = pages + (delta & 0xFFFF_FFFFL);
        if (want > max || want > 65536) {
            return -1;
        }
        if (want * 65536 > memoryCapacity) {
            // Tests only: the compiled code reads memoryBase from vmctx again after every
            // call and memory.grow, so a moved memory is seen at once (the runtime reserves
            // instead, and its bases never move).
            MemorySegment bigger = arena.allocate(want * 65536, 16);
            MemorySegment.copy(memory, 0, bigger, 0, len);
            memory = bigger;
            memoryCapacity = want * 65536;
            vmctx.set(ValueLayout.JAVA_LONG, layout.memoryBase(), memory.address());
        }
        vmctx.set(ValueLayout.JAVA_LONG, layout.memoryLength(), want * 65536);
        return pages;
    }

    /** Stores the trap code and returns the helper's "trapped" status. */
    private int trap(TrapCode code) {
        vmctx.set(ValueLayout.JAVA_INT, layout.trapCode(), TrapAbi.abiCode(code));
        return 1;
    }

    private int memoryFill(long vmctxAddress, int memoryIndex, long dstReg, int value, long lenReg) {
        int dst = (int) dstReg;
        int len = (int) lenReg;
        long size = vmctx.get(ValueLayout.JAVA_LONG, layout.memoryLength());
        if (Integer.toUnsignedLong(dst) + Integer.toUnsignedLong(len) > size) {
            return trap(TrapCode.HEAP_OOB);
        }
        memory.asSlice(Integer.toUnsignedLong(dst), Integer.toUnsignedLong(len)).fill((byte) value);
        return 0;
    }

    private int memoryCopy(long vmctxAddress, int dstMemory, int srcMemory, long dstReg, long srcReg, long lenReg) {
        int dst = (int) dstReg;
        int src = (int) srcReg;
        long size = vmctx.get(ValueLayout.JAVA_LONG, layout.memoryLength());
        long n = lenReg & 0xFFFF_FFFFL;
        if (Integer.toUnsignedLong(dst) + n > size || Integer.toUnsignedLong(src) + n > size) {
            return trap(TrapCode.HEAP_OOB);
        }
        MemorySegment.copy(memory, Integer.toUnsignedLong(src), memory, Integer.toUnsignedLong(dst), n);
        return 0;
    }

    private void upcall(Helper h, String method, FunctionDescriptor d) throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.lookup().findVirtual(NativeInstance.class, method,
                d.toMethodType()).bindTo(this);
        vmctx.set(ValueLayout.JAVA_LONG, layout.helperOffset(h), Linker.nativeLinker().upcallStub(target, d, arena).address());
    }

    private static boolean outside(int start, int len, long size) {
        return Integer.toUnsignedLong(start) + Integer.toUnsignedLong(len) > size;
    }

    private int memoryInit(long vm, int memoryIndex, int data, long dstReg, long srcReg, long lenReg) {
        int dst = (int) dstReg;
        int src = (int) srcReg;
        int len = (int) lenReg;
        long size = vmctx.get(ValueLayout.JAVA_LONG, layout.memoryLength());
        if (outside(dst, len, size) || outside(src, len, datas[data].length)) {
            return trap(TrapCode.HEAP_OOB);
        }
        MemorySegment.copy(datas[data], src, memory, ValueLayout.JAVA_BYTE, Integer.toUnsignedLong(dst), len);
        return 0;
    }

    private int dataDrop(long vm, int data) {
        datas[data] = new byte[0];
        return 0;
    }

    private MemorySegment elements(int t) {
        return MemorySegment.ofAddress(tableHeaders.get(t).get(ValueLayout.JAVA_LONG, 0))
                .reinterpret(8L * Math.max(1, tableSize(t)));
    }

    private int tableSize(int t) {
        return tableHeaders.get(t).get(ValueLayout.JAVA_INT, 8);
    }

    private long tableGrow(long vm, int t, long init, long delta) {
        long old = tableSize(t);
        long want = old + (delta & 0xFFFF_FFFFL);
        if (want > tableMax[t] || want > 1_000_000) {
            return -1;
        }
        MemorySegment bigger = arena.allocate(8L * Math.max(1, want), 8);
        MemorySegment.copy(elements(t), 0, bigger, 0, 8L * old);
        for (long k = old; k < want; k++) {
            bigger.setAtIndex(ValueLayout.JAVA_LONG, k, init);
        }
        tableHeaders.get(t).set(ValueLayout.JAVA_LONG, 0, bigger.address());
        tableHeaders.get(t).set(ValueLayout.JAVA_INT, 8, (int) want);
        return old;
    }

    private int tableFill(long vm, int t, long startReg, long ref, long lenReg) {
        int start = (int) startReg;
        int len = (int) lenReg;
        if (outside(start, len, tableSize(t))) {
            return trap(TrapCode.TABLE_OOB);
        }
        for (int k = 0; k < len; k++) {
            elements(t).setAtIndex(ValueLayout.JAVA_LONG, start + k, ref);
        }
        return 0;
    }

    private int tableCopy(long vm, int dt, int st, long dstReg, long srcReg, long lenReg) {
        int dst = (int) dstReg;
        int src = (int) srcReg;
        int len = (int) lenReg;
        if (outside(dst, len, tableSize(dt)) || outside(src, len, tableSize(st))) {
            return trap(TrapCode.TABLE_OOB);
        }
        MemorySegment.copy(elements(st), 8L * src, elements(dt), 8L * dst, 8L * len);
        return 0;
    }

    private int tableInit(long vm, int t, int elem, long dstReg, long srcReg, long lenReg) {
        int dst = (int) dstReg;
        int src = (int) srcReg;
        int len = (int) lenReg;
        if (outside(dst, len, tableSize(t)) || outside(src, len, elems[elem].length)) {
            return trap(TrapCode.TABLE_OOB);
        }
        for (int k = 0; k < len; k++) {
            elements(t).setAtIndex(ValueLayout.JAVA_LONG, dst + k, elems[elem][src + k]);
        }
        return 0;
    }

    private int elemDrop(long vm, int elem) {
        elems[elem] = new long[0];
        return 0;
    }

    private long refFunc(long vm, int func) {
        return func;
    }

    boolean isCompiled(int func) {
        return compiled.containsKey(func);
    }

    byte[] memory() {
        long len = vmctx.get(ValueLayout.JAVA_LONG, layout.memoryLength());
        return memory.asSlice(0, len).toArray(ValueLayout.JAVA_BYTE);
    }

    /** vmctx's trapDetail field: the table index of the last call_indirect (JIT ABI). */
    int trapDetail() {
        return vmctx.get(ValueLayout.JAVA_INT, layout.trapDetail());
    }

    long global(int g) {
        return MemorySegment.ofAddress(vmctx.get(ValueLayout.JAVA_LONG, layout.globalCellOffset(g)))
                .reinterpret(8).get(ValueLayout.JAVA_LONG, 0);
    }

    /**
     * Calls function {@code func} with {@code args} in the interpreter's encoding (a v128 is two
     * longs, low half first); results come back in it too (i32 sign-extended, two longs per v128).
     */
    Outcome invoke(int func, long... args) {
        FuncType type = module.functionType(func);
        for (int k = 0; k < args.length; k++) {
            argv.setAtIndex(ValueLayout.JAVA_LONG, k, args[k]);
        }
        resultv.set(ValueLayout.JAVA_LONG, 0, 0);
        int trap;
        try {
            trap = (int) entries.get(key(type)).invokeExact(vmctx.address(),
                    code.addressOf(RelocationTarget.function(func)), argv.address(), resultv.address());
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (trap != 0) {
            return new Outcome(null, TrapAbi.fromAbiCode(trap).message());
        }
        if (type.results().isEmpty()) {
            return new Outcome(null, null);
        }
        List<ValType> slots = slotTypes(type.results());
        long[] r = new long[slots.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = normalise(slots.get(k), resultv.getAtIndex(ValueLayout.JAVA_LONG, k));
        }
        return Outcome.of(r);
    }

    /** The type of each long of {@code types} in the interpreter's encoding: a v128 twice. */
    static List<ValType> slotTypes(List<ValType> types) {
        List<ValType> out = new ArrayList<>();
        for (ValType t : types) {
            out.add(t);
            if (t == ValType.V128) {
                out.add(t);
            }
        }
        return out;
    }

    /** The interpreter's value model: i32 sign-extended, f32 bits zero-extended. */
    static long normalise(ValType t, long v) {
        return switch (t) {
            case I32 -> (int) v;
            case F32 -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    private static char valueClass(ValType t) {
        return t == ValType.V128 ? 'V' : t == ValType.F32 || t == ValType.F64 ? 'F' : 'I';
    }

    /** Parameter classes (I integer, F float, V v128) then '_' and the result class. */
    private static String key(FuncType t) {
        StringBuilder sb = new StringBuilder();
        for (ValType p : t.params()) {
            sb.append(valueClass(p));
        }
        sb.append('_');
        if (t.results().size() > 1) {
            sb.append('M'); // ABI v2: results through the area whose address is passed in rax
        } else if (!t.results().isEmpty()) {
            sb.append(valueClass(t.results().get(0)));
        }
        return sb.toString();
    }

    /**
     * {@code int entry(long vmctx, long code, long argv, long resultv)} for
     * {@code arity} integer arguments, per the ABI: saves callee-saved
     * registers, sets r15, the stack limit and the unwind point, loads the
     * arguments, calls, stores the result; the unwind path returns the trap code.
     */
    private static wasm.backend.code.FinishedCode trampoline(String key) {
        TestLayout l = new TestLayout(List.of());
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        int arity = key.indexOf('_');
        int[] dest = new int[arity]; // -1 - k: int register k; -100 - k: xmm k; s >= 0: stack slot
        int[] from = new int[arity]; // the argument's first long in argv (two per v128)
        int ints = 0;
        int floats = 0;
        int stackArgs = 0;
        int slots = 0;
        for (int j = 0; j < arity; j++) {
            char c = key.charAt(j);
            from[j] = slots;
            slots += c == 'V' ? 2 : 1;
            if (c == 'I' && ints < 6) {
                dest[j] = -1 - ints++;
            } else if (c != 'I' && floats < 8) {
                dest[j] = -100 - floats++;
            } else {
                dest[j] = stackArgs;
                stackArgs += c == 'V' ? 2 : 1;
            }
        }
        boolean floatResult = key.endsWith("F");
        boolean multiResult = key.endsWith("M");
        int frame = 8 * stackArgs;
        if (frame % 16 == 0) {
            frame += 8; // 6 pushes incl. rbp leave rsp 8 off alignment
        }
        List<Gpr> saved = List.of(Gpr.RBX, Gpr.R12, Gpr.R13, Gpr.R14, Gpr.R15);
        a.push(Gpr.RBP);
        a.mov(Size.QWORD, Gpr.RBP, Gpr.RSP);
        for (Gpr r : saved) {
            a.push(r);
        }
        a.sub(Size.QWORD, Gpr.RSP, frame);
        a.mov(Size.QWORD, Gpr.R15, Gpr.RDI);
        a.mov(Size.QWORD, Gpr.R14, Gpr.RSI);
        a.mov(Size.QWORD, Gpr.R12, Gpr.RDX);
        a.mov(Size.QWORD, Gpr.R13, Gpr.RCX);
        a.lea(Size.QWORD, Gpr.RAX, Mem.of(Gpr.RSP, (int) -STACK_BUDGET));
        a.mov(Size.QWORD, Mem.of(Gpr.R15, l.stackLimit()), Gpr.RAX);
        a.mov(Size.QWORD, Mem.of(Gpr.R15, l.unwindRsp()), Gpr.RSP);
        var unwind = a.newLabel();
        var out = a.newLabel();
        a.lea(Size.QWORD, Gpr.RAX, Mem.rip(unwind));
        a.mov(Size.QWORD, Mem.of(Gpr.R15, l.unwindTarget()), Gpr.RAX);
        a.mov(Size.DWORD, Mem.of(Gpr.R15, l.trapCode()), 0);
        for (int j = 0; j < arity; j++) {
            boolean v128 = key.charAt(j) == 'V';
            if (dest[j] >= 0) {
                for (int half = 0; half < (v128 ? 2 : 1); half++) {
                    a.mov(Size.QWORD, Gpr.RAX, Mem.of(Gpr.R12, 8 * (from[j] + half)));
                    a.mov(Size.QWORD, Mem.of(Gpr.RSP, 8 * (dest[j] + half)), Gpr.RAX);
                }
            } else if (dest[j] <= -100 && v128) {
                a.movdqu(wasm.backend.x64.Xmm.values()[-100 - dest[j]], Mem.of(Gpr.R12, 8 * from[j]));
            } else if (dest[j] <= -100) {
                a.mov(Size.QWORD, Gpr.RAX, Mem.of(Gpr.R12, 8 * from[j]));
                a.movToXmm(Size.QWORD, wasm.backend.x64.Xmm.values()[-100 - dest[j]], Gpr.RAX);
            }
        }
        for (int j = 0; j < arity; j++) {
            if (dest[j] < 0 && dest[j] > -100) {
                a.mov(Size.QWORD, SysVAbi.INT_ARGS.get(-1 - dest[j]), Mem.of(Gpr.R12, 8 * from[j]));
            }
        }
        if (multiResult) {
            a.mov(Size.QWORD, SysVAbi.RESULTS_AREA, Gpr.R13); // the callee writes resultv[0..n)
        }
        a.call(Gpr.R14);
        if (key.endsWith("V")) {
            a.movdqu(Mem.of(Gpr.R13), wasm.backend.x64.Xmm.XMM0);
        } else if (floatResult) {
            a.movFromXmm(Size.QWORD, Gpr.RAX, wasm.backend.x64.Xmm.XMM0);
        }
        if (!multiResult && !key.endsWith("V")) {
            a.mov(Size.QWORD, Mem.of(Gpr.R13), Gpr.RAX);
        }
        a.xor(Size.DWORD, Gpr.RAX, Gpr.RAX);
        a.jmp(out);
        a.bind(unwind);
        a.mov(Size.DWORD, Gpr.RAX, Mem.of(Gpr.R15, l.trapCode()));
        a.bind(out);
        a.add(Size.QWORD, Gpr.RSP, frame);
        for (int k = saved.size() - 1; k >= 0; k--) {
            a.pop(saved.get(k));
        }
        a.pop(Gpr.RBP);
        a.ret();
        return buf.finish();
    }

    @Override
    public void close() {
        code.close();
        arena.close();
    }

    static List<Integer> exportedFunctions(Module m) {
        List<Integer> out = new ArrayList<>();
        for (var e : m.exports()) {
            if (e.kind() == wasm.core.model.ExternKind.FUNC) {
                out.add(e.index());
            }
        }
        return out;
    }
}
