package wasm.runtime.internal.interp;

import wasm.runtime.Trap;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.Table;
import wasm.runtime.internal.memory.LinearMemory;

/**
 * The interpreter's less frequent instructions (bit counting, rounding,
 * conversions, references, tables, bulk memory), executed out of line so the
 * main dispatch loop stays under HotSpot's huge-method limit (8000 bytecodes)
 * and is JIT-compiled. Same stack conventions as {@link Interpreter}.
 */
final class OutOfLineOps {
    private static final long U32 = 0xFFFFFFFFL;
    private static final long[] NO_ELEMS = new long[0];
    private static final byte[] NO_DATA = new byte[0];

    private OutOfLineOps() {
    }

    /** The number of immediate ints that follow {@code op} in the code stream. */
    static int immediates(int op) {
        return switch (op) {
            case Op.TABLE_GET, Op.TABLE_SET, Op.TABLE_SIZE, Op.TABLE_GROW, Op.TABLE_FILL, Op.ELEM_DROP,
                 Op.MEMORY_INIT, Op.DATA_DROP, Op.REF_FUNC -> 1;
            case Op.TABLE_INIT, Op.TABLE_COPY -> 2;
            case Op.GLOBAL_GET_V128, Op.GLOBAL_SET_V128 -> 1;
            default -> 0;
        };
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

    /** Executes {@code op} whose immediates start at {@code code[pc]}; returns the new stack pointer. */
    static int execute(int op, long[] s, int sp, int[] code, int pc, InstanceContext ctx) {
        switch (op) {
            case Op.SELECT_V128:
                // v128 a at sp-5, b at sp-3, condition at sp-1
                if ((int) s[sp - 1] == 0) {
                    s[sp - 5] = s[sp - 3];
                    s[sp - 4] = s[sp - 2];
                }
                return sp - 3;
            case Op.GLOBAL_GET_V128: {
                var g = ctx.globals[code[pc]];
                s[sp] = g.get();
                s[sp + 1] = g.getHigh();
                return sp + 2;
            }
            case Op.GLOBAL_SET_V128:
                ctx.globals[code[pc]].setV128(s[sp - 2], s[sp - 1]);
                return sp - 2;
            case Op.TABLE_GET:
                s[sp - 1] = ctx.tables[code[pc++]].get(s[sp - 1] & U32);
                return sp;
            case Op.TABLE_SET:
                ctx.tables[code[pc++]].set(s[sp - 2] & U32, s[sp - 1]);
                sp -= 2;
                return sp;
            case Op.MEMORY_SIZE:
                s[sp++] = ctx.memory.pages();
                return sp;
            case Op.MEMORY_GROW:
                s[sp - 1] = ctx.memory.grow(s[sp - 1] & U32);
                return sp;
            case Op.MEMORY_FILL:
                ctx.memory.fill(s[sp - 3] & U32, (byte) s[sp - 2], s[sp - 1] & U32);
                sp -= 3;
                return sp;
            case Op.MEMORY_COPY:
                ctx.memory.copy(s[sp - 3] & U32, s[sp - 2] & U32, s[sp - 1] & U32);
                sp -= 3;
                return sp;
            case Op.MEMORY_INIT:
                memoryInit(ctx, code[pc++], s[sp - 3] & U32, s[sp - 2] & U32, s[sp - 1] & U32);
                sp -= 3;
                return sp;
            case Op.DATA_DROP:
                ctx.datas[code[pc++]] = NO_DATA;
                return sp;
            case Op.REF_NULL:
                s[sp++] = -1L;
                return sp;
            case Op.REF_IS_NULL:
                s[sp - 1] = s[sp - 1] == -1L ? 1 : 0;
                return sp;
            case Op.REF_FUNC:
                s[sp++] = ctx.functions[code[pc++]].address();
                return sp;
            case Op.I32_CLZ:
                s[sp - 1] = Integer.numberOfLeadingZeros((int) s[sp - 1]);
                return sp;
            case Op.I32_CTZ:
                s[sp - 1] = Integer.numberOfTrailingZeros((int) s[sp - 1]);
                return sp;
            case Op.I32_POPCNT:
                s[sp - 1] = Integer.bitCount((int) s[sp - 1]);
                return sp;
            case Op.I64_CLZ:
                s[sp - 1] = Long.numberOfLeadingZeros(s[sp - 1]);
                return sp;
            case Op.I64_CTZ:
                s[sp - 1] = Long.numberOfTrailingZeros(s[sp - 1]);
                return sp;
            case Op.I64_POPCNT:
                s[sp - 1] = Long.bitCount(s[sp - 1]);
                return sp;
            case Op.F32_ABS:
                s[sp - 1] &= 0x7FFF_FFFFL;
                return sp;
            case Op.F32_NEG:
                s[sp - 1] ^= 0x8000_0000L;
                return sp;
            case Op.F32_COPYSIGN:
                s[sp - 2] = (s[sp - 2] & 0x7FFF_FFFFL) | (s[sp - 1] & 0x8000_0000L);
                sp--;
                return sp;
            case Op.F32_CEIL:
                s[sp - 1] = bits(Numerics.ceil(f32(s[sp - 1])));
                return sp;
            case Op.F32_FLOOR:
                s[sp - 1] = bits(Numerics.floor(f32(s[sp - 1])));
                return sp;
            case Op.F32_TRUNC:
                s[sp - 1] = bits(Numerics.trunc(f32(s[sp - 1])));
                return sp;
            case Op.F32_NEAREST:
                s[sp - 1] = bits(Numerics.nearest(f32(s[sp - 1])));
                return sp;
            case Op.F32_SQRT:
                s[sp - 1] = bits(Numerics.sqrt(f32(s[sp - 1])));
                return sp;
            case Op.F32_MIN:
                s[sp - 2] = bits(Numerics.fmin(f32(s[sp - 2]), f32(s[sp - 1])));
                sp--;
                return sp;
            case Op.F32_MAX:
                s[sp - 2] = bits(Numerics.fmax(f32(s[sp - 2]), f32(s[sp - 1])));
                sp--;
                return sp;
            case Op.F64_ABS:
                s[sp - 1] &= Long.MAX_VALUE;
                return sp;
            case Op.F64_NEG:
                s[sp - 1] ^= Long.MIN_VALUE;
                return sp;
            case Op.F64_COPYSIGN:
                s[sp - 2] = (s[sp - 2] & Long.MAX_VALUE) | (s[sp - 1] & Long.MIN_VALUE);
                sp--;
                return sp;
            case Op.F64_CEIL:
                s[sp - 1] = bits(Numerics.ceil(f64(s[sp - 1])));
                return sp;
            case Op.F64_FLOOR:
                s[sp - 1] = bits(Numerics.floor(f64(s[sp - 1])));
                return sp;
            case Op.F64_TRUNC:
                s[sp - 1] = bits(Numerics.trunc(f64(s[sp - 1])));
                return sp;
            case Op.F64_NEAREST:
                s[sp - 1] = bits(Numerics.nearest(f64(s[sp - 1])));
                return sp;
            case Op.F64_SQRT:
                s[sp - 1] = bits(Numerics.sqrt(f64(s[sp - 1])));
                return sp;
            case Op.F64_MIN:
                s[sp - 2] = bits(Numerics.fmin(f64(s[sp - 2]), f64(s[sp - 1])));
                sp--;
                return sp;
            case Op.F64_MAX:
                s[sp - 2] = bits(Numerics.fmax(f64(s[sp - 2]), f64(s[sp - 1])));
                sp--;
                return sp;
            case Op.I32_TRUNC_F32_S:
                s[sp - 1] = Numerics.i32TruncS(f32(s[sp - 1]));
                return sp;
            case Op.I32_TRUNC_F32_U:
                s[sp - 1] = Numerics.i32TruncU(f32(s[sp - 1]));
                return sp;
            case Op.I32_TRUNC_F64_S:
                s[sp - 1] = Numerics.i32TruncS(f64(s[sp - 1]));
                return sp;
            case Op.I32_TRUNC_F64_U:
                s[sp - 1] = Numerics.i32TruncU(f64(s[sp - 1]));
                return sp;
            case Op.I64_TRUNC_F32_S:
                s[sp - 1] = Numerics.i64TruncS(f32(s[sp - 1]));
                return sp;
            case Op.I64_TRUNC_F32_U:
                s[sp - 1] = Numerics.i64TruncU(f32(s[sp - 1]));
                return sp;
            case Op.I64_TRUNC_F64_S:
                s[sp - 1] = Numerics.i64TruncS(f64(s[sp - 1]));
                return sp;
            case Op.I64_TRUNC_F64_U:
                s[sp - 1] = Numerics.i64TruncU(f64(s[sp - 1]));
                return sp;
            case Op.F32_CONVERT_I32_S:
                s[sp - 1] = bits((float) (int) s[sp - 1]);
                return sp;
            case Op.F32_CONVERT_I32_U:
                s[sp - 1] = bits((float) (s[sp - 1] & U32));
                return sp;
            case Op.F32_CONVERT_I64_S:
                s[sp - 1] = bits((float) s[sp - 1]);
                return sp;
            case Op.F32_CONVERT_I64_U:
                s[sp - 1] = bits(Numerics.f32ConvertU(s[sp - 1]));
                return sp;
            case Op.F32_DEMOTE_F64:
                s[sp - 1] = bits((float) f64(s[sp - 1]));
                return sp;
            case Op.F64_CONVERT_I32_S:
                s[sp - 1] = bits((double) (int) s[sp - 1]);
                return sp;
            case Op.F64_CONVERT_I32_U:
                s[sp - 1] = bits((double) (s[sp - 1] & U32));
                return sp;
            case Op.F64_CONVERT_I64_S:
                s[sp - 1] = bits((double) s[sp - 1]);
                return sp;
            case Op.F64_CONVERT_I64_U:
                s[sp - 1] = bits(Numerics.f64ConvertU(s[sp - 1]));
                return sp;
            case Op.F64_PROMOTE_F32:
                s[sp - 1] = bits((double) f32(s[sp - 1]));
                return sp;
            case Op.I32_EXTEND16_S, Op.I64_EXTEND16_S:
                s[sp - 1] = (short) s[sp - 1];
                return sp;
            case Op.I64_EXTEND32_S:
                s[sp - 1] = (int) s[sp - 1];
                return sp;
            case Op.I32_TRUNC_SAT_F32_S:
                s[sp - 1] = (int) f32(s[sp - 1]);
                return sp;
            case Op.I32_TRUNC_SAT_F32_U:
                s[sp - 1] = Numerics.i32TruncSatU(f32(s[sp - 1]));
                return sp;
            case Op.I32_TRUNC_SAT_F64_S:
                s[sp - 1] = (int) f64(s[sp - 1]);
                return sp;
            case Op.I32_TRUNC_SAT_F64_U:
                s[sp - 1] = Numerics.i32TruncSatU(f64(s[sp - 1]));
                return sp;
            case Op.I64_TRUNC_SAT_F32_S:
                s[sp - 1] = (long) f32(s[sp - 1]);
                return sp;
            case Op.I64_TRUNC_SAT_F32_U:
                s[sp - 1] = Numerics.i64TruncSatU(f32(s[sp - 1]));
                return sp;
            case Op.I64_TRUNC_SAT_F64_S:
                s[sp - 1] = (long) f64(s[sp - 1]);
                return sp;
            case Op.I64_TRUNC_SAT_F64_U:
                s[sp - 1] = Numerics.i64TruncSatU(f64(s[sp - 1]));
                return sp;
            case Op.TABLE_INIT: {
                int elem = code[pc++];
                Table t = ctx.tables[code[pc++]];
                t.init(ctx.elems[elem], s[sp - 3] & U32, s[sp - 2] & U32, s[sp - 1] & U32);
                sp -= 3;
                return sp;
            }
            case Op.ELEM_DROP:
                ctx.elems[code[pc++]] = NO_ELEMS;
                return sp;
            case Op.TABLE_COPY: {
                Table dst = ctx.tables[code[pc++]];
                Table src = ctx.tables[code[pc++]];
                dst.copyFrom(src, s[sp - 3] & U32, s[sp - 2] & U32, s[sp - 1] & U32);
                sp -= 3;
                return sp;
            }
            case Op.TABLE_GROW:
                s[sp - 2] = ctx.tables[code[pc++]].grow(s[sp - 1] & U32, s[sp - 2]);
                sp--;
                return sp;
            case Op.TABLE_SIZE:
                s[sp++] = ctx.tables[code[pc++]].size();
                return sp;
            case Op.TABLE_FILL:
                ctx.tables[code[pc++]].fill(s[sp - 3] & U32, s[sp - 2], s[sp - 1] & U32);
                sp -= 3;
                return sp;
            default:
                throw new IllegalStateException("bad interpreter opcode " + op + " at " + (pc - 1));
        }
    }

    private static void memoryInit(InstanceContext ctx, int dataIndex, long dst, long src, long n) {
        byte[] data = ctx.datas[dataIndex];
        LinearMemory mem = ctx.memory;
        if (src + n > data.length) {
            throw new Trap("out of bounds memory access");
        }
        mem.checkRange(dst, n);
        mem.write(dst, data, (int) src, (int) n);
    }
}
