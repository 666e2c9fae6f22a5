package wasm.core.model;

import java.util.List;

/**
 * One instruction of a flat instruction sequence, as in the binary format:
 * structured instructions are delimited by separate {@code else} and {@code end}
 * instructions. Each record carries exactly the immediates its
 * {@link Opcode.Imm} kind declares.
 *
 * <p>Floats are kept as raw bits so NaN payloads survive every round trip.
 */
public sealed interface Instruction {
    Opcode opcode();

    /** No immediates (Imm NONE). */
    record Plain(Opcode opcode) implements Instruction {
    }

    /** block, loop, if. */
    record Block(Opcode opcode, BlockType type) implements Instruction {
    }

    /**
     * One index immediate: a label depth (LABEL), function (FUNC), local (LOCAL),
     * global (GLOBAL), table (TABLE), memory (MEMORY: memory.size, memory.grow;
     * MEMORY_FILL), data segment (DATA) or element segment (ELEM).
     */
    record Indexed(Opcode opcode, int index) implements Instruction {
    }

    /**
     * Two index immediates: call_indirect and return_call_indirect (type, table),
     * table.init (element, table), table.copy (destination table, source table),
     * memory.init (data segment, memory), memory.copy (destination memory, source
     * memory).
     */
    record Indexed2(Opcode opcode, int first, int second) implements Instruction {
    }

    /** br_table: label depths and the default depth. */
    record BrTable(List<Integer> labels, int defaultLabel) implements Instruction {
        public BrTable {
            labels = List.copyOf(labels);
        }

        public Opcode opcode() {
            return Opcode.BR_TABLE;
        }
    }

    /**
     * A load or store: alignment exponent (log2 bytes), offset (unsigned 64 bits in a
     * long; a 32-bit memory allows only offsets below 2^32) and memory index.
     */
    record MemoryAccess(Opcode opcode, int alignLog2, long offset, int memoryIndex) implements Instruction {
        /** An access to memory 0. */
        public MemoryAccess(Opcode opcode, int alignLog2, long offset) {
            this(opcode, alignLog2, offset, 0);
        }
    }

    record I32Const(int value) implements Instruction {
        public Opcode opcode() {
            return Opcode.I32_CONST;
        }
    }

    record I64Const(long value) implements Instruction {
        public Opcode opcode() {
            return Opcode.I64_CONST;
        }
    }

    record F32Const(int bits) implements Instruction {
        public Opcode opcode() {
            return Opcode.F32_CONST;
        }
    }

    record F64Const(long bits) implements Instruction {
        public Opcode opcode() {
            return Opcode.F64_CONST;
        }
    }

    /** ref.null t, where t is FUNCREF or EXTERNREF. */
    record RefNull(ValType type) implements Instruction {
        public Opcode opcode() {
            return Opcode.REF_NULL;
        }
    }

    /** select with explicit result types. */
    record SelectTyped(List<ValType> types) implements Instruction {
        public SelectTyped {
            types = List.copyOf(types);
        }

        public Opcode opcode() {
            return Opcode.SELECT_TYPED;
        }
    }

    // ---- SIMD ----

    /**
     * v128.const: the 16 bytes of the value in little-endian order, bytes 0..7 in
     * {@code lo} and bytes 8..15 in {@code hi} (the runtime's two-long encoding).
     */
    record V128Const(long lo, long hi) implements Instruction {
        public Opcode opcode() {
            return Opcode.V128_CONST;
        }
    }

    /**
     * i8x16.shuffle: lane index byte {@code i} at bits {@code 8*i} of {@code lo} (lanes
     * 0..7) and of {@code hi} (lanes 8..15), as in the binary; the validator checks
     * that each is below 32.
     */
    record Shuffle(long lo, long hi) implements Instruction {
        public Opcode opcode() {
            return Opcode.I8X16_SHUFFLE;
        }

        /** Lane index {@code i} (0..15) as an unsigned byte. */
        public int lane(int i) {
            return (int) ((i < 8 ? lo : hi) >>> (8 * (i & 7))) & 0xFF;
        }

        public static Shuffle of(int[] lanes) {
            long lo = 0;
            long hi = 0;
            for (int i = 0; i < 16; i++) {
                long b = lanes[i] & 0xFFL;
                if (i < 8) {
                    lo |= b << (8 * i);
                } else {
                    hi |= b << (8 * (i - 8));
                }
            }
            return new Shuffle(lo, hi);
        }
    }

    /** extract_lane and replace_lane: the lane index byte (Imm LANE). */
    record Lane(Opcode opcode, int lane) implements Instruction {
    }

    /**
     * v128.loadN_lane and v128.storeN_lane: a memory access (as {@link MemoryAccess}, the memory
     * index included) and a lane index byte.
     */
    record MemoryLaneAccess(Opcode opcode, int alignLog2, long offset, int lane, int memoryIndex) implements Instruction {
        /** An access to memory 0. */
        public MemoryLaneAccess(Opcode opcode, int alignLog2, long offset, int lane) {
            this(opcode, alignLog2, offset, lane, 0);
        }
    }

    Plain END = new Plain(Opcode.END);

    static Plain plain(Opcode op) {
        return new Plain(op);
    }
}
