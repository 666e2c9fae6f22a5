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
    /**
     * The instruction's opcode, which says how to read the record's immediates.
     *
     * @return the opcode
     */
    Opcode opcode();

    /**
     * No immediates (Imm NONE).
     *
     * @param opcode an opcode whose {@link Opcode.Imm} is NONE
     */
    record Plain(Opcode opcode) implements Instruction {
    }

    /**
     * block, loop, if.
     *
     * @param opcode BLOCK, LOOP or IF
     * @param type the block's parameter and result types
     */
    record Block(Opcode opcode, BlockType type) implements Instruction {
    }

    /**
     * One index immediate: a label depth (LABEL), function (FUNC), local (LOCAL),
     * global (GLOBAL), table (TABLE), memory (MEMORY: memory.size, memory.grow;
     * MEMORY_FILL), data segment (DATA) or element segment (ELEM).
     *
     * @param opcode the opcode
     * @param index the index, of the space the opcode's {@link Opcode.Imm} names
     */
    record Indexed(Opcode opcode, int index) implements Instruction {
    }

    /**
     * Two index immediates: call_indirect and return_call_indirect (type, table),
     * table.init (element, table), table.copy (destination table, source table),
     * memory.init (data segment, memory), memory.copy (destination memory, source
     * memory).
     *
     * @param opcode the opcode
     * @param first the first index, in binary order
     * @param second the second index
     */
    record Indexed2(Opcode opcode, int first, int second) implements Instruction {
    }

    /**
     * br_table: label depths and the default depth.
     *
     * @param labels the label depths, indexed by the operand
     * @param defaultLabel the depth taken when the operand is at least {@code labels.size()}
     */
    record BrTable(List<Integer> labels, int defaultLabel) implements Instruction {
        /**
         * Copies the labels.
         *
         * @throws NullPointerException when {@code labels} or one of its elements is null
         */
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
     *
     * @param opcode a load or store opcode
     * @param alignLog2 the alignment hint, log2 of bytes; at most the access's natural alignment
     * @param offset the static offset added to the address
     * @param memoryIndex the memory accessed
     */
    record MemoryAccess(Opcode opcode, int alignLog2, long offset, int memoryIndex) implements Instruction {
        /**
         * An access to memory 0.
         *
         * @param opcode a load or store opcode
         * @param alignLog2 the alignment hint, log2 of bytes
         * @param offset the static offset added to the address
         */
        public MemoryAccess(Opcode opcode, int alignLog2, long offset) {
            this(opcode, alignLog2, offset, 0);
        }
    }

    /**
     * i32.const.
     *
     * @param value the constant
     */
    record I32Const(int value) implements Instruction {
        public Opcode opcode() {
            return Opcode.I32_CONST;
        }
    }

    /**
     * i64.const.
     *
     * @param value the constant
     */
    record I64Const(long value) implements Instruction {
        public Opcode opcode() {
            return Opcode.I64_CONST;
        }
    }

    /**
     * f32.const, as raw bits.
     *
     * @param bits the IEEE 754 bits ({@link Float#intBitsToFloat} gives the value)
     */
    record F32Const(int bits) implements Instruction {
        public Opcode opcode() {
            return Opcode.F32_CONST;
        }
    }

    /**
     * f64.const, as raw bits.
     *
     * @param bits the IEEE 754 bits ({@link Double#longBitsToDouble} gives the value)
     */
    record F64Const(long bits) implements Instruction {
        public Opcode opcode() {
            return Opcode.F64_CONST;
        }
    }

    /**
     * ref.null t, where t is FUNCREF or EXTERNREF.
     *
     * @param type the reference type
     */
    record RefNull(ValType type) implements Instruction {
        public Opcode opcode() {
            return Opcode.REF_NULL;
        }
    }

    /**
     * select with explicit result types.
     *
     * @param types the result types (exactly one in wasm 2.0; the validator checks it)
     */
    record SelectTyped(List<ValType> types) implements Instruction {
        /**
         * Copies the types.
         *
         * @throws NullPointerException when {@code types} or one of its elements is null
         */
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
     *
     * @param lo bytes 0..7
     * @param hi bytes 8..15
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
     *
     * @param lo lane indices 0..7
     * @param hi lane indices 8..15
     */
    record Shuffle(long lo, long hi) implements Instruction {
        public Opcode opcode() {
            return Opcode.I8X16_SHUFFLE;
        }

        /**
         * Lane index {@code i} (0..15) as an unsigned byte.
         *
         * @param i the lane, 0..15
         * @return the lane index it selects, 0..255 (below 32 once validated)
         */
        public int lane(int i) {
            return (int) ((i < 8 ? lo : hi) >>> (8 * (i & 7))) & 0xFF;
        }

        /**
         * A shuffle from its 16 lane indices.
         *
         * @param lanes the indices, at least 16 (only the low 8 bits of each are kept)
         * @return the shuffle
         * @throws ArrayIndexOutOfBoundsException when {@code lanes} has fewer than 16 elements
         */
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

    /**
     * extract_lane and replace_lane: the lane index byte (Imm LANE).
     *
     * @param opcode an extract_lane or replace_lane opcode
     * @param lane the lane index (the validator checks it against the shape's lane count)
     */
    record Lane(Opcode opcode, int lane) implements Instruction {
    }

    /**
     * v128.loadN_lane and v128.storeN_lane: a memory access (as {@link MemoryAccess}, the memory
     * index included) and a lane index byte.
     *
     * @param opcode a v128 load_lane or store_lane opcode
     * @param alignLog2 the alignment hint, log2 of bytes
     * @param offset the static offset added to the address
     * @param lane the lane index
     * @param memoryIndex the memory accessed
     */
    record MemoryLaneAccess(Opcode opcode, int alignLog2, long offset, int lane, int memoryIndex) implements Instruction {
        /**
         * An access to memory 0.
         *
         * @param opcode a v128 load_lane or store_lane opcode
         * @param alignLog2 the alignment hint, log2 of bytes
         * @param offset the static offset added to the address
         * @param lane the lane index
         */
        public MemoryLaneAccess(Opcode opcode, int alignLog2, long offset, int lane) {
            this(opcode, alignLog2, offset, lane, 0);
        }
    }

    /** The {@code end} instruction, shared. */
    Plain END = new Plain(Opcode.END);

    /**
     * An instruction without immediates.
     *
     * @param op an opcode whose {@link Opcode.Imm} is NONE
     * @return the instruction
     */
    static Plain plain(Opcode op) {
        return new Plain(op);
    }
}
