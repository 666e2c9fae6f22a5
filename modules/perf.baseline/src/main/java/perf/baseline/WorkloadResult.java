package perf.baseline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One workload in a baseline.
 *
 * @param name       the artifact name (see {@link WorkloadNames})
 * @param path       the workload file as given to the tool
 * @param status     how the (selected) run ended
 * @param wallMs     median wall time over the runs, milliseconds (lower median for an even count)
 * @param wallMsRuns every run's wall time, in run order
 * @param metrics    the selected run's metrics, when its file was readable
 */
public record WorkloadResult(String name, String path, WorkloadStatus status, long wallMs, List<Long> wallMsRuns,
                             Optional<WorkloadMetrics> metrics) {
    /**
     * Copies the wall times.
     *
     * @throws NullPointerException when a component is null
     */
    public WorkloadResult {
        Objects.requireNonNull(name);
        Objects.requireNonNull(path);
        Objects.requireNonNull(status);
        wallMsRuns = List.copyOf(wallMsRuns);
        Objects.requireNonNull(metrics);
    }

    /**
     * The name of the workload's metrics file in the output directory.
     *
     * @return {@code NAME.metrics.json}
     */
    public String metricsFileName() {
        return name + ".metrics.json";
    }

    /**
     * The name of the file that holds the workload's standard output.
     *
     * @return {@code NAME.stdout.log}
     */
    public String stdoutFileName() {
        return name + ".stdout.log";
    }

    /**
     * The name of the file that holds the workload's standard error.
     *
     * @return {@code NAME.stderr.log}
     */
    public String stderrFileName() {
        return name + ".stderr.log";
    }
}
