package wasm.ir.interp;

import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.TrapCode;
import wasm.ir.Type;

/**
 * Executes an IR function with exact Wasm semantics, traps included: the oracle
 * for the translator, every optimisation pass and the backend. Values are raw
 * 64-bit patterns (i32 sign-extended, f32 bits in the low half, references with
 * null = -1); a v128 keeps its high 64 bits in a second register file and takes
 * two longs among arguments and results (low half first). vmctx (entry parameter
 * 0) is 0 here, the environment stands in for it.
 */
public final class IrInterpreter {
    private final long fuelLimit;
    private long fuel;

    /** An interpreter that stops with {@link OutOfFuelException} after {@code fuel} instructions per {@link #run}. */
    public IrInterpreter(long fuel) {
        this.fuelLimit = fuel;
    }

    public IrInterpreter() {
        this(Long.MAX_VALUE);
    }

    /** Runs {@code f} with Wasm arguments {@code args} (no vmctx); returns the results. */
    public long[] run(Function f, IrEnvironment env, long... args) {
        fuel = fuelLimit;
        return execute(f, env, args);
    }

    /** Runs a nested call (from an environment's {@code call}) sharing the current fuel budget. */
    public long[] continueWith(Function f, IrEnvironment env, long... args) {
        return execute(f, env, args);
    }

    private long[] execute(Function f, IrEnvironment env, long[] args) {
        long[] regs = new long[f.valueCount()];
        long[] high = new long[f.valueCount()];
        long[] buf = new long[8];
        long[] bufHigh = new long[8];
        int block = f.entryBlock();
        int np = f.blockParamCount(block);
        regs[f.blockParam(block, 0)] = 0;
        int slot = 0;
        for (int k = 1; k < np; k++) {
            int p = f.blockParam(block, k);
            if (slot >= args.length) {
                throw new IllegalArgumentException("too few argument longs: " + args.length);
            }
            regs[p] = PureSemantics.normalize(f.valueType(p), args[slot++]);
            if (f.valueType(p) == Type.V128) {
                high[p] = args[slot++];
            }
        }
        if (slot != args.length) {
            throw new IllegalArgumentException("expected " + slot + " argument longs, got " + args.length);
        }
        while (true) {
            int next = -1;
            for (int i = f.firstInst(block); i >= 0; i = f.nextInst(i)) {
                if (--fuel < 0) {
                    throw new OutOfFuelException();
                }
                IrOpcode op = f.opcode(i);
                if (op.isTerminator()) {
                    int t;
                    switch (op) {
                        case JUMP -> t = 0;
                        case BRIF -> t = regs[f.arg(i, 0)] != 0 ? 0 : 1;
                        case BR_TABLE -> {
                            long idx = regs[f.arg(i, 0)] & 0xFFFF_FFFFL;
                            int n = f.targetCount(i) - 1;
                            t = idx < n ? (int) idx + 1 : 0;
                        }
                        case RETURN -> {
                            return slots(f, regs, high, i, 0);
                        }
                        case TRAP -> throw new IrTrap(TrapCode.byOrdinal((int) f.imm(i)));
                        case RETURN_CALL, RETURN_CALL_INDIRECT -> {
                            // the oracle returns the callee's results as its own: a Java call, not
                            // frame reuse (the tiers that run programs make the call a real tail call)
                            return invoke(f, env, i, op, regs, high);
                        }
                        default -> throw new IllegalStateException(op.text());
                    }
                    next = f.targetBlock(i, t);
                    int n = f.targetArgCount(i, t);
                    if (buf.length < n) {
                        buf = new long[n * 2];
                        bufHigh = new long[n * 2];
                    }
                    for (int k = 0; k < n; k++) {
                        buf[k] = regs[f.targetArg(i, t, k)];
                        bufHigh[k] = high[f.targetArg(i, t, k)];
                    }
                    for (int k = 0; k < n; k++) {
                        regs[f.blockParam(next, k)] = buf[k];
                        high[f.blockParam(next, k)] = bufHigh[k];
                    }
                    break;
                }
                if (op.isVector() || f.ctrlType(i) == Type.V128 || f.resultCount(i) == 1
                        && f.valueType(f.firstResult(i)) == Type.V128) {
                    vector(f, env, i, op, regs, high);
                } else {
                    step(f, env, i, op, regs, high);
                }
            }
            if (next < 0) {
                throw new IllegalStateException("block" + block + " has no terminator");
            }
            block = next;
        }
    }

