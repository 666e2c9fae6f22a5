package wasm.opt;

import wasm.ir.Function;

/**
 * One IR transformation. Passes are stateless (GraalVM's phases): every run
 * gets everything it needs from the function, so one instance serves every
 * function and every thread. A pass leaves the function valid for the
 * {@link wasm.ir.verify.Verifier} and keeps its observable behaviour (results,
 * traps and their codes, memory, globals and tables) exactly.
 */
public interface Pass {

    /** The name under which the driver reports the pass in the metrics ({@code ir_passes[].name}). */
    String name();

    /**
     * Transforms {@code f} in place.
     *
     * @return whether anything changed; must be true whenever the layout
     *         instruction count changed (the driver checks this when verifying)
     */
    boolean run(Function f);

    /**
     * Transforms {@code f} in place with {@code context} at hand (the module around it,
     * and a place to report counters and notes). Passes that need neither keep the default.
     */
    default boolean run(Function f, PassContext context) {
        return run(f);
    }
}
