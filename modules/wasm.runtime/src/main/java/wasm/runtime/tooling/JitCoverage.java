package wasm.runtime.tooling;

import java.util.Map;
import java.util.Objects;

import wasm.runtime.Store;
import wasm.runtime.internal.StoreAccess;

/**
 * How many defined functions a store compiled to native code and how many it
 * interprets, with the fallback reasons counted: a tool's view of a store
 * ({@code wasmoon run --verbose}, the spec runner's report), not embedding API.
 *
 * @param nativeFunctions      functions running as native code
 * @param interpretedFunctions functions left to the interpreter (all of them in the interpreter tier)
 * @param fallbackReasons      reason to the number of functions that fell back for it
 */
public record JitCoverage(long nativeFunctions, long interpretedFunctions, Map<String, Long> fallbackReasons) {
    /**
     * Copies the reasons.
     *
     * @throws NullPointerException when {@code fallbackReasons}, a key or a count is null
     */
    public JitCoverage {
        fallbackReasons = Map.copyOf(fallbackReasons);
    }

    /**
     * The coverage of {@code store}'s defined functions instantiated so far.
     *
     * @param store the store
     * @return the counts
     */
    public static JitCoverage of(Store store) {
        return StoreAccess.state(Objects.requireNonNull(store, "store")).coverage();
    }

    /**
     * Native plus interpreted functions.
     *
     * @return the count
     */
    public long totalFunctions() {
        return nativeFunctions + interpretedFunctions;
    }

    /**
     * e.g. "jit coverage: 120/125 functions native (96.0%)".
     *
     * @return one line, without a newline
     */
    public String summary() {
        long total = totalFunctions();
        double pct = total == 0 ? 100.0 : 100.0 * nativeFunctions / total;
        return String.format(java.util.Locale.ROOT, "jit coverage: %d/%d functions native (%.1f%%)",
                nativeFunctions, total, pct);
    }
}
