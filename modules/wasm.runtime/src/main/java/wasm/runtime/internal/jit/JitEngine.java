package wasm.runtime.internal.jit;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

import perf.metrics.CompileMode;
import perf.metrics.FunctionMetrics;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import wasm.backend.CompileUnsupported;
import wasm.backend.CpuFeatures;
import wasm.backend.Helper;
import wasm.backend.baseline.BaselineCompiler;
import wasm.core.JitGap;
import wasm.backend.code.CodeImage;
import wasm.backend.code.CodeMemory;
import wasm.backend.code.FinishedCode;
import wasm.backend.code.RelocationTarget;
import wasm.backend.code.SymbolResolver;
import wasm.backend.code.TrapAbi;
import wasm.backend.os.DowncallShape;
import wasm.ir.TrapCode;
import wasm.core.model.AddressType;
import wasm.core.model.FuncType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.runtime.CompilePolicy;
import wasm.runtime.JitUnsupportedException;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.Trap;
import wasm.runtime.internal.HostFunctionEntity;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.NativeHeap;
import wasm.runtime.internal.RuntimeFunction;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.WasmFunction;
import wasm.runtime.internal.interp.Interpreter;
import wasm.runtime.internal.Table;
import wasm.runtime.internal.memory.LinearMemory;
import wasm.runtime.internal.memory.NativeMemoryReservation;

/**
 * The JIT tier of one store: compiles instances, owns the native glue (entry
 * trampolines per signature, upcall and cross-instance thunks, helper upcall
 * stubs), the store-wide function directory, the vmctx list, and the wasm
 * thread every call runs on.
 *
 * <p>Exceptions never cross native frames: an upcall catches every Throwable,
 * keeps it as the pending exception and returns non-zero; the thunk then traps
 * HOST_EXCEPTION, the entry trampoline returns that code, and
 * {@link #callNative} rethrows the pending exception unchanged.
 */
public final class JitEngine {
    /** Directory capacity: store function addresses per store (address space is reserved, not committed). */
    private static final long MAX_FUNCTIONS = 1L << 20;
    private static final long DIRECTORY_COMMIT_CHUNK = 64 * 1024;
    private static final long ARG_STACK_BYTES = 1L << 20;
    /** Calls interpreted while the JIT starts before one waits for its set-up ({@link #nativeBeforeCall}). */
    private static final int CALLS_INTERPRETED_WHILE_STARTING = 10_000;

    private final StoreState store;
    private final RuntimeOptions options;
    /**
     * The compiler of lazy compiles; null until the first one when it is the standard pipeline
     * ({@link IrNativeCompiler}): making it builds the pass pipeline and the e-graph's rule set,
     * milliseconds that a run whose code all comes from a cache need not pay.
     */
    private NativeCompiler compiler;
    private final WasmThread thread;
    /** What the store's cleaner releases; the native parts join it as {@link #startNative} makes them. */
    private final Resources resources;
    /*
     * The native set-up (startNative): made by the constructor, or, when the store may interpret
     * while the JIT starts, before the first native call. The fields below are 0 or null until then.
     */
    private boolean nativeStarted;
    private long stackLimit;
    private MemorySegment storeBlock;
    private NativeMemoryReservation directory;
    private long committedDirectoryBytes;
    private long rootVmctx;
    private long upcallAddress;
    private int callsInterpretedWhileStarting;
    /** Instances made before the native set-up, in instantiation order, linked by {@link #linkPending}. */
    private final List<PendingLink> pendingLinks = new ArrayList<>();
    /** Host functions made before the native set-up, registered by {@link #startNative}. */
    private final List<HostFunctionEntity> pendingHostFunctions = new ArrayList<>();
    /**
     * Whether the process's FFM linkage is made, so that the native set-up would not wait for its
     * class generation: {@link JitWarmUp#ready()}; a test replaces it to hold the engine back.
     */
    static volatile java.util.function.BooleanSupplier linkageReady = JitWarmUp::ready;

    /** An instance whose linking waits for the native set-up. */
    private record PendingLink(InstanceContext ctx, java.util.function.Supplier<CompiledModule> precompiled) {
    }
    /** Helper addresses by {@link Helper#ordinal()}, as vmctx's helper slots hold them. */
    private final long[] helperAddresses = new long[Helper.values().length];
    private final Map<FuncType, EntryTrampoline> trampolines = new HashMap<>();
    private final List<CodeMemory> codeMemories = new ArrayList<>();
    /** Every code mapping this engine made or linked, by base address: {start, end}. */
    private final Map<Long, long[]> codeRanges = new LinkedHashMap<>();
    /** Null unless {@link RuntimeOptions#perfMap()}: then every code memory is named for perf. */
    private final PerfMap perfMap;
    private final Map<Long, InstanceContext> instances = new HashMap<>();
    private final Map<Long, InstanceCode> instanceCode = new HashMap<>();
    /** Instances in instantiation order, whose compile metrics end when the engine closes. */
    private final List<InstanceCode> modules = new ArrayList<>();
    private final UpcallTarget upcallTarget;
    /** The lazy-compile thunk's address, 0 until first needed. */
    private long lazyThunk;
    /**
     * The host's arguments and results of native calls, nested as calls nest. Mapped, not taken
     * from the arena: an arena zeroes its megabyte, 256 page faults that cost a store 4-12 ms
     * here, where a call touches one page.
     */
    private NativeMemoryReservation argStack;
    private long argTop;
    private Throwable pending;
    /** Where each compiled function's code lies, by start address: trap backtraces map addresses here. */
    private final TreeMap<Long, CodeSpan> spans = new TreeMap<>();

    private record CodeSpan(long end, Module module, int funcIndex) {
    }

    /** Whether the store asked running code to stop: every vmctx's stack limit is then all ones. */
    private boolean stopped;

    private record EntryTrampoline(NativeSignature sig, CodeMemory code, MethodHandle handle) {
    }

    /** An engine with the standard compiler at the options' level, made on the first compile. */
    public JitEngine(StoreState store) {
        this(store, null);
    }

    /** An engine compiling with {@code compiler}; null means the standard one, made on the first compile. */
    public JitEngine(StoreState store, NativeCompiler compiler) {
        this.store = store;
        this.options = store.options;
        this.compiler = compiler;
        this.perfMap = options.perfMap() ? PerfMap.forThisProcess() : null;
        this.thread = new WasmThread("wasmoon-wasm", options.wasmStackSize());
        this.resources = new Resources(thread);
        this.upcallTarget = new UpcallTarget(new WeakReference<>(this));
        if (!mayInterpretWhileStarting(options) || linkageReady.getAsBoolean()) {
            try {
                startNative();
            } catch (RuntimeException | Error e) {
                resources.run();
                throw e;
            }
        }
    }

    /**
     * Whether the options let this store interpret loop-free functions while the JIT's set-up is
     * made ({@link RuntimeOptions#interpretWhileJitStarts()}): not when every function must run
     * natively (strict), everything is compiled before the start (eager), fuel is metered, or
     * the JIT is being measured: compile metrics or a perf map (they would miss what the
     * interpreter ran).
     */
    private static boolean mayInterpretWhileStarting(RuntimeOptions options) {
        return options.interpretWhileJitStarts() && !options.jitStrict() && !options.fuel()
                && options.compilePolicy() != CompilePolicy.EAGER && !options.metrics().enabled()
                && !options.perfMap();
    }

    /**
     * Makes what native code needs of the store, once: the function directory, the host's argument
     * stack, the wasm thread's stack limit, the upcall stub, the helper resolvers and the root
     * vmctx of host functions; then registers the host functions made before. Each waits for the
     * process's FFM linkage the first time (the JDK's stub classes), tens of milliseconds that
     * {@link JitWarmUp} makes on another core.
     */
    private synchronized void startNative() {
        if (nativeStarted) {
            return;
        }
        // here, not with the engine: a process's first native allocation makes FFM's classes
        // (milliseconds), which a run that ends in the interpreter need not pay
        storeBlock = store.arena.allocate(ThunkAssembler.STORE_BLOCK_SIZE, 16);
        directory = NativeMemoryReservation.reserve(MAX_FUNCTIONS * ModuleVmctxLayout.DIR_ENTRY_SIZE);
        resources.directory = directory;
        argStack = committedArgStack();
        resources.argStack = argStack;
        stackLimit = measureStackLimit();
        NativeHeap.putLong(storeBlock.address() + ThunkAssembler.SB_STACK_LIMIT, stackLimit);
        Linker linker = Linker.nativeLinker();
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle up = lookup.findVirtual(UpcallTarget.class, "upcall",
                    MethodType.methodType(int.class, long.class, long.class, long.class, long.class))
                    .bindTo(upcallTarget);
            this.upcallAddress = linker.upcallStub(up, CallShapes.UPCALL, store.arena).address();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        // An FFM upcall stub costs milliseconds to make and most programs use one or two helpers:
        // each slot starts at a stub that makes the helper's upcall on its first call.
        CodeImage.Builder stubs = CodeImage.builder();
        for (Helper h : Helper.values()) {
            stubs.define(RelocationTarget.symbol("helper" + h.ordinal()), ThunkAssembler.resolveStub(h.ordinal()));
        }
        stubs.define(RelocationTarget.symbol("resolve"), ThunkAssembler.resolvingThunk(resolverUpcall("resolveHelper")));
        CodeMemory stubMemory = CodeMemory.load(stubs.build(), SymbolResolver.none());
        keep(stubMemory, t -> "wasmoon::helper_resolver " + t);
        for (Helper h : Helper.values()) {
            helperAddresses[h.ordinal()] = stubMemory.addressOf(RelocationTarget.symbol("helper" + h.ordinal()));
        }
        ModuleVmctxLayout rootLayout = new ModuleVmctxLayout(0, 0, 0, 0, 0);
        this.rootVmctx = newVmctx(rootLayout);
        nativeStarted = true;
        for (HostFunctionEntity h : pendingHostFunctions) {
            registerHostFunction(h);
        }
        pendingHostFunctions.clear();
    }

