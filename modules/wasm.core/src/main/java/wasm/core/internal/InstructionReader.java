package wasm.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import wasm.core.Feature;
import wasm.core.MalformedModuleException;
import wasm.core.UnsupportedFeatureException;
import wasm.core.model.BlockType;
import wasm.core.model.Instruction;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;

/**
 * Reads one instruction of the binary format at a time into fields, without allocating a
 * record: the decoder's check of a function body, the validator's streaming pass and the lazy
 * decode of a body ({@link BinaryCode}) all read instructions through it, so a body is checked
 * with the same code (and the same error messages) however it is read. {@link #toInstruction()}
 * makes the record of the instruction just read.
 *
 * <p>It reads the instructions of the wasm 3.0 opcode table that wasmoon implements (the
 * decoder handles the later proposals' opcodes it decodes past, and the structure of
 * {@code else}, before calling it). The fields of the current instruction are those its
 * {@link Opcode.Imm} kind has; the others keep stale values.
 */
public final class InstructionReader {
    /** Shared records of the instructions without immediates, by opcode ordinal (records are values). */
    private static final Instruction.Plain[] PLAIN;
    /** Shared block types of one result, by {@link ValType} ordinal. */
    private static final BlockType.Value[] VALUE_BLOCK;

    static {
        Opcode[] ops = Opcode.values();
        PLAIN = new Instruction.Plain[ops.length];
        for (Opcode op : ops) {
            if (op.imm() == Opcode.Imm.NONE) {
                PLAIN[op.ordinal()] = op == Opcode.END ? Instruction.END : new Instruction.Plain(op);
            }
        }
        ValType[] types = ValType.values();
        VALUE_BLOCK = new BlockType.Value[types.length];
        for (ValType t : types) {
            VALUE_BLOCK[t.ordinal()] = new BlockType.Value(t);
        }
    }

    private final ByteReader in;

    private Opcode op;
    /** The first index (or lane, or alignment exponent), the second index, the memory index. */
    private int index;
    private int index2;
    private int memory;
    private int lane;
    /** The memarg offset, or an integer constant, or the low bits of a 128-bit immediate. */
    private long value;
    private long high;
    private BlockType blockType;
    private ValType refType;
    private List<ValType> selectTypes;
    private int[] labels = new int[8];
    private int labelCount;

    /**
     * A reader at the reader's current position.
     *
     * @param in the bytes, positioned at an instruction
     */
    public InstructionReader(ByteReader in) {
        this.in = in;
    }

    /**
     * The position of the next byte to read.
     *
     * @return the offset in the underlying bytes
     */
    public int pos() {
        return in.pos();
    }

