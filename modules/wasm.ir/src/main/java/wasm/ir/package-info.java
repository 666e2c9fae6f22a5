/**
 * The SSA IR of wasmoon's JIT.
 *
 * <p><b>Entities.</b> A {@link wasm.ir.Function} holds dense tables addressed by
 * {@code int} handles: values ({@code vN}), instructions and blocks
 * ({@code blockN}). Nothing is an object per instruction; a function is reusable
 * after {@link wasm.ir.Function#clear()}.
 *
 * <p><b>Opcodes.</b> {@link wasm.ir.IrOpcode} is the one table of instructions:
 * text name, {@link wasm.ir.InstFormat} (immediates and operand layout), operand
 * and result shape, allowed controlling types and effect flags (pure, traps,
 * reads/writes memory, call, terminator, side effect). Builder, printer, parser,
 * verifier and interpreter all read it.
 *
 * <p><b>Types.</b> i32, i64, f32, f64 and {@code ref}: funcref and externref share
 * one IR type, represented at run time as a 64-bit pattern with null = -1.
 *
 * <p><b>Control flow.</b> Blocks take parameters instead of phis; terminators are
 * {@code jump}, {@code brif}, {@code br_table} (default target first),
 * {@code return} and {@code trap}. Each branch target carries its own argument
 * list. Layout (block order, instruction order) is separate from data flow.
 *
 * <p><b>Calling convention.</b> The entry block's parameters are
 * {@code vmctx: i64} then the Wasm parameters; {@link wasm.ir.Function#signature()}
 * is the Wasm-level signature. {@code call fnN(args)} and
 * {@code call_indirect typeN, tableM, slot(args)} pass vmctx implicitly; the
 * callee and type signatures a function uses are declared in it.
 *
 * <p><b>Semantics.</b> Instructions keep Wasm semantics: loads and stores carry
 * a static offset and trap out of bounds, divisions and float-to-int
 * conversions trap, call_indirect checks bounds, null and signature. Memory,
 * table, segment and global operations are opcodes (the backend lowers the bulk
 * ones to runtime calls). The IR interpreter ({@code wasm.ir.interp}) defines
 * them precisely.
 */
package wasm.ir;
