package wasm.runtime.internal.interp;

import static wasm.runtime.internal.interp.Lanes.H16;
import static wasm.runtime.internal.interp.Lanes.H32;
import static wasm.runtime.internal.interp.Lanes.H8;
import static wasm.runtime.internal.interp.Lanes.U32;
import static wasm.runtime.internal.interp.Lanes.add;
import static wasm.runtime.internal.interp.Lanes.cmp8;
import static wasm.runtime.internal.interp.Lanes.cmpF32;
import static wasm.runtime.internal.interp.Lanes.cmpF64;
import static wasm.runtime.internal.interp.Lanes.f32;
import static wasm.runtime.internal.interp.Lanes.i16;
import static wasm.runtime.internal.interp.Lanes.i32;
import static wasm.runtime.internal.interp.Lanes.i8;
import static wasm.runtime.internal.interp.Lanes.map16;
import static wasm.runtime.internal.interp.Lanes.map32;
import static wasm.runtime.internal.interp.Lanes.map64;
import static wasm.runtime.internal.interp.Lanes.map8;
import static wasm.runtime.internal.interp.Lanes.mapF32;
import static wasm.runtime.internal.interp.Lanes.mapF64;
import static wasm.runtime.internal.interp.Lanes.pack16;
import static wasm.runtime.internal.interp.Lanes.pack32;
import static wasm.runtime.internal.interp.Lanes.satS16;
import static wasm.runtime.internal.interp.Lanes.satS8;
import static wasm.runtime.internal.interp.Lanes.satU16;
import static wasm.runtime.internal.interp.Lanes.satU8;
import static wasm.runtime.internal.interp.Lanes.sub;

import java.lang.foreign.MemorySegment;
import wasm.core.model.Opcode;
import wasm.runtime.Trap;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.memory.LinearMemory;

/**
 * The interpreter's SIMD instructions (0xFD prefix), fixed-width and relaxed. A v128
 * is two stack slots, the low 64 bits first; a binary operation finds its operands
 * {@code a} at {@code sp-4, sp-3} and {@code b} at {@code sp-2, sp-1} and leaves its
 * result at {@code sp-4, sp-3}.
 *
 * <p>Floats follow the scalar instructions' NaN rules lane by lane (Java's float
 * arithmetic is IEEE 754 with x86's NaN propagation, as the JIT's). The relaxed
 * instructions behave as the x86 instructions the JIT emits for them
 * (docs/architecture.md, "Relaxed SIMD"), so that both tiers agree on every machine.
 */
final class VectorOps {
    private VectorOps() {
    }

    /** Opcode of each SIMD sub-opcode, and the immediate ints that follow it in the code stream. */
    private static final Opcode[] BY_CODE = new Opcode[0x200];
    private static final int[] IMMEDIATES = new int[0x200];

    static {
        for (Opcode op : Opcode.values()) {
            if (op.isSimd()) {
                BY_CODE[op.code()] = op;
                IMMEDIATES[op.code()] = switch (op.imm()) {
                    case V128_CONST, SHUFFLE -> 4;
                    case MEMARG_LANE -> 4;
                    case MEMARG -> 3;
                    case LANE -> 1;
                    default -> 0;
                };
            }
        }
    }

    static int immediates(int op) {
        return IMMEDIATES[op - Op.SIMD_BASE];
    }

    private static Trap oob() {
        return new Trap("out of bounds memory access");
    }

    /**
     * The effective address of an access of {@code bytes} at {@code s[at] + offset} (an i32 address
     * zero-extended, an i64 one as it is), bounds-checked without wrapping.
     */
    private static long address(long[] s, int at, long offset, int bytes, LinearMemory mem) {
        long ea = mem.effectiveAddress(mem.is64() ? s[at] : s[at] & U32, offset, bytes);
        if (ea < 0) {
            throw oob();
        }
        return ea;
    }

    /**
     * Executes SIMD instruction {@code op} whose immediates start at {@code code[pc]}; returns the new sp.
     * A load or store's immediates are its memory index and 64-bit offset (then the lane).
     */
    static int execute(int op, long[] s, int sp, int[] code, int pc, InstanceContext ctx) {
        Opcode o = BY_CODE[op - Op.SIMD_BASE];
        switch (o.imm()) {
            case MEMARG -> {
                LinearMemory mem = ctx.memories[code[pc]];
                return memory(o, s, sp, offset(code, pc + 1), mem, mem.segment());
            }
            case MEMARG_LANE -> {
                LinearMemory mem = ctx.memories[code[pc]];
                return memoryLane(o, s, sp, offset(code, pc + 1), code[pc + 3], mem, mem.segment());
            }
            case V128_CONST -> {
                s[sp] = (code[pc] & U32) | ((long) code[pc + 1] << 32);
                s[sp + 1] = (code[pc + 2] & U32) | ((long) code[pc + 3] << 32);
                return sp + 2;
            }
            case SHUFFLE -> {
                long lanesLo = (code[pc] & U32) | ((long) code[pc + 1] << 32);
                long lanesHi = (code[pc + 2] & U32) | ((long) code[pc + 3] << 32);
                shuffle(s, sp, lanesLo, lanesHi);
                return sp - 2;
            }
            case LANE -> {
                return lane(o, s, sp, code[pc]);
            }
            default -> {
            }
        }
        int params = o.params().size();
        if (params == 1 && o.params().get(0) == wasm.core.model.ValType.V128) {
            return unary(o, s, sp);
        }
        return switch (o) {
            case I8X16_SPLAT -> splat(s, sp, ((s[sp - 1] & 0xFF) * 0x0101_0101_0101_0101L));
            case I16X8_SPLAT -> splat(s, sp, ((s[sp - 1] & 0xFFFF) * 0x0001_0001_0001_0001L));
            case I32X4_SPLAT, F32X4_SPLAT -> splat(s, sp, (s[sp - 1] & U32) * 0x0000_0001_0000_0001L);
            case I64X2_SPLAT, F64X2_SPLAT -> splat(s, sp, s[sp - 1]);
            case I8X16_SHL, I8X16_SHR_S, I8X16_SHR_U, I16X8_SHL, I16X8_SHR_S, I16X8_SHR_U, I32X4_SHL,
                 I32X4_SHR_S, I32X4_SHR_U, I64X2_SHL, I64X2_SHR_S, I64X2_SHR_U -> shift(o, s, sp);
            case V128_BITSELECT -> {
                long cLo = s[sp - 2];
                long cHi = s[sp - 1];
                s[sp - 6] = (s[sp - 6] & cLo) | (s[sp - 4] & ~cLo);
                s[sp - 5] = (s[sp - 5] & cHi) | (s[sp - 3] & ~cHi);
                yield sp - 4;
            }
            case F32X4_RELAXED_MADD, F32X4_RELAXED_NMADD, F64X2_RELAXED_MADD, F64X2_RELAXED_NMADD,
                 I8X16_RELAXED_LANESELECT, I16X8_RELAXED_LANESELECT, I32X4_RELAXED_LANESELECT,
                 I64X2_RELAXED_LANESELECT, I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S -> ternary(o, s, sp);
            default -> binary(o, s, sp);
        };
    }

