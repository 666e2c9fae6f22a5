package wasm.runtime.internal.interp;

import java.lang.foreign.MemorySegment;

import wasm.core.model.AddressType;
import wasm.runtime.Trap;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.RuntimeFunction;
import wasm.runtime.internal.StoreState;
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
                 Op.DATA_DROP, Op.REF_FUNC, Op.MEMORY_SIZE, Op.MEMORY_GROW, Op.MEMORY_FILL -> 1;
            case Op.TABLE_INIT, Op.TABLE_COPY, Op.MEMORY_INIT, Op.MEMORY_COPY -> 2;
            case Op.GLOBAL_GET_V128, Op.GLOBAL_SET_V128 -> 1;
            case Op.ANY_MEMORY_ACCESS -> 4;
            default -> 0;
        };
    }

    /** An address, index or length operand: an i32 one zero-extended, an i64 one as it is (unsigned). */
    private static long address(LinearMemory memory, long v) {
        return memory.operand(v);
    }

    private static long index(Table table, long v) {
        return table.operand(v);
    }

    /** A length between two address spaces: i64 only when both are 64-bit. */
    private static long length(boolean both64, long v) {
        return both64 ? v : v & U32;
    }

    /**
     * The callee of a call_indirect out of line (through a 64-bit table, or a tail call): the
     * function, or the trap the index or its type calls for. {@code index} is unsigned (an i32
     * index zero-extended).
     */
    static RuntimeFunction indirectCallee(StoreState store, InstanceContext ctx, int typeIndex, int tableIndex,
                                          long index) {
        Table table = ctx.tables[tableIndex];
        if (index < 0 || index >= table.size()) {
            throw new Trap("undefined element " + Long.toUnsignedString(index));
        }
        long ref = table.getUnchecked((int) index);
        if (ref == -1L) {
            throw new Trap("uninitialized element " + index);
        }
        RuntimeFunction callee = store.function(ref);
        if (callee == null || callee.typeId() != ctx.typeIds[typeIndex]) {
            throw new Trap("indirect call type mismatch");
        }
        return callee;
    }

    /**
     * A load or store on any memory ({@link Op#ANY_MEMORY_ACCESS}): {@code code[pc]} is its
     * core opcode, then the memory index and the 64-bit offset. The effective address is
     * computed without wrapping, so an access near 2^64 traps instead of landing low.
     */
    private static int anyMemoryAccess(long[] s, int sp, int[] code, int pc, InstanceContext ctx) {
        int op = code[pc];
        LinearMemory mem = ctx.memories[code[pc + 1]];
        long offset = (code[pc + 2] & U32) | ((long) code[pc + 3] << 32);
        MemorySegment seg = mem.segment();
        boolean store = op >= Op.I32_STORE;
        int size = accessBytes(op);
        long ea = mem.effectiveAddress(address(mem, s[sp - (store ? 2 : 1)]), offset, size);
        if (ea < 0) {
            throw new Trap("out of bounds memory access");
        }
        if (store) {
            long v = s[sp - 1];
            switch (size) {
                case 1 -> seg.set(LinearMemory.I8, ea, (byte) v);
                case 2 -> seg.set(LinearMemory.I16, ea, (short) v);
                case 4 -> seg.set(LinearMemory.I32, ea, (int) v);
                default -> seg.set(LinearMemory.I64, ea, v);
            }
            return sp - 2;
        }
        s[sp - 1] = switch (op) {
            case Op.I32_LOAD, Op.F32_LOAD, Op.I64_LOAD32_S -> seg.get(LinearMemory.I32, ea);
            case Op.I64_LOAD32_U -> seg.get(LinearMemory.I32, ea) & U32;
            case Op.I64_LOAD, Op.F64_LOAD -> seg.get(LinearMemory.I64, ea);
            case Op.I32_LOAD8_S, Op.I64_LOAD8_S -> seg.get(LinearMemory.I8, ea);
            case Op.I32_LOAD8_U, Op.I64_LOAD8_U -> seg.get(LinearMemory.I8, ea) & 0xFFL;
            case Op.I32_LOAD16_S, Op.I64_LOAD16_S -> seg.get(LinearMemory.I16, ea);
            default -> seg.get(LinearMemory.I16, ea) & 0xFFFFL;
        };
        return sp;
    }

    private static int accessBytes(int op) {
        return switch (op) {
            case Op.I32_LOAD8_S, Op.I32_LOAD8_U, Op.I64_LOAD8_S, Op.I64_LOAD8_U, Op.I32_STORE8, Op.I64_STORE8 -> 1;
            case Op.I32_LOAD16_S, Op.I32_LOAD16_U, Op.I64_LOAD16_S, Op.I64_LOAD16_U, Op.I32_STORE16,
                 Op.I64_STORE16 -> 2;
            case Op.I64_LOAD, Op.F64_LOAD, Op.I64_STORE, Op.F64_STORE -> 8;
            default -> 4;
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
            case Op.ANY_MEMORY_ACCESS:
                return anyMemoryAccess(s, sp, code, pc, ctx);
            case Op.TABLE_GET: {
                Table t = ctx.tables[code[pc++]];
                s[sp - 1] = t.get(index(t, s[sp - 1]));
                return sp;
            }
            case Op.TABLE_SET: {
                Table t = ctx.tables[code[pc++]];
                t.set(index(t, s[sp - 2]), s[sp - 1]);
                sp -= 2;
                return sp;
            }
            case Op.MEMORY_SIZE:
                s[sp++] = ctx.memories[code[pc++]].pages();
                return sp;
            case Op.MEMORY_GROW: {
                LinearMemory mem = ctx.memories[code[pc++]];
                s[sp - 1] = mem.grow(address(mem, s[sp - 1]));
                return sp;
            }
            case Op.MEMORY_FILL: {
                LinearMemory mem = ctx.memories[code[pc++]];
                mem.fill(address(mem, s[sp - 3]), (byte) s[sp - 2], address(mem, s[sp - 1]));
                sp -= 3;
                return sp;
            }
            case Op.MEMORY_COPY: {
                LinearMemory dst = ctx.memories[code[pc++]];
                LinearMemory src = ctx.memories[code[pc++]];
                dst.copyFrom(src, address(dst, s[sp - 3]), address(src, s[sp - 2]),
                        length(dst.is64() && src.is64(), s[sp - 1]));
                sp -= 3;
                return sp;
            }
            case Op.MEMORY_INIT: {
                int data = code[pc++];
                LinearMemory mem = ctx.memories[code[pc++]];
                mem.init(ctx.datas[data], address(mem, s[sp - 3]), s[sp - 2] & U32, s[sp - 1] & U32);
                sp -= 3;
                return sp;
            }
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
                t.init(ctx.elems[elem], index(t, s[sp - 3]), s[sp - 2] & U32, s[sp - 1] & U32);
                sp -= 3;
                return sp;
            }
            case Op.ELEM_DROP:
                ctx.elems[code[pc++]] = NO_ELEMS;
                return sp;
            case Op.TABLE_COPY: {
                Table dst = ctx.tables[code[pc++]];
                Table src = ctx.tables[code[pc++]];
                boolean both64 = dst.addressType == AddressType.I64 && src.addressType == AddressType.I64;
                dst.copyFrom(src, index(dst, s[sp - 3]), index(src, s[sp - 2]), length(both64, s[sp - 1]));
                sp -= 3;
                return sp;
            }
            case Op.TABLE_GROW: {
                Table t = ctx.tables[code[pc++]];
                s[sp - 2] = t.grow(index(t, s[sp - 1]), s[sp - 2]);
                sp--;
                return sp;
            }
            case Op.TABLE_SIZE:
                s[sp++] = ctx.tables[code[pc++]].size();
                return sp;
            case Op.TABLE_FILL: {
                Table t = ctx.tables[code[pc++]];
                t.fill(index(t, s[sp - 3]), s[sp - 2], index(t, s[sp - 1]));
                sp -= 3;
                return sp;
            }
            default:
                throw new IllegalStateException("bad interpreter opcode " + op + " at " + (pc - 1));
        }
    }
}
