/**
 * Baselines of wasmoon's compile metrics: runs workloads through the
 * {@code wasmoon} launcher (one process each, with a timeout), keeps their
 * metrics files and logs, and writes summary.json and summary.md; compares two
 * baselines against regression thresholds.
 *
 * <p>Processes with the JDK alone; JSON with perf.metrics' JSON tree, parser
 * and writer (a qualified export of perf.metrics); Velocity renders summary.md.
 * {@code perf.baseline.internal.json} (typed field access for summary.json)
 * stays unexported.
 */
module perf.baseline {
    requires transitive perf.metrics; // WorkloadMetrics and StageTimes speak its types
    requires velocity.engine.core;

    exports perf.baseline;
}
