package wasm.backend;

/**
 * Byte offsets into one module instance's vmctx block, as the JIT ABI
 * (docs/architecture.md, "JIT execution ABI") lists them. The runtime implements this per module and
 * hands it to {@link X64Compiler}; generated code addresses every field as
 * {@code [r15 + offset]}.
 */
public interface VmctxLayout {
    /** u64: the lowest rsp a function may run with; prologues trap "call stack exhausted" below it. */
    int stackLimit();

    /** u32: written by trap stubs with {@link wasm.backend.code.TrapAbi#abiCode}. */
    int trapCode();

    /**
     * u64, 8-byte aligned: the offending table index of call_indirect's "undefined element" /
     * "uninitialized element" traps ({@link wasm.backend.code.TrapAbi#hasElementIndex});
     * call_indirect stores its index here, zero-extended, before the checks. A whole u64 because a
     * 64-bit table's index may be 2^32 or more, and the message names it.
     */
    int trapDetail();

    /** u64: rsp to restore when unwinding after a trap. */
    int unwindRsp();

    /** u64: code address to jump to when unwinding after a trap. */
    int unwindTarget();

    /** u64: base address of linear memory 0. */
    int memoryBase();

    /** u64: current byte length of linear memory 0. */
    int memoryLength();

    /**
     * u64: base address of linear memory {@code memory}. Memory 0 is {@link #memoryBase()}, the
     * fixed field of the ABI; a layout of a module with several memories answers for the others.
     */
    default int memoryBase(int memory) {
        if (memory != 0) {
            throw new IllegalArgumentException("no vmctx slot for memory " + memory);
        }
        return memoryBase();
    }

    /** u64: current byte length of linear memory {@code memory} (memory 0: {@link #memoryLength()}). */
    default int memoryLength(int memory) {
        if (memory != 0) {
            throw new IllegalArgumentException("no vmctx slot for memory " + memory);
        }
        return memoryLength();
    }

    /** u64 slot holding the address of global {@code g}'s 8-byte cell. */
    int globalCellOffset(int globalIndex);

    /** u64 slot holding the address of table {@code t}'s header {u64 elements, u32 size}. */
    int tableOffset(int tableIndex);

    /** u64 slot holding the address of the store's function directory. */
    int funcDirectoryOffset();

    /** Bytes per directory entry {u64 code, u64 vmctx, u32 signature id, u32 pad}: 24 or 32. */
    int funcDirEntrySize();

    /**
     * u32 slot holding the store's canonical signature id of the module's type {@code typeIndex}, which
     * call_indirect compares with the directory entry's. A slot rather than an immediate, so that compiled
     * code does not depend on the store that happens to run it (the code cache shares it across stores and
     * processes).
     */
    int signatureIdOffset(int typeIndex);

    /** Number of imported functions (they come first in the function index space). */
    int importedFunctionCount();

    /** u64 slot holding the code (or thunk) address of imported function {@code i}. */
    int importCodeOffset(int importIndex);

    /** u64 slot holding the code address of defined function {@code funcIndex} (function index space). */
    int functionCodeOffset(int funcIndex);

    /** u64 slot holding the address of a runtime helper. */
    int helperOffset(Helper helper);

    /** The vmctx slot to call through for a callee that is not compiled in the same batch. */
    default int calleeCodeOffset(int funcIndex) {
        return funcIndex < importedFunctionCount() ? importCodeOffset(funcIndex) : functionCodeOffset(funcIndex);
    }

    /**
     * u64 slot holding the address of the store's fuel counter (an i64 of remaining fuel), or -1 when
     * code does not meter fuel. With metering, every function entry and every loop back edge taken
     * subtracts one and traps {@link wasm.ir.TrapCode#OUT_OF_FUEL} when the counter goes negative.
     */
    default int fuelCounter() {
        return -1;
    }

    /**
     * Whether loop back edges poll for interruption: they compare rsp with {@link #stackLimit()} as
     * prologues do, so a runtime that stores an impossible limit (all ones) there stops code at its
     * next function entry or loop iteration with "call stack exhausted", which it then reports as the
     * interruption it asked for. Prologues always check.
     */
    default boolean interruptPolls() {
        return false;
    }

    /**
     * u64 slot holding the address of the instance's tier-up counters (one i32 per function of the
     * index space), or -1 when code does not count: baseline code
     * ({@link wasm.backend.baseline.BaselineCompiler}) subtracts one per entry and per loop
     * iteration, and an entry that finds its counter negative asks the runtime for optimized code through {@link #lazyCompileThunk()}.
     * The i32 right below the counters is where each activation of baseline code starts its own
     * countdown to an on-stack-replacement check ({@link wasm.backend.Helper#OSR_ENTRY}).
     */
    default int tierUpCounters() {
        return -1;
    }

    /**
     * u64 slot holding the store's lazy-compile thunk: code that jumps there with a defined
     * function's index in r11d (and the call's arguments in place) gets that function's code
     * compiled, or tiered up, and continues in it.
     */
    default int lazyCompileThunk() {
        throw new UnsupportedOperationException("this layout has no lazy-compile thunk");
    }
}
