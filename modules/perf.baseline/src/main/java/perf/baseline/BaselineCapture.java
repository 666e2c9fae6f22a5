package perf.baseline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import perf.metrics.MetricsConfig;
import perf.metrics.MetricsJson;
import perf.metrics.ModuleReport;

/**
 * Runs each workload through the launcher, one process per run, and writes
 * {@code NAME.metrics.json}, {@code NAME.stdout.log}, {@code NAME.stderr.log},
 * summary.json and summary.md into the output directory. The summaries are
 * written whatever happened to the workloads.
 */
public final class BaselineCapture {
    /** wasm.runtime's CodeCache.DIRECTORY_VARIABLE (perf.baseline does not depend on the runtime). */
    static final String CODE_CACHE_VARIABLE = "WASMOON_CACHE_DIR";

    private final CaptureOptions options;
    private final PrintStream progress;

    /**
     * A capture of {@code options}.
     *
     * @param options what to run and where the results go
     * @param progress receives a line when each workload starts and when it ends
     */
    public BaselineCapture(CaptureOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** One finished run of a workload, its files still in the scratch directory. */
    private record Run(WorkloadStatus status, long wallMs, Optional<WorkloadMetrics> metrics, Path metricsFile,
                       Path stdout, Path stderr) {
        long compileUs() {
            return metrics.map(WorkloadMetrics::moduleCompileUs).orElse(Long.MAX_VALUE);
        }
    }

    /**
     * Runs every workload (as often as {@link CaptureOptions#repeat()} says) and writes the files.
     *
     * @return the summary, as summary.json has it
     * @throws IOException when the output directory or a file in it cannot be written
     */
    public BaselineSummary capture() throws IOException {
        Path out = options.outDir();
        Files.createDirectories(out);
        Map<String, String> names = WorkloadNames.assign(options.workloads());
        Path scratch = Files.createTempDirectory(out, ".runs-");
        List<WorkloadResult> results = new ArrayList<>();
        try {
            int index = 0;
            for (String workload : options.workloads()) {
                index++;
                String name = names.get(workload);
                String tag = "[" + index + "/" + options.workloads().size() + "] " + name;
                progress.println(tag + ": running " + options.wasmoon() + " " + options.subcommand() + " "
                        + workload + (options.repeat() > 1 ? " (" + options.repeat() + " runs)" : ""));
                progress.flush();
                WorkloadResult r = captureOne(workload, name, scratch);
                results.add(r);
                progress.println(tag + ": " + line(r));
                progress.flush();
            }
        } finally {
            deleteTree(scratch);
        }
        BaselineSummary summary = new BaselineSummary(options.wasmoon(), options.subcommand(),
                options.timeoutSec(), options.repeat(), results);
        Files.writeString(out.resolve("summary.json"), SummaryJson.write(summary), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("summary.md"), SummaryMarkdown.render(summary), StandardCharsets.UTF_8);
        return summary;
    }

    private WorkloadResult captureOne(String workload, String name, Path scratch) throws IOException {
        Path out = options.outDir();
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= options.repeat(); i++) {
            Run run = runOnce(workload, scratch.resolve(name + ".run" + i));
            runs.add(run);
            if (!run.status().ok()) {
                break; // a failure decides the status; repeating it (a timeout, say) only costs time
            }
        }
        // Report the median: wall time over all runs, and the run with the median
        // compile time (its metrics and logs are kept). A failed run wins over any
        // success, so a flaky failure is never hidden by the median.
        Run selected = runs.stream().filter(r -> !r.status().ok()).findFirst().orElseGet(() -> {
            List<Run> byCompile = new ArrayList<>(runs);
            byCompile.sort(Comparator.comparingLong(Run::compileUs));
            return byCompile.get((byCompile.size() - 1) / 2);
        });
        List<Long> walls = runs.stream().map(Run::wallMs).toList();
        Path metricsTarget = out.resolve(name + ".metrics.json");
        Files.deleteIfExists(metricsTarget);
        if (Files.exists(selected.metricsFile())) {
            Files.move(selected.metricsFile(), metricsTarget, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(selected.stdout(), out.resolve(name + ".stdout.log"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(selected.stderr(), out.resolve(name + ".stderr.log"), StandardCopyOption.REPLACE_EXISTING);
        return new WorkloadResult(name, workload, selected.status(), median(walls), walls, selected.metrics());
    }

    private Run runOnce(String workload, Path prefix) throws IOException {
        Path metricsFile = Path.of(prefix + ".metrics.json").toAbsolutePath();
        Path stdout = Path.of(prefix + ".stdout.log");
        Path stderr = Path.of(prefix + ".stderr.log");
        Files.deleteIfExists(metricsFile);
        ProcessBuilder pb = new ProcessBuilder(options.wasmoon(), options.subcommand(), workload)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        pb.environment().put(MetricsConfig.ENABLE_VARIABLE, "1");
        pb.environment().put(MetricsConfig.FILE_VARIABLE, metricsFile.toString());
        // a fresh code cache per run: every run compiles cold, and the user's cache is never touched
        Path cache = Path.of(prefix + ".code-cache").toAbsolutePath();
        Files.createDirectories(cache);
        pb.environment().put(CODE_CACHE_VARIABLE, cache.toString());
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            Files.writeString(stderr, "perf.baseline: cannot start " + options.wasmoon() + ": " + e.getMessage() + "\n",
                    StandardCharsets.UTF_8);
            if (!Files.exists(stdout)) {
                Files.createFile(stdout);
            }
            return new Run(new WorkloadStatus.LaunchFailed(String.valueOf(e.getMessage())), 0, Optional.empty(),
                    metricsFile, stdout, stderr);
        }
        process.getOutputStream().close(); // the workloads read no input
        boolean finished;
        try {
            finished = process.waitFor(options.timeoutSec(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new IOException("interrupted while running " + workload, e);
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        if (!finished) {
            kill(process);
            return new Run(new WorkloadStatus.Timeout(options.timeoutSec()), wallMs, readMetrics(metricsFile).metrics,
                    metricsFile, stdout, stderr);
        }
        int exit = process.exitValue();
        MetricsRead read = readMetrics(metricsFile);
        WorkloadStatus status;
        if (exit != 0) {
            status = new WorkloadStatus.ExitCode(exit);
        } else if (read.problem != null) {
            status = read.problem;
        } else {
            status = new WorkloadStatus.Ok();
        }
        return new Run(status, wallMs, read.metrics, metricsFile, stdout, stderr);
    }

    private record MetricsRead(Optional<WorkloadMetrics> metrics, WorkloadStatus problem) {
    }

    private static MetricsRead readMetrics(Path file) {
        if (!Files.isRegularFile(file)) {
            return new MetricsRead(Optional.empty(), new WorkloadStatus.MissingMetrics());
        }
        try {
            List<ModuleReport> modules = MetricsJson.readDocument(Files.readString(file, StandardCharsets.UTF_8));
            return new MetricsRead(Optional.of(WorkloadMetrics.of(modules)), null);
        } catch (IOException | RuntimeException e) { // MetricsFormatException, or a reader bug on odd input
            return new MetricsRead(Optional.empty(), new WorkloadStatus.InvalidMetrics(String.valueOf(e.getMessage())));
        }
    }

    /** The launcher is a script that starts a JVM: kill the whole tree, children first. */
    private static void kill(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The lower median: an actual sample, for an even count the smaller middle one.
     *
     * @param values the samples, in any order
     * @return the lower median
     * @throws IllegalArgumentException when {@code values} is empty
     */
    public static long median(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of nothing");
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String line(WorkloadResult r) {
        StringBuilder sb = new StringBuilder(r.status().describe()).append(", wall ").append(r.wallMs()).append(" ms");
        r.metrics().ifPresent(m -> sb.append(", compile ").append(SummaryMarkdown.ms(m.moduleCompileUs()))
                .append(" ms, ").append(m.functions()).append(" functions, ").append(m.codeSize())
                .append(" bytes of code"));
        return sb.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
