/** The IR text format: {@link wasm.ir.text.IrPrinter} writes it, {@link wasm.ir.text.IrParser} reads it back identically. */
package wasm.ir.text;