    /**
     * Reads the next instruction: its opcode (prefixed or not) and immediates.
     *
     * @return its opcode
     * @throws MalformedModuleException with the reference interpreter's message for bad bytes
     * @throws UnsupportedFeatureException for a reference type of a proposal wasmoon lacks
     */
    public Opcode next() {
        int b = in.u8();
        Opcode o;
        if (b == 0xFC) {
            long sub = in.unsigned(32);
            o = sub <= 0xFF ? Opcode.fromPrefixedFC((int) sub) : null;
            if (o == null) {
                throw new MalformedModuleException("illegal opcode fc " + hex((int) sub));
            }
        } else if (b == 0xFD) {
            long sub = in.unsigned(32);
            o = sub <= 0x1FF ? Opcode.fromPrefixedFD((int) sub) : null;
            if (o == null) {
                throw new MalformedModuleException("illegal opcode fd " + Long.toHexString(sub));
            }
        } else {
            o = Opcode.fromByte(b);
            if (o == null) {
                throw new MalformedModuleException("illegal opcode " + hex(b));
            }
        }
        op = o;
        switch (o.imm()) {
            case NONE -> {
            }
            case BLOCK_TYPE -> blockType = readBlockType();
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, ELEM, DATA, MEMORY, MEMORY_FILL -> index = in.u32();
            case MEMORY_INIT, MEMORY_COPY, CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                index = in.u32();
                index2 = in.u32();
            }
            case BR_TABLE -> {
                int n = in.length32();
                // n is bounded by the bytes left (one byte per label at least)
                if (labels.length < n) {
                    labels = new int[Math.max(n, labels.length * 2)];
                }
                for (int i = 0; i < n; i++) {
                    labels[i] = in.u32();
                }
                labelCount = n;
                index = in.u32();
            }
            case MEMARG -> memarg();
            case I32 -> value = in.s32();
            case I64 -> value = in.signed(64);
            case F32 -> value = in.fixed32();
            case F64 -> value = in.fixed64();
            case SELECT_TYPES -> selectTypes = readValTypes();
            case REF_TYPE -> refType = heapTypeOfRefNull();
            case V128_CONST, SHUFFLE -> {
                value = in.fixed64();
                high = in.fixed64();
            }
            case LANE -> lane = in.u8();
            case MEMARG_LANE -> {
                memarg();
                lane = in.u8();
            }
        }
        return o;
    }

    /** The current instruction's opcode. @return the opcode */
    public Opcode op() {
        return op;
    }

    /**
     * The first index immediate (label, function, local, global, table, element or data
     * segment, memory; the type of call_indirect, the destination of a copy), or br_table's
     * default label.
     *
     * @return the index, a u32 in an int
     */
    public int index() {
        return index;
    }

    /** The second index immediate (call_indirect's table, the source of a copy, memory.init's memory). @return it */
    public int index2() {
        return index2;
    }

    /** A memory access's alignment exponent (log2 bytes). @return it */
    public int alignLog2() {
        return index;
    }

    /** A memory access's static offset, a u64 in a long. @return it */
    public long offset() {
        return value;
    }

    /** A memory access's memory index. @return it */
    public int memory() {
        return memory;
    }

    /** The lane index byte of extract_lane, replace_lane, load_lane and store_lane. @return it */
    public int lane() {
        return lane;
    }

    /** The block type of block, loop and if. @return it */
    public BlockType blockType() {
        return blockType;
    }

    /** ref.null's type. @return it */
    public ValType refType() {
        return refType;
    }

    /** Typed select's types. @return them */
    public List<ValType> selectTypes() {
        return selectTypes;
    }

    /** br_table's labels: the first {@link #labelCount()} entries. @return the scratch array */
    public int[] labels() {
        return labels;
    }

    /** The number of br_table's labels (without the default). @return it */
    public int labelCount() {
        return labelCount;
    }

    /** A constant's value (raw bits for floats), or the low 8 bytes of v128.const and i8x16.shuffle. @return it */
    public long value() {
        return value;
    }

    /** The high 8 bytes of v128.const and i8x16.shuffle. @return them */
    public long high() {
        return high;
    }

    /**
     * The record of the instruction just read.
     *
     * @return a new record (or a shared one: instructions without immediates, end)
     */
    public Instruction toInstruction() {
        Opcode o = op;
        return switch (o.imm()) {
            case NONE -> PLAIN[o.ordinal()];
            case BLOCK_TYPE -> new Instruction.Block(o, blockType);
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, ELEM, DATA, MEMORY, MEMORY_FILL -> new Instruction.Indexed(o, index);
            case MEMORY_INIT, MEMORY_COPY, CALL_INDIRECT, TABLE_INIT, TABLE_COPY ->
                    new Instruction.Indexed2(o, index, index2);
            case BR_TABLE -> {
                Integer[] boxed = new Integer[labelCount];
                for (int i = 0; i < labelCount; i++) {
                    boxed[i] = labels[i];
                }
                yield new Instruction.BrTable(Arrays.asList(boxed), index);
            }
            case MEMARG -> new Instruction.MemoryAccess(o, index, value, memory);
            case I32 -> new Instruction.I32Const((int) value);
            case I64 -> new Instruction.I64Const(value);
            case F32 -> new Instruction.F32Const((int) value);
            case F64 -> new Instruction.F64Const(value);
            case SELECT_TYPES -> new Instruction.SelectTyped(selectTypes);
            case REF_TYPE -> new Instruction.RefNull(refType);
            case V128_CONST -> new Instruction.V128Const(value, high);
            case SHUFFLE -> new Instruction.Shuffle(value, high);
            case LANE -> new Instruction.Lane(o, lane);
            case MEMARG_LANE -> new Instruction.MemoryLaneAccess(o, index, value, lane, memory);
        };
    }

    // ---- immediates ----

    /** Alignment (into {@link #index}), memory index (3.0: flag bit 6) and offset (u64, 3.0). */
    private void memarg() {
        long flags = in.unsigned(32);
        if (flags >= 0x80) {
            throw new MalformedModuleException("malformed memop flags");
        }
        int align = (int) flags;
        int mem = 0;
        if (align >= 0x40) {
            align -= 0x40;
            mem = in.u32();
        }
        index = align;
        memory = mem;
        // The validator rejects offsets beyond 2^32-1 for 32-bit memories.
        value = in.unsigned(64);
    }

    /**
     * A block type: empty, one value type, or a type index (a positive s33).
     *
     * @return the block type
     */
    public BlockType readBlockType() {
        int b = in.peek();
        if (b == 0x40) {
            in.u8();
            return BlockType.EMPTY;
        }
        if (b >= 0 && (b & 0xC0) == 0x40) {
            return VALUE_BLOCK[readValType().ordinal()];
        }
        long typeIndex = in.signed(33);
        if (typeIndex < 0) {
            throw new MalformedModuleException("malformed reference type");
        }
        return new BlockType.TypeIndex((int) typeIndex);
    }

    private ValType heapTypeOfRefNull() {
        int b = in.peek();
        if (b >= 0 && b < 0x40) {
            throw new UnsupportedFeatureException(Feature.FUNCTION_REFERENCES, "ref.null with a type index");
        }
        return readRefType();
    }

    /**
     * A vector of value types.
     *
     * @return the types
     */
    public List<ValType> readValTypes() {
        int n = in.length32();
        List<ValType> list = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            list.add(readValType());
        }
        return list;
    }

    /**
     * A one-byte signed LEB128 code (types, forms): a continuation bit means too many bytes for 7 bits.
     *
     * @return the byte
     */
    public int readSevenBitByte() {
        int b = in.u8();
        if ((b & 0x80) != 0) {
            throw new MalformedModuleException("integer representation too long");
        }
        return b;
    }

    /**
     * A value type.
     *
     * @return the type
     */
    public ValType readValType() {
        int b = readSevenBitByte();
        return switch (b) {
            case 0x7F -> ValType.I32;
            case 0x7E -> ValType.I64;
            case 0x7D -> ValType.F32;
            case 0x7C -> ValType.F64;
            case 0x7B -> ValType.V128;
            default -> referenceTypeByte(b);
        };
    }

    /**
     * A reference type.
     *
     * @return FUNCREF or EXTERNREF
     */
    public ValType readRefType() {
        return referenceTypeByte(readSevenBitByte());
    }

    private static ValType referenceTypeByte(int b) {
        return switch (b) {
            case 0x70 -> ValType.FUNCREF;
            case 0x6F -> ValType.EXTERNREF;
            default -> {
                unsupportedHeapType(b);
                throw new MalformedModuleException("malformed reference type");
            }
        };
    }

    /** Throws for the reference-type bytes later proposals gave a meaning to. */
    private static void unsupportedHeapType(int b) {
        switch (b) {
            case 0x63, 0x64 -> throw new UnsupportedFeatureException(
                    Feature.FUNCTION_REFERENCES, "reference type 0x" + hex(b));
            case 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x71, 0x72, 0x73 -> throw new UnsupportedFeatureException(
                    Feature.GC, "heap type 0x" + hex(b));
            case 0x69, 0x74 -> throw new UnsupportedFeatureException(
                    Feature.EXCEPTIONS, "heap type 0x" + hex(b));
            default -> {
            }
        }
    }

    /**
     * Two hex digits at least.
     *
     * @param b a value
     * @return its lower-case hex form, zero-padded to two digits
     */
    public static String hex(int b) {
        String h = Integer.toHexString(b);
        return h.length() < 2 ? "0" + h : h;
    }
}