    private static int splat(long[] s, int sp, long half) {
        s[sp - 1] = half;
        s[sp] = half;
        return sp + 1;
    }

    // ---- memory ----

    private static long offset(int[] code, int at) {
        return (code[at] & U32) | ((long) code[at + 1] << 32);
    }

    private static int memory(Opcode o, long[] s, int sp, long offset, LinearMemory mem, MemorySegment seg) {
        if (o == Opcode.V128_STORE) {
            long ea = address(s, sp - 3, offset, 16, mem);
            seg.set(LinearMemory.I64, ea, s[sp - 2]);
            seg.set(LinearMemory.I64, ea + 8, s[sp - 1]);
            return sp - 3;
        }
        long ea = address(s, sp - 1, offset, o.accessBytes(), mem);
        long lo;
        long hi;
        switch (o) {
            case V128_LOAD -> {
                lo = seg.get(LinearMemory.I64, ea);
                hi = seg.get(LinearMemory.I64, ea + 8);
            }
            case V128_LOAD8X8_S, V128_LOAD8X8_U -> {
                long v = seg.get(LinearMemory.I64, ea);
                boolean signed = o == Opcode.V128_LOAD8X8_S;
                lo = pack16(ext8(v, 0, signed), ext8(v, 1, signed), ext8(v, 2, signed), ext8(v, 3, signed));
                hi = pack16(ext8(v, 4, signed), ext8(v, 5, signed), ext8(v, 6, signed), ext8(v, 7, signed));
            }
            case V128_LOAD16X4_S, V128_LOAD16X4_U -> {
                long v = seg.get(LinearMemory.I64, ea);
                boolean signed = o == Opcode.V128_LOAD16X4_S;
                lo = pack32(ext16(v, 0, signed), ext16(v, 1, signed));
                hi = pack32(ext16(v, 2, signed), ext16(v, 3, signed));
            }
            case V128_LOAD32X2_S -> {
                long v = seg.get(LinearMemory.I64, ea);
                lo = i32(v, 0);
                hi = i32(v, 1);
            }
            case V128_LOAD32X2_U -> {
                long v = seg.get(LinearMemory.I64, ea);
                lo = v & U32;
                hi = v >>> 32;
            }
            case V128_LOAD8_SPLAT -> lo = hi = (seg.get(LinearMemory.I8, ea) & 0xFFL) * 0x0101_0101_0101_0101L;
            case V128_LOAD16_SPLAT -> lo = hi = (seg.get(LinearMemory.I16, ea) & 0xFFFFL) * 0x0001_0001_0001_0001L;
            case V128_LOAD32_SPLAT -> lo = hi = (seg.get(LinearMemory.I32, ea) & U32) * 0x0000_0001_0000_0001L;
            case V128_LOAD64_SPLAT -> lo = hi = seg.get(LinearMemory.I64, ea);
            case V128_LOAD32_ZERO -> {
                lo = seg.get(LinearMemory.I32, ea) & U32;
                hi = 0;
            }
            case V128_LOAD64_ZERO -> {
                lo = seg.get(LinearMemory.I64, ea);
                hi = 0;
            }
            default -> throw new IllegalStateException("not a SIMD memory access: " + o);
        }
        s[sp - 1] = lo;
        s[sp] = hi;
        return sp + 1;
    }

    private static int ext8(long v, int j, boolean signed) {
        int b = i8(v, j);
        return signed ? b : b & 0xFF;
    }

    private static int ext16(long v, int j, boolean signed) {
        int h = i16(v, j);
        return signed ? h : h & 0xFFFF;
    }

    /** loadN_lane (address, vector -> vector) and storeN_lane (address, vector). */
    private static int memoryLane(Opcode o, long[] s, int sp, long offset, int lane, LinearMemory mem,
                                  MemorySegment seg) {
        int bytes = o.accessBytes();
        int bits = bytes * 8;
        int perHalf = 64 / bits;
        int half = sp - 2 + lane / perHalf;
        int shift = (lane % perHalf) * bits;
        long laneMask = bits == 64 ? -1L : ((1L << bits) - 1) << shift;
        long ea = address(s, sp - 3, offset, bytes, mem);
        boolean store = o == Opcode.V128_STORE8_LANE || o == Opcode.V128_STORE16_LANE
                || o == Opcode.V128_STORE32_LANE || o == Opcode.V128_STORE64_LANE;
        if (store) {
            long v = s[half] >>> shift;
            switch (bytes) {
                case 1 -> seg.set(LinearMemory.I8, ea, (byte) v);
                case 2 -> seg.set(LinearMemory.I16, ea, (short) v);
                case 4 -> seg.set(LinearMemory.I32, ea, (int) v);
                default -> seg.set(LinearMemory.I64, ea, v);
            }
            return sp - 3;
        }
        long v = switch (bytes) {
            case 1 -> seg.get(LinearMemory.I8, ea) & 0xFFL;
            case 2 -> seg.get(LinearMemory.I16, ea) & 0xFFFFL;
            case 4 -> seg.get(LinearMemory.I32, ea) & U32;
            default -> seg.get(LinearMemory.I64, ea);
        };
        s[half] = (s[half] & ~laneMask) | (v << shift);
        s[sp - 3] = s[sp - 2];
        s[sp - 2] = s[sp - 1];
        return sp - 1;
    }

    // ---- lanes ----

