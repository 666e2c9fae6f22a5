/**
 * The JIT tier's runtime side (JIT ABI of docs/architecture.md, "JIT execution ABI": v1, plus v2: several results through a
 * caller-provided results area whose address travels in rax, see {@link wasm.backend.x64.SysVAbi#RESULTS_AREA}): per-instance vmctx
 * blocks ({@link wasm.runtime.internal.jit.ModuleVmctxLayout}), the store-wide
 * function directory, entry trampolines per signature, upcall thunks for host and
 * interpreted functions, cross-instance thunks that switch r15, helper upcall stubs
 * (memory.grow, bulk memory, table ops, ref.func), and the wasm thread with a large
 * known stack. {@link wasm.runtime.internal.jit.JitEngine} ties them together.
 *
 * <p>Unwinding: all wasm code of a store runs on its wasm thread, so every vmctx of
 * the store holds the same unwind rsp/target; an entry trampoline publishes its frame
 * into all of them (a list threaded through vmctx) and restores the previous values
 * on the way out, which makes wasm -> host -> wasm re-entrancy and traps in another
 * instance's code (reached by call_indirect) unwind to the right frame.
 */
package wasm.runtime.internal.jit;
