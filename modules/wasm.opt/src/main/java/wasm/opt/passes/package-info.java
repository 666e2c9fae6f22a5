/**
 * The optimisation passes, each a stateless singleton ({@code INSTANCE}) the
 * {@link wasm.opt.PassPipeline} runs: {@code cfg_cleanup}, {@code const_fold},
 * {@code copy_prop}, {@code dce}, {@code gvn}, {@code licm}, {@code simplify}.
 */
package wasm.opt.passes;