    /**
     * A call of any kind (call, call_indirect and their tail forms): call_indirect's checks in the
     * spec's order, then the callee; returns its results in the argument encoding.
     */
    private static long[] invoke(Function f, IrEnvironment env, int i, IrOpcode op, long[] regs, long[] high) {
        boolean direct = op == IrOpcode.CALL || op == IrOpcode.RETURN_CALL;
        long[] callArgs = slots(f, regs, high, i, direct ? 0 : 1);
        if (direct) {
            return env.call((int) f.imm(i), callArgs);
        }
        int table = f.imm2(i);
        long idx = unsigned(f, i, 0, regs[f.arg(i, 0)]);
        if (!inBounds(idx, 1, env.tableSize(table))) {
            throw new IrTrap(TrapCode.UNDEFINED_ELEMENT);
        }
        long ref = env.tableGet(table, (int) idx);
        if (ref == -1) {
            throw new IrTrap(TrapCode.UNINITIALIZED_ELEMENT);
        }
        if (!env.funcRefMatches(ref, (int) f.imm(i))) {
            throw new IrTrap(TrapCode.BAD_SIGNATURE);
        }
        return env.callRef(ref, callArgs);
    }

    /** Operands {@code from..} of {@code i} in the argument encoding: one long each, two for a v128. */
    private static long[] slots(Function f, long[] regs, long[] high, int i, int from) {
        int n = 0;
        for (int k = from; k < f.argCount(i); k++) {
            n += f.valueType(f.arg(i, k)) == Type.V128 ? 2 : 1;
        }
        long[] out = new long[n];
        int s = 0;
        for (int k = from; k < f.argCount(i); k++) {
            int v = f.arg(i, k);
            out[s++] = regs[v];
            if (f.valueType(v) == Type.V128) {
                out[s++] = high[v];
            }
        }
        return out;
    }