    private static int lane(Opcode o, long[] s, int sp, int lane) {
        switch (o) {
            case I8X16_EXTRACT_LANE_S -> s[sp - 2] = i8(s[sp - 2], s[sp - 1], lane);
            case I8X16_EXTRACT_LANE_U -> s[sp - 2] = i8(s[sp - 2], s[sp - 1], lane) & 0xFF;
            case I16X8_EXTRACT_LANE_S -> s[sp - 2] = i16(s[sp - 2], s[sp - 1], lane);
            case I16X8_EXTRACT_LANE_U -> s[sp - 2] = i16(s[sp - 2], s[sp - 1], lane) & 0xFFFF;
            case I32X4_EXTRACT_LANE -> s[sp - 2] = i32(s[sp - 2], s[sp - 1], lane);
            case F32X4_EXTRACT_LANE -> s[sp - 2] = i32(s[sp - 2], s[sp - 1], lane) & U32;
            case I64X2_EXTRACT_LANE, F64X2_EXTRACT_LANE -> s[sp - 2] = s[sp - 2 + lane];
            default -> {
                // replace_lane: vector at sp-3, sp-2; the scalar at sp-1
                int bits = switch (o) {
                    case I8X16_REPLACE_LANE -> 8;
                    case I16X8_REPLACE_LANE -> 16;
                    case I32X4_REPLACE_LANE, F32X4_REPLACE_LANE -> 32;
                    default -> 64;
                };
                int perHalf = 64 / bits;
                int half = sp - 3 + lane / perHalf;
                int shift = (lane % perHalf) * bits;
                long mask = bits == 64 ? -1L : ((1L << bits) - 1) << shift;
                s[half] = (s[half] & ~mask) | ((s[sp - 1] << shift) & mask);
                return sp - 1;
            }
        }
        return sp - 1;
    }

