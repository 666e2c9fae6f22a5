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
    /** Each function on its first call (the default: see docs/perf/startup.md for the measurements). */
    LAZY;

    /** The system property that selects the default policy: {@code eager} or {@code lazy}. */
    public static final String PROPERTY = "wasmoon.compile";

    /**
     * The policy named {@code text} ({@code eager} or {@code lazy}, any case).
     *
     * @param text the name, surrounding blanks ignored
     * @return the policy
     * @throws IllegalArgumentException for another name
     */
    public static CompilePolicy of(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "eager" -> EAGER;
            case "lazy" -> LAZY;
            default -> throw new IllegalArgumentException("compile policy must be eager or lazy: " + text);
        };
    }
}