    /** Instructions that read or make v128 values. */
    private void vector(Function f, IrEnvironment env, int i, IrOpcode op, long[] regs, long[] high) {
        Type t = f.ctrlType(i);
        int na = f.argCount(i);
        if (VectorSemantics.covers(op)) {
            long[] in = new long[6];
            for (int k = 0; k < na; k++) {
                in[2 * k] = regs[f.arg(i, k)];
                in[2 * k + 1] = high[f.arg(i, k)];
            }
            long[] out = new long[2];
            VectorSemantics.evaluate(op, t, f.imm(i), f.imm2(i), in, out);
            int r = f.firstResult(i);
            regs[r] = out[0];
            high[r] = f.valueType(r) == Type.V128 ? out[1] : 0;
            return;
        }
        long lo;
        long hi;
        switch (op) {
            case LOAD -> {
                int memory = f.memoryOf(i);
                long ea = address(env, memory, unsigned(f, i, 0, regs[f.arg(i, 0)]), f.imm(i), 16, f, i);
                lo = env.load(memory, ea, 8);
                hi = env.load(memory, ea + 8, 8);
            }
            case STORE -> {
                int memory = f.memoryOf(i);
                long ea = address(env, memory, unsigned(f, i, 1, regs[f.arg(i, 1)]), f.imm(i), 16, f, i);
                env.store(memory, ea, 8, regs[f.arg(i, 0)]);
                env.store(memory, ea + 8, 8, high[f.arg(i, 0)]);
                return;
            }
            case VSLOAD_EXTEND, VULOAD_EXTEND -> {
                int memory = f.memoryOf(i);
                long ea = address(env, memory, unsigned(f, i, 0, regs[f.arg(i, 0)]), f.imm(i), 8, f, i);
                long raw = env.load(memory, ea, 8);
                Type half = switch (t) {
                    case I16X8 -> Type.I8X16;
                    case I32X4 -> Type.I16X8;
                    default -> Type.I32X4;
                };
                long[] narrow = VectorSemantics.lanes(half, raw, 0);
                long[] wide = new long[t.lanes()];
                int bits = 64 / t.lanes();
                for (int k = 0; k < wide.length; k++) {
                    wide[k] = op == IrOpcode.VSLOAD_EXTEND ? narrow[k] : narrow[k] & ((1L << bits) - 1);
                }
                long[] v = VectorSemantics.pack(t, wide);
                lo = v[0];
                hi = v[1];
            }
            case VLOAD_SPLAT, VLOAD_ZERO -> {
                int bytes = t.laneBytes();
                int memory = f.memoryOf(i);
                long ea = address(env, memory, unsigned(f, i, 0, regs[f.arg(i, 0)]), f.imm(i), bytes, f, i);
                long[] lanes = new long[t.lanes()];
                long value = env.load(memory, ea, bytes);
                if (op == IrOpcode.VLOAD_SPLAT) {
                    java.util.Arrays.fill(lanes, value);
                } else {
                    lanes[0] = value;
                }
                long[] v = VectorSemantics.pack(t, lanes);
                lo = v[0];
                hi = v[1];
            }
            case VLOAD_LANE -> {
                int bytes = t.laneBytes();
                int memory = f.memoryOf(i);
                long ea = address(env, memory, unsigned(f, i, 0, regs[f.arg(i, 0)]), f.imm(i), bytes, f, i);
                int vec = f.arg(i, 1);
                long[] lanes = VectorSemantics.lanes(t, regs[vec], high[vec]);
                lanes[f.laneOf(i)] = env.load(memory, ea, bytes);
                long[] v = VectorSemantics.pack(t, lanes);
                lo = v[0];
                hi = v[1];
            }
            case VSTORE_LANE -> {
                int bytes = t.laneBytes();
                int memory = f.memoryOf(i);
                long ea = address(env, memory, unsigned(f, i, 1, regs[f.arg(i, 1)]), f.imm(i), bytes, f, i);
                int vec = f.arg(i, 0);
                env.store(memory, ea, bytes, VectorSemantics.lanes(t, regs[vec], high[vec])[f.laneOf(i)]);
                return;
            }
            case SELECT -> {
                boolean first = regs[f.arg(i, 0)] != 0;
                int v = f.arg(i, first ? 1 : 2);
                lo = regs[v];
                hi = high[v];
            }
            case GLOBAL_GET -> {
                lo = env.globalGet((int) f.imm(i));
                hi = env.globalGetHigh((int) f.imm(i));
            }
            case GLOBAL_SET -> {
                env.globalSet((int) f.imm(i), regs[f.arg(i, 0)]);
                env.globalSetHigh((int) f.imm(i), high[f.arg(i, 0)]);
                return;
            }
            default -> {
                step(f, env, i, op, regs, high);
                return;
            }
        }
        int r = f.firstResult(i);
        regs[r] = lo;
        high[r] = hi;
    }

