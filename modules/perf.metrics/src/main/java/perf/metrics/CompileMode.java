package perf.metrics;

import java.util.Locale;

/**
 * How a function's code came to be ({@code compile_mode}): compiled before the module's
 * first call ({@link #EAGER}), compiled when first called ({@link #LAZY}), loaded
 * from a code cache without compiling ({@link #CACHED}: no stage ran, every stage time is 0),
 * or, under tiered compilation, compiled when first called by the baseline tier
 * ({@link #BASELINE}) and later again by the optimizing tier ({@link #TIER_UP}), and its
 * on-stack-replacement entry ({@link #OSR}): such a function is listed once per compile.
 */
public enum CompileMode {
    /** Compiled before the module's first call. */
    EAGER,
    /** Compiled when first called, while the program waits. */
    LAZY,
    /** Loaded from a code cache, not compiled. */
    CACHED,
    /**
     * Compiled when first called by the baseline tier (tiered compilation: one pass, no IR; its
     * stage times are 0, compile_us is the whole compile).
     */
    BASELINE,
    /**
     * Compiled by the optimizing tier on a background thread once its baseline code proved hot
     * (tiered compilation), while the program went on in the baseline code.
     */
    TIER_UP,
    /**
     * The function's on-stack-replacement entry, compiled by the optimizing tier on a background
     * thread once an activation of its baseline code ran long in a loop (tiered compilation),
     * while that activation went on in the baseline code.
     */
    OSR;

    /**
     * Whether the compile ran beside the program, on the tier-up thread, after the function's
     * first compile ({@link #TIER_UP}, {@link #OSR}): such an entry follows the function's
     * baseline or cached one and is outside {@code module_compile_us}.
     *
     * @return true for a background recompile
     */
    public boolean isBackground() {
        return this == TIER_UP || this == OSR;
    }

    /**
     * The value of the {@code compile_mode} key: {@code eager}, {@code lazy} or {@code cached}.
     *
     * @return the name
     */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named {@code json}, or null when it names none.
     *
     * @param json the key's value
     * @return the mode, or null
     */
    public static CompileMode ofJsonName(String json) {
        for (CompileMode m : values()) {
            if (m.jsonName().equals(json)) {
                return m;
            }
        }
        return null;
    }
}