    /**
     * Whether {@code f}, about to be called from the interpreter or the host while this engine holds
     * instances it has not linked, runs natively: a function without a loop runs in the interpreter
     * while the process's FFM linkage is still being made (its activation is short; its calls ask
     * again), and otherwise the native set-up is made (waiting for the linkage), every waiting
     * instance linked, and the call made natively. So are all calls after the first
     * {@value #CALLS_INTERPRETED_WHILE_STARTING}: that bounds the interpreter's share of the run (a
     * call of a cold interpreter costs microseconds, the set-up tens of milliseconds) and its
     * depth of frames (recursion that native code runs must not exhaust the interpreter's stack).
     * Wasm thread only.
     */
    public boolean nativeBeforeCall(WasmFunction f) {
        if (++callsInterpretedWhileStarting <= CALLS_INTERPRETED_WHILE_STARTING && !f.body.loops()
                && !linkageReady.getAsBoolean()) {
            return false;
        }
        linkPending();
        return f.isNative();
    }

    /** Makes the native set-up and links the instances that waited for it, in instantiation order. */
    private void linkPending() {
        startNative();
        while (!pendingLinks.isEmpty()) {
            PendingLink p = pendingLinks.removeFirst();
            compileAndLink(p.ctx(), p.precompiled());
        }
        store.interpreter.jitStarting(false);
    }

