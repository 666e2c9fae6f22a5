package wasm.runtime;

/**
 * A function implemented by the host. Arguments and results use the API's
 * long encoding (see {@link Ref} and the contract: i32 sign-extended, f32 as raw
 * bits, f64 as raw bits). May throw {@link Trap}.
 */
@FunctionalInterface
public interface HostFunction {
    /**
     * Runs the function.
     *
     * @param args the arguments in the API's encoding, one long per parameter (two per v128)
     * @return the results in the same encoding (an empty array for none)
     */
    long[] call(long[] args);
}
