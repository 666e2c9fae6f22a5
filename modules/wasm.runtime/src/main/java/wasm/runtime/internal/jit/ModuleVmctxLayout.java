package wasm.runtime.internal.jit;

import wasm.backend.Helper;
import wasm.backend.VmctxLayout;
import wasm.core.model.Module;

/**
 * The vmctx layout of one module (JIT ABI): fixed fields (memory 0's base and length
 * among them), then one u64 slot per helper, a u64 base and a u64 length per memory
 * after memory 0 (multiple memories), one u64 slot per global (cell address), per table (header address) and per
 * function of the function index space (code or thunk address; imports first),
 * then one u32 per type (the store's canonical signature id). It depends on the
 * module alone, so code compiled against it runs in any store.
 * The runtime-private fields {@link #STORE_BLOCK} and {@link #NEXT_VMCTX} let
 * entry trampolines publish the unwind state to every vmctx of the store.
 * Last comes the u64 address of the store's fuel counter, read by code metered for fuel
 * ({@link Metering}); the {@linkplain #interruptPolls() interruption polls} read {@link #STACK_LIMIT},
 * which the runtime sets to all ones to interrupt.
 */
final class ModuleVmctxLayout implements VmctxLayout {
    static final int STACK_LIMIT = 0;
    /** u32, then 4 bytes of padding. */
    static final int TRAP_CODE = 8;
    static final int UNWIND_RSP = 16;
    static final int UNWIND_TARGET = 24;
    static final int MEMORY_BASE = 32;
    static final int MEMORY_LENGTH = 40;
    static final int FUNC_DIRECTORY = 48;
    /** u64: address of the store block {head vmctx, unwindRsp, unwindTarget, trap detail}. */
    static final int STORE_BLOCK = 56;
    /** u64: the next vmctx of the store (a list the trampolines walk), 0 at the end. */
    static final int NEXT_VMCTX = 64;
    /**
     * u64: the store's lazy-compile thunk. A function not compiled yet has a stub in the module's code
     * image that loads its index into r11 and jumps here (see {@link ThunkAssembler#lazyCompileThunk}).
     */
    static final int LAZY_COMPILE = 72;
    /** u64: call_indirect's table index (an i64 of a 64-bit table), for "undefined element N" / "uninitialized element N". */
    static final int TRAP_DETAIL = 80;
    static final int HELPERS = 88;
    /** Directory entries {u64 code, u64 vmctx, u32 signature id, pad}: 32 bytes, a shift away. */
    static final int DIR_ENTRY_SIZE = 32;
    static final int DIR_CODE = 0;
    static final int DIR_VMCTX = 8;
    static final int DIR_SIGNATURE = 16;

    /** The base of memory 1; memory m > 0 has its base at {@code memories + 16 (m - 1)}, its length 8 above. */
    private final int memories;
    private final int memoryCount;
    private final int globals;
    private final int tables;
    private final int functions;
    private final int importedFunctions;
    private final int signatures;
    private final int typeCount;
    private final int fuelCounter;
    private final int tierUpCounters;
    private final Metering metering;
    private final int size;

    ModuleVmctxLayout(int globalCount, int tableCount, int functionCount, int importedFunctions, int typeCount) {
        this(1, globalCount, tableCount, functionCount, importedFunctions, typeCount, Metering.DEFAULT);
    }

    ModuleVmctxLayout(int memoryCount, int globalCount, int tableCount, int functionCount, int importedFunctions,
                      int typeCount, Metering metering) {
        this.memoryCount = memoryCount;
        this.memories = HELPERS + 8 * Helper.values().length;
        this.globals = memories + 16 * Math.max(0, memoryCount - 1);
        this.tables = globals + 8 * globalCount;
        this.functions = tables + 8 * tableCount;
        this.importedFunctions = importedFunctions;
        this.signatures = functions + 8 * functionCount;
        this.typeCount = typeCount;
        this.metering = metering;
        this.fuelCounter = (signatures + 4 * typeCount + 7) & -8;
        // after the fuel counter's slot: the tier-up counters' address (runtime-written, as LAZY_COMPILE)
        this.tierUpCounters = fuelCounter + 8;
        this.size = (tierUpCounters + 8 + 15) & -16;
    }

    /** The layout every instance of {@code module} gets, for code metered as {@code metering} says. */
    static ModuleVmctxLayout of(Module module, Metering metering) {
        return new ModuleVmctxLayout(module.memoryCount(), module.globalCount(), module.tableCount(),
                module.functionCount(),
                module.functionCount() - module.functions().size(), module.types().size(), metering);
    }

    Metering metering() {
        return metering;
    }

    /** The slot of the fuel counter's address, whether or not the code reads it. */
    int fuelCounterSlot() {
        return fuelCounter;
    }

    @Override
    public int fuelCounter() {
        return metering.fuel() ? fuelCounter : -1;
    }

    @Override
    public boolean interruptPolls() {
        return metering.interruptPolls();
    }

    /** Bytes of the vmctx block. */
    @Override
    public int tierUpCounters() {
        return tierUpCounters;
    }

    @Override
    public int lazyCompileThunk() {
        return LAZY_COMPILE;
    }

    int size() {
        return size;
    }

    @Override
    public int stackLimit() {
        return STACK_LIMIT;
    }

    @Override
    public int trapCode() {
        return TRAP_CODE;
    }

    @Override
    public int trapDetail() {
        return TRAP_DETAIL;
    }

    @Override
    public int unwindRsp() {
        return UNWIND_RSP;
    }

    @Override
    public int unwindTarget() {
        return UNWIND_TARGET;
    }

    @Override
    public int memoryBase() {
        return MEMORY_BASE;
    }

    @Override
    public int memoryLength() {
        return MEMORY_LENGTH;
    }

    @Override
    public int memoryBase(int memory) {
        return memory == 0 ? MEMORY_BASE : otherMemory(memory);
    }

    @Override
    public int memoryLength(int memory) {
        return memory == 0 ? MEMORY_LENGTH : otherMemory(memory) + 8;
    }

    /** The base slot of memory {@code memory} > 0. */
    private int otherMemory(int memory) {
        if (memory < 0 || memory >= memoryCount) {
            throw new IllegalArgumentException("memory " + memory + " of " + memoryCount);
        }
        return memories + 16 * (memory - 1);
    }

    @Override
    public int globalCellOffset(int globalIndex) {
        return globals + 8 * globalIndex;
    }

    @Override
    public int tableOffset(int tableIndex) {
        return tables + 8 * tableIndex;
    }

    @Override
    public int funcDirectoryOffset() {
        return FUNC_DIRECTORY;
    }

    @Override
    public int funcDirEntrySize() {
        return DIR_ENTRY_SIZE;
    }

    @Override
    public int signatureIdOffset(int typeIndex) {
        return signatures + 4 * typeIndex;
    }

    @Override
    public int importedFunctionCount() {
        return importedFunctions;
    }

    @Override
    public int importCodeOffset(int importIndex) {
        return functions + 8 * importIndex;
    }

    @Override
    public int functionCodeOffset(int funcIndex) {
        return functions + 8 * funcIndex;
    }

    @Override
    public int helperOffset(Helper helper) {
        return HELPERS + 8 * helper.ordinal();
    }

    @Override
    public String toString() {
        return "ModuleVmctxLayout[size=" + size + ", types=" + typeCount + "]";
    }
}
