package wasm.backend;

/**
 * Runtime helpers generated code calls through vmctx slots
 * ({@link VmctxLayout#helperOffset}). Each is a native System V function whose
 * first argument is the vmctx. Memory and table indices, data and element segment
 * indices and byte values are i32 arguments ({@code int}). An address, size, index or
 * length of a memory or table is passed as a whole 64-bit register ({@code long}): an i64
 * for a 64-bit memory or table (memory64, table64); for a 32-bit one only the low 32 bits
 * are the operand (the upper half is unspecified) and the helper reads those.
 * A helper that can trap returns a nonzero status after storing the trap code
 * ({@link wasm.backend.code.TrapAbi#abiCode}) into vmctx; the generated code then unwinds through
 * unwindRsp/unwindTarget without touching trapCode.
 */
public enum Helper {
    /** {@code long memoryGrow(long vmctx, int memory, long deltaPages)}: the old size in pages, or -1. Never traps. */
    MEMORY_GROW(false),
    /** {@code int memoryFill(long vmctx, int memory, long dst, int byteValue, long len)}: 0, or nonzero after a trap. */
    MEMORY_FILL(true),
    /**
     * {@code int memoryCopy(long vmctx, int dstMemory, int srcMemory, long dst, long src, long len)}
     * (overlap-safe; len is an i64 only when both memories are 64-bit): 0, or nonzero after a trap.
     */
    MEMORY_COPY(true),
    /**
     * {@code int memoryInit(long vmctx, int memory, int dataIndex, long dst, long src, long len)} (src and
     * len are i32): 0, or nonzero after a trap.
     */
    MEMORY_INIT(true),
    /** {@code int dataDrop(long vmctx, int dataIndex)}: 0. */
    DATA_DROP(false),
    /** {@code long tableGrow(long vmctx, int table, long initRef, long delta)}: old size or -1 (may move the elements). */
    TABLE_GROW(false),
    /** {@code int tableFill(long vmctx, int table, long start, long ref, long len)}: 0, or nonzero after a trap. */
    TABLE_FILL(true),
    /**
     * {@code int tableCopy(long vmctx, int dstTable, int srcTable, long dst, long src, long len)} (len is an
     * i64 only when both tables are 64-bit): 0, or nonzero after a trap.
     */
    TABLE_COPY(true),
    /**
     * {@code int tableInit(long vmctx, int table, int elemIndex, long dst, long src, long len)} (src and len
     * are i32): 0, or nonzero after a trap.
     */
    TABLE_INIT(true),
    /** {@code int elemDrop(long vmctx, int elemIndex)}: 0. */
    ELEM_DROP(false),
    /** {@code long refFunc(long vmctx, int funcIndex)}: the function's reference (store function address). */
    REF_FUNC(false),
    /**
     * {@code int osrEntry(long vmctx, long funcIndex, long loopIndex, long frame)} (tiered compilation):
     * the baseline code of {@code funcIndex}, whose frame is at {@code frame} (its rbp), counted its
     * activation's on-stack-replacement countdown out at the loop that is instruction
     * {@code loopIndex} of its body. The runtime renews the countdown and answers 0 (go on in the
     * baseline code) or 1, with the address of the function's entry in the optimizing tier (a
     * function of the loop's index and the locals) stored in the frame
     * ({@code BaselineCompiler.OSR_ENTRY_SLOT}). Never traps. All four arguments are whole
     * registers, so the upcall shares the C signature of the runtime's other upcalls.
     */
    OSR_ENTRY(false);

    private final boolean canTrap;

    Helper(boolean canTrap) {
        this.canTrap = canTrap;
    }

    /** Whether the helper reports traps through a nonzero result. */
    public boolean canTrap() {
        return canTrap;
    }
}
