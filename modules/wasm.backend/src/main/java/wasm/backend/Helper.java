package wasm.backend;

/**
 * Runtime helpers generated code calls through vmctx slots
 * ({@link VmctxLayout#helperOffset}). Each is a native System V function whose
 * first argument is the vmctx; i32 arguments are passed in 32-bit registers.
 * A helper that can trap returns a nonzero status after storing the trap code
 * ({@link wasm.backend.code.TrapAbi#abiCode}) into vmctx; the generated code then unwinds through
 * unwindRsp/unwindTarget without touching trapCode.
 */
public enum Helper {
    /** {@code int memoryGrow(long vmctx, int deltaPages)}: the old size in pages, or -1. Never traps. */
    MEMORY_GROW(false),
    /** {@code int memoryFill(long vmctx, int dst, int byteValue, int len)}: 0, or nonzero after a trap. */
    MEMORY_FILL(true),
    /** {@code int memoryCopy(long vmctx, int dst, int src, int len)} (overlap-safe): 0, or nonzero after a trap. */
    MEMORY_COPY(true),
    /** {@code int memoryInit(long vmctx, int dataIndex, int dst, int src, int len)}: 0, or nonzero after a trap. */
    MEMORY_INIT(true),
    /** {@code int dataDrop(long vmctx, int dataIndex)}: 0. */
    DATA_DROP(false),
    /** {@code int tableGrow(long vmctx, int table, long initRef, int delta)}: old size or -1 (may move the elements). */
    TABLE_GROW(false),
    /** {@code int tableFill(long vmctx, int table, int start, long ref, int len)}: 0, or nonzero after a trap. */
    TABLE_FILL(true),
    /** {@code int tableCopy(long vmctx, int dstTable, int srcTable, int dst, int src, int len)}: 0, or nonzero after a trap. */
    TABLE_COPY(true),
    /** {@code int tableInit(long vmctx, int table, int elemIndex, int dst, int src, int len)}: 0, or nonzero after a trap. */
    TABLE_INIT(true),
    /** {@code int elemDrop(long vmctx, int elemIndex)}: 0. */
    ELEM_DROP(false),
    /** {@code long refFunc(long vmctx, int funcIndex)}: the function's reference (store function address). */
    REF_FUNC(false);

    private final boolean canTrap;

    Helper(boolean canTrap) {
        this.canTrap = canTrap;
    }

    /** Whether the helper reports traps through a nonzero result. */
    public boolean canTrap() {
        return canTrap;
    }
}
