/**
 * The WebAssembly interpreter. {@link wasm.runtime.internal.interp.FunctionTranslator}
 * turns each validated function, on its first call, into an {@code int[]} code stream
 * (opcode numbers from {@code Op}, immediates inline, branch targets resolved to code
 * offsets, stack heights to keep/drop computed ahead, common sequences fused into
 * superinstructions); {@link wasm.runtime.internal.interp.Interpreter} runs it with one
 * dispatch loop over a {@code long[]} value stack and an explicit frame stack, so wasm
 * recursion never consumes Java stack. Rare instructions live in {@code OutOfLineOps}
 * to keep the loop under HotSpot's 8000-bytecode compile limit.
 */
package wasm.runtime.internal.interp;
