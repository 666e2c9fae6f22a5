package perf.baseline;

import java.util.Objects;

/** How one workload's capture ended. Only {@link Ok} counts as success. */
public sealed interface WorkloadStatus {

    /**
     * The {@code status} value in summary.json.
     *
     * @return the value, such as {@code ok} or {@code timeout}
     */
    String jsonName();

    /**
     * A short human description for progress lines and summary.md.
     *
     * @return the description
     */
    String describe();

    /**
     * Whether the capture of the workload succeeded.
     *
     * @return true for {@link Ok} only
     */
    default boolean ok() {
        return this instanceof Ok;
    }

    /** Exit code 0 and a readable metrics file. */
    record Ok() implements WorkloadStatus {
        public String jsonName() {
            return "ok";
        }

        public String describe() {
            return "ok";
        }
    }

    /**
     * The launcher exited with a code other than 0.
     *
     * @param code the exit code
     */
    record ExitCode(int code) implements WorkloadStatus {
        public String jsonName() {
            return "exit_code";
        }

        public String describe() {
            return "exit code " + code;
        }
    }

    /**
     * Still running after the timeout; the process tree was killed.
     *
     * @param seconds the timeout that passed
     */
    record Timeout(long seconds) implements WorkloadStatus {
        public String jsonName() {
            return "timeout";
        }

        public String describe() {
            return "timeout after " + seconds + " s";
        }
    }

    /** Exit code 0 but no metrics file was written. */
    record MissingMetrics() implements WorkloadStatus {
        public String jsonName() {
            return "missing_metrics";
        }

        public String describe() {
            return "missing metrics";
        }
    }

    /**
     * A metrics file that perf.metrics cannot read (syntax or schema).
     *
     * @param reason what perf.metrics said
     */
    record InvalidMetrics(String reason) implements WorkloadStatus {
        /**
         * Checks that there is a reason.
         *
         * @throws NullPointerException when {@code reason} is null
         */
        public InvalidMetrics {
            Objects.requireNonNull(reason);
        }

        public String jsonName() {
            return "invalid_metrics";
        }

        public String describe() {
            return "invalid metrics: " + reason;
        }
    }

    /**
     * The launcher could not be started at all (missing, not executable).
     *
     * @param reason what the operating system said
     */
    record LaunchFailed(String reason) implements WorkloadStatus {
        /**
         * Checks that there is a reason.
         *
         * @throws NullPointerException when {@code reason} is null
         */
        public LaunchFailed {
            Objects.requireNonNull(reason);
        }

        public String jsonName() {
            return "launch_failed";
        }

        public String describe() {
            return "launch failed: " + reason;
        }
    }
}
