package wasm.backend;

/**
 * Observes the stages of one {@link X64Compiler#compile(int, wasm.ir.Function, perf.metrics.FunctionMetrics,
 * CompileListener)} call, for tools such as {@code wasmoon explore}. Every method defaults to doing nothing;
 * the compiler renders no text at all when it is given {@link #NONE} (the runtime's case), so observing costs
 * nothing unless asked for.
 *
 * <p>VCode text: one block label per block ({@code block3:}), one machine instruction per line, virtual
 * registers as {@code v12}, fixed-register constraints as {@code v3@%rdi}, physical registers as {@code %rax},
 * spill slots as {@code [slot2]}. The allocated listing replaces every operand by its location and shows the
 * allocator's edits as {@code move}, {@code spill} and {@code reload} lines around the instructions.
 */
public interface CompileListener {
    /** Observes nothing (the default of {@link X64Compiler#compile(int, wasm.ir.Function, perf.metrics.FunctionMetrics)}). */
    CompileListener NONE = new CompileListener() {
    };

    /** The VCode right after lowering, over virtual registers. */
    default void vcode(int funcIndex, String text) {
    }

    /** The VCode after register allocation: physical registers, spill slots and the allocator's moves. */
    default void vcodeAllocated(int funcIndex, String text) {
    }

    /**
     * The machine code from {@code offset} to its end is the function's constant pool (16-byte
     * entries read by RIP-relative operands), data rather than instructions. Not called when the
     * function has no constants.
     */
    default void constantPool(int funcIndex, int offset) {
    }
}
