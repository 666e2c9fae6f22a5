package perf.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * One IR pass run on one function ({@code ir_passes[]} in the file).
 *
 * @param name        the pass name as the pass driver knows it
 * @param durationUs  wall time of the pass, whole microseconds (rounded down)
 * @param beforeInsts IR instructions when the pass started
 * @param afterInsts  IR instructions when the pass ended
 * @param changed     whether the pass changed the function (true whenever the counts differ)
 * @param egraph      e-graph counters, present on e-graph passes only
 */
public record PassReport(String name, long durationUs, long beforeInsts, long afterInsts, boolean changed,
                         Optional<EgraphCounts> egraph) {
    /**
     * Checks that nothing is null.
     *
     * @throws NullPointerException when {@code name} or {@code egraph} is null
     */
    public PassReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(egraph, "egraph");
    }

    /**
     * A pass that is not an e-graph pass.
     *
     * @param name the pass name as the pass driver knows it
     * @param durationUs wall time of the pass, whole microseconds
     * @param beforeInsts IR instructions when the pass started
     * @param afterInsts IR instructions when the pass ended
     * @param changed whether the pass changed the function
     */
    public PassReport(String name, long durationUs, long beforeInsts, long afterInsts, boolean changed) {
        this(name, durationUs, beforeInsts, afterInsts, changed, Optional.empty());
    }
}
