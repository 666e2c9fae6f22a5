package wasm.runtime;

import java.util.Locale;

/**
 * When the JIT tier compiles a module's functions.
 *
 * <p>{@link #LAZY} compiles a function when it is first called, at the same optimisation level as
 * {@link #EAGER}, so start-up never waits for code that never runs and a function that runs ends
 * with the same code either way. {@link #EAGER} compiles every function before instantiation ends,
 * on all cores. A function whose code a {@link CodeCache} (or a precompiled module) holds is loaded,
 * not compiled, under both.
 */
public enum CompilePolicy {
    /** Every defined function before instantiation returns, in parallel. */
    EAGER,
    /** Each function on its first call, by the optimizing pipeline (the default before tiering). */
    LAZY,
    /**
     * Each function on its first call by the baseline compiler (one pass, no optimization), then by
     * the optimizing pipeline once its calls and loop iterations spend a budget
     * ({@value #TIER_UP_BUDGET_PROPERTY}); a function the baseline compiler leaves alone is compiled
     * as under {@link #LAZY}. An activation that loops four times as long as the budget moves into the
     * optimizing tier's code in the middle of its loop (on-stack replacement); an activation of a
     * function entered from the host waits for that code at its first check instead of looping
     * on beside the compile. A small function with a loop gets the optimizing tier's code at
     * once. The default: see docs/perf/startup.md for the measurements.
     */
    TIERED,
    /**
     * The baseline compiler only, never tiering up (functions it leaves alone go to the optimizing
     * pipeline): for tests of that compiler and for comparisons.
     */
    BASELINE;

    /** The system property that sets {@link #TIERED}'s budget: entries plus loop iterations before tier-up. */
    public static final String TIER_UP_BUDGET_PROPERTY = "wasmoon.tierUpBudget";

    /** The system property that selects the default policy: {@code eager}, {@code lazy}, {@code tiered} or {@code baseline}. */
    public static final String PROPERTY = "wasmoon.compile";

    /**
     * The policy named {@code text} ({@code eager}, {@code lazy}, {@code tiered} or {@code baseline},
     * any case).
     *
     * @param text the name, surrounding blanks ignored
     * @return the policy
     * @throws IllegalArgumentException for another name
     */
    public static CompilePolicy of(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "eager" -> EAGER;
            case "lazy" -> LAZY;
            case "tiered" -> TIERED;
            case "baseline" -> BASELINE;
            default -> throw new IllegalArgumentException(
                    "compile policy must be eager, lazy, tiered or baseline: " + text);
        };
    }
}
