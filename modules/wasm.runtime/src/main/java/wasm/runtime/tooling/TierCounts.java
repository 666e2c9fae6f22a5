package wasm.runtime.tooling;

import java.util.Objects;

import wasm.runtime.Store;
import wasm.runtime.internal.StoreAccess;

/**
 * What tiered compilation did in a store so far ({@code --compile=tiered} or {@code baseline}): a
 * tool's view ({@code wasmoon run --verbose}, tests), not embedding API.
 *
 * @param baselineCompiled functions the baseline compiler compiled
 * @param tieredUp         baseline functions whose optimizing tier's code replaced their baseline code
 * @param osrEntries       activations of baseline code that moved into the optimizing tier's code in
 *                         the middle of a loop (on-stack replacement)
 * @param leftToOptimizing functions the baseline compiler left alone, compiled by the optimizing
 *                         tier on their first call
 */
public record TierCounts(long baselineCompiled, long tieredUp, long osrEntries, long leftToOptimizing) {
    /**
     * The counts of {@code store}.
     *
     * @param store the store
     * @return the counts
     */
    public static TierCounts of(Store store) {
        return StoreAccess.state(Objects.requireNonNull(store, "store")).tierCounts();
    }

    /**
     * e.g. "tiers: 310 functions compiled by the baseline compiler, 42 of them tiered up, 2 activations
     * moved to optimized code in a loop, 3 left to the optimizing compiler".
     *
     * @return the counts in words
     */
    public String summary() {
        return "tiers: " + baselineCompiled + " functions compiled by the baseline compiler, " + tieredUp
                + " of them tiered up, " + osrEntries + " activations moved to optimized code in a loop, "
                + leftToOptimizing + " left to the optimizing compiler";
    }
}
