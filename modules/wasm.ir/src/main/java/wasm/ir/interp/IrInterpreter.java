package wasm.ir.interp;

import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.TrapCode;
import wasm.ir.Type;

/**
 * Executes an IR function with exact Wasm semantics, traps included: the oracle
 * for the translator, every optimisation pass and the backend. Values are raw
 * 64-bit patterns (i32 sign-extended, f32 bits in the low half, references with
 * null = -1); vmctx (entry parameter 0) is 0 here, the environment stands in for it.
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
        long[] buf = new long[8];
        int block = f.entryBlock();
        int np = f.blockParamCount(block);
        if (args.length != np - 1) {
            throw new IllegalArgumentException("expected " + (np - 1) + " arguments, got " + args.length);
        }
        regs[f.blockParam(block, 0)] = 0;
        for (int k = 1; k < np; k++) {
            int p = f.blockParam(block, k);
            regs[p] = PureSemantics.normalize(f.valueType(p), args[k - 1]);
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
                            long[] out = new long[f.argCount(i)];
                            for (int k = 0; k < out.length; k++) {
                                out[k] = regs[f.arg(i, k)];
                            }
                            return out;
                        }
                        case TRAP -> throw new IrTrap(TrapCode.byOrdinal((int) f.imm(i)));
                        default -> throw new IllegalStateException(op.text());
                    }
                    next = f.targetBlock(i, t);
                    int n = f.targetArgCount(i, t);
                    if (buf.length < n) {
                        buf = new long[n * 2];
                    }
                    for (int k = 0; k < n; k++) {
                        buf[k] = regs[f.targetArg(i, t, k)];
                    }
                    for (int k = 0; k < n; k++) {
                        regs[f.blockParam(next, k)] = buf[k];
                    }
                    break;
                }
                step(f, env, i, op, regs);
            }
            if (next < 0) {
                throw new IllegalStateException("block" + block + " has no terminator");
            }
            block = next;
        }
    }

    private void step(Function f, IrEnvironment env, int i, IrOpcode op, long[] regs) {
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
                long ea = address(env, a, f.imm(i), bytes, f, i);
                long raw = env.load(ea, bytes);
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
                long ea = address(env, b, f.imm(i), bytes, f, i);
                env.store(ea, bytes, a);
                return;
            }
            case MEMORY_SIZE -> r = env.memoryBytes() >>> 16;
            case MEMORY_GROW -> r = env.memoryGrow((int) a);
            case MEMORY_COPY -> {
                long d = a & 0xFFFF_FFFFL, s = b & 0xFFFF_FFFFL, n = regs[f.arg(i, 2)] & 0xFFFF_FFFFL;
                long size = env.memoryBytes();
                if (s + n > size || d + n > size) {
                    throw new IrTrap(TrapCode.HEAP_OOB);
                }
                if (d <= s) {
                    for (long k = 0; k < n; k++) {
                        env.store(d + k, 1, env.load(s + k, 1));
                    }
                } else {
                    for (long k = n - 1; k >= 0; k--) {
                        env.store(d + k, 1, env.load(s + k, 1));
                    }
                }
                return;
            }
            case MEMORY_FILL -> {
                long d = a & 0xFFFF_FFFFL, n = regs[f.arg(i, 2)] & 0xFFFF_FFFFL;
                if (d + n > env.memoryBytes()) {
                    throw new IrTrap(TrapCode.HEAP_OOB);
                }
                for (long k = 0; k < n; k++) {
                    env.store(d + k, 1, b);
                }
                return;
            }
            case MEMORY_INIT -> {
                byte[] seg = env.dataSegment((int) f.imm(i));
                long d = a & 0xFFFF_FFFFL, s = b & 0xFFFF_FFFFL, n = regs[f.arg(i, 2)] & 0xFFFF_FFFFL;
                if (s + n > seg.length || d + n > env.memoryBytes()) {
                    throw new IrTrap(TrapCode.HEAP_OOB);
                }
                for (long k = 0; k < n; k++) {
                    env.store(d + k, 1, seg[(int) (s + k)]);
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
                long idx = a & 0xFFFF_FFFFL;
                if (idx >= (env.tableSize(table) & 0xFFFF_FFFFL)) {
                    throw new IrTrap(TrapCode.TABLE_OOB);
                }
                r = env.tableGet(table, (int) idx);
            }
            case TABLE_SET -> {
                int table = (int) f.imm(i);
                long idx = a & 0xFFFF_FFFFL;
                if (idx >= (env.tableSize(table) & 0xFFFF_FFFFL)) {
                    throw new IrTrap(TrapCode.TABLE_OOB);
                }
                env.tableSet(table, (int) idx, b);
                return;
            }
            case TABLE_SIZE -> r = env.tableSize((int) f.imm(i));
            case TABLE_GROW -> r = env.tableGrow((int) f.imm(i), a, (int) b);
            case TABLE_FILL -> {
                int table = (int) f.imm(i);
                long d = a & 0xFFFF_FFFFL, n = regs[f.arg(i, 2)] & 0xFFFF_FFFFL;
                if (d + n > (env.tableSize(table) & 0xFFFF_FFFFL)) {
                    throw new IrTrap(TrapCode.TABLE_OOB);
                }
                for (long k = 0; k < n; k++) {
                    env.tableSet(table, (int) (d + k), b);
                }
                return;
            }
            case TABLE_COPY -> {
                int dt = (int) f.imm(i), st = f.imm2(i);
                long d = a & 0xFFFF_FFFFL, s = b & 0xFFFF_FFFFL, n = regs[f.arg(i, 2)] & 0xFFFF_FFFFL;
                if (s + n > (env.tableSize(st) & 0xFFFF_FFFFL) || d + n > (env.tableSize(dt) & 0xFFFF_FFFFL)) {
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
                long d = a & 0xFFFF_FFFFL, s = b & 0xFFFF_FFFFL, n = regs[f.arg(i, 2)] & 0xFFFF_FFFFL;
                if (s + n > seg.length || d + n > (env.tableSize(table) & 0xFFFF_FFFFL)) {
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
                int first = op == IrOpcode.CALL ? 0 : 1;
                long[] callArgs = new long[f.argCount(i) - first];
                for (int k = 0; k < callArgs.length; k++) {
                    callArgs[k] = regs[f.arg(i, k + first)];
                }
                long[] results;
                if (op == IrOpcode.CALL) {
                    results = env.call((int) f.imm(i), callArgs);
                } else {
                    int table = f.imm2(i);
                    long idx = a & 0xFFFF_FFFFL;
                    if (idx >= (env.tableSize(table) & 0xFFFF_FFFFL)) {
                        throw new IrTrap(TrapCode.UNDEFINED_ELEMENT);
                    }
                    long ref = env.tableGet(table, (int) idx);
                    if (ref == -1) {
                        throw new IrTrap(TrapCode.UNINITIALIZED_ELEMENT);
                    }
                    if (!env.funcRefMatches(ref, (int) f.imm(i))) {
                        throw new IrTrap(TrapCode.BAD_SIGNATURE);
                    }
                    results = env.callRef(ref, callArgs);
                }
                for (int k = 0; k < f.resultCount(i); k++) {
                    int v = f.result(i, k);
                    regs[v] = PureSemantics.normalize(f.valueType(v), results[k]);
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

    private static long address(IrEnvironment env, long addr, long offset, int bytes, Function f, int inst) {
        long ea = (addr & 0xFFFF_FFFFL) + offset;
        if (ea + bytes > env.memoryBytes()) {
            if (f.isInBounds(inst)) {
                // compiled code would access memory out of bounds here without a check
                throw new IllegalStateException("compiler bug: `" + wasm.ir.text.IrPrinter.instToString(f, inst)
                        + "` is marked inbounds but accesses " + ea + ".." + (ea + bytes) + " of "
                        + env.memoryBytes() + " bytes");
            }
            throw new IrTrap(TrapCode.HEAP_OOB);
        }
        return ea;
    }
}