    /** i8x16.shuffle: lane i of the result is lane {@code lanes[i]} of a (0..15) or b (16..31). */
    private static void shuffle(long[] s, int sp, long lanesLo, long lanesHi) {
        long aLo = s[sp - 4];
        long aHi = s[sp - 3];
        long bLo = s[sp - 2];
        long bHi = s[sp - 1];
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 16; i++) {
            int l = (int) ((i < 8 ? lanesLo : lanesHi) >>> ((i & 7) << 3)) & 0x1F;
            long b = (l < 16 ? i8(aLo, aHi, l) : i8(bLo, bHi, l - 16)) & 0xFFL;
            if (i < 8) {
                lo |= b << (i << 3);
            } else {
                hi |= b << ((i - 8) << 3);
            }
        }
        s[sp - 4] = lo;
        s[sp - 3] = hi;
    }

    /** swizzle: index lane i selects lane i of a when below 16, else 0; relaxed: pshufb's rule. */
    private static void swizzle(long[] s, int sp, boolean relaxed) {
        long aLo = s[sp - 4];
        long aHi = s[sp - 3];
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 16; i++) {
            int l = i8(s[sp - 2], s[sp - 1], i) & 0xFF;
            // pshufb zeroes a lane only when the index's top bit is set; otherwise it uses the low nibble.
            boolean inRange = relaxed ? l < 0x80 : l < 16;
            long b = inRange ? i8(aLo, aHi, l & 15) & 0xFFL : 0;
            if (i < 8) {
                lo |= b << (i << 3);
            } else {
                hi |= b << ((i - 8) << 3);
            }
        }
        s[sp - 4] = lo;
        s[sp - 3] = hi;
    }

    // ---- shifts: the count is taken modulo the lane width ----

    private static int shift(Opcode o, long[] s, int sp) {
        int n = (int) s[sp - 1];
        long lo = s[sp - 3];
        long hi = s[sp - 2];
        long[] r = switch (o) {
            case I8X16_SHL -> both(lo, hi, h -> map8(h, x -> x << (n & 7)));
            case I8X16_SHR_S -> both(lo, hi, h -> map8(h, x -> x >> (n & 7)));
            case I8X16_SHR_U -> both(lo, hi, h -> map8(h, x -> (x & 0xFF) >>> (n & 7)));
            case I16X8_SHL -> both(lo, hi, h -> map16(h, x -> x << (n & 15)));
            case I16X8_SHR_S -> both(lo, hi, h -> map16(h, x -> x >> (n & 15)));
            case I16X8_SHR_U -> both(lo, hi, h -> map16(h, x -> (x & 0xFFFF) >>> (n & 15)));
            case I32X4_SHL -> both(lo, hi, h -> map32(h, x -> x << n));
            case I32X4_SHR_S -> both(lo, hi, h -> map32(h, x -> x >> n));
            case I32X4_SHR_U -> both(lo, hi, h -> map32(h, x -> x >>> n));
            case I64X2_SHL -> new long[] {lo << n, hi << n};
            case I64X2_SHR_S -> new long[] {lo >> n, hi >> n};
            default -> new long[] {lo >>> n, hi >>> n};
        };
        s[sp - 3] = r[0];
        s[sp - 2] = r[1];
        return sp - 1;
    }

    private static long[] both(long lo, long hi, java.util.function.LongUnaryOperator f) {
        return new long[] {f.applyAsLong(lo), f.applyAsLong(hi)};
    }

    // ---- v128 -> v128 and v128 -> i32 ----

    private static int unary(Opcode o, long[] s, int sp) {
        long lo = s[sp - 2];
        long hi = s[sp - 1];
        long rLo;
        long rHi;
        switch (o) {
            case V128_ANY_TRUE -> {
                s[sp - 2] = (lo | hi) != 0 ? 1 : 0;
                return sp - 1;
            }
            case I8X16_ALL_TRUE, I16X8_ALL_TRUE, I32X4_ALL_TRUE, I64X2_ALL_TRUE -> {
                s[sp - 2] = allTrue(o, lo, hi) ? 1 : 0;
                return sp - 1;
            }
            case I8X16_BITMASK, I16X8_BITMASK, I32X4_BITMASK, I64X2_BITMASK -> {
                s[sp - 2] = bitmask(o, lo, hi);
                return sp - 1;
            }
            case V128_NOT -> {
                rLo = ~lo;
                rHi = ~hi;
            }
            case I8X16_ABS -> {
                rLo = map8(lo, Math::abs);
                rHi = map8(hi, Math::abs);
            }
            case I8X16_NEG -> {
                rLo = sub(0, lo, H8);
                rHi = sub(0, hi, H8);
            }
            case I8X16_POPCNT -> {
                rLo = map8(lo, x -> Integer.bitCount(x & 0xFF));
                rHi = map8(hi, x -> Integer.bitCount(x & 0xFF));
            }
            case I16X8_ABS -> {
                rLo = map16(lo, Math::abs);
                rHi = map16(hi, Math::abs);
            }
            case I16X8_NEG -> {
                rLo = sub(0, lo, H16);
                rHi = sub(0, hi, H16);
            }
            case I32X4_ABS -> {
                rLo = map32(lo, Math::abs);
                rHi = map32(hi, Math::abs);
            }
            case I32X4_NEG -> {
                rLo = sub(0, lo, H32);
                rHi = sub(0, hi, H32);
            }
            case I64X2_ABS -> {
                rLo = Math.abs(lo);
                rHi = Math.abs(hi);
            }
            case I64X2_NEG -> {
                rLo = -lo;
                rHi = -hi;
            }
            case I16X8_EXTADD_PAIRWISE_I8X16_S, I16X8_EXTADD_PAIRWISE_I8X16_U -> {
                boolean signed = o == Opcode.I16X8_EXTADD_PAIRWISE_I8X16_S;
                rLo = pairwise8(lo, signed);
                rHi = pairwise8(hi, signed);
            }
            case I32X4_EXTADD_PAIRWISE_I16X8_S, I32X4_EXTADD_PAIRWISE_I16X8_U -> {
                boolean signed = o == Opcode.I32X4_EXTADD_PAIRWISE_I16X8_S;
                rLo = pack32(ext16(lo, 0, signed) + ext16(lo, 1, signed), ext16(lo, 2, signed) + ext16(lo, 3, signed));
                rHi = pack32(ext16(hi, 0, signed) + ext16(hi, 1, signed), ext16(hi, 2, signed) + ext16(hi, 3, signed));
            }
            case I16X8_EXTEND_LOW_I8X16_S, I16X8_EXTEND_LOW_I8X16_U, I16X8_EXTEND_HIGH_I8X16_S,
                 I16X8_EXTEND_HIGH_I8X16_U -> {
                boolean signed = o == Opcode.I16X8_EXTEND_LOW_I8X16_S || o == Opcode.I16X8_EXTEND_HIGH_I8X16_S;
                long v = o == Opcode.I16X8_EXTEND_LOW_I8X16_S || o == Opcode.I16X8_EXTEND_LOW_I8X16_U ? lo : hi;
                rLo = pack16(ext8(v, 0, signed), ext8(v, 1, signed), ext8(v, 2, signed), ext8(v, 3, signed));
                rHi = pack16(ext8(v, 4, signed), ext8(v, 5, signed), ext8(v, 6, signed), ext8(v, 7, signed));
            }
            case I32X4_EXTEND_LOW_I16X8_S, I32X4_EXTEND_LOW_I16X8_U, I32X4_EXTEND_HIGH_I16X8_S,
                 I32X4_EXTEND_HIGH_I16X8_U -> {
                boolean signed = o == Opcode.I32X4_EXTEND_LOW_I16X8_S || o == Opcode.I32X4_EXTEND_HIGH_I16X8_S;
                long v = o == Opcode.I32X4_EXTEND_LOW_I16X8_S || o == Opcode.I32X4_EXTEND_LOW_I16X8_U ? lo : hi;
                rLo = pack32(ext16(v, 0, signed), ext16(v, 1, signed));
                rHi = pack32(ext16(v, 2, signed), ext16(v, 3, signed));
            }
            case I64X2_EXTEND_LOW_I32X4_S, I64X2_EXTEND_HIGH_I32X4_S -> {
                long v = o == Opcode.I64X2_EXTEND_LOW_I32X4_S ? lo : hi;
                rLo = i32(v, 0);
                rHi = i32(v, 1);
            }
            case I64X2_EXTEND_LOW_I32X4_U, I64X2_EXTEND_HIGH_I32X4_U -> {
                long v = o == Opcode.I64X2_EXTEND_LOW_I32X4_U ? lo : hi;
                rLo = v & U32;
                rHi = v >>> 32;
            }
            case F32X4_ABS -> {
                rLo = lo & 0x7FFF_FFFF_7FFF_FFFFL;
                rHi = hi & 0x7FFF_FFFF_7FFF_FFFFL;
            }
            case F32X4_NEG -> {
                rLo = lo ^ H32;
                rHi = hi ^ H32;
            }
            case F32X4_SQRT -> {
                rLo = mapF32(lo, Numerics::sqrt);
                rHi = mapF32(hi, Numerics::sqrt);
            }
            case F32X4_CEIL -> {
                rLo = mapF32(lo, Numerics::ceil);
                rHi = mapF32(hi, Numerics::ceil);
            }
            case F32X4_FLOOR -> {
                rLo = mapF32(lo, Numerics::floor);
                rHi = mapF32(hi, Numerics::floor);
            }
            case F32X4_TRUNC -> {
                rLo = mapF32(lo, Numerics::trunc);
                rHi = mapF32(hi, Numerics::trunc);
            }
            case F32X4_NEAREST -> {
                rLo = mapF32(lo, Numerics::nearest);
                rHi = mapF32(hi, Numerics::nearest);
            }
            case F64X2_ABS -> {
                rLo = lo & Long.MAX_VALUE;
                rHi = hi & Long.MAX_VALUE;
            }
            case F64X2_NEG -> {
                rLo = lo ^ Long.MIN_VALUE;
                rHi = hi ^ Long.MIN_VALUE;
            }
            case F64X2_SQRT -> {
                rLo = mapF64(lo, Numerics::sqrt);
                rHi = mapF64(hi, Numerics::sqrt);
            }
            case F64X2_CEIL -> {
                rLo = mapF64(lo, Numerics::ceil);
                rHi = mapF64(hi, Numerics::ceil);
            }
            case F64X2_FLOOR -> {
                rLo = mapF64(lo, Numerics::floor);
                rHi = mapF64(hi, Numerics::floor);
            }
            case F64X2_TRUNC -> {
                rLo = mapF64(lo, Numerics::trunc);
                rHi = mapF64(hi, Numerics::trunc);
            }
            case F64X2_NEAREST -> {
                rLo = mapF64(lo, Numerics::nearest);
                rHi = mapF64(hi, Numerics::nearest);
            }
            case I32X4_TRUNC_SAT_F32X4_S -> {
                rLo = map32(lo, x -> (int) Float.intBitsToFloat(x));
                rHi = map32(hi, x -> (int) Float.intBitsToFloat(x));
            }
            case I32X4_TRUNC_SAT_F32X4_U, I32X4_RELAXED_TRUNC_F32X4_U -> {
                rLo = map32(lo, x -> Numerics.i32TruncSatU(Float.intBitsToFloat(x)));
                rHi = map32(hi, x -> Numerics.i32TruncSatU(Float.intBitsToFloat(x)));
            }
            case I32X4_RELAXED_TRUNC_F32X4_S -> {
                rLo = map32(lo, x -> cvtt(Float.intBitsToFloat(x)));
                rHi = map32(hi, x -> cvtt(Float.intBitsToFloat(x)));
            }
            case F32X4_CONVERT_I32X4_S -> {
                rLo = map32(lo, x -> Float.floatToRawIntBits((float) x));
                rHi = map32(hi, x -> Float.floatToRawIntBits((float) x));
            }
            case F32X4_CONVERT_I32X4_U -> {
                rLo = map32(lo, x -> Float.floatToRawIntBits((float) (x & U32)));
                rHi = map32(hi, x -> Float.floatToRawIntBits((float) (x & U32)));
            }
            case I32X4_TRUNC_SAT_F64X2_S_ZERO -> {
                rLo = pack32((int) Double.longBitsToDouble(lo), (int) Double.longBitsToDouble(hi));
                rHi = 0;
            }
            case I32X4_TRUNC_SAT_F64X2_U_ZERO, I32X4_RELAXED_TRUNC_F64X2_U_ZERO -> {
                rLo = pack32(Numerics.i32TruncSatU(Double.longBitsToDouble(lo)),
                        Numerics.i32TruncSatU(Double.longBitsToDouble(hi)));
                rHi = 0;
            }
            case I32X4_RELAXED_TRUNC_F64X2_S_ZERO -> {
                rLo = pack32(cvtt(Double.longBitsToDouble(lo)), cvtt(Double.longBitsToDouble(hi)));
                rHi = 0;
            }
            case F64X2_CONVERT_LOW_I32X4_S -> {
                rLo = Double.doubleToRawLongBits(i32(lo, 0));
                rHi = Double.doubleToRawLongBits(i32(lo, 1));
            }
            case F64X2_CONVERT_LOW_I32X4_U -> {
                rLo = Double.doubleToRawLongBits(i32(lo, 0) & U32);
                rHi = Double.doubleToRawLongBits(i32(lo, 1) & U32);
            }
            case F32X4_DEMOTE_F64X2_ZERO -> {
                rLo = pack32((float) Double.longBitsToDouble(lo), (float) Double.longBitsToDouble(hi));
                rHi = 0;
            }
            case F64X2_PROMOTE_LOW_F32X4 -> {
                rLo = Double.doubleToRawLongBits(f32(lo, 0));
                rHi = Double.doubleToRawLongBits(f32(lo, 1));
            }
            default -> throw new IllegalStateException("not a unary SIMD instruction: " + o);
        }
        s[sp - 2] = rLo;
        s[sp - 1] = rHi;
        return sp;
    }

    /** x86 cvttps2dq / cvttpd2dq: truncation, and 0x80000000 for NaN and out-of-range values. */
    private static int cvtt(double x) {
        return x != x || x >= 0x1p31 || x < -0x1p31 ? Integer.MIN_VALUE : (int) x;
    }

    private static long pairwise8(long v, boolean signed) {
        return pack16(ext8(v, 0, signed) + ext8(v, 1, signed), ext8(v, 2, signed) + ext8(v, 3, signed),
                ext8(v, 4, signed) + ext8(v, 5, signed), ext8(v, 6, signed) + ext8(v, 7, signed));
    }

    private static boolean allTrue(Opcode o, long lo, long hi) {
        int lanes = switch (o) {
            case I8X16_ALL_TRUE -> 16;
            case I16X8_ALL_TRUE -> 8;
            case I32X4_ALL_TRUE -> 4;
            default -> 2;
        };
        int bits = 128 / lanes;
        for (int i = 0; i < lanes; i++) {
            long half = i < lanes / 2 ? lo : hi;
            long lane = bits == 64 ? half : (half >>> ((i % (lanes / 2)) * bits)) & ((1L << bits) - 1);
            if (lane == 0) {
                return false;
            }
        }
        return true;
    }

    private static int bitmask(Opcode o, long lo, long hi) {
        int lanes = switch (o) {
            case I8X16_BITMASK -> 16;
            case I16X8_BITMASK -> 8;
            case I32X4_BITMASK -> 4;
            default -> 2;
        };
        int bits = 128 / lanes;
        int r = 0;
        for (int i = 0; i < lanes; i++) {
            long half = i < lanes / 2 ? lo : hi;
            int top = (int) (half >>> ((i % (lanes / 2)) * bits + bits - 1)) & 1;
            r |= top << i;
        }
        return r;
    }

    // ---- v128 x v128 -> v128 ----

    private static int binary(Opcode o, long[] s, int sp) {
        long aLo = s[sp - 4];
        long aHi = s[sp - 3];
        long bLo = s[sp - 2];
        long bHi = s[sp - 1];
        switch (o) {
            case I8X16_SWIZZLE, I8X16_RELAXED_SWIZZLE -> {
                swizzle(s, sp, o == Opcode.I8X16_RELAXED_SWIZZLE);
                return sp - 2;
            }
            case I8X16_NARROW_I16X8_S, I8X16_NARROW_I16X8_U -> {
                boolean signed = o == Opcode.I8X16_NARROW_I16X8_S;
                s[sp - 4] = narrow16(aLo, aHi, signed);
                s[sp - 3] = narrow16(bLo, bHi, signed);
                return sp - 2;
            }
            case I16X8_NARROW_I32X4_S, I16X8_NARROW_I32X4_U -> {
                boolean signed = o == Opcode.I16X8_NARROW_I32X4_S;
                s[sp - 4] = narrow32(aLo, aHi, signed);
                s[sp - 3] = narrow32(bLo, bHi, signed);
                return sp - 2;
            }
            case I16X8_EXTMUL_LOW_I8X16_S, I16X8_EXTMUL_HIGH_I8X16_S, I16X8_EXTMUL_LOW_I8X16_U,
                 I16X8_EXTMUL_HIGH_I8X16_U -> {
                boolean signed = o == Opcode.I16X8_EXTMUL_LOW_I8X16_S || o == Opcode.I16X8_EXTMUL_HIGH_I8X16_S;
                boolean low = o == Opcode.I16X8_EXTMUL_LOW_I8X16_S || o == Opcode.I16X8_EXTMUL_LOW_I8X16_U;
                long a = low ? aLo : aHi;
                long b = low ? bLo : bHi;
                s[sp - 4] = pack16(ext8(a, 0, signed) * ext8(b, 0, signed), ext8(a, 1, signed) * ext8(b, 1, signed),
                        ext8(a, 2, signed) * ext8(b, 2, signed), ext8(a, 3, signed) * ext8(b, 3, signed));
                s[sp - 3] = pack16(ext8(a, 4, signed) * ext8(b, 4, signed), ext8(a, 5, signed) * ext8(b, 5, signed),
                        ext8(a, 6, signed) * ext8(b, 6, signed), ext8(a, 7, signed) * ext8(b, 7, signed));
                return sp - 2;
            }
            case I32X4_EXTMUL_LOW_I16X8_S, I32X4_EXTMUL_HIGH_I16X8_S, I32X4_EXTMUL_LOW_I16X8_U,
                 I32X4_EXTMUL_HIGH_I16X8_U -> {
                boolean signed = o == Opcode.I32X4_EXTMUL_LOW_I16X8_S || o == Opcode.I32X4_EXTMUL_HIGH_I16X8_S;
                boolean low = o == Opcode.I32X4_EXTMUL_LOW_I16X8_S || o == Opcode.I32X4_EXTMUL_LOW_I16X8_U;
                long a = low ? aLo : aHi;
                long b = low ? bLo : bHi;
                s[sp - 4] = pack32(ext16(a, 0, signed) * ext16(b, 0, signed), ext16(a, 1, signed) * ext16(b, 1, signed));
                s[sp - 3] = pack32(ext16(a, 2, signed) * ext16(b, 2, signed), ext16(a, 3, signed) * ext16(b, 3, signed));
                return sp - 2;
            }
            case I64X2_EXTMUL_LOW_I32X4_S, I64X2_EXTMUL_HIGH_I32X4_S -> {
                long a = o == Opcode.I64X2_EXTMUL_LOW_I32X4_S ? aLo : aHi;
                long b = o == Opcode.I64X2_EXTMUL_LOW_I32X4_S ? bLo : bHi;
                s[sp - 4] = (long) i32(a, 0) * i32(b, 0);
                s[sp - 3] = (long) i32(a, 1) * i32(b, 1);
                return sp - 2;
            }
            case I64X2_EXTMUL_LOW_I32X4_U, I64X2_EXTMUL_HIGH_I32X4_U -> {
                long a = o == Opcode.I64X2_EXTMUL_LOW_I32X4_U ? aLo : aHi;
                long b = o == Opcode.I64X2_EXTMUL_LOW_I32X4_U ? bLo : bHi;
                s[sp - 4] = (a & U32) * (b & U32);
                s[sp - 3] = (a >>> 32) * (b >>> 32);
                return sp - 2;
            }
            case I32X4_DOT_I16X8_S -> {
                s[sp - 4] = pack32(i16(aLo, 0) * i16(bLo, 0) + i16(aLo, 1) * i16(bLo, 1),
                        i16(aLo, 2) * i16(bLo, 2) + i16(aLo, 3) * i16(bLo, 3));
                s[sp - 3] = pack32(i16(aHi, 0) * i16(bHi, 0) + i16(aHi, 1) * i16(bHi, 1),
                        i16(aHi, 2) * i16(bHi, 2) + i16(aHi, 3) * i16(bHi, 3));
                return sp - 2;
            }
            case I16X8_RELAXED_DOT_I8X16_I7X16_S -> {
                s[sp - 4] = maddubs(bLo, aLo);
                s[sp - 3] = maddubs(bHi, aHi);
                return sp - 2;
            }
            default -> {
            }
        }
        s[sp - 4] = lanewise(o, aLo, bLo);
        s[sp - 3] = lanewise(o, aHi, bHi);
        return sp - 2;
    }

    /** Saturating narrowing of the eight i16 lanes of {@code lo, hi} to bytes. */
    private static long narrow16(long lo, long hi, boolean signed) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            int v = i16(lo, hi, i);
            r |= ((signed ? satS8(v) : satU8(v)) & 0xFFL) << (i << 3);
        }
        return r;
    }

    private static long narrow32(long lo, long hi, boolean signed) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int v = i32(lo, hi, i);
            int n = signed ? Math.max(-32768, Math.min(32767, v)) : (int) Math.max(0, Math.min(65535, (long) v));
            r |= (n & 0xFFFFL) << (i << 4);
        }
        return r;
    }

    /**
     * x86 pmaddubsw on one half: unsigned bytes of {@code u} times signed bytes of
     * {@code s}, adjacent products added with signed saturation to 16 bits.
     */
    private static long maddubs(long u, long s) {
        return pack16(satS16((i8(u, 0) & 0xFF) * i8(s, 0) + (i8(u, 1) & 0xFF) * i8(s, 1)),
                satS16((i8(u, 2) & 0xFF) * i8(s, 2) + (i8(u, 3) & 0xFF) * i8(s, 3)),
                satS16((i8(u, 4) & 0xFF) * i8(s, 4) + (i8(u, 5) & 0xFF) * i8(s, 5)),
                satS16((i8(u, 6) & 0xFF) * i8(s, 6) + (i8(u, 7) & 0xFF) * i8(s, 7)));
    }

    /** Operations whose lanes never cross the 64-bit halves, applied to one half. */
    private static long lanewise(Opcode o, long a, long b) {
        return switch (o) {
            case V128_AND -> a & b;
            case V128_ANDNOT -> a & ~b;
            case V128_OR -> a | b;
            case V128_XOR -> a ^ b;

            case I8X16_EQ -> cmp8(a, b, (x, y) -> x == y ? 1 : 0);
            case I8X16_NE -> cmp8(a, b, (x, y) -> x != y ? 1 : 0);
            case I8X16_LT_S -> cmp8(a, b, (x, y) -> x < y ? 1 : 0);
            case I8X16_LT_U -> cmp8(a, b, (x, y) -> (x & 0xFF) < (y & 0xFF) ? 1 : 0);
            case I8X16_GT_S -> cmp8(a, b, (x, y) -> x > y ? 1 : 0);
            case I8X16_GT_U -> cmp8(a, b, (x, y) -> (x & 0xFF) > (y & 0xFF) ? 1 : 0);
            case I8X16_LE_S -> cmp8(a, b, (x, y) -> x <= y ? 1 : 0);
            case I8X16_LE_U -> cmp8(a, b, (x, y) -> (x & 0xFF) <= (y & 0xFF) ? 1 : 0);
            case I8X16_GE_S -> cmp8(a, b, (x, y) -> x >= y ? 1 : 0);
            case I8X16_GE_U -> cmp8(a, b, (x, y) -> (x & 0xFF) >= (y & 0xFF) ? 1 : 0);
            case I16X8_EQ -> map16(a, b, (x, y) -> x == y ? -1 : 0);
            case I16X8_NE -> map16(a, b, (x, y) -> x != y ? -1 : 0);
            case I16X8_LT_S -> map16(a, b, (x, y) -> x < y ? -1 : 0);
            case I16X8_LT_U -> map16(a, b, (x, y) -> (x & 0xFFFF) < (y & 0xFFFF) ? -1 : 0);
            case I16X8_GT_S -> map16(a, b, (x, y) -> x > y ? -1 : 0);
            case I16X8_GT_U -> map16(a, b, (x, y) -> (x & 0xFFFF) > (y & 0xFFFF) ? -1 : 0);
            case I16X8_LE_S -> map16(a, b, (x, y) -> x <= y ? -1 : 0);
            case I16X8_LE_U -> map16(a, b, (x, y) -> (x & 0xFFFF) <= (y & 0xFFFF) ? -1 : 0);
            case I16X8_GE_S -> map16(a, b, (x, y) -> x >= y ? -1 : 0);
            case I16X8_GE_U -> map16(a, b, (x, y) -> (x & 0xFFFF) >= (y & 0xFFFF) ? -1 : 0);
            case I32X4_EQ -> map32(a, b, (x, y) -> x == y ? -1 : 0);
            case I32X4_NE -> map32(a, b, (x, y) -> x != y ? -1 : 0);
            case I32X4_LT_S -> map32(a, b, (x, y) -> x < y ? -1 : 0);
            case I32X4_LT_U -> map32(a, b, (x, y) -> Integer.compareUnsigned(x, y) < 0 ? -1 : 0);
            case I32X4_GT_S -> map32(a, b, (x, y) -> x > y ? -1 : 0);
            case I32X4_GT_U -> map32(a, b, (x, y) -> Integer.compareUnsigned(x, y) > 0 ? -1 : 0);
            case I32X4_LE_S -> map32(a, b, (x, y) -> x <= y ? -1 : 0);
            case I32X4_LE_U -> map32(a, b, (x, y) -> Integer.compareUnsigned(x, y) <= 0 ? -1 : 0);
            case I32X4_GE_S -> map32(a, b, (x, y) -> x >= y ? -1 : 0);
            case I32X4_GE_U -> map32(a, b, (x, y) -> Integer.compareUnsigned(x, y) >= 0 ? -1 : 0);
            case I64X2_EQ -> a == b ? -1 : 0;
            case I64X2_NE -> a != b ? -1 : 0;
            case I64X2_LT_S -> a < b ? -1 : 0;
            case I64X2_GT_S -> a > b ? -1 : 0;
            case I64X2_LE_S -> a <= b ? -1 : 0;
            case I64X2_GE_S -> a >= b ? -1 : 0;
            case F32X4_EQ -> cmpF32(a, b, (x, y) -> x == y);
            case F32X4_NE -> cmpF32(a, b, (x, y) -> x != y);
            case F32X4_LT -> cmpF32(a, b, (x, y) -> x < y);
            case F32X4_GT -> cmpF32(a, b, (x, y) -> x > y);
            case F32X4_LE -> cmpF32(a, b, (x, y) -> x <= y);
            case F32X4_GE -> cmpF32(a, b, (x, y) -> x >= y);
            case F64X2_EQ -> cmpF64(a, b, (x, y) -> x == y);
            case F64X2_NE -> cmpF64(a, b, (x, y) -> x != y);
            case F64X2_LT -> cmpF64(a, b, (x, y) -> x < y);
            case F64X2_GT -> cmpF64(a, b, (x, y) -> x > y);
            case F64X2_LE -> cmpF64(a, b, (x, y) -> x <= y);
            case F64X2_GE -> cmpF64(a, b, (x, y) -> x >= y);

            case I8X16_ADD -> add(a, b, H8);
            case I8X16_SUB -> sub(a, b, H8);
            case I8X16_ADD_SAT_S -> map8(a, b, (x, y) -> satS8(x + y));
            case I8X16_ADD_SAT_U -> map8(a, b, (x, y) -> satU8((x & 0xFF) + (y & 0xFF)));
            case I8X16_SUB_SAT_S -> map8(a, b, (x, y) -> satS8(x - y));
            case I8X16_SUB_SAT_U -> map8(a, b, (x, y) -> satU8((x & 0xFF) - (y & 0xFF)));
            case I8X16_MIN_S -> map8(a, b, Math::min);
            case I8X16_MIN_U -> map8(a, b, (x, y) -> Math.min(x & 0xFF, y & 0xFF));
            case I8X16_MAX_S -> map8(a, b, Math::max);
            case I8X16_MAX_U -> map8(a, b, (x, y) -> Math.max(x & 0xFF, y & 0xFF));
            case I8X16_AVGR_U -> map8(a, b, (x, y) -> ((x & 0xFF) + (y & 0xFF) + 1) >>> 1);
            case I16X8_ADD -> add(a, b, H16);
            case I16X8_SUB -> sub(a, b, H16);
            case I16X8_MUL -> map16(a, b, (x, y) -> x * y);
            case I16X8_ADD_SAT_S -> map16(a, b, (x, y) -> satS16(x + y));
            case I16X8_ADD_SAT_U -> map16(a, b, (x, y) -> satU16((x & 0xFFFF) + (y & 0xFFFF)));
            case I16X8_SUB_SAT_S -> map16(a, b, (x, y) -> satS16(x - y));
            case I16X8_SUB_SAT_U -> map16(a, b, (x, y) -> satU16((x & 0xFFFF) - (y & 0xFFFF)));
            case I16X8_MIN_S -> map16(a, b, Math::min);
            case I16X8_MIN_U -> map16(a, b, (x, y) -> Math.min(x & 0xFFFF, y & 0xFFFF));
            case I16X8_MAX_S -> map16(a, b, Math::max);
            case I16X8_MAX_U -> map16(a, b, (x, y) -> Math.max(x & 0xFFFF, y & 0xFFFF));
            case I16X8_AVGR_U -> map16(a, b, (x, y) -> ((x & 0xFFFF) + (y & 0xFFFF) + 1) >>> 1);
            case I16X8_Q15MULR_SAT_S -> map16(a, b, (x, y) -> satS16((x * y + 0x4000) >> 15));
            // x86 pmulhrsw: the same rounding, no saturation (-32768 * -32768 wraps to -32768)
            case I16X8_RELAXED_Q15MULR_S -> map16(a, b, (x, y) -> (x * y + 0x4000) >> 15);
            case I32X4_ADD -> add(a, b, H32);
            case I32X4_SUB -> sub(a, b, H32);
            case I32X4_MUL -> map32(a, b, (x, y) -> x * y);
            case I32X4_MIN_S -> map32(a, b, Math::min);
            case I32X4_MIN_U -> map32(a, b, (x, y) -> Integer.compareUnsigned(x, y) <= 0 ? x : y);
            case I32X4_MAX_S -> map32(a, b, Math::max);
            case I32X4_MAX_U -> map32(a, b, (x, y) -> Integer.compareUnsigned(x, y) >= 0 ? x : y);
            case I64X2_ADD -> a + b;
            case I64X2_SUB -> a - b;
            case I64X2_MUL -> a * b;

            case F32X4_ADD -> mapF32(a, b, (x, y) -> x + y);
            case F32X4_SUB -> mapF32(a, b, (x, y) -> x - y);
            case F32X4_MUL -> mapF32(a, b, (x, y) -> x * y);
            case F32X4_DIV -> mapF32(a, b, (x, y) -> x / y);
            case F32X4_MIN -> mapF32(a, b, Numerics::fmin);
            case F32X4_MAX -> mapF32(a, b, Numerics::fmax);
            // pmin/pmax and the relaxed forms pick one operand's bits, NaNs included
            case F32X4_PMIN -> map32(a, b, (x, y) -> Float.intBitsToFloat(y) < Float.intBitsToFloat(x) ? y : x);
            case F32X4_PMAX -> map32(a, b, (x, y) -> Float.intBitsToFloat(x) < Float.intBitsToFloat(y) ? y : x);
            // x86 minps/maxps: the first operand when the comparison holds, else the second
            case F32X4_RELAXED_MIN -> map32(a, b, (x, y) -> Float.intBitsToFloat(x) < Float.intBitsToFloat(y) ? x : y);
            case F32X4_RELAXED_MAX -> map32(a, b, (x, y) -> Float.intBitsToFloat(x) > Float.intBitsToFloat(y) ? x : y);
            case F64X2_ADD -> mapF64(a, b, (x, y) -> x + y);
            case F64X2_SUB -> mapF64(a, b, (x, y) -> x - y);
            case F64X2_MUL -> mapF64(a, b, (x, y) -> x * y);
            case F64X2_DIV -> mapF64(a, b, (x, y) -> x / y);
            case F64X2_MIN -> mapF64(a, b, Numerics::fmin);
            case F64X2_MAX -> mapF64(a, b, Numerics::fmax);
            case F64X2_PMIN -> Double.longBitsToDouble(b) < Double.longBitsToDouble(a) ? b : a;
            case F64X2_PMAX -> Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? b : a;
            case F64X2_RELAXED_MIN -> Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? a : b;
            case F64X2_RELAXED_MAX -> Double.longBitsToDouble(a) > Double.longBitsToDouble(b) ? a : b;
            default -> throw new IllegalStateException("not a binary SIMD instruction: " + o);
        };
    }

    // ---- v128 x v128 x v128 -> v128 (the third operand at sp-2, sp-1) ----

    private static int ternary(Opcode o, long[] s, int sp) {
        for (int h = 0; h < 2; h++) {
            long a = s[sp - 6 + h];
            long b = s[sp - 4 + h];
            long c = s[sp - 2 + h];
            s[sp - 6 + h] = switch (o) {
                // unfused, as mulps + addps: the product is rounded before the addition
                case F32X4_RELAXED_MADD -> pack32(f32(a, 0) * f32(b, 0) + f32(c, 0), f32(a, 1) * f32(b, 1) + f32(c, 1));
                case F32X4_RELAXED_NMADD -> pack32(-(f32(a, 0) * f32(b, 0)) + f32(c, 0),
                        -(f32(a, 1) * f32(b, 1)) + f32(c, 1));
                case F64X2_RELAXED_MADD -> Double.doubleToRawLongBits(
                        Double.longBitsToDouble(a) * Double.longBitsToDouble(b) + Double.longBitsToDouble(c));
                case F64X2_RELAXED_NMADD -> Double.doubleToRawLongBits(
                        -(Double.longBitsToDouble(a) * Double.longBitsToDouble(b)) + Double.longBitsToDouble(c));
                // pblendvb (i8x16, i16x8), blendvps, blendvpd: the top bit of each mask element picks a
                case I8X16_RELAXED_LANESELECT, I16X8_RELAXED_LANESELECT -> blend(a, b, Lanes.byteMasks(c));
                case I32X4_RELAXED_LANESELECT -> blend(a, b, Lanes.wordMasks(c));
                case I64X2_RELAXED_LANESELECT -> blend(a, b, c >> 63);
                // pmaddubsw (b unsigned, a signed), then pairs of i16 added to i32, plus c
                case I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S -> {
                    long d = maddubs(b, a);
                    yield pack32(i16(d, 0) + i16(d, 1) + i32(c, 0), i16(d, 2) + i16(d, 3) + i32(c, 1));
                }
                default -> throw new IllegalStateException("not a ternary SIMD instruction: " + o);
            };
        }
        return sp - 4;
    }

    private static long blend(long a, long b, long mask) {
        return (a & mask) | (b & ~mask);
    }
}
