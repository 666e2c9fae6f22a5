/** Analyses passes share: {@link wasm.ir.analysis.ControlFlowGraph} and {@link wasm.ir.analysis.DominatorTree} (with loop depth). */
package wasm.ir.analysis;