    private void step(Function f, IrEnvironment env, int i, IrOpcode op, long[] regs, long[] high) {
        Type t = f.ctrlType(i);
        long a = f.argCount(i) > 0 ? regs[f.arg(i, 0)] : 0;
        long b = f.argCount(i) > 1 ? regs[f.arg(i, 1)] : 0;
        if (PureSemantics.covers(op)) {
            // arithmetic, comparisons, conversions and select: the semantics shared with the constant folder
            Type argType = f.valueType(f.arg(i, 0));
            PureSemantics.trap(op, t, argType, a, b).ifPresent(code -> {
                throw new IrTrap(code);
            });
            long c = f.argCount(i) > 2 ? regs[f.arg(i, 2)] : 0;
            regs[f.firstResult(i)] = PureSemantics.evaluate(op, t, argType, f.imm(i), a, b, c);
            return;
        }
        long r;
        switch (op) {
            case ICONST, FCONST -> r = f.imm(i);
            case REF_NULL -> r = -1;
            case REF_IS_NULL -> r = a == -1 ? 1 : 0;
            case REF_FUNC -> r = env.funcRef((int) f.imm(i));
            case LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32 -> {
                int bytes = switch (op) {
                    case ULOAD8, SLOAD8 -> 1;
                    case ULOAD16, SLOAD16 -> 2;
                    case ULOAD32, SLOAD32 -> 4;
                    default -> t.bytes();
                };
                int memory = f.memoryOf(i);
                long ea = address(env, memory, unsigned(f, i, 0, a), f.imm(i), bytes, f, i);
                long raw = env.load(memory, ea, bytes);
                r = switch (op) {
                    case SLOAD8 -> (byte) raw;
                    case SLOAD16 -> (short) raw;
                    case SLOAD32 -> (int) raw;
                    default -> raw;
                };
                r = PureSemantics.normalize(t, r);
            }
            case STORE, ISTORE8, ISTORE16, ISTORE32 -> {
                int bytes = switch (op) {
                    case ISTORE8 -> 1;
                    case ISTORE16 -> 2;
                    case ISTORE32 -> 4;
                    default -> t.bytes();
                };
                int memory = f.memoryOf(i);
                long ea = address(env, memory, unsigned(f, i, 1, b), f.imm(i), bytes, f, i);
                env.store(memory, ea, bytes, a);
                return;
            }
            case MEMORY_SIZE -> r = env.memoryBytes((int) f.imm(i)) >>> 16;
            case MEMORY_GROW -> r = env.memoryGrow((int) f.imm(i), unsigned(f, i, 0, a));
            case MEMORY_COPY -> {
                int dm = (int) f.imm(i), sm = f.imm2(i);
                long d = unsigned(f, i, 0, a), s = unsigned(f, i, 1, b), n = unsigned(f, i, 2, regs[f.arg(i, 2)]);
                if (!inBounds(s, n, env.memoryBytes(sm)) || !inBounds(d, n, env.memoryBytes(dm))) {
                    throw new IrTrap(TrapCode.HEAP_OOB);
                }
                if (dm != sm || d <= s) {
                    for (long k = 0; k < n; k++) {
                        env.store(dm, d + k, 1, env.load(sm, s + k, 1));
                    }
                } else {
                    for (long k = n - 1; k >= 0; k--) {
                        env.store(dm, d + k, 1, env.load(sm, s + k, 1));
                    }
                }
                return;
            }
            case MEMORY_FILL -> {
                int m = (int) f.imm(i);
                long d = unsigned(f, i, 0, a), n = unsigned(f, i, 2, regs[f.arg(i, 2)]);
                if (!inBounds(d, n, env.memoryBytes(m))) {
                    throw new IrTrap(TrapCode.HEAP_OOB);
                }
                for (long k = 0; k < n; k++) {
                    env.store(m, d + k, 1, b);
                }
                return;
            }
            case MEMORY_INIT -> {
                byte[] seg = env.dataSegment((int) f.imm(i));
                int m = f.imm2(i);
                long d = unsigned(f, i, 0, a), s = b & 0xFFFF_FFFFL, n = regs[f.arg(i, 2)] & 0xFFFF_FFFFL;
                if (s + n > seg.length || !inBounds(d, n, env.memoryBytes(m))) {
                    throw new IrTrap(TrapCode.HEAP_OOB);
                }
                for (long k = 0; k < n; k++) {
                    env.store(m, d + k, 1, seg[(int) (s + k)]);
                }
                return;
            }
            case DATA_DROP -> {
                env.dropData((int) f.imm(i));
                return;
            }
            case GLOBAL_GET -> r = PureSemantics.normalize(t, env.globalGet((int) f.imm(i)));
            case GLOBAL_SET -> {
                env.globalSet((int) f.imm(i), a);
                return;
            }
            case TABLE_GET -> {
                int table = (int) f.imm(i);
                long idx = unsigned(f, i, 0, a);
                if (!inBounds(idx, 1, env.tableSize(table))) {
                    throw new IrTrap(TrapCode.TABLE_OOB);
                }
                r = env.tableGet(table, (int) idx);
            }
            case TABLE_SET -> {
                int table = (int) f.imm(i);
                long idx = unsigned(f, i, 0, a);
                if (!inBounds(idx, 1, env.tableSize(table))) {
                    throw new IrTrap(TrapCode.TABLE_OOB);
                }
                env.tableSet(table, (int) idx, b);
                return;
            }
            case TABLE_SIZE -> r = env.tableSize((int) f.imm(i));
            case TABLE_GROW -> r = env.tableGrow((int) f.imm(i), a, unsigned(f, i, 1, b));
            case TABLE_FILL -> {
                int table = (int) f.imm(i);
                long d = unsigned(f, i, 0, a), n = unsigned(f, i, 2, regs[f.arg(i, 2)]);
                if (!inBounds(d, n, env.tableSize(table))) {
                    throw new IrTrap(TrapCode.TABLE_OOB);
                }
                for (long k = 0; k < n; k++) {
                    env.tableSet(table, (int) (d + k), b);
                }
                return;
            }
            case TABLE_COPY -> {
                int dt = (int) f.imm(i), st = f.imm2(i);
                long d = unsigned(f, i, 0, a), s = unsigned(f, i, 1, b), n = unsigned(f, i, 2, regs[f.arg(i, 2)]);
                if (!inBounds(s, n, env.tableSize(st)) || !inBounds(d, n, env.tableSize(dt))) {
                    throw new IrTrap(TrapCode.TABLE_OOB);
                }
                if (d <= s) {
                    for (long k = 0; k < n; k++) {
                        env.tableSet(dt, (int) (d + k), env.tableGet(st, (int) (s + k)));
                    }
                } else {
                    for (long k = n - 1; k >= 0; k--) {
                        env.tableSet(dt, (int) (d + k), env.tableGet(st, (int) (s + k)));
                    }
                }
                return;
            }
            case TABLE_INIT -> {
                long[] seg = env.elemSegment((int) f.imm(i));
                int table = f.imm2(i);
                long d = unsigned(f, i, 0, a), s = b & 0xFFFF_FFFFL, n = regs[f.arg(i, 2)] & 0xFFFF_FFFFL;
                if (s + n > seg.length || !inBounds(d, n, env.tableSize(table))) {
                    throw new IrTrap(TrapCode.TABLE_OOB);
                }
                for (long k = 0; k < n; k++) {
                    env.tableSet(table, (int) (d + k), seg[(int) (s + k)]);
                }
                return;
            }
            case ELEM_DROP -> {
                env.dropElem((int) f.imm(i));
                return;
            }
            case CALL, CALL_INDIRECT -> {
                long[] results = invoke(f, env, i, op, regs, high);
                int s = 0;
                for (int k = 0; k < f.resultCount(i); k++) {
                    int v = f.result(i, k);
                    regs[v] = PureSemantics.normalize(f.valueType(v), results[s++]);
                    if (f.valueType(v) == Type.V128) {
                        high[v] = results[s++];
                    }
                }
                return;
            }
            default -> throw new IllegalStateException("not executable here: " + op.text());
        }
        if (op.hasCtrlType() && t == Type.I32) {
            r = (int) r;
        }
        regs[f.firstResult(i)] = r;
    }

