/** {@link wasm.ir.translate.WasmToIr}: validated Wasm function to SSA IR (Braun et al. SSA construction). */
package wasm.ir.translate;
