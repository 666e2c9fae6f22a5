package wasm.ir.interp;

/**
 * What an IR function sees of its instance while interpreted: memories,
 * globals, tables, segments and other functions. Values are raw 64-bit
 * patterns: i32 sign-extended, floats as raw bits (f32 in the low 32 bits),
 * references as longs with null = -1; a v128 is two longs, the low 64 bits
 * first (as arguments and results too).
 *
 * <p>The interpreter performs every bounds check and trap itself before calling
 * the accessors, so implementations can be plain arrays.
 */
public interface IrEnvironment {
    /** Current size in bytes of memory {@code memory} (a multiple of 64 KiB). */
    long memoryBytes(int memory);

    /** Little-endian read of {@code bytes} (1, 2, 4, 8) bytes at an in-bounds address, zero-extended. */
    long load(int memory, long address, int bytes);

    /** Little-endian write of the low {@code bytes} bytes of {@code value} at an in-bounds address. */
    void store(int memory, long address, int bytes, long value);

    /** Grows memory {@code memory} by unsigned {@code deltaPages}; returns the old size in pages or -1. */
    long memoryGrow(int memory, long deltaPages);

    /** Bytes of data segment {@code index} (empty once dropped). */
    byte[] dataSegment(int index);

    void dropData(int index);

    long globalGet(int index);

    void globalSet(int index, long value);

    /** The high 64 bits of v128 global {@code index} ({@link #globalGet} gives the low ones). */
    long globalGetHigh(int index);

    void globalSetHigh(int index, long value);

    int tableSize(int table);

    /** Element {@code index} (in bounds) of {@code table}. */
    long tableGet(int table, int index);

    void tableSet(int table, int index, long ref);

    /** Grows {@code table} by unsigned {@code delta} filled with {@code init}; returns the old size or -1. */
    int tableGrow(int table, long init, long delta);

    /** References of element segment {@code index} (empty once dropped). */
    long[] elemSegment(int index);

    void dropElem(int index);

    /** The reference value of function {@code funcIndex} (ref.func). */
    long funcRef(int funcIndex);

    /** Whether non-null function reference {@code ref} has the signature of type {@code typeIndex}. */
    boolean funcRefMatches(long ref, int typeIndex);

    /** Calls function {@code funcIndex}; arguments and results as raw patterns. */
    long[] call(int funcIndex, long[] args);

    /** Calls the function behind non-null reference {@code ref}. */
    long[] callRef(long ref, long[] args);
}
