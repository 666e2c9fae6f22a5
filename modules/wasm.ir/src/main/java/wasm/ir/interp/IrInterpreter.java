package wasm.ir.interp;

import wasm.ir.FloatCC;
import wasm.ir.Function;
import wasm.ir.IntCC;
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
    private static final double TWO_63 = 9.223372036854775808E18;
    private static final double TWO_64 = 1.8446744073709551616E19;

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
            regs[p] = normalize(f.valueType(p), args[k - 1]);
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

    private static long normalize(Type t, long v) {
        return switch (t) {
            case I32 -> (int) v;
            case F32 -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    private static float f32(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static long bits(float v) {
        return Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static double asDouble(Type t, long bits) {
        return t == Type.F32 ? f32(bits) : f64(bits);
    }

    private void step(Function f, IrEnvironment env, int i, IrOpcode op, long[] regs) {
        Type t = f.ctrlType(i);
        boolean is32 = t == Type.I32 || t == Type.F32;
        long a = f.argCount(i) > 0 ? regs[f.arg(i, 0)] : 0;
        long b = f.argCount(i) > 1 ? regs[f.arg(i, 1)] : 0;
        long r;
        switch (op) {
            case ICONST, FCONST -> r = f.imm(i);
            case REF_NULL -> r = -1;
            case REF_IS_NULL -> r = a == -1 ? 1 : 0;
            case REF_FUNC -> r = env.funcRef((int) f.imm(i));
            case IADD -> r = a + b;
            case ISUB -> r = a - b;
            case IMUL -> r = a * b;
            case SDIV -> {
                if (b == 0 || (is32 ? (int) b : b) == 0) {
                    throw new IrTrap(TrapCode.INT_DIVZ);
                }
                if (is32) {
                    if ((int) a == Integer.MIN_VALUE && (int) b == -1) {
                        throw new IrTrap(TrapCode.INT_OVF);
                    }
                    r = (int) a / (int) b;
                } else {
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw new IrTrap(TrapCode.INT_OVF);
                    }
                    r = a / b;
                }
            }
            case UDIV -> {
                checkDivisor(is32, b);
                r = is32 ? Integer.divideUnsigned((int) a, (int) b) : Long.divideUnsigned(a, b);
            }
            case SREM -> {
                checkDivisor(is32, b);
                r = is32 ? ((int) b == -1 ? 0 : (int) a % (int) b) : (b == -1 ? 0 : a % b);
            }
            case UREM -> {
                checkDivisor(is32, b);
                r = is32 ? Integer.remainderUnsigned((int) a, (int) b) : Long.remainderUnsigned(a, b);
            }
            case BAND -> r = a & b;
            case BOR -> r = a | b;
            case BXOR -> r = a ^ b;
            case ISHL -> r = is32 ? (int) a << (int) b : a << b;
            case SSHR -> r = is32 ? (int) a >> (int) b : a >> b;
            case USHR -> r = is32 ? (int) a >>> (int) b : a >>> b;
            case ROTL -> r = is32 ? Integer.rotateLeft((int) a, (int) b) : Long.rotateLeft(a, (int) b);
            case ROTR -> r = is32 ? Integer.rotateRight((int) a, (int) b) : Long.rotateRight(a, (int) b);
            case CLZ -> r = is32 ? Integer.numberOfLeadingZeros((int) a) : Long.numberOfLeadingZeros(a);
            case CTZ -> r = is32 ? Integer.numberOfTrailingZeros((int) a) : Long.numberOfTrailingZeros(a);
            case POPCNT -> r = is32 ? Integer.bitCount((int) a) : Long.bitCount(a);
            case EQZ -> r = (is32 ? (int) a == 0 : a == 0) ? 1 : 0;
            case ICMP -> r = IntCC.byOrdinal((int) f.imm(i)).test(a, b, is32) ? 1 : 0;
            case FADD -> r = quiet(is32, is32 ? bits(f32(a) + f32(b)) : bits(f64(a) + f64(b)));
            case FSUB -> r = quiet(is32, is32 ? bits(f32(a) - f32(b)) : bits(f64(a) - f64(b)));
            case FMUL -> r = quiet(is32, is32 ? bits(f32(a) * f32(b)) : bits(f64(a) * f64(b)));
            case FDIV -> r = quiet(is32, is32 ? bits(f32(a) / f32(b)) : bits(f64(a) / f64(b)));
            case FMIN -> r = quiet(is32, is32 ? bits(Math.min(f32(a), f32(b))) : bits(Math.min(f64(a), f64(b))));
            case FMAX -> r = quiet(is32, is32 ? bits(Math.max(f32(a), f32(b))) : bits(Math.max(f64(a), f64(b))));
            case FCOPYSIGN -> r = is32 ? (a & 0x7FFF_FFFFL) | (b & 0x8000_0000L)
                    : (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
            case FABS -> r = is32 ? a & 0x7FFF_FFFFL : a & Long.MAX_VALUE;
            case FNEG -> r = is32 ? a ^ 0x8000_0000L : a ^ Long.MIN_VALUE;
            case SQRT -> r = quiet(is32, is32 ? bits((float) Math.sqrt(f32(a))) : bits(Math.sqrt(f64(a))));
            case CEIL -> r = quiet(is32, is32 ? bits((float) Math.ceil(f32(a))) : bits(Math.ceil(f64(a))));
            case FLOOR -> r = quiet(is32, is32 ? bits((float) Math.floor(f32(a))) : bits(Math.floor(f64(a))));
            case TRUNC -> r = quiet(is32, is32 ? bits((float) truncate(f32(a))) : bits(truncate(f64(a))));
            case NEAREST -> r = quiet(is32, is32 ? bits((float) Math.rint(f32(a))) : bits(Math.rint(f64(a))));
            case FCMP -> {
                FloatCC cc = FloatCC.byOrdinal((int) f.imm(i));
                r = (is32 ? cc.test(f32(a), f32(b)) : cc.test(f64(a), f64(b))) ? 1 : 0;
            }
            case IREDUCE -> r = (int) a;
            case SEXTEND -> r = (int) a;
            case UEXTEND -> r = a & 0xFFFF_FFFFL;
            case SEXTEND8 -> r = (byte) a;
            case SEXTEND16 -> r = (short) a;
            case SEXTEND32 -> r = (int) a;
            case FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT -> {
                double x = asDouble(f.valueType(f.arg(i, 0)), a);
                r = truncToInt(x, op == IrOpcode.FCVT_TO_SINT || op == IrOpcode.FCVT_TO_SINT_SAT, is32,
                        op == IrOpcode.FCVT_TO_SINT_SAT || op == IrOpcode.FCVT_TO_UINT_SAT);
            }
            case FCVT_FROM_SINT -> {
                boolean from32 = f.valueType(f.arg(i, 0)) == Type.I32;
                long x = from32 ? (int) a : a;
                r = is32 ? bits((float) x) : bits((double) x);
            }
            case FCVT_FROM_UINT -> {
                boolean from32 = f.valueType(f.arg(i, 0)) == Type.I32;
                if (from32) {
                    long x = a & 0xFFFF_FFFFL;
                    r = is32 ? bits((float) x) : bits((double) x);
                } else if (a >= 0) {
                    r = is32 ? bits((float) a) : bits((double) a);
                } else {
                    // halve with the low bit kept sticky so the final rounding is correct
                    long h = (a >>> 1) | (a & 1);
                    r = is32 ? bits((float) h * 2f) : bits((double) h * 2d);
                }
            }
            case FPROMOTE -> r = quiet(false, bits((double) f32(a)));
            case FDEMOTE -> r = quiet(true, bits((float) f64(a)));
            case BITCAST -> r = normalize(t, a);
            case SELECT -> r = a != 0 ? b : regs[f.arg(i, 2)];
            case LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32 -> {
                int bytes = switch (op) {
                    case ULOAD8, SLOAD8 -> 1;
                    case ULOAD16, SLOAD16 -> 2;
                    case ULOAD32, SLOAD32 -> 4;
                    default -> t.bytes();
                };
                long ea = address(env, a, f.imm(i), bytes);
                long raw = env.load(ea, bytes);
                r = switch (op) {
                    case SLOAD8 -> (byte) raw;
                    case SLOAD16 -> (short) raw;
                    case SLOAD32 -> (int) raw;
                    default -> raw;
                };
                r = normalize(t, r);
            }
            case STORE, ISTORE8, ISTORE16, ISTORE32 -> {
                int bytes = switch (op) {
                    case ISTORE8 -> 1;
                    case ISTORE16 -> 2;
                    case ISTORE32 -> 4;
                    default -> t.bytes();
                };
                long ea = address(env, b, f.imm(i), bytes);
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
            case GLOBAL_GET -> r = normalize(t, env.globalGet((int) f.imm(i)));
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
                    regs[v] = normalize(f.valueType(v), results[k]);
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

    /** Wasm arithmetic never returns a signalling NaN: set the quiet bit of a NaN result (Java's min, ceil, ... keep sNaNs). */
    private static long quiet(boolean is32, long bits) {
        if (is32) {
            return (bits & 0x7F80_0000L) == 0x7F80_0000L && (bits & 0x007F_FFFFL) != 0 ? bits | 0x0040_0000L : bits;
        }
        return (bits & 0x7FF0_0000_0000_0000L) == 0x7FF0_0000_0000_0000L && (bits & 0x000F_FFFF_FFFF_FFFFL) != 0
                ? bits | 0x0008_0000_0000_0000L : bits;
    }

    private static void checkDivisor(boolean is32, long b) {
        if (is32 ? (int) b == 0 : b == 0) {
            throw new IrTrap(TrapCode.INT_DIVZ);
        }
    }

    private static long address(IrEnvironment env, long addr, long offset, int bytes) {
        long ea = (addr & 0xFFFF_FFFFL) + offset;
        if (ea + bytes > env.memoryBytes()) {
            throw new IrTrap(TrapCode.HEAP_OOB);
        }
        return ea;
    }

    private static double truncate(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }

    private static long truncToInt(double x, boolean signed, boolean to32, boolean saturating) {
        if (Double.isNaN(x)) {
            if (saturating) {
                return 0;
            }
            throw new IrTrap(TrapCode.BAD_TOINT);
        }
        if (saturating) {
            if (signed) {
                return to32 ? (int) x : (long) x;
            }
            if (x <= -1 || x < 0) {
                return 0;
            }
            if (to32) {
                return x >= 4294967296.0 ? -1 : (int) (long) x;
            }
            return x >= TWO_64 ? -1 : x >= TWO_63 ? (long) (x - TWO_63) ^ Long.MIN_VALUE : (long) x;
        }
        if (signed) {
            if (to32 ? !(x > -2147483649.0 && x < 2147483648.0) : !(x >= -TWO_63 && x < TWO_63)) {
                throw new IrTrap(TrapCode.INT_OVF);
            }
            return to32 ? (int) x : (long) x;
        }
        if (to32 ? !(x > -1.0 && x < 4294967296.0) : !(x > -1.0 && x < TWO_64)) {
            throw new IrTrap(TrapCode.INT_OVF);
        }
        if (to32) {
            return (int) (long) x;
        }
        return x >= TWO_63 ? (long) (x - TWO_63) ^ Long.MIN_VALUE : (long) x;
    }
}