    /**
     * The effective address {@code addr + offset} of a {@code bytes}-wide access to
     * {@code memory}; all unsigned, and the sum cannot wrap (an operand of 2^63 or more,
     * a negative long, is beyond any memory). An access marked inbounds by loop
     * versioning that is out of bounds is a compiler bug, not a trap.
     */
    private static long address(IrEnvironment env, int memory, long addr, long offset, int bytes, Function f,
            int inst) {
        long ea = addr + offset;
        if ((addr | offset | ea) < 0 || ea > env.memoryBytes(memory) - bytes) {
            if (f.isInBounds(inst)) {
                // compiled code would access memory out of bounds here without a check
                throw new IllegalStateException("compiler bug: `" + wasm.ir.text.IrPrinter.instToString(f, inst)
                        + "` is marked inbounds but accesses " + Long.toUnsignedString(ea) + ".."
                        + Long.toUnsignedString(ea + bytes) + " of " + env.memoryBytes(memory) + " bytes of memory "
                        + memory);
            }
            throw new IrTrap(TrapCode.HEAP_OOB);
        }
        return ea;
    }

    /** Operand {@code k} of {@code inst} as an unsigned address: an i32 zero-extended, an i64 as it is. */
    private static long unsigned(Function f, int inst, int k, long value) {
        return f.valueType(f.arg(inst, k)) == Type.I64 ? value : value & 0xFFFF_FFFFL;
    }

    /** Whether unsigned {@code [start, start+n)} lies in {@code [0, size)}, without wrapping. */
    private static boolean inBounds(long start, long n, long size) {
        return start >= 0 && n >= 0 && n <= size && start <= size - n;
    }
}
