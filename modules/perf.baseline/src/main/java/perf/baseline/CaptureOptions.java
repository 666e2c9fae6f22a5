package perf.baseline;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code capture} runs.
 *
 * @param wasmoon    the launcher, run as {@code WASMOON SUBCOMMAND WORKLOAD}
 * @param outDir     where the artifacts and summaries go (created if missing)
 * @param timeoutSec per run of a workload
 * @param subcommand {@code run} or {@code test}
 * @param workloads  workload files as given (recorded as such in summary.json)
 * @param repeat     runs per workload, at least 1
 */
public record CaptureOptions(String wasmoon, Path outDir, long timeoutSec, String subcommand, List<String> workloads,
                             int repeat) {
    public static final String DEFAULT_WASMOON = "./wasmoon";
    public static final Path DEFAULT_OUT_DIR = Path.of("docs/perf/baselines/latest");
    /** Generous: the curated workloads take seconds, a slow interpreter or a loaded machine can take minutes. */
    public static final long DEFAULT_TIMEOUT_SEC = 600;
    public static final List<String> DEFAULT_WORKLOADS = List.of(
            "examples/core3.wasm", "examples/stream.wasm", "examples/box_easy2.wasm", "examples/benchmark.wasm");
    /** Where the official spec suite is read in place (the test subcommand's default workloads). */
    public static final String DEFAULT_TESTSUITE = "../shared/wasm-testsuite";
    /** The test subcommand's default workloads, scripts of the official suite (as Wasmoon's own baseline has them). */
    public static final List<String> DEFAULT_TEST_SCRIPTS = List.of("const.wast", "int_exprs.wast", "float_exprs.wast");

    /**
     * The default workloads of {@code subcommand}: the curated programs, or the suite's scripts under {@code testsuite}.
     *
     * @param subcommand {@code run} or {@code test}
     * @param testsuite the suite's directory (used for {@code test} only)
     * @return the workload paths
     */
    public static List<String> defaultWorkloads(String subcommand, String testsuite) {
        if (!subcommand.equals("test")) {
            return DEFAULT_WORKLOADS;
        }
        return DEFAULT_TEST_SCRIPTS.stream().map(s -> Path.of(testsuite).resolve(s).toString()).toList();
    }

    /**
     * Checks the options and copies the workload list.
     *
     * @throws IllegalArgumentException when the timeout or repeat count is not positive, the subcommand
     *         is neither {@code run} nor {@code test}, or there are no workloads
     * @throws NullPointerException when {@code wasmoon}, {@code outDir} or {@code workloads} is null
     */
    public CaptureOptions {
        Objects.requireNonNull(wasmoon);
        Objects.requireNonNull(outDir);
        if (timeoutSec <= 0) {
            throw new IllegalArgumentException("--timeout-sec must be positive");
        }
        if (!subcommand.equals("run") && !subcommand.equals("test")) {
            throw new IllegalArgumentException("--subcommand must be run or test, not " + subcommand);
        }
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("no workloads");
        }
        workloads = List.copyOf(workloads);
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
    }
}
