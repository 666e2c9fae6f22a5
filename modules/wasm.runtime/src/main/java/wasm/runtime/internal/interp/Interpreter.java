package wasm.runtime.internal.interp;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

import wasm.core.model.ValType;
import wasm.runtime.Trap;
import wasm.runtime.ValueSlots;
import wasm.runtime.internal.HostFunctionEntity;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.RuntimeFunction;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.Table;
import wasm.runtime.internal.WasmFunction;
import wasm.runtime.internal.memory.LinearMemory;

/**
 * The WebAssembly interpreter of one store. Executes {@link CompiledCode} with
 * a single dispatch loop over a {@code long[]} value stack; locals live at the
 * bottom of each frame on that stack. Wasm-to-wasm calls push a frame on an
 * explicit frame stack instead of recursing in Java, so recursion depth is
 * bounded by {@link #MAX_FRAMES} and {@link #MAX_STACK_SLOTS}, never by the
 * Java stack. Host functions may call back in: a re-entrant invocation starts
 * above the caller's live stack.
 *
 * <p>Value representation on the stack: i32 and f32 occupy the low 32 bits
 * (readers cast to int; upper bits are unspecified), i64/f64 the whole slot,
 * references the API encoding (-1 is null), a v128 two slots (low 64 bits
 * first), as in the API. Values are normalised where they leave the interpreter.
 */
public final class Interpreter {
    /** Maximum wasm call depth before "call stack exhausted". */
    public static final int MAX_FRAMES = 100_000;
    /** Maximum value-stack slots (8 bytes each) before "call stack exhausted". */
    public static final int MAX_STACK_SLOTS = 1 << 22;

    private static final long U32 = 0xFFFFFFFFL;
    private static final String OOB_MEMORY = "out of bounds memory access";

    /** Frames a trap records per invocation at most. */
    static final int MAX_BACKTRACE = 64;

    private final StoreState store;
    private long[] stack = new long[1024];
    /** First free slot for a new (possibly re-entrant) invocation. */
    private int stackTop;
    private CompiledCode[] frameCode = new CompiledCode[64];
    private int[] framePc = new int[64];
    private int[] frameFp = new int[64];
    private int depth;

    /** Whether function entries and loop back edges charge fuel ({@link wasm.runtime.RuntimeOptions#fuel()}). */
    private final boolean fuel;
    /**
     * Whether the JIT tier holds instances whose code it links once its set-up is ready
     * ({@link wasm.runtime.RuntimeOptions#interpretWhileJitStarts()}): their functions are not native
     * yet, and each call of one asks the engine whether it is now
     * ({@link wasm.runtime.internal.jit.JitEngine#nativeBeforeCall}).
     */
    private boolean jitStarting;

    public Interpreter(StoreState store) {
        this.store = store;
        this.fuel = store.options.fuel();
    }

    /** The JIT engine has instances to link (true) or has linked them (false). Wasm thread only. */
    public void jitStarting(boolean starting) {
        jitStarting = starting;
    }

    /**
     * A function entry's or a loop back edge's poll ({@link Op#POLL}), at the points where native code
     * polls: stops on an interruption, then charges a unit of fuel when metered.
     */
    private void poll() {
        if (store.stopRequested()) {
            throw StoreState.interruptedTrap();
        }
        if (fuel) {
            store.chargeFuel();
        }
    }

    /** Calls {@code f} with API-encoded arguments; returns API-encoded results (a v128 takes two longs). */
    public long[] invoke(RuntimeFunction f, long[] args) {
        int slots = ValueSlots.of(f.type().params());
        if (args.length != slots) {
            throw new IllegalArgumentException("expected " + slots + " argument slots, got " + args.length);
        }
        int base = stackTop;
        int baseDepth = depth;
        try {
            if (f instanceof HostFunctionEntity h) {
                return callHost(h, args);
            }
            if (f instanceof WasmFunction wf && (wf.isNative() || jitStarting && store.jit.nativeBeforeCall(wf))) {
                return store.jit.callNative(wf, args);
            }
            CompiledCode cc = ((WasmFunction) f).compiled();
            long[] s = ensureStack(base + cc.maxHeight);
            System.arraycopy(args, 0, s, base, args.length);
            int n = execute(cc, base, baseDepth);
            return normalize(f.type().results(), Arrays.copyOfRange(stack, base, base + n));
        } catch (StackOverflowError e) {
            // Only reachable through host re-entrancy chains: wasm calls do not use the Java stack.
            throw new Trap("call stack exhausted", e);
        } finally {
            stackTop = base;
            if (depth != baseDepth) {
                Arrays.fill(frameCode, baseDepth, depth, null);
                depth = baseDepth;
            }
        }
    }

