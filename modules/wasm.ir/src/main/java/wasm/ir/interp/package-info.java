/**
 * {@link wasm.ir.interp.IrInterpreter} executes IR with exact Wasm semantics
 * against an {@link wasm.ir.interp.IrEnvironment}; {@link wasm.ir.interp.ModuleEnvironment}
 * is a complete in-memory instance of an import-free module, with a hook to run
 * passes on each function before it is interpreted: the oracle for passes and the backend.
 */
package wasm.ir.interp;
