package perf.baseline;

import java.util.List;
import java.util.Objects;

/**
 * A whole baseline: how it was captured and every workload's result.
 *
 * @param wasmoon    the launcher as given
 * @param subcommand {@code run} or {@code test}
 * @param timeoutSec the per-workload timeout
 * @param repeat     runs per workload (medians reported)
 * @param workloads  in the order they were given
 */
public record BaselineSummary(String wasmoon, String subcommand, long timeoutSec, int repeat,
                              List<WorkloadResult> workloads) {
    /** The {@code schema_version} of summary.json. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Copies the workload list.
     *
     * @throws NullPointerException when {@code wasmoon}, {@code subcommand} or {@code workloads} is null
     */
    public BaselineSummary {
        Objects.requireNonNull(wasmoon);
        Objects.requireNonNull(subcommand);
        workloads = List.copyOf(workloads);
    }

    /**
     * True when every workload is {@link WorkloadStatus.Ok}.
     *
     * @return whether the capture succeeded as a whole
     */
    public boolean ok() {
        return workloads.stream().allMatch(w -> w.status().ok());
    }

    /**
     * Sums over the workloads; the metrics sums count workloads with readable metrics.
     *
     * @param workloads workloads captured
     * @param ok workloads with status ok
     * @param failed the others
     * @param wallMs wall time, summed over every workload (medians of the repeats)
     * @param moduleCompileUs module compile time, summed
     * @param functions functions reported
     * @param codeSize bytes of machine code
     * @param spillSlots spill slots reserved
     * @param spills spill stores inserted
     * @param reloads spill loads inserted
     * @param regMoves register moves inserted
     * @param spillToSpill spill-slot-to-spill-slot moves inserted
     * @param stages time per compile stage
     */
    public record Totals(long workloads, long ok, long failed, long wallMs, long moduleCompileUs, long functions,
                         long codeSize, long spillSlots, long spills, long reloads, long regMoves,
                         long spillToSpill, StageTimes stages) {
    }

    /**
     * The sums over the workloads, as summary.json records them (and checks on reading).
     *
     * @return the totals
     */
    public Totals totals() {
        long ok = 0, wall = 0, compile = 0, functions = 0, code = 0, slots = 0, spills = 0, reloads = 0;
        long moves = 0, s2s = 0;
        StageTimes stages = StageTimes.ZERO;
        for (WorkloadResult w : workloads) {
            if (w.status().ok()) {
                ok++;
            }
            wall += w.wallMs();
            if (w.metrics().isPresent()) {
                WorkloadMetrics m = w.metrics().get();
                compile += m.moduleCompileUs();
                functions += m.functions();
                code += m.codeSize();
                slots += m.spillSlots();
                spills += m.spills();
                reloads += m.reloads();
                moves += m.regMoves();
                s2s += m.spillToSpill();
                stages = stages.plus(m.stages());
            }
        }
        return new Totals(workloads.size(), ok, workloads.size() - ok, wall, compile, functions, code, slots,
                spills, reloads, moves, s2s, stages);
    }
}