    /**
     * The frames of this invocation from {@code innermost} out to {@code baseDepth}, innermost first,
     * at most {@link #MAX_BACKTRACE} of them (as the JIT tier records: a runaway recursion's trap
     * does not carry a hundred thousand frames).
     */
    private List<Trap.Frame> backtrace(CompiledCode innermost, int baseDepth) {
        List<Trap.Frame> frames = new java.util.ArrayList<>(Math.min(MAX_BACKTRACE, depth - baseDepth + 1));
        frames.add(frameOf(innermost));
        for (int d = depth - 1; d >= baseDepth && frames.size() < MAX_BACKTRACE; d--) {
            frames.add(frameOf(frameCode[d]));
        }
        return frames;
    }

    private static Trap.Frame frameOf(CompiledCode cc) {
        var module = cc.context.module;
        return new Trap.Frame(module.names().moduleName(), cc.funcIndex, module.functionName(cc.funcIndex));
    }

    /** Puts a stack value into the API's canonical encoding for its type. */
    public static long normalize(ValType type, long v) {
        return switch (type) {
            case I32 -> (int) v;
            case F32 -> v & U32;
            default -> v;
        };
    }

    /** Normalises {@code slots} in place, values of {@code types} laid out as in the API (a v128 is two slots). */
    public static long[] normalize(List<ValType> types, long[] slots) {
        int k = 0;
        for (ValType t : types) {
            slots[k] = normalize(t, slots[k]);
            k += ValueSlots.of(t);
        }
        return slots;
    }

    private long[] callHost(HostFunctionEntity h, long[] args) {
        long[] r = h.impl().call(normalize(h.type().params(), args.clone()));
        int n = ValueSlots.of(h.type().results());
        if (r == null ? n != 0 : r.length != n) {
            throw new IllegalStateException("host function returned " + (r == null ? 0 : r.length)
                    + " result slots, its type " + h.type() + " has " + n);
        }
        if (r == null) {
            return new long[0];
        }
        store.checkRefs(h.type().results(), r);
        return normalize(h.type().results(), r.clone());
    }

    private long[] ensureStack(int needed) {
        long[] s = stack;
        if (needed <= s.length) {
            return s;
        }
        if (needed > MAX_STACK_SLOTS) {
            throw new Trap("call stack exhausted");
        }
        int size = s.length;
        while (size < needed) {
            size *= 2;
        }
        stack = Arrays.copyOf(s, Math.min(size, MAX_STACK_SLOTS));
        return stack;
    }

    private void pushFrame(CompiledCode cc, int pc, int fp) {
        int d = depth;
        if (d >= MAX_FRAMES) {
            throw new Trap("call stack exhausted");
        }
        if (d == frameCode.length) {
            int n = Math.min(d * 2, MAX_FRAMES + 1);
            frameCode = Arrays.copyOf(frameCode, n);
            framePc = Arrays.copyOf(framePc, n);
            frameFp = Arrays.copyOf(frameFp, n);
        }
        frameCode[d] = cc;
        framePc[d] = pc;
        frameFp[d] = fp;
        depth = d + 1;
    }

    private static float f32(long v) {
        return Float.intBitsToFloat((int) v);
    }

    private static double f64(long v) {
        return Double.longBitsToDouble(v);
    }

    private static long bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    private static Trap oob() {
        return new Trap(OOB_MEMORY);
    }

