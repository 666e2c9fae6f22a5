package wasm.ir;

/**
 * How an instruction's immediates and operands are laid out, shared by the
 * builder, printer, parser and verifier. {@code imm} and {@code imm2} are the two
 * immediate slots every instruction has.
 */
public enum InstFormat {
    /** Operands only. */
    PLAIN,
    /** {@code imm} = 64-bit integer constant. */
    INT_IMM,
    /** {@code imm} = raw float bits. */
    FLOAT_IMM,
    /** {@code imm} = {@link IntCC} ordinal. */
    INT_COMPARE,
    /** {@code imm} = {@link FloatCC} ordinal. */
    FLOAT_COMPARE,
    /**
     * {@code imm} = unsigned (64-bit) static offset added to the address operand (operand 0),
     * {@code imm2} = memory index.
     */
    LOAD,
    /** {@code imm} = static offset, {@code imm2} = memory index; operands: value, address. */
    STORE,
    /** {@code imm} = memory index. */
    MEMORY,
    /** {@code imm} = destination memory, {@code imm2} = source memory. */
    MEMORY_COPY,
    /** {@code imm} = data segment, {@code imm2} = memory. */
    MEMORY_INIT,
    /** {@code imm} = function index. */
    FUNC,
    /** {@code imm} = global index. */
    GLOBAL,
    /** {@code imm} = table index. */
    TABLE,
    /** {@code imm} = destination table, {@code imm2} = source table. */
    TABLE_COPY,
    /** {@code imm} = element segment, {@code imm2} = table. */
    TABLE_INIT,
    /** {@code imm} = element segment. */
    ELEM,
    /** {@code imm} = data segment. */
    DATA,
    /** {@code imm} = callee function index; operands: arguments. */
    CALL,
    /** {@code imm} = type index, {@code imm2} = table index; operands: callee table slot, then arguments. */
    CALL_INDIRECT,
    /** One target. */
    JUMP,
    /** Operand: condition; targets: then, else. */
    BRIF,
    /** Operand: index; targets: default, then the table. */
    BR_TABLE,
    /** Operands: returned values. */
    RETURN,
    /** {@code imm} = {@link TrapCode} ordinal. */
    TRAP,
    /** {@code imm} = lane index (vextractlane, vinsertlane). */
    LANE,
    /**
     * {@code imm} = lane indices 0..11 of a shuffle, five bits each (lane k at bit 5k),
     * {@code imm2} = lanes 12..15 the same way; each index is 0..31 (the first operand's
     * lanes, then the second's). {@link wasm.ir.ShuffleMask} packs and reads them.
     */
    SHUFFLE,
    /**
     * {@code imm} = static offset, {@code imm2} = memory index and lane ({@link wasm.ir.Function#laneAccessImm2});
     * operands: address, vector (vload_lane).
     */
    LOAD_LANE,
    /**
     * {@code imm} = static offset, {@code imm2} = memory index and lane ({@link wasm.ir.Function#laneAccessImm2});
     * operands: vector, address (vstore_lane).
     */
    STORE_LANE
}