    /**
     * An upcall stub of {@code int method(long vmctx, long index, long out, long unused)} on the
     * upcall target, for a resolving thunk. It has {@link CallShapes#UPCALL}'s C signature on purpose: FFM
     * caches the stub class of a signature, so all upcalls of the process share one.
     */
    private long resolverUpcall(String method) {
        try {
            MethodHandle mh = MethodHandles.lookup().findVirtual(UpcallTarget.class, method,
                    MethodType.methodType(int.class, long.class, long.class, long.class, long.class))
                    .bindTo(upcallTarget);
            return Linker.nativeLinker().upcallStub(mh, CallShapes.UPCALL, store.arena).address();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes helper {@code ordinal}'s upcall stub on its first call (the resolving thunk's upcall),
     * points the helper slot of every vmctx of the store at it, and returns it. Never throws: 0
     * means a trap code is stored in vmctx and the pending exception set.
     */
    private long resolveHelper(long vmctx, int ordinal) {
        try {
            Helper h = Helper.values()[ordinal];
            long address = helperStub(h, MethodHandles.lookup(), Linker.nativeLinker(), upcallTarget);
            helperAddresses[ordinal] = address;
            int offset = ModuleVmctxLayout.HELPERS + 8 * ordinal;
            for (long v = NativeHeap.getLong(storeBlock.address() + ThunkAssembler.SB_HEAD); v != 0;
                 v = NativeHeap.getLong(v + ModuleVmctxLayout.NEXT_VMCTX)) {
                NativeHeap.putLong(v + offset, address);
            }
            return address;
        } catch (Throwable t) {
            pending = t;
            NativeHeap.putInt(vmctx + ModuleVmctxLayout.TRAP_CODE, TrapAbi.abiCode(TrapCode.HOST_EXCEPTION));
            return 0;
        }
    }

    /**
     * The upcall stub of a runtime helper (JIT ABI: vmctx first, i32 operands as int); a helper
     * this runtime does not know gets a thunk that traps, never a null slot.
     */
    private long helperStub(Helper h, MethodHandles.Lookup lookup, Linker linker, UpcallTarget target)
            throws ReflectiveOperationException {
        ValueLayout.OfInt i32 = ValueLayout.JAVA_INT;
        ValueLayout.OfLong i64 = ValueLayout.JAVA_LONG;
        FunctionDescriptor d = switch (h) {
            case DATA_DROP, ELEM_DROP -> FunctionDescriptor.of(i32, i64, i32);
            case MEMORY_GROW -> FunctionDescriptor.of(i64, i64, i32, i64);
            case MEMORY_FILL -> FunctionDescriptor.of(i32, i64, i32, i64, i32, i64);
            case MEMORY_COPY, MEMORY_INIT, TABLE_COPY, TABLE_INIT -> FunctionDescriptor.of(i32, i64, i32, i32, i64, i64, i64);
            case TABLE_GROW -> FunctionDescriptor.of(i64, i64, i32, i64, i64);
            case TABLE_FILL -> FunctionDescriptor.of(i32, i64, i32, i64, i64, i64);
            case REF_FUNC -> FunctionDescriptor.of(i64, i64, i32);
            case OSR_ENTRY -> CallShapes.UPCALL;
            default -> null;
        };
        if (d == null) {
            RelocationTarget name = RelocationTarget.symbol("helper");
            CodeMemory m = CodeMemory.load(CodeImage.of(name, ThunkAssembler.trapThunk(TrapCode.HOST_EXCEPTION)));
            keep(m, unused -> "wasmoon::helper_trap_" + h.name().toLowerCase(Locale.ROOT));
            return m.addressOf(name);
        }
        String method = switch (h) {
            case MEMORY_GROW -> "memoryGrow";
            case DATA_DROP -> "dataDrop";
            case ELEM_DROP -> "elemDrop";
            case MEMORY_FILL -> "memoryFill";
            case MEMORY_COPY -> "memoryCopy";
            case MEMORY_INIT -> "memoryInit";
            case TABLE_GROW -> "tableGrow";
            case TABLE_FILL -> "tableFill";
            case TABLE_COPY -> "tableCopy";
            case TABLE_INIT -> "tableInit";
            case OSR_ENTRY -> "osrEntry";
            default -> "refFunc";
        };
        MethodHandle mh = lookup.findVirtual(UpcallTarget.class, method, d.toMethodType()).bindTo(target);
        return linker.upcallStub(mh, d, store.arena).address();
    }

    /** The native entry points of upcalls; holds the engine weakly so a lost store can be cleaned. */
    private record UpcallTarget(WeakReference<JitEngine> engine) {
        int upcall(long vmctx, long funcAddr, long argv, long resultv) {
            JitEngine e = engine.get();
            return e == null ? 1 : e.upcall(vmctx, funcAddr, argv, resultv);
        }

        // The resolvers store the code's address (0: trap code stored, see resolvingThunk) to out.

        int resolveHelper(long vmctx, long ordinal, long out, long unused) {
            JitEngine e = live(vmctx);
            NativeHeap.putLong(out, e == null ? 0 : e.resolveHelper(vmctx, (int) ordinal));
            return 0;
        }

        int lazyCompile(long vmctx, long funcIndex, long out, long unused) {
            JitEngine e = live(vmctx);
            NativeHeap.putLong(out, e == null ? 0 : e.lazyCompile(vmctx, (int) funcIndex));
            return 0;
        }

        int osrEntry(long vmctx, long funcIndex, long loopIndex, long frame) {
            JitEngine e = engine.get();
            if (e == null) {
                NativeHeap.putInt(frame + BaselineCompiler.OSR_COUNTDOWN_SLOT, Integer.MAX_VALUE);
                return 0;
            }
            return e.osrEntry(vmctx, (int) funcIndex, (int) loopIndex, frame);
        }

        /** The engine; when the store is gone, null after storing a HOST_EXCEPTION trap code for a resolver. */
        private JitEngine live(long vmctx) {
            JitEngine e = engine.get();
            if (e == null) {
                NativeHeap.putInt(vmctx + ModuleVmctxLayout.TRAP_CODE, TrapAbi.abiCode(TrapCode.HOST_EXCEPTION));
            }
            return e;
        }

        // Address, size and length operands come as whole registers: LinearMemory.operand and
        // Table.operand read the low 32 bits for a 32-bit memory or table (see Helper).

        long memoryGrow(long vmctx, int memory, long deltaPages) {
            JitEngine e = engine.get();
            return e == null ? -1 : e.memoryGrow(vmctx, memory, deltaPages);
        }

        int dataDrop(long vmctx, int index) {
            return run(vmctx, ctx -> ctx.datas[index] = new byte[0]);
        }

        int elemDrop(long vmctx, int index) {
            return run(vmctx, ctx -> ctx.elems[index] = new long[0]);
        }

        int memoryFill(long vmctx, int memory, long dst, int value, long len) {
            return run(vmctx, ctx -> {
                LinearMemory m = ctx.memories[memory];
                m.fill(m.operand(dst), (byte) value, m.operand(len));
            });
        }

        int memoryCopy(long vmctx, int dstMemory, int srcMemory, long dst, long src, long len) {
            return run(vmctx, ctx -> {
                LinearMemory to = ctx.memories[dstMemory];
                LinearMemory from = ctx.memories[srcMemory];
                // the length is an i64 only when both memories are 64-bit
                long n = to.is64() && from.is64() ? len : len & 0xFFFF_FFFFL;
                to.copyFrom(from, to.operand(dst), from.operand(src), n);
            });
        }

        int memoryInit(long vmctx, int memory, int dataIndex, long dst, long src, long len) {
            return run(vmctx, ctx -> {
                LinearMemory m = ctx.memories[memory];
                m.init(ctx.datas[dataIndex], m.operand(dst), u32(src), u32(len));
            });
        }

        long tableGrow(long vmctx, int table, long initRef, long delta) {
            JitEngine e = engine.get();
            if (e == null) {
                return -1;
            }
            try {
                Table t = e.instances.get(vmctx).tables[table];
                return t.grow(t.operand(delta), initRef);
            } catch (Throwable t) {
                return -1;
            }
        }

        int tableFill(long vmctx, int table, long start, long ref, long len) {
            return run(vmctx, ctx -> {
                Table t = ctx.tables[table];
                t.fill(t.operand(start), ref, t.operand(len));
            });
        }

        int tableCopy(long vmctx, int dstTable, int srcTable, long dst, long src, long len) {
            return run(vmctx, ctx -> {
                Table to = ctx.tables[dstTable];
                Table from = ctx.tables[srcTable];
                // the length is an i64 only when both tables are 64-bit
                long n = to.addressType == AddressType.I64 && from.addressType == AddressType.I64 ? len
                        : len & 0xFFFF_FFFFL;
                to.copyFrom(from, to.operand(dst), from.operand(src), n);
            });
        }

        int tableInit(long vmctx, int table, int elemIndex, long dst, long src, long len) {
            return run(vmctx, ctx -> {
                Table t = ctx.tables[table];
                t.init(ctx.elems[elemIndex], t.operand(dst), u32(src), u32(len));
            });
        }

        long refFunc(long vmctx, int funcIndex) {
            JitEngine e = engine.get();
            try {
                return e == null ? -1L : e.instances.get(vmctx).functions[funcIndex].address();
            } catch (Throwable t) {
                return -1L;
            }
        }

        /** An i32 operand (a segment offset or length) from a whole register: its low 32 bits, unsigned. */
        private static long u32(long v) {
            return v & 0xFFFF_FFFFL;
        }

        /** Runs a trapping helper: 0, or 1 after storing the trap code into vmctx. Never throws. */
        private int run(long vmctx, java.util.function.Consumer<InstanceContext> op) {
            JitEngine e = engine.get();
            if (e == null) {
                NativeHeap.putInt(vmctx + ModuleVmctxLayout.TRAP_CODE, TrapAbi.abiCode(TrapCode.HOST_EXCEPTION));
                return 1;
            }
            return e.runHelper(vmctx, op);
        }
    }

    private int runHelper(long vmctx, java.util.function.Consumer<InstanceContext> op) {
        TrapCode code;
        try {
            op.accept(instances.get(vmctx));
            return 0;
        } catch (Trap t) {
            code = trapCodeOf(t.getMessage());
            if (code == TrapCode.HOST_EXCEPTION) {
                pending = t;
            }
        } catch (Throwable t) {
            pending = t;
            code = TrapCode.HOST_EXCEPTION;
        }
        NativeHeap.putInt(vmctx + ModuleVmctxLayout.TRAP_CODE, TrapAbi.abiCode(code));
        return 1;
    }

    private static TrapCode trapCodeOf(String message) {
        for (TrapCode c : TrapCode.values()) {
            if (c != TrapCode.HOST_EXCEPTION && c.message().equals(message)) {
                return c;
            }
        }
        return TrapCode.HOST_EXCEPTION;
    }

    /** What the store's cleaner runs when the store is lost without close(); holds no engine reference. */
    public Runnable resources() {
        return resources;
    }

    /** The argument stack, or a ResourceLimitException after releasing its reservation. */
    private static NativeMemoryReservation committedArgStack() {
        NativeMemoryReservation stack = NativeMemoryReservation.reserve(ARG_STACK_BYTES);
        if (!stack.commit(0, ARG_STACK_BYTES)) {
            stack.run();
            throw new wasm.runtime.ResourceLimitException("the host cannot commit the JIT's argument stack");
        }
        return stack;
    }

    /** The wasm thread and the native reservations, as far as they are made; each released once. */
    private static final class Resources implements Runnable {
        private final WasmThread thread;
        private volatile NativeMemoryReservation directory;
        private volatile NativeMemoryReservation argStack;

        Resources(WasmThread thread) {
            this.thread = thread;
        }

        @Override
        public void run() {
            thread.shutdown();
            NativeMemoryReservation d = directory;
            if (d != null) {
                d.run();
            }
            NativeMemoryReservation a = argStack;
            if (a != null) {
                a.run();
            }
        }
    }

    private long measureStackLimit() {
        CodeMemory probe = CodeMemory.load(CodeImage.of(RelocationTarget.symbol("rsp"),
                ThunkAssembler.readStackPointer()));
        keep(probe, unused -> "wasmoon::read_rsp");
        MethodHandle rsp = probe.downcall(RelocationTarget.symbol("rsp"), CallShapes.ENTRY);
        long out = argStack.address();
        long sp = thread.call(() -> {
            try {
                int rc = (int) (long) rsp.invokeExact(0L, 0L, out, 0L, 0L, 0L);
                return rc == 0 ? NativeHeap.getLong(out) : 0L;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        });
        long size = thread.stackSize();
        // rsp is a little below the stack's top, so sp - size is below its bottom: the margin
        // covers that, HotSpot's guard zones, and the Java frames of host calls made near the limit.
        // (A set-up made late, from an interpreted call, measures below that call's few frames:
        // what they take comes off the margin.)
        long margin = Math.max(8L << 20, size / 16);
        return sp - size + margin;
    }

    // ------------------------------------------------------------------------------------------
    // vmctx and directory

    /**
     * Makes every vmctx's stack limit impossible ({@code stop}), so the running code traps at its
     * next function entry or loop back edge (which {@link #trapFor} reports as interrupted), or
     * restores it. Any thread.
     */
    public synchronized void setStopped(boolean stop) {
        stopped = stop;
        if (!nativeStarted) {
            return; // no vmctx yet: the first takes its limit from stopped
        }
        long limit = stop ? STOP_LIMIT : stackLimit;
        for (long v = NativeHeap.getLong(storeBlock.address() + ThunkAssembler.SB_HEAD); v != 0;
             v = NativeHeap.getLong(v + ModuleVmctxLayout.NEXT_VMCTX)) {
            NativeHeap.putLong(v + ModuleVmctxLayout.STACK_LIMIT, limit);
        }
    }

    /** A stack limit above every rsp: the unsigned compare of every poll fails. */
    private static final long STOP_LIMIT = -1L;

    /** Whether the current thread is the one that runs this store's wasm code. */
    public boolean onWasmThread() {
        return thread.isCurrent();
    }

    private synchronized long newVmctx(ModuleVmctxLayout layout) {
        MemorySegment v = store.arena.allocate(layout.size(), 16);
        long a = v.address();
        NativeHeap.putLong(a + ModuleVmctxLayout.STACK_LIMIT, stopped ? STOP_LIMIT : stackLimit);
        NativeHeap.putLong(a + layout.fuelCounterSlot(), store.fuelCounterAddress());
        NativeHeap.putLong(a + ModuleVmctxLayout.FUNC_DIRECTORY, directory.address());
        NativeHeap.putLong(a + ModuleVmctxLayout.STORE_BLOCK, storeBlock.address());
        for (Helper h : Helper.values()) {
            NativeHeap.putLong(a + layout.helperOffset(h), helperAddresses[h.ordinal()]);
        }
        long sb = storeBlock.address();
        NativeHeap.putLong(a + ModuleVmctxLayout.UNWIND_RSP, NativeHeap.getLong(sb + ThunkAssembler.SB_UNWIND_RSP));
        NativeHeap.putLong(a + ModuleVmctxLayout.UNWIND_TARGET,
                NativeHeap.getLong(sb + ThunkAssembler.SB_UNWIND_TARGET));
        NativeHeap.putLong(a + ModuleVmctxLayout.NEXT_VMCTX, NativeHeap.getLong(sb + ThunkAssembler.SB_HEAD));
        NativeHeap.putLong(sb + ThunkAssembler.SB_HEAD, a);
        return a;
    }

    private void setDirectoryEntry(int funcAddr, long code, long vmctx, int signatureId) {
        long end = (long) (funcAddr + 1) * ModuleVmctxLayout.DIR_ENTRY_SIZE;
        if (funcAddr >= MAX_FUNCTIONS) {
            throw new wasm.runtime.ResourceLimitException("more than " + MAX_FUNCTIONS + " functions in one store");
        }
        if (end > committedDirectoryBytes) {
            long newCommitted = (end + DIRECTORY_COMMIT_CHUNK - 1) / DIRECTORY_COMMIT_CHUNK * DIRECTORY_COMMIT_CHUNK;
            if (!directory.commit(committedDirectoryBytes, newCommitted - committedDirectoryBytes)) {
                throw new wasm.runtime.ResourceLimitException("the host cannot commit the function directory");
            }
            committedDirectoryBytes = newCommitted;
        }
        long e = directory.address() + (long) funcAddr * ModuleVmctxLayout.DIR_ENTRY_SIZE;
        NativeHeap.putLong(e + ModuleVmctxLayout.DIR_CODE, code);
        NativeHeap.putLong(e + ModuleVmctxLayout.DIR_VMCTX, vmctx);
        NativeHeap.putInt(e + ModuleVmctxLayout.DIR_SIGNATURE, signatureId);
    }

    /** Gives a host function its upcall thunk and directory entry, so native code can call it. */
    public synchronized void registerHostFunction(HostFunctionEntity h) {
        if (!nativeStarted) {
            pendingHostFunctions.add(h); // registered by the native set-up
            return;
        }
        RelocationTarget name = RelocationTarget.symbol("host");
        CodeMemory m = CodeMemory.load(CodeImage.of(name, upcallOrTrap(h.type(), h.address())));
        keep(m, unused -> "wasmoon::host_function_upcall[" + h.address() + "]");
        setDirectoryEntry(h.address(), m.addressOf(name), rootVmctx, h.typeId());
    }

    private FinishedCode upcallOrTrap(FuncType type, int funcAddr) {
        return ThunkAssembler.upcallThunk(NativeSignature.of(type), funcAddr, upcallAddress);
    }

    // ------------------------------------------------------------------------------------------
    // instantiation

    /** An instance's code: the shared compiled module, plus what this store compiled lazily. */
    private static final class InstanceCode {
        final InstanceContext ctx;
        final CompiledModule compiled;
        final ModuleMetrics metrics;
        final FinishedCode[] late;
        final String[] lateUnsupported;
        /** The baseline tier's code of each function that has it, else 0 (tiered compilation). */
        final long[] baselineCode;
        /** The baseline code this store compiled, for the code cache. */
        final FinishedCode[] baselineMade;
        /** The tier-up counters (one i32 per function), 0 unless compilation is tiered. */
        long tierUpCounters;
        /** Made on the instance's first baseline compile. */
        BaselineCompiler baseline;
        /** The optimizing compile each baseline function asked for, once it did (tiered). */
        final TierUpCompiler.Job[] tierUps;
        /** The on-stack-replacement entry of each function that asked for one (tiered). */
        final OsrEntry[] osrEntries;
        /** Per function: when its last on-stack-replacement check renewed a countdown (System.nanoTime), or 0. */
        final long[] osrLastCheck;
        /** Per function: the loop iterations its waiting activations count down between checks. */
        final int[] osrInterval;
        /** Per function: entered from the host, so its activations wait for their entry ({@link #markHostEntered}). */
        final boolean[] hostEntered;

        InstanceCode(InstanceContext ctx, CompiledModule compiled, ModuleMetrics metrics) {
            this.ctx = ctx;
            this.compiled = compiled;
            this.metrics = metrics;
            this.late = new FinishedCode[ctx.functions.length];
            this.lateUnsupported = new String[ctx.functions.length];
            this.baselineCode = new long[ctx.functions.length];
            this.baselineMade = new FinishedCode[ctx.functions.length];
            this.tierUps = new TierUpCompiler.Job[ctx.functions.length];
            this.osrEntries = new OsrEntry[ctx.functions.length];
            this.osrLastCheck = new long[ctx.functions.length];
            this.osrInterval = new int[ctx.functions.length];
            this.hostEntered = new boolean[ctx.functions.length];
        }
    }

    /** Compiles {@code ctx}'s module as the options say (eager or lazy) and instantiates it. */
    public void instantiate(InstanceContext ctx) {
        instantiate(ctx, null);
    }

    /**
     * Compiles the module as the options say (eager: every function now, on all cores; lazy: none),
     * unless {@code precompiled} (a code cache's or a precompiled file's) answers its code, then
     * links the instance: fills its vmctx, builds thunks for its imports and for the functions
     * the JIT cannot compile, and points its code slots and directory entries at the shared image.
     * While the store may interpret as the JIT starts and the process's FFM linkage is not made,
     * all of that waits for the first call that runs natively ({@link #nativeBeforeCall}), and the
     * instance's functions (not native until then) run in the interpreter.
     *
     * @param precompiled asked for the code (null: compile) when the instance is linked; or null
     * @throws JitUnsupportedException in strict mode, for the first function the JIT cannot compile
     *                                 (lazy compilation: at that function's first call instead; a
     *                                 function that needs a {@link JitGap} always here, gap named)
     */
    public void instantiate(InstanceContext ctx, java.util.function.Supplier<CompiledModule> precompiled) {
        if (options.jitStrict()) {
            refuseJitGaps(ctx.module);
        }
        if (!nativeStarted && !linkageReady.getAsBoolean()) {
            pendingLinks.add(new PendingLink(ctx, precompiled));
            store.interpreter.jitStarting(true);
            return;
        }
        linkPending();
        compileAndLink(ctx, precompiled);
    }

    private void compileAndLink(InstanceContext ctx, java.util.function.Supplier<CompiledModule> precompiled) {
        Module module = ctx.module;
        MetricsRecorder recorder = options.metrics();
        ModuleMetrics mm = recorder.beginModule(module.functions().size());
        Metering metering = Metering.of(options);
        CompiledModule given = precompiled == null ? null : precompiled.get();
        // code made for other polls (a cache holds the default's) would meter or poll wrongly here
        CompiledModule cm = given == null || !given.metering().equals(metering) ? null : given;
        if (cm == null) {
            cm = options.compilePolicy() == CompilePolicy.EAGER
                    ? moduleCompiler().metered(metering).compile(module, NO_HASH, mm, recorder)
                    : CompiledModule.uncompiled(module, NO_HASH, options.optLevel(), metering);
        } else {
            recordCached(cm, mm, recorder);
        }
        // module_compile_us is the compile alone (none for cached code), not the linking below
        mm.eagerDone();
        link(ctx, cm, mm);
    }

    private static final byte[] NO_HASH = new byte[0];

    /**
     * Strict mode: the first defined function that needs a {@link JitGap} refuses the module before
     * anything is compiled, under both policies (lazily, the function would only be met at its first
     * call), with the gap named so that callers can tell a known gap from a compiler failure.
     */
    private static void refuseJitGaps(Module module) {
        int imported = module.functionCount() - module.functions().size();
        for (int fi = imported; fi < module.functionCount(); fi++) {
            JitGap gap = JitGaps.of(module, fi);
            if (gap != null) {
                throw new JitUnsupportedException(fi, module.functionName(fi), gap.reason(), gap);
            }
        }
    }

    private ModuleCompiler moduleCompiler() {
        // null: the standard pipeline, not yet made (the eager compile makes its own per thread)
        return compiler == null || compiler instanceof IrNativeCompiler
                ? ModuleCompiler.standard(options.optLevel(), options.compileThreads())
                : new ModuleCompiler(() -> compiler, options.optLevel(), 1);
    }

    /** Cached code costs no compile: each function is listed as cached, with its size. */
    private static void recordCached(CompiledModule cm, ModuleMetrics mm, MetricsRecorder recorder) {
        if (!recorder.enabled()) {
            return;
        }
        Module module = cm.module();
        for (int fi = cm.importedFunctions(); fi < module.functionCount(); fi++) {
            if (cm.code(fi) != null || cm.baseline(fi) != null || cm.unsupported(fi) != null) {
                FunctionMetrics fm = mm.beginFunction(fi, module.functionName(fi),
                        cm.code(fi) == null && cm.baseline(fi) != null ? 0 : cm.optLevel(), CompileMode.CACHED);
                if (cm.code(fi) != null) {
                    fm.codeSize(cm.code(fi).size());
                } else if (cm.baseline(fi) != null) {
                    fm.codeSize(cm.baseline(fi).size());
                } else {
                    fm.fallback(cm.unsupported(fi));
                }
                fm.finish();
            }
        }
    }

    private void link(InstanceContext ctx, CompiledModule compiled, ModuleMetrics mm) {
        Module module = ctx.module;
        CompiledModule cm = compiled;
        int nFuncs = ctx.functions.length;
        int nImports = cm.importedFunctions();
        if (options.jitStrict()) {
            for (int fi = nImports; fi < nFuncs; fi++) {
                if (cm.unsupported(fi) != null) {
                    throw new JitUnsupportedException(fi, module.functionName(fi), cm.unsupported(fi));
                }
            }
        }
        ModuleVmctxLayout layout = cm.layout();
        long vmctx = newVmctx(layout);
        // a base and a length mirror per memory, imported or defined: a memory grown through another
        // instance (or the host) updates every mirror
        for (int m = 0; m < ctx.memories.length; m++) {
            NativeHeap.putLong(vmctx + layout.memoryBase(m), ctx.memories[m].baseAddress());
            ctx.memories[m].addLengthMirror(vmctx + layout.memoryLength(m));
        }
        for (int g = 0; g < ctx.globals.length; g++) {
            NativeHeap.putLong(vmctx + layout.globalCellOffset(g), ctx.globals[g].address());
        }
        for (int t = 0; t < ctx.tables.length; t++) {
            NativeHeap.putLong(vmctx + layout.tableOffset(t), ctx.tables[t].headerAddress());
        }
        for (int t = 0; t < ctx.typeIds.length; t++) {
            NativeHeap.putInt(vmctx + layout.signatureIdOffset(t), ctx.typeIds[t]);
        }
        NativeHeap.putLong(vmctx + ModuleVmctxLayout.LAZY_COMPILE, lazyCompileThunk());
        ctx.vmctx = vmctx;
        instances.put(vmctx, ctx);
        InstanceCode ic = new InstanceCode(ctx, cm, mm);
        if (tiered()) {
            // the counters, and right below them where each activation of baseline code starts its
            // countdown to on-stack-replacement checks (OSR_FIRST_CHECK times the budget)
            MemorySegment counters = store.arena.allocate(16 + 4L * nFuncs, 16).asSlice(16);
            int budget = options.compilePolicy() == CompilePolicy.BASELINE ? Integer.MAX_VALUE : options.tierUpBudget();
            for (int i = 0; i < nFuncs; i++) {
                counters.setAtIndex(ValueLayout.JAVA_INT, i, budget);
            }
            NativeHeap.putInt(counters.address() - 4, firstOsrCountdown(budget));
            ic.tierUpCounters = counters.address();
            NativeHeap.putLong(vmctx + layout.tierUpCounters(), ic.tierUpCounters);
        }
        instanceCode.put(vmctx, ic);
        modules.add(ic);

        CodeMemory image = cm.loadedImage();
        noteRange(image);
        if (perfMap != null) {
            perfMap.record(image, target -> switch (target) {
                case RelocationTarget.Function f -> "wasm[" + f.index() + "]::" + module.functionName(f.index());
                case RelocationTarget.Symbol sym -> "wasm::" + sym.name() + "_stub";
            });
        }
        // Per-instance glue: a thunk per import, an interpreter upcall per function the JIT cannot compile.
        CodeImage.Builder glue = CodeImage.builder();
        for (int i = 0; i < nImports; i++) {
            RuntimeFunction f = ctx.functions[i];
            glue.define(RelocationTarget.symbol("import" + i),
                    f instanceof WasmFunction wf && wf.isNative()
                            ? ThunkAssembler.crossInstanceThunk(wf.context.vmctx, wf.nativeCode())
                            : upcallOrTrap(f.type(), f.address()));
        }
        for (int i = nImports; i < nFuncs; i++) {
            if (cm.unsupported(i) != null) {
                glue.define(RelocationTarget.symbol("interp" + i), upcallOrTrap(ctx.functions[i].type(),
                        ctx.functions[i].address()));
            }
        }
        CodeMemory thunks = CodeMemory.load(glue.build());
        keep(thunks, target -> target instanceof RelocationTarget.Symbol sym && sym.name().startsWith("import")
                ? "wasm::" + sym.name() + "_thunk " + functionImportName(module, sym)
                : "wasm::" + target + "_interpreter_upcall");
        boolean lazy = false;
        for (int i = 0; i < nFuncs; i++) {
            long slot;
            if (i < nImports) {
                slot = thunks.addressOf(RelocationTarget.symbol("import" + i));
            } else {
                WasmFunction wf = (WasmFunction) ctx.functions[i];
                long entry;
                if (cm.code(i) != null) {
                    entry = slot = image.addressOf(RelocationTarget.function(i));
                    noteSpan(entry, cm.code(i).size(), module, i);
                    wf.setNativeCode(entry);
                    store.countFunction(true, null);
                } else if (cm.baseline(i) != null && tiered()) {
                    // cached baseline code: the stub jumps through the slot to it until it tiers up
                    slot = image.addressOf(cm.baselineEntry(i));
                    entry = image.addressOf(RelocationTarget.function(i));
                    noteSpan(slot, cm.baseline(i).size(), module, i);
                    wf.setNativeCode(entry);
                    ic.baselineCode[i] = slot;
                    store.countFunction(true, null);
                    lazy = true;
                } else if (cm.unsupported(i) != null) {
                    entry = slot = thunks.addressOf(RelocationTarget.symbol("interp" + i));
                    store.countFunction(false, cm.unsupported(i));
                } else {
                    // compiled on first call: the stub jumps through the slot, which leads to the lazy entry
                    slot = image.addressOf(cm.lazyEntry(i));
                    entry = image.addressOf(RelocationTarget.function(i));
                    if (cm.code(i) != null) {
                        noteSpan(entry, cm.code(i).size(), module, i);
                    }
                    wf.setNativeCode(entry);
                    store.countFunction(true, null);
                    lazy = true;
                }
                setDirectoryEntry(wf.address(), entry, vmctx, wf.typeId());
            }
            NativeHeap.putLong(vmctx + layout.functionCodeOffset(i), slot);
        }
        if (options.compilePolicy() == CompilePolicy.TIERED) {
            requestHotTierUps(ic);
        }
        if (!lazy) {
            mm.end();
        }
    }

    /**
     * Asks at once for the optimizing compile of every function the instance's code marks
     * {@linkplain CompiledModule#hot hot}, smallest baseline code first: a run that ends before
     * all are done keeps the ones that are (in the code cache), so a short program's cached runs
     * each finish a few more, starting with the cheapest, until its hot code is all optimized.
     */
    private void requestHotTierUps(InstanceCode ic) {
        CompiledModule cm = ic.compiled;
        List<Integer> hot = new ArrayList<>();
        for (int i = cm.importedFunctions(); i < ic.baselineCode.length; i++) {
            if (cm.hot(i) && ic.baselineCode[i] != 0) {
                hot.add(i);
            }
        }
        hot.sort(java.util.Comparator.comparingInt(i -> cm.baseline(i).size()));
        for (int i : hot) {
            requestTierUp(ic, i);
        }
    }

    /** The store's lazy-compile thunk, made on first need. */
    private long lazyCompileThunk() {
        if (lazyThunk == 0) {
            RelocationTarget name = RelocationTarget.symbol("lazy");
            CodeMemory m = CodeMemory.load(CodeImage.of(name, ThunkAssembler.resolvingThunk(
                    resolverUpcall("lazyCompile"))));
            keep(m, unused -> "wasmoon::lazy_compile");
            lazyThunk = m.addressOf(name);
        }
        return lazyThunk;
    }

    /**
     * Compiles defined function {@code funcIndex} of the instance at {@code vmctx} on its first call
     * (the lazy-compile thunk's upcall) and points the instance's slot and directory entry at the code;
     * returns its address. Its direct calls go to the module image's entries (bodies or stubs), so the
     * code is what an eager compile makes. A function the JIT cannot compile gets an interpreter upcall
     * instead, or (strict mode) fails the call with {@link JitUnsupportedException}. Never throws: 0
     * means a trap code is stored in vmctx and the pending exception set.
     */
    private long lazyCompile(long vmctx, int funcIndex) {
        try {
            InstanceCode ic = instanceCode.get(vmctx);
            long baseline = ic.baselineCode[funcIndex];
            if (baseline != 0) {
                if (options.compilePolicy() == CompilePolicy.BASELINE) {
                    // baseline only: a budget spent (2^31 entries and iterations) is renewed
                    NativeHeap.putInt(ic.tierUpCounters + 4L * funcIndex, Integer.MAX_VALUE);
                    return baseline;
                }
                return tierUp(ic, vmctx, funcIndex, baseline);
            }
            if (tiered() && !smallWithLoop(ic.ctx.module, funcIndex)) {
                long address = compileBaseline(ic, vmctx, funcIndex);
                if (address != 0) {
                    return address;
                }
            }
            return compileOptimized(ic, vmctx, funcIndex);
        } catch (Throwable t) {
            pending = t;
            NativeHeap.putInt(vmctx + ModuleVmctxLayout.TRAP_CODE, TrapAbi.abiCode(TrapCode.HOST_EXCEPTION));
            return 0;
        }
    }

    /**
     * Marks a function entered from the host (a command's {@code _start}, which often holds
     * {@code main} and its loops; an export an embedder calls): it starts in baseline code like
     * every other function, but an activation of it that loops long does not go on in baseline
     * code beside the compile of its on-stack-replacement entry: at its first check it waits for
     * the entry, and the function's own optimized code, for its later calls and the code cache,
     * is compiled when the tier-up thread is idle ({@link #osrEntry}). So a short entry (a hello
     * world's {@code _start}, {@code printf} inlined) never pays for an optimizing compile, which
     * cold took 60 ms of its 260 ms, while a long one moves early. Until stop 32 such a function
     * got the optimizing compile at its first call instead: faster for core3 (3-4%), whose
     * {@code main} loops in {@code _start} from the start, slower for the rest (hello world 25%,
     * sqlite_bench's first run 9%, longloop 5%; docs/perf/startup.md). Tiered compilation with a
     * budget only (a budget of 0 waits at every check anyway).
     */
    private void markHostEntered(WasmFunction f) {
        InstanceCode ic = instanceCode.get(f.context.vmctx);
        if (ic != null) {
            ic.hostEntered[f.funcIndex] = true;
        }
    }

    /** Instructions of a function with a loop that the optimizing tier compiles at once (tiered). */
    private static final int SMALL_LOOP_FUNCTION = 100;

    /**
     * A small function with a loop (a copy, a search, a kernel: cheap to optimize, and likely where
     * the time goes) gets the optimizing tier's code on its first call, rather than moving there
     * by on-stack replacement once an activation has looped long enough.
     */
    private boolean smallWithLoop(Module module, int funcIndex) {
        if (!compilesAtFirstCall()) {
            return false;
        }
        int imported = module.functionCount() - module.functions().size();
        List<wasm.core.model.Instruction> code = module.codes().get(funcIndex - imported).code();
        if (code.size() >= SMALL_LOOP_FUNCTION) {
            return false;
        }
        for (wasm.core.model.Instruction i : code) {
            if (i.opcode() == wasm.core.model.Opcode.LOOP) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the two kinds of function tiered compilation treats apart get that treatment: small
     * functions with a loop, optimized at their first call ({@link #smallWithLoop}), and functions
     * entered from the host, whose long activations wait for their entry ({@link #markHostEntered}):
     * under tiered compilation with a budget. With a budget of 0 (tests: tier up at the first
     * entry, move into the optimized code at the first loop check) they start in baseline code
     * like every other function, so that baseline code and both ways out of it run everywhere.
     */
    private boolean compilesAtFirstCall() {
        return options.compilePolicy() == CompilePolicy.TIERED && options.tierUpBudget() > 0;
    }

    /** Whether functions start in the baseline tier (its counters then live in every instance). */
    private boolean tiered() {
        CompilePolicy p = options.compilePolicy();
        return p == CompilePolicy.TIERED || p == CompilePolicy.BASELINE;
    }

    /**
     * The baseline tier's code for the function, loaded and linked as {@link #compileOptimized}
     * links the optimizing tier's; 0 when the baseline compiler leaves the function alone.
     */
    private long compileBaseline(InstanceCode ic, long vmctx, int funcIndex) {
        InstanceContext ctx = ic.ctx;
        Module module = ctx.module;
        CompiledModule cm = ic.compiled;
        if (ic.baseline == null) {
            ic.baseline = new BaselineCompiler(cm.layout(), CpuFeatures.host());
        }
        FunctionMetrics fm = beginMetrics(ic, funcIndex, 0, CompileMode.BASELINE);
        FinishedCode made;
        try {
            made = ic.baseline.compile(module, funcIndex).code();
        } catch (CompileUnsupported leftAlone) {
            // not reported: the optimizing tier's compile that follows is
            fm.discard();
            store.countLeftToOptimizing();
            return 0;
        }
        fm.codeSize(made.size());
        fm.finish();
        RelocationTarget name = RelocationTarget.function(funcIndex);
        CodeMemory m = CodeMemory.load(CodeImage.of(name, made));
        keep(m, target -> "wasm[" + funcIndex + "]::" + module.functionName(funcIndex) + "_baseline");
        long address = m.addressOf(name);
        noteSpan(address, made.size(), module, funcIndex);
        ((WasmFunction) ctx.functions[funcIndex]).setNativeCode(address);
        ic.baselineCode[funcIndex] = address;
        ic.baselineMade[funcIndex] = made;
        store.countBaselineCompile();
        NativeHeap.putLong(vmctx + cm.layout().functionCodeOffset(funcIndex), address);
        setDirectoryEntry(ctx.functions[funcIndex].address(), address, vmctx, ctx.functions[funcIndex].typeId());
        return address;
    }

    /**
     * The optimizing tier's code for the function, compiled now, on its first call (a baseline
     * function's tier-up goes through {@link #tierUp} instead).
     */
    private long compileOptimized(InstanceCode ic, long vmctx, int funcIndex) {
        Module module = ic.ctx.module;
        CompiledModule cm = ic.compiled;
        FunctionMetrics fm = beginMetrics(ic, funcIndex, options.optLevel(), CompileMode.LAZY);
        String reason = ModuleCompiler.compileOne(lazyCompiler(), module, funcIndex, cm.layout(),
                cm.importedFunctions(), fm, ic.late);
        if (reason != null) {
            fm.fallback(reason);
        }
        fm.finish();
        return install(ic, vmctx, funcIndex, reason, 0);
    }

    private FunctionMetrics beginMetrics(InstanceCode ic, int funcIndex, int optLevel, CompileMode mode) {
        MetricsRecorder recorder = options.metrics();
        return ic.metrics.beginFunction(funcIndex,
                recorder.enabled() ? ic.ctx.module.functionName(funcIndex) : null, optLevel, mode);
    }

    /**
     * An activation of baseline code first checks for an on-stack-replacement entry after this many
     * times the tier-up budget of loop iterations (4,000 by default), not after the budget itself: an
     * activation that has looped only a little longer than that often ends before an entry could
     * be compiled. sqlite_bench's statement loop asked for one at 1,000 iterations in every first
     * run and never used it, 50-80 ms of compile on the other core; at 4,000 it asks for none
     * (first run 852 -> 813 ms, CPU 1,428 -> 1,340 ms), while longloop's and stream's activations,
     * which loop for the rest of the run, still move (their times unchanged). A budget of 0 (tests)
     * stays 0: every check at its loop's first iteration.
     */
    private static final int OSR_FIRST_CHECK = 4;

    /** Where each activation's countdown to its first on-stack-replacement check starts, for a tier-up budget. */
    static int firstOsrCountdown(int budget) {
        return (int) Math.min(Integer.MAX_VALUE, (long) OSR_FIRST_CHECK * budget);
    }

    /** Checks per function between a tier-up's request and its code's arrival (entries plus iterations). */
    private static final int TIER_UP_RECHECK = 64;

    /**
     * A baseline function spent its budget: the first time, its optimizing compile goes to the
     * {@link TierUpCompiler} thread; later, once that compile is done, its code is installed here, on
     * the wasm thread (which alone touches the engine's tables and the vmctx). Until then, and for
     * good when the optimizing tier cannot compile the function, the baseline code goes on: returns
     * the address the call continues at.
     */
    private long tierUp(InstanceCode ic, long vmctx, int funcIndex, long baseline) {
        TierUpCompiler.Job job = ic.tierUps[funcIndex];
        if (job == null) {
            requestTierUp(ic, funcIndex);
            return baseline;
        }
        if (!job.isDone()) {
            NativeHeap.putInt(ic.tierUpCounters + 4L * funcIndex, TIER_UP_RECHECK);
            return baseline;
        }
        ic.late[funcIndex] = job.code();
        return install(ic, vmctx, funcIndex, job.reason(), baseline);
    }

    /**
     * Asks the tier-up thread for the optimizing compile of a baseline function: when it has
     * spent its budget, or when the instance is linked from code that says it did in an earlier
     * run ({@link CompiledModule#hot}). Its counter then counts down to the next check.
     */
    private void requestTierUp(InstanceCode ic, int funcIndex) {
        CompiledModule cm = ic.compiled;
        FunctionMetrics fm = beginMetrics(ic, funcIndex, options.optLevel(), CompileMode.TIER_UP);
        ic.tierUps[funcIndex] = TierUpCompiler.submit(options.optLevel(), ic.ctx.module, funcIndex, cm.layout(),
                cm.importedFunctions(), fm);
        NativeHeap.putInt(ic.tierUpCounters + 4L * funcIndex, TIER_UP_RECHECK);
    }

    /**
     * Loop iterations between a function's on-stack-replacement checks while it waits for a compile:
     * at first, and at least. Each check is an upcall (microseconds on a cold JVM), so the interval
     * adapts to the loop's speed ({@link #renewOsrCountdown}): a check about every
     * {@value #OSR_CHECK_NANOS} ns, whatever an iteration costs.
     */
    private static final int OSR_RECHECK = 64;
    /** The most loop iterations between two on-stack-replacement checks. */
    private static final int OSR_RECHECK_MAX = 1 << 20;
    /** The time between two on-stack-replacement checks of a waiting function that the interval aims at. */
    private static final long OSR_CHECK_NANOS = 1_000_000;

    /** A function's on-stack-replacement entry: its compile, then the address of its loaded code (0 until loaded). */
    private static final class OsrEntry {
        final TierUpCompiler.Job job;
        long address;
        boolean failed;

        OsrEntry(TierUpCompiler.Job job) {
            this.job = job;
        }
    }

    /**
     * The {@link Helper#OSR_ENTRY} helper: an activation of baseline function {@code funcIndex}
     * (frame at {@code frame}) has run as many loop iterations as the tier-up budget (1000 by
     * default) and is at the header of the loop that is instruction {@code loopIndex} of its body. The first
     * time, the function's entry (one for all its loops, {@link WasmToIr#translateOsr}) goes to the
     * {@link TierUpCompiler} thread, ahead of the waiting functions; once it is compiled it is
     * loaded here, on the wasm thread, and every activation that counts down at a loop it starts at
     * moves into it: returns 1 with its address in the frame. Else 0, the countdown renewed, and
     * the activation goes on in baseline code (for good when the entry cannot be made). An
     * activation of a function entered from the host ({@link #markHostEntered}), or any under a
     * budget of 0, waits here for the entry instead. Tiered
     * compilation only ({@code --compile=baseline} stays in baseline code). Never throws: an entry
     * is an optimisation, so a failure only leaves the activation where it is.
     */
    private int osrEntry(long vmctx, int funcIndex, int loopIndex, long frame) {
        try {
            InstanceCode ic = instanceCode.get(vmctx);
            if (ic == null || options.compilePolicy() != CompilePolicy.TIERED) {
                NativeHeap.putInt(frame + BaselineCompiler.OSR_COUNTDOWN_SLOT, Integer.MAX_VALUE);
                return 0;
            }
            OsrEntry entry = ic.osrEntries[funcIndex];
            TierUpCompiler.Job tierUp = installIfDone(ic, vmctx, funcIndex);
            boolean waits = options.tierUpBudget() == 0 || ic.hostEntered[funcIndex];
            if (entry == null && tierUp != null && !tierUp.isDone() && !waits) {
                // the function's own compile is on its way: an entry asked for now would go ahead
                // of it and of every other waiting function; one activation still looping when it
                // is done asks then
                renewOsrCountdown(ic, funcIndex, frame);
                return 0;
            }
            if (entry == null) {
                CompiledModule cm = ic.compiled;
                FunctionMetrics fm = beginMetrics(ic, funcIndex, options.optLevel(), CompileMode.OSR);
                entry = new OsrEntry(TierUpCompiler.submitOsr(options.optLevel(), ic.ctx.module, funcIndex,
                        cm.layout(), cm.importedFunctions(), fm));
                ic.osrEntries[funcIndex] = entry;
                if (tierUp == null) {
                    // and, behind the waiting functions, its own compile: later calls start in it,
                    // and the code cache keeps it for the next run (an entry is not cached); a
                    // host-entered function's only once the tier-up thread is idle, since its
                    // one long activation runs in the entry and the program's hot functions
                    // have their compiles to come
                    FunctionMetrics own = beginMetrics(ic, funcIndex, options.optLevel(), CompileMode.TIER_UP);
                    ic.tierUps[funcIndex] = ic.hostEntered[funcIndex]
                            ? TierUpCompiler.submitWhenIdle(options.optLevel(), ic.ctx.module, funcIndex,
                                    cm.layout(), cm.importedFunctions(), own)
                            : TierUpCompiler.submit(options.optLevel(), ic.ctx.module, funcIndex,
                                    cm.layout(), cm.importedFunctions(), own);
                }
            }
            if (waits) {
                // "at once" (tests), or a host-entered function: wait for the compile, so the
                // activation moves at this check (two cores measured faster waiting than running
                // baseline code beside the compile)
                entry.job.await();
            }
            if (entry.address == 0 && !entry.failed && entry.job.isDone()) {
                loadOsrEntry(ic, funcIndex, entry);
            }
            if (entry.failed) {
                NativeHeap.putInt(frame + BaselineCompiler.OSR_COUNTDOWN_SLOT, Integer.MAX_VALUE);
                return 0;
            }
            if (entry.address == 0 || Arrays.binarySearch(entry.job.osrLoops(), loopIndex) < 0) {
                // still compiling, or a loop the entry cannot start at (the countdown may reach one it can)
                renewOsrCountdown(ic, funcIndex, frame);
                return 0;
            }
            NativeHeap.putLong(frame + BaselineCompiler.OSR_ENTRY_SLOT, entry.address);
            store.countOsrEntry();
            return 1;
        } catch (Throwable t) {
            // an entry is an optimisation: whatever failed, the activation goes on where it is
            NativeHeap.putInt(frame + BaselineCompiler.OSR_COUNTDOWN_SLOT, Integer.MAX_VALUE);
            return 0;
        }
    }

    /**
     * Renews an activation's countdown to its next check while function {@code funcIndex} waits for
     * a compile: the interval doubles while checks come faster than one per
     * {@value #OSR_CHECK_NANOS} ns and halves while they come at under half that rate, so a fast
     * loop pays an upcall every millisecond or so and a slow one notices a finished compile soon.
     */
    private void renewOsrCountdown(InstanceCode ic, int funcIndex, long frame) {
        long now = System.nanoTime();
        long last = ic.osrLastCheck[funcIndex];
        int interval = Math.max(OSR_RECHECK, ic.osrInterval[funcIndex]);
        if (last != 0) {
            long elapsed = now - last;
            if (elapsed < OSR_CHECK_NANOS) {
                interval = Math.min(OSR_RECHECK_MAX, interval * 2);
            } else if (elapsed > 2 * OSR_CHECK_NANOS) {
                interval = Math.max(OSR_RECHECK, interval / 2);
            }
        }
        ic.osrLastCheck[funcIndex] = now;
        ic.osrInterval[funcIndex] = interval;
        NativeHeap.putInt(frame + BaselineCompiler.OSR_COUNTDOWN_SLOT, interval);
    }

    /**
     * The function's tier-up compile, or null; installed first when it is done and its baseline
     * code still takes the entries (a long-looping activation may check long before the next
     * entry would install it).
     */
    private TierUpCompiler.Job installIfDone(InstanceCode ic, long vmctx, int funcIndex) {
        TierUpCompiler.Job job = ic.tierUps[funcIndex];
        long slot = vmctx + ic.compiled.layout().functionCodeOffset(funcIndex);
        if (job != null && job.isDone() && ic.lateUnsupported[funcIndex] == null
                && NativeHeap.getLong(slot) == ic.baselineCode[funcIndex]) {
            tierUp(ic, vmctx, funcIndex, ic.baselineCode[funcIndex]);
        }
        return job;
    }

    /**
     * Loads a finished on-stack-replacement entry: its calls of the module's functions go to their
     * entries in the module's image, the function's own included (a recursive call starts at the
     * top, not at the loop). An entry the optimizing tier could not make, or whose image lies beyond
     * rel32's reach, is marked failed.
     */
    private void loadOsrEntry(InstanceCode ic, int funcIndex, OsrEntry entry) {
        FinishedCode made = entry.job.code();
        if (made == null) {
            entry.failed = true;
            return;
        }
        Module module = ic.ctx.module;
        CodeMemory image = ic.compiled.loadedImage();
        RelocationTarget name = RelocationTarget.symbol("osr");
        CodeMemory m;
        try {
            m = CodeMemory.load(CodeImage.of(name, made), target -> OptionalLong.of(image.addressOf(target)));
        } catch (IllegalArgumentException farAway) {
            entry.failed = true;
            return;
        }
        keep(m, target -> "wasm[" + funcIndex + "]::" + module.functionName(funcIndex) + "_osr");
        entry.address = m.addressOf(name);
        noteSpan(entry.address, made.size(), module, funcIndex);
    }

    /**
     * Loads the optimizing tier's code ({@code ic.late[funcIndex]}, when {@code reason} is null) and
     * points the instance's slot and the directory entry at it; returns its address. Its direct calls
     * go to the module image's entries (bodies or stubs). When the optimizing tier cannot compile the
     * function, its baseline code (when it has some) stays, with a budget that does not run out;
     * else it gets an interpreter upcall, or (strict mode) the call fails: 0, the pending exception set.
     */
    private long install(InstanceCode ic, long vmctx, int funcIndex, String reason, long baseline) {
        InstanceContext ctx = ic.ctx;
        Module module = ctx.module;
        CompiledModule cm = ic.compiled;
        WasmFunction wf = (WasmFunction) ctx.functions[funcIndex];
        long address;
        if (reason == null) {
            CodeMemory image = cm.loadedImage();
            RelocationTarget name = RelocationTarget.function(funcIndex);
            CodeMemory m;
            FinishedCode made = ic.late[funcIndex];
            try {
                m = CodeMemory.load(CodeImage.of(name, made), target -> target == name
                        ? OptionalLong.empty() : OptionalLong.of(image.addressOf(target)));
            } catch (IllegalArgumentException farAway) {
                // the image lies beyond rel32's reach: call everything through vmctx slots instead
                ic.late[funcIndex] = null;
                made = lazyCompiler().compile(module, funcIndex, cm.layout(), j -> false,
                        FunctionMetrics.disabled()).code();
                m = CodeMemory.load(CodeImage.of(name, made));
            }
            keep(m, target -> "wasm[" + funcIndex + "]::" + module.functionName(funcIndex));
            address = m.addressOf(name);
            noteSpan(address, made.size(), module, funcIndex);
            wf.setNativeCode(address);
            if (baseline != 0) {
                store.countTierUp();
            }
        } else if (baseline != 0) {
            ic.lateUnsupported[funcIndex] = reason;
            NativeHeap.putInt(ic.tierUpCounters + 4L * funcIndex, Integer.MAX_VALUE);
            return baseline;
        } else {
            ic.lateUnsupported[funcIndex] = reason;
            if (options.jitStrict()) {
                pending = new JitUnsupportedException(funcIndex, module.functionName(funcIndex), reason);
                NativeHeap.putInt(vmctx + ModuleVmctxLayout.TRAP_CODE, TrapAbi.abiCode(TrapCode.HOST_EXCEPTION));
                return 0;
            }
            RelocationTarget name = RelocationTarget.symbol("interp");
            CodeMemory m = CodeMemory.load(CodeImage.of(name, upcallOrTrap(wf.type(), wf.address())));
            keep(m, unused -> "wasm[" + funcIndex + "]_interpreter_upcall");
            address = m.addressOf(name);
            wf.setNativeCode(0);
            store.countLazyFallback(reason);
        }
        NativeHeap.putLong(vmctx + cm.layout().functionCodeOffset(funcIndex), address);
        setDirectoryEntry(wf.address(), address, vmctx, wf.typeId());
        return address;
    }

    private NativeCompiler lazyCompiler() {
        if (compiler == null) {
            compiler = new IrNativeCompiler(options.optLevel());
        }
        return compiler;
    }

    /**
     * The module of the instance at {@code vmctx} with every function compiled so far in this store
     * (what the code cache keeps after a run), or null when the vmctx is not an instance of this store
     * or its code was made for another than the default {@link Metering} (fuel, no loop polls).
     */
    public CompiledModule compiledSoFar(long vmctx, byte[] moduleHash) {
        InstanceCode ic = instanceCode.get(vmctx);
        if (ic != null && !ic.compiled.metering().equals(Metering.DEFAULT)) {
            return null; // code caches hold the default metering's code only
        }
        if (ic == null) {
            return null;
        }
        // tier-up compiles that finished after their function's last check: not installed, worth
        // keeping; the others mark their baseline code hot, so the next run asks for them at once
        FinishedCode[] late = ic.late.clone();
        boolean[] hot = new boolean[late.length];
        for (int i = 0; i < late.length; i++) {
            TierUpCompiler.Job job = ic.tierUps[i];
            if (late[i] == null && job != null && job.isDone() && job.code() != null) {
                late[i] = job.code();
            }
            hot[i] = job != null && !(job.isDone() && job.code() == null); // not when it failed
        }
        return ic.compiled.with(late, ic.lateUnsupported, ic.baselineMade, hot, ic.compiled.origin(), moduleHash);
    }

    /** "module.name" of the function import a thunk symbol ("importN") stands for. */
    private static String functionImportName(Module module, RelocationTarget.Symbol thunk) {
        int n = Integer.parseInt(thunk.name().substring("import".length()));
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof ImportDesc.Func && n-- == 0) {
                return imp.module() + "." + imp.name();
            }
        }
        return "?";
    }

    private void noteRange(CodeMemory m) {
        codeRanges.putIfAbsent(m.baseAddress(), new long[] {m.baseAddress(), m.baseAddress() + m.mappedSize()});
    }

    /**
     * The address ranges {start, end} of every code mapping this engine made or linked, closed
     * ones included: compiled modules (shared ones too), entry trampolines, thunks, the stack
     * probe. A W^X check tells wasmoon's mappings from HotSpot's by these addresses.
     */
    public List<long[]> codeRanges() {
        return List.copyOf(codeRanges.values());
    }

    /** Owns {@code m} until the engine closes, and names its code in the perf map when one is kept. */
    private void keep(CodeMemory m, Function<RelocationTarget, String> naming) {
        codeMemories.add(m);
        noteRange(m);
        if (perfMap != null) {
            perfMap.record(m, naming);
        }
    }

    // ------------------------------------------------------------------------------------------
    // calls

    /** Calls {@code f} in the JIT tier: on the wasm thread, natively when compiled. */
    public long[] invoke(RuntimeFunction f, long[] args) {
        return thread.call(() -> f instanceof WasmFunction wf && wf.isNative()
                ? callNative(wf, args)
                : store.interpreter.invoke(f, args));
    }

    private EntryTrampoline trampoline(FuncType type) {
        EntryTrampoline t = trampolines.get(type);
        if (t == null) {
            NativeSignature sig = NativeSignature.of(type);
            RelocationTarget name = RelocationTarget.symbol("entry");
            CodeMemory m = CodeMemory.load(CodeImage.of(name, ThunkAssembler.entryTrampoline(sig)));
            keep(m, unused -> "wasmoon::entry_trampoline " + type);
            t = new EntryTrampoline(sig, m, m.downcall(name, CallShapes.ENTRY));
            trampolines.put(type, t);
        }
        return t;
    }

    /**
     * Calls a natively compiled function through its signature's entry trampoline. Must run on
     * the wasm thread. Arguments and results are API-encoded.
     */
    public long[] callNative(WasmFunction f, long[] args) {
        return callNative(f, args, true);
    }

    /**
     * As {@link #callNative(WasmFunction, long[])}; {@code fromHost} false for a call from
     * interpreted wasm code (a function that ran in the interpreter while the JIT started calls
     * one that runs natively), which is an ordinary call, not a host entry: else every function
     * called from the interpreted start of a program would wait for its entry at its first loop
     * check ({@link #markHostEntered}).
     */
    public long[] callNative(WasmFunction f, long[] args, boolean fromHost) {
        if (fromHost && compilesAtFirstCall() && f.firstHostEntry()) {
            markHostEntered(f);
        }
        FuncType type = f.type();
        EntryTrampoline t = trampoline(type);
        List<ValType> params = type.params();
        int n = args.length; // the API's slots: two per v128, as argv holds them
        int resultSlots = wasm.runtime.ValueSlots.of(type.results());
        long saved = argTop;
        long bytes = 8L * (n + Math.max(1, resultSlots));
        if (argTop + bytes > ARG_STACK_BYTES) {
            throw new Trap("call stack exhausted");
        }
        long argv = argStack.address() + argTop;
        argTop += (bytes + 15) & -16;
        try {
            long[] slots = Interpreter.normalize(params, args.clone());
            for (int i = 0; i < n; i++) {
                NativeHeap.putLong(argv + 8L * i, slots[i]);
            }
            long resultv = argv + 8L * n;
            int rc;
            try {
                rc = (int) (long) t.handle().invokeExact(f.context.vmctx, f.nativeCode(), argv, resultv, 0L, 0L);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (rc != 0) {
                throw trapFor(rc);
            }
            long[] out = new long[resultSlots];
            for (int k = 0; k < out.length; k++) {
                out[k] = NativeHeap.getLong(resultv + 8L * k);
            }
            return Interpreter.normalize(type.results(), out);
        } finally {
            argTop = saved;
        }
    }

    private RuntimeException trapFor(int rc) {
        Trap trap = trapOf(rc);
        if (trap != null) {
            trap.appendFrames(nativeBacktrace());
            return trap;
        }
        Throwable t = pending;
        pending = null;
        return switch (t) {
            case RuntimeException re -> re;
            case Error er -> throw er;
            default -> new IllegalStateException(t);
        };
    }

    private void noteSpan(long start, int size, Module module, int funcIndex) {
        spans.put(start, new CodeSpan(start + size, module, funcIndex));
    }

    /**
     * The frames of the backtrace the landing pad recorded (see ThunkAssembler.recordBacktrace):
     * the trapping function, then each return address's function; addresses in glue are skipped.
     */
    private List<Trap.Frame> nativeBacktrace() {
        long sb = storeBlock.address();
        long end = NativeHeap.getLong(sb + ThunkAssembler.SB_TRACE_END);
        int n = (int) Math.max(0, Math.min(ThunkAssembler.MAX_TRACE, (end - ThunkAssembler.SB_TRACE) / 8));
        List<Trap.Frame> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long a = NativeHeap.getLong(sb + ThunkAssembler.SB_TRACE + 8L * i);
            // a return address may be the first byte after a call that ends its function
            Map.Entry<Long, CodeSpan> e = a == 0 ? null : spans.floorEntry(i == 0 ? a : a - 1);
            if (e != null && (i == 0 ? a : a - 1) < e.getValue().end()) {
                CodeSpan s = e.getValue();
                frames.add(new Trap.Frame(s.module().names().moduleName(), s.funcIndex(),
                        s.module().functionName(s.funcIndex())));
            }
        }
        return frames;
    }

    /** The trap a trampoline's return code stands for; null for a pending non-trap exception. */
    private Trap trapOf(int rc) {
        if (rc == TrapAbi.abiCode(TrapCode.HOST_EXCEPTION)) {
            Throwable t = pending;
            switch (t) {
                case null -> {
                    return new Trap(TrapCode.HOST_EXCEPTION.message());
                }
                case Trap tr -> {
                    pending = null;
                    return tr;
                }
                case StackOverflowError so -> {
                    pending = null;
                    return new Trap("call stack exhausted", so);
                }
                default -> {
                    return null;
                }
            }
        }
        if (rc == ThunkAssembler.UNKNOWN_TRAP) {
            return new Trap("unknown trap in native code");
        }
        TrapCode code = TrapAbi.fromAbiCode(rc);
        if (code == TrapCode.STACK_OVERFLOW && store.stopRequested()) {
            return StoreState.interruptedTrap();
        }
        if (TrapAbi.hasElementIndex(code)) {
            // like the reference interpreter: "uninitialized element 2" (index unsigned)
            long index = NativeHeap.getLong(storeBlock.address() + ThunkAssembler.SB_TRAP_DETAIL);
            return new Trap(code.message() + " " + Long.toUnsignedString(index));
        }
        return new Trap(code.message());
    }

    /** Native code calls a host or interpreted function. Never throws. */
    private int upcall(long vmctx, long funcAddr, long argv, long resultv) {
        try {
            RuntimeFunction f = store.function(funcAddr);
            List<ValType> params = f.type().params();
            long[] args = new long[wasm.runtime.ValueSlots.of(params)]; // two slots per v128, as argv
            for (int i = 0; i < args.length; i++) {
                args[i] = NativeHeap.getLong(argv + 8L * i);
            }
            long[] r = store.interpreter.invoke(f, Interpreter.normalize(params, args));
            // one result: the thunk's slot; several: the native caller's results area (ABI v2)
            for (int k = 0; k < r.length; k++) {
                NativeHeap.putLong(resultv + 8L * k, r[k]);
            }
            return 0;
        } catch (Throwable t) {
            pending = t;
            return 1;
        }
    }

    /** The MEMORY_GROW helper: memory {@code memory}'s old size in pages, or -1. Never throws. */
    private long memoryGrow(long vmctx, int memory, long deltaPages) {
        try {
            InstanceContext ctx = instances.get(vmctx);
            if (ctx == null) {
                return -1;
            }
            LinearMemory m = ctx.memories[memory];
            return m.grow(m.operand(deltaPages));
        } catch (Throwable t) {
            return -1;
        }
    }

    /** Ends the compile metrics of lazily compiled modules, frees the code and stops the wasm thread. */
    public void close() {
        for (InstanceCode ic : modules) {
            ic.metrics.end();
        }
        modules.clear();
        pendingLinks.clear(); // never linked: the run ended in the interpreter, compiling nothing
        for (CodeMemory m : codeMemories) {
            m.close();
        }
        codeMemories.clear();
        resources().run();
    }
}