    /**
     * Runs {@code entry} whose arguments are at {@code fp}; returns the result count, results
     * being left at {@code stack[fp..]}.
     */
    private int execute(CompiledCode entry, int fp, int baseDepth) {
        CompiledCode cur = entry;
        int[] code = cur.code;
        InstanceContext ctx = cur.context;
        LinearMemory mem = ctx.memory;
        MemorySegment seg = mem == null ? MemorySegment.NULL : mem.segment();
        long[] s = stack;
        if (cur.localInit != null) {
            System.arraycopy(cur.localInit, 0, s, fp + cur.numParams, cur.localInit.length);
        } else {
            cur.initLocalRuns(s, fp + cur.numParams);
        }
        int sp = fp + cur.numLocals;
        int pc = 0;
        for (;;) try {
            RuntimeFunction callee;
            boolean tail;
            int op = code[pc++];
            switch (op) {
                case Op.UNREACHABLE:
                    throw new Trap("unreachable");
                case Op.NOP:
                    continue;
                case Op.POLL:
                    poll();
                    continue;
                case Op.JUMP:
                    pc = code[pc];
                    continue;
                case Op.JUMP_IF:
                    if ((int) s[--sp] != 0) {
                        pc = code[pc];
                    } else {
                        pc++;
                    }
                    continue;
                case Op.JUMP_IF_ZERO:
                    if ((int) s[--sp] == 0) {
                        pc = code[pc];
                    } else {
                        pc++;
                    }
                    continue;
                case Op.BR_ADJUST: {
                    int arity = code[pc + 1];
                    int dst = fp + code[pc + 2];
                    System.arraycopy(s, sp - arity, s, dst, arity);
                    sp = dst + arity;
                    pc = code[pc];
                    continue;
                }
                case Op.BR_IF_ADJUST:
                    if ((int) s[--sp] != 0) {
                        int arity = code[pc + 1];
                        int dst = fp + code[pc + 2];
                        System.arraycopy(s, sp - arity, s, dst, arity);
                        sp = dst + arity;
                        pc = code[pc];
                    } else {
                        pc += 3;
                    }
                    continue;
                case Op.BR_TABLE_ADJUST: {
                    int count = code[pc];
                    int i = (int) s[--sp];
                    int entryPos = pc + 1 + 3 * (Integer.compareUnsigned(i, count) < 0 ? i : count);
                    int arity = code[entryPos + 1];
                    int dst = fp + code[entryPos + 2];
                    if (dst != sp - arity) {
                        System.arraycopy(s, sp - arity, s, dst, arity);
                        sp = dst + arity;
                    }
                    pc = code[entryPos];
                    continue;
                }
                case Op.RETURN: {
                    int n = cur.numResults;
                    if (n == 1) {
                        s[fp] = s[sp - 1];
                    } else if (n != 0) {
                        System.arraycopy(s, sp - n, s, fp, n);
                    }
                    sp = fp + n;
                    int d = depth;
                    if (d == baseDepth) {
                        return n;
                    }
                    d--;
                    depth = d;
                    cur = frameCode[d];
                    frameCode[d] = null;
                    pc = framePc[d];
                    fp = frameFp[d];
                    code = cur.code;
                    if (cur.context != ctx) {
                        ctx = cur.context;
                        mem = ctx.memory;
                        seg = mem == null ? MemorySegment.NULL : mem.segment();
                    }
                    continue;
                }
                case Op.CALL:
                    callee = ctx.functions[code[pc++]];
                    tail = false;
                    break;
                case Op.CALL_INDIRECT: {
                    int typeIndex = code[pc++];
                    Table table = ctx.tables[code[pc++]];
                    int i = (int) s[--sp];
                    if (Integer.compareUnsigned(i, table.size()) >= 0) {
                        // the reference interpreter names the index: "undefined element 7"
                        throw new Trap("undefined element " + Integer.toUnsignedString(i));
                    }
                    long ref = table.getUnchecked(i);
                    if (ref == -1L) {
                        throw new Trap("uninitialized element " + Integer.toUnsignedString(i));
                    }
                    callee = store.function(ref);
                    if (callee == null || callee.typeId() != ctx.typeIds[typeIndex]) {
                        throw new Trap("indirect call type mismatch");
                    }
                    tail = false;
                    break;
                }
                case Op.CALL_INDIRECT_64:
                    callee = OutOfLineOps.indirectCallee(store, ctx, code[pc], code[pc + 1], s[--sp]);
                    pc += 2;
                    tail = false;
                    break;
                case Op.RETURN_CALL:
                    callee = ctx.functions[code[pc++]];
                    tail = true;
                    break;
                case Op.RETURN_CALL_INDIRECT:
                    callee = OutOfLineOps.indirectCallee(store, ctx, code[pc], code[pc + 1], s[--sp] & U32);
                    pc += 2;
                    tail = true;
                    break;
                case Op.RETURN_CALL_INDIRECT_64:
                    callee = OutOfLineOps.indirectCallee(store, ctx, code[pc], code[pc + 1], s[--sp]);
                    pc += 2;
                    tail = true;
                    break;
                case Op.DROP:
                    sp--;
                    continue;
                case Op.LOCAL_GET_V128: {
                    int a = fp + code[pc++];
                    s[sp] = s[a];
                    s[sp + 1] = s[a + 1];
                    sp += 2;
                    continue;
                }
                case Op.LOCAL_SET_V128: {
                    int a = fp + code[pc++];
                    s[a] = s[sp - 2];
                    s[a + 1] = s[sp - 1];
                    sp -= 2;
                    continue;
                }
                case Op.LOCAL_TEE_V128: {
                    int a = fp + code[pc++];
                    s[a] = s[sp - 2];
                    s[a + 1] = s[sp - 1];
                    continue;
                }
                case Op.DROP_V128:
                    sp -= 2;
                    continue;
                case Op.SELECT:
                    if ((int) s[sp - 1] == 0) {
                        s[sp - 3] = s[sp - 2];
                    }
                    sp -= 2;
                    continue;
                case Op.LOCAL_GET2:
                    s[sp] = s[fp + code[pc]];
                    s[sp + 1] = s[fp + code[pc + 1]];
                    sp += 2;
                    pc += 2;
                    continue;
                case Op.LOCAL_SET_GET:
                    s[fp + code[pc]] = s[sp - 1];
                    s[sp - 1] = s[fp + code[pc + 1]];
                    pc += 2;
                    continue;
                case Op.LOCAL_I32_ADD_CONST:
                    s[sp++] = (int) s[fp + code[pc]] + code[pc + 1];
                    pc += 2;
                    continue;
                case Op.I32_ADD_CONST:
                    s[sp - 1] = (int) s[sp - 1] + code[pc++];
                    continue;
                case Op.I32_EQ_JUMP:
                    sp -= 2;
                    pc = (int) s[sp] == (int) s[sp + 1] ? code[pc] : pc + 1;
                    continue;
                case Op.I32_NE_JUMP:
                    sp -= 2;
                    pc = (int) s[sp] != (int) s[sp + 1] ? code[pc] : pc + 1;
                    continue;
                case Op.I32_LT_S_JUMP:
                    sp -= 2;
                    pc = (int) s[sp] < (int) s[sp + 1] ? code[pc] : pc + 1;
                    continue;
                case Op.I32_GT_S_JUMP:
                    sp -= 2;
                    pc = (int) s[sp] > (int) s[sp + 1] ? code[pc] : pc + 1;
                    continue;
                case Op.I32_LE_S_JUMP:
                    sp -= 2;
                    pc = (int) s[sp] <= (int) s[sp + 1] ? code[pc] : pc + 1;
                    continue;
                case Op.I32_GE_S_JUMP:
                    sp -= 2;
                    pc = (int) s[sp] >= (int) s[sp + 1] ? code[pc] : pc + 1;
                    continue;
                case Op.I32_LT_U_JUMP:
                    sp -= 2;
                    pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) < 0 ? code[pc] : pc + 1;
                    continue;
                case Op.I32_GT_U_JUMP:
                    sp -= 2;
                    pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) > 0 ? code[pc] : pc + 1;
                    continue;
                case Op.I32_LE_U_JUMP:
                    sp -= 2;
                    pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) <= 0 ? code[pc] : pc + 1;
                    continue;
                case Op.I32_GE_U_JUMP:
                    sp -= 2;
                    pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) >= 0 ? code[pc] : pc + 1;
                    continue;
                case Op.I32_ROTL:
                    s[sp - 2] = Integer.rotateLeft((int) s[sp - 2], (int) s[sp - 1]);
                    sp--;
                    continue;
                case Op.I32_ROTR:
                    s[sp - 2] = Integer.rotateRight((int) s[sp - 2], (int) s[sp - 1]);
                    sp--;
                    continue;
                case Op.I64_ROTL:
                    s[sp - 2] = Long.rotateLeft(s[sp - 2], (int) s[sp - 1]);
                    sp--;
                    continue;
                case Op.I64_ROTR:
                    s[sp - 2] = Long.rotateRight(s[sp - 2], (int) s[sp - 1]);
                    sp--;
                    continue;
                case Op.LOCAL_GET:
                    s[sp++] = s[fp + code[pc++]];
                    continue;
                case Op.LOCAL_SET:
                    s[fp + code[pc++]] = s[--sp];
                    continue;
                case Op.LOCAL_TEE:
                    s[fp + code[pc++]] = s[sp - 1];
                    continue;
                case Op.GLOBAL_GET:
                    s[sp++] = ctx.globals[code[pc++]].get();
                    continue;
                case Op.GLOBAL_SET:
                    ctx.globals[code[pc++]].set(s[--sp]);
                    continue;

                // ---- memory -------------------------------------------------------------
                case Op.I32_LOAD, Op.F32_LOAD: {
                    long ea = (s[sp - 1] & U32) + (code[pc++] & U32);
                    if (ea > mem.byteSize() - 4) {
                        throw oob();
                    }
                    s[sp - 1] = seg.get(LinearMemory.I32, ea);
                    continue;
                }
                case Op.I32_LOAD_LOCAL: {
                    long ea = (s[fp + code[pc]] & U32) + (code[pc + 1] & U32);
                    if (ea > mem.byteSize() - 4) {
                        throw oob();
                    }
                    s[sp++] = seg.get(LinearMemory.I32, ea);
                    pc += 2;
                    continue;
                }
                case Op.I64_LOAD_LOCAL: {
                    long ea = (s[fp + code[pc]] & U32) + (code[pc + 1] & U32);
                    if (ea > mem.byteSize() - 8) {
                        throw oob();
                    }
                    s[sp++] = seg.get(LinearMemory.I64, ea);
                    pc += 2;
                    continue;
                }
                case Op.I64_LOAD, Op.F64_LOAD: {
                    long ea = (s[sp - 1] & U32) + (code[pc++] & U32);
                    if (ea > mem.byteSize() - 8) {
                        throw oob();
                    }
                    s[sp - 1] = seg.get(LinearMemory.I64, ea);
                    continue;
                }
                case Op.I32_LOAD8_S, Op.I64_LOAD8_S: {
                    long ea = (s[sp - 1] & U32) + (code[pc++] & U32);
                    if (ea >= mem.byteSize()) {
                        throw oob();
                    }
                    s[sp - 1] = seg.get(LinearMemory.I8, ea);
                    continue;
                }
                case Op.I32_LOAD8_U, Op.I64_LOAD8_U: {
                    long ea = (s[sp - 1] & U32) + (code[pc++] & U32);
                    if (ea >= mem.byteSize()) {
                        throw oob();
                    }
                    s[sp - 1] = seg.get(LinearMemory.I8, ea) & 0xFFL;
                    continue;
                }
                case Op.I32_LOAD16_S, Op.I64_LOAD16_S: {
                    long ea = (s[sp - 1] & U32) + (code[pc++] & U32);
                    if (ea > mem.byteSize() - 2) {
                        throw oob();
                    }
                    s[sp - 1] = seg.get(LinearMemory.I16, ea);
                    continue;
                }
                case Op.I32_LOAD16_U, Op.I64_LOAD16_U: {
                    long ea = (s[sp - 1] & U32) + (code[pc++] & U32);
                    if (ea > mem.byteSize() - 2) {
                        throw oob();
                    }
                    s[sp - 1] = seg.get(LinearMemory.I16, ea) & 0xFFFFL;
                    continue;
                }
                case Op.I64_LOAD32_S: {
                    long ea = (s[sp - 1] & U32) + (code[pc++] & U32);
                    if (ea > mem.byteSize() - 4) {
                        throw oob();
                    }
                    s[sp - 1] = seg.get(LinearMemory.I32, ea);
                    continue;
                }
                case Op.I64_LOAD32_U: {
                    long ea = (s[sp - 1] & U32) + (code[pc++] & U32);
                    if (ea > mem.byteSize() - 4) {
                        throw oob();
                    }
                    s[sp - 1] = seg.get(LinearMemory.I32, ea) & U32;
                    continue;
                }
                case Op.I32_STORE, Op.F32_STORE, Op.I64_STORE32: {
                    long ea = (s[sp - 2] & U32) + (code[pc++] & U32);
                    if (ea > mem.byteSize() - 4) {
                        throw oob();
                    }
                    seg.set(LinearMemory.I32, ea, (int) s[sp - 1]);
                    sp -= 2;
                    continue;
                }
                case Op.I64_STORE, Op.F64_STORE: {
                    long ea = (s[sp - 2] & U32) + (code[pc++] & U32);
                    if (ea > mem.byteSize() - 8) {
                        throw oob();
                    }
                    seg.set(LinearMemory.I64, ea, s[sp - 1]);
                    sp -= 2;
                    continue;
                }
                case Op.I32_STORE8, Op.I64_STORE8: {
                    long ea = (s[sp - 2] & U32) + (code[pc++] & U32);
                    if (ea >= mem.byteSize()) {
                        throw oob();
                    }
                    seg.set(LinearMemory.I8, ea, (byte) s[sp - 1]);
                    sp -= 2;
                    continue;
                }
                case Op.I32_STORE16, Op.I64_STORE16: {
                    long ea = (s[sp - 2] & U32) + (code[pc++] & U32);
                    if (ea > mem.byteSize() - 2) {
                        throw oob();
                    }
                    seg.set(LinearMemory.I16, ea, (short) s[sp - 1]);
                    sp -= 2;
                    continue;
                }

                // ---- constants and references ------------------------------------------
                case Op.I32_CONST, Op.F32_CONST:
                    s[sp++] = code[pc++];
                    continue;
                case Op.I64_CONST:
                    s[sp++] = (code[pc] & U32) | ((long) code[pc + 1] << 32);
                    pc += 2;
                    continue;

                // ---- i32 ------------------------------------------------------------------
                case Op.I32_EQZ:
                    s[sp - 1] = (int) s[sp - 1] == 0 ? 1 : 0;
                    continue;
                case Op.I32_EQ:
                    s[sp - 2] = (int) s[sp - 2] == (int) s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_NE:
                    s[sp - 2] = (int) s[sp - 2] != (int) s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_LT_S:
                    s[sp - 2] = (int) s[sp - 2] < (int) s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_LT_U:
                    s[sp - 2] = Integer.compareUnsigned((int) s[sp - 2], (int) s[sp - 1]) < 0 ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_GT_S:
                    s[sp - 2] = (int) s[sp - 2] > (int) s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_GT_U:
                    s[sp - 2] = Integer.compareUnsigned((int) s[sp - 2], (int) s[sp - 1]) > 0 ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_LE_S:
                    s[sp - 2] = (int) s[sp - 2] <= (int) s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_LE_U:
                    s[sp - 2] = Integer.compareUnsigned((int) s[sp - 2], (int) s[sp - 1]) <= 0 ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_GE_S:
                    s[sp - 2] = (int) s[sp - 2] >= (int) s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_GE_U:
                    s[sp - 2] = Integer.compareUnsigned((int) s[sp - 2], (int) s[sp - 1]) >= 0 ? 1 : 0;
                    sp--;
                    continue;
                case Op.I32_ADD:
                    s[sp - 2] = (int) s[sp - 2] + (int) s[sp - 1];
                    sp--;
                    continue;
                case Op.I32_SUB:
                    s[sp - 2] = (int) s[sp - 2] - (int) s[sp - 1];
                    sp--;
                    continue;
                case Op.I32_MUL:
                    s[sp - 2] = (int) s[sp - 2] * (int) s[sp - 1];
                    sp--;
                    continue;
                case Op.I32_DIV_S:
                    s[sp - 2] = Numerics.divS((int) s[sp - 2], (int) s[sp - 1]);
                    sp--;
                    continue;
                case Op.I32_DIV_U:
                    s[sp - 2] = Numerics.divU((int) s[sp - 2], (int) s[sp - 1]);
                    sp--;
                    continue;
                case Op.I32_REM_S:
                    s[sp - 2] = Numerics.remS((int) s[sp - 2], (int) s[sp - 1]);
                    sp--;
                    continue;
                case Op.I32_REM_U:
                    s[sp - 2] = Numerics.remU((int) s[sp - 2], (int) s[sp - 1]);
                    sp--;
                    continue;
                case Op.I32_AND:
                    s[sp - 2] = (int) s[sp - 2] & (int) s[sp - 1];
                    sp--;
                    continue;
                case Op.I32_OR:
                    s[sp - 2] = (int) s[sp - 2] | (int) s[sp - 1];
                    sp--;
                    continue;
                case Op.I32_XOR:
                    s[sp - 2] = (int) s[sp - 2] ^ (int) s[sp - 1];
                    sp--;
                    continue;
                case Op.I32_SHL:
                    s[sp - 2] = (int) s[sp - 2] << (int) s[sp - 1];
                    sp--;
                    continue;
                case Op.I32_SHR_S:
                    s[sp - 2] = (int) s[sp - 2] >> (int) s[sp - 1];
                    sp--;
                    continue;
                case Op.I32_SHR_U:
                    s[sp - 2] = (int) s[sp - 2] >>> (int) s[sp - 1];
                    sp--;
                    continue;

                // ---- i64 ------------------------------------------------------------------
                case Op.I64_EQZ:
                    s[sp - 1] = s[sp - 1] == 0 ? 1 : 0;
                    continue;
                case Op.I64_EQ:
                    s[sp - 2] = s[sp - 2] == s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_NE:
                    s[sp - 2] = s[sp - 2] != s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_LT_S:
                    s[sp - 2] = s[sp - 2] < s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_LT_U:
                    s[sp - 2] = Long.compareUnsigned(s[sp - 2], s[sp - 1]) < 0 ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_GT_S:
                    s[sp - 2] = s[sp - 2] > s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_GT_U:
                    s[sp - 2] = Long.compareUnsigned(s[sp - 2], s[sp - 1]) > 0 ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_LE_S:
                    s[sp - 2] = s[sp - 2] <= s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_LE_U:
                    s[sp - 2] = Long.compareUnsigned(s[sp - 2], s[sp - 1]) <= 0 ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_GE_S:
                    s[sp - 2] = s[sp - 2] >= s[sp - 1] ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_GE_U:
                    s[sp - 2] = Long.compareUnsigned(s[sp - 2], s[sp - 1]) >= 0 ? 1 : 0;
                    sp--;
                    continue;
                case Op.I64_ADD:
                    s[sp - 2] += s[sp - 1];
                    sp--;
                    continue;
                case Op.I64_SUB:
                    s[sp - 2] -= s[sp - 1];
                    sp--;
                    continue;
                case Op.I64_MUL:
                    s[sp - 2] *= s[sp - 1];
                    sp--;
                    continue;
                case Op.I64_DIV_S:
                    s[sp - 2] = Numerics.divS(s[sp - 2], s[sp - 1]);
                    sp--;
                    continue;
                case Op.I64_DIV_U:
                    s[sp - 2] = Numerics.divU(s[sp - 2], s[sp - 1]);
                    sp--;
                    continue;
                case Op.I64_REM_S:
                    s[sp - 2] = Numerics.remS(s[sp - 2], s[sp - 1]);
                    sp--;
                    continue;
                case Op.I64_REM_U:
                    s[sp - 2] = Numerics.remU(s[sp - 2], s[sp - 1]);
                    sp--;
                    continue;
                case Op.I64_AND:
                    s[sp - 2] &= s[sp - 1];
                    sp--;
                    continue;
                case Op.I64_OR:
                    s[sp - 2] |= s[sp - 1];
                    sp--;
                    continue;
                case Op.I64_XOR:
                    s[sp - 2] ^= s[sp - 1];
                    sp--;
                    continue;
                case Op.I64_SHL:
                    s[sp - 2] <<= s[sp - 1];
                    sp--;
                    continue;
                case Op.I64_SHR_S:
                    s[sp - 2] >>= s[sp - 1];
                    sp--;
                    continue;
                case Op.I64_SHR_U:
                    s[sp - 2] >>>= s[sp - 1];
                    sp--;
                    continue;

                // ---- f32 ------------------------------------------------------------------
                case Op.F32_EQ:
                    s[sp - 2] = f32(s[sp - 2]) == f32(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F32_NE:
                    s[sp - 2] = f32(s[sp - 2]) != f32(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F32_LT:
                    s[sp - 2] = f32(s[sp - 2]) < f32(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F32_GT:
                    s[sp - 2] = f32(s[sp - 2]) > f32(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F32_LE:
                    s[sp - 2] = f32(s[sp - 2]) <= f32(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F32_GE:
                    s[sp - 2] = f32(s[sp - 2]) >= f32(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F32_ADD:
                    s[sp - 2] = bits(f32(s[sp - 2]) + f32(s[sp - 1]));
                    sp--;
                    continue;
                case Op.F32_SUB:
                    s[sp - 2] = bits(f32(s[sp - 2]) - f32(s[sp - 1]));
                    sp--;
                    continue;
                case Op.F32_MUL:
                    s[sp - 2] = bits(f32(s[sp - 2]) * f32(s[sp - 1]));
                    sp--;
                    continue;
                case Op.F32_DIV:
                    s[sp - 2] = bits(f32(s[sp - 2]) / f32(s[sp - 1]));
                    sp--;
                    continue;

                // ---- f64 ------------------------------------------------------------------
                case Op.F64_EQ:
                    s[sp - 2] = f64(s[sp - 2]) == f64(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F64_NE:
                    s[sp - 2] = f64(s[sp - 2]) != f64(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F64_LT:
                    s[sp - 2] = f64(s[sp - 2]) < f64(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F64_GT:
                    s[sp - 2] = f64(s[sp - 2]) > f64(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F64_LE:
                    s[sp - 2] = f64(s[sp - 2]) <= f64(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F64_GE:
                    s[sp - 2] = f64(s[sp - 2]) >= f64(s[sp - 1]) ? 1 : 0;
                    sp--;
                    continue;
                case Op.F64_ADD:
                    s[sp - 2] = bits(f64(s[sp - 2]) + f64(s[sp - 1]));
                    sp--;
                    continue;
                case Op.F64_SUB:
                    s[sp - 2] = bits(f64(s[sp - 2]) - f64(s[sp - 1]));
                    sp--;
                    continue;
                case Op.F64_MUL:
                    s[sp - 2] = bits(f64(s[sp - 2]) * f64(s[sp - 1]));
                    sp--;
                    continue;
                case Op.F64_DIV:
                    s[sp - 2] = bits(f64(s[sp - 2]) / f64(s[sp - 1]));
                    sp--;
                    continue;

                // ---- conversions ----------------------------------------------------------
                case Op.I32_WRAP_I64:
                    s[sp - 1] = (int) s[sp - 1];
                    continue;
                case Op.I64_EXTEND_I32_S:
                    s[sp - 1] = (int) s[sp - 1];
                    continue;
                case Op.I64_EXTEND_I32_U:
                    s[sp - 1] &= U32;
                    continue;
                case Op.I32_REINTERPRET_F32, Op.F32_REINTERPRET_I32, Op.I64_REINTERPRET_F64,
                     Op.F64_REINTERPRET_I64:
                    // Same bits; i32/f32 readers only look at the low 32 bits.
                    continue;
                case Op.I32_EXTEND8_S, Op.I64_EXTEND8_S:
                    s[sp - 1] = (byte) s[sp - 1];
                    continue;

                // ---- tables -------------------------------------------------------------
                default:
                    // SIMD and rare instructions run out of line to keep this method small enough for C2.
                    if (op >= Op.SIMD_BASE) {
                        sp = VectorOps.execute(op, s, sp, code, pc, ctx);
                        pc += VectorOps.immediates(op);
                    } else {
                        sp = OutOfLineOps.execute(op, s, sp, code, pc, ctx);
                        pc += OutOfLineOps.immediates(op);
                    }
                    continue;
            }

            // ---- call sequence (the calls and tail calls break out of the switch to here) ----
            if (callee instanceof WasmFunction wf && !wf.isNative()
                    && !(jitStarting && store.jit.nativeBeforeCall(wf))) {
                CompiledCode next = wf.compiled();
                if (tail) {
                    // The callee takes over this frame: its arguments move down to the frame pointer.
                    int n = next.numParams;
                    System.arraycopy(s, sp - n, s, fp, n);
                    sp = fp + n;
                } else {
                    pushFrame(cur, pc, fp);
                }
                fp = sp - next.numParams;
                if (fp + next.maxHeight > s.length) {
                    s = ensureStack(fp + next.maxHeight);
                }
                long[] init = next.localInit;
                int base = fp + next.numParams;
                if (init != null) {
                    for (int i = 0; i < init.length; i++) {
                        s[base + i] = init[i];
                    }
                } else {
                    next.initLocalRuns(s, base);
                }
                sp = fp + next.numLocals;
                cur = next;
                code = next.code;
                pc = 0;
                if (next.context != ctx) {
                    ctx = next.context;
                    mem = ctx.memory;
                    seg = mem == null ? MemorySegment.NULL : mem.segment();
                }
            } else {
                int n = ValueSlots.of(callee.type().params());
                long[] args = Arrays.copyOfRange(s, sp - n, sp);
                sp -= n;
                stackTop = sp;
                long[] results = callee instanceof HostFunctionEntity h
                        ? callHost(h, args)
                        : store.jit.callNative((WasmFunction) callee, args, false);
                s = stack;
                for (long r : results) {
                    s[sp++] = r;
                }
            }
        } catch (Trap t) {
            // a try region is an exception-table entry (entering it runs no instruction); on a trap,
            // this function and its callers join the backtrace
            t.appendFrames(backtrace(cur, baseDepth));
            throw t;
        }
    }
}
