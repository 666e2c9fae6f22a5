/** {@link wasm.ir.verify.Verifier}: IR invariants (types, terminators, branch arity, SSA dominance), run after every pass in tests. */
package wasm.ir.verify;
