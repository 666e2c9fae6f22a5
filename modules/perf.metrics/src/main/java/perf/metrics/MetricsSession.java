package perf.metrics;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The metrics of one process run: owns the recorder the pipeline is given,
 * keeps every module that ended, and writes them all to the configured file.
 *
 * <p>The launcher opens one session per process ({@link #fromEnvironment()}),
 * passes {@link #recorder()} to the runtime, and closes the session (or calls
 * {@link #flush()}) before it exits. Each flush rewrites the whole file with
 * every module so far: one module keeps the module-object shape, zero or
 * several use {@code {"schema_version":1,"modules":[...]}}. A failed write
 * prints one warning on the warning stream and is otherwise ignored, so it
 * never changes the program's own result.
 */
public final class MetricsSession implements AutoCloseable {
    private final MetricsConfig config;
    private final PrintStream warnings;
    private final MetricsRecorder recorder;
    private final List<ModuleReport> modules = new ArrayList<>();
    private boolean warned;

    private MetricsSession(MetricsConfig config, PrintStream warnings) {
        this.config = Objects.requireNonNull(config, "config");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.recorder = config.enabled() ? MetricsRecorder.collecting(this::add) : MetricsRecorder.disabled();
    }

    /**
     * The session the environment asks for ({@link MetricsConfig#ENVIRONMENT}), warnings to stderr.
     *
     * @return a new session
     */
    public static MetricsSession fromEnvironment() {
        return open(MetricsConfig.ENVIRONMENT, System.err);
    }

    /**
     * A session of {@code config}.
     *
     * @param config whether metrics are on and where they go
     * @param warnings where a failed write is reported (once)
     * @return a new session
     */
    public static MetricsSession open(MetricsConfig config, PrintStream warnings) {
        return new MetricsSession(config, warnings);
    }

    /**
     * The recorder to hand to the compile pipeline: the shared no-op when metrics are off.
     *
     * @return the recorder
     */
    public MetricsRecorder recorder() {
        return recorder;
    }

    /**
     * The configuration the session was opened with.
     *
     * @return the configuration
     */
    public MetricsConfig config() {
        return config;
    }

    /**
     * The modules ended so far, in the order they ended.
     *
     * @return a copy of the list
     */
    public synchronized List<ModuleReport> modules() {
        return List.copyOf(modules);
    }

    private synchronized void add(ModuleReport module) {
        modules.add(module);
    }

    /**
     * Writes every module so far to the output file, creating parent folders.
     * Writes through a temporary file and a rename, so a reader never sees half a file.
     *
     * @return whether the file was written (false when metrics are off or the write failed)
     */
    public synchronized boolean flush() {
        if (!config.enabled()) {
            return false;
        }
        Path file = config.outputFile().toAbsolutePath();
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, MetricsJson.writeDocument(modules) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                warnings.println("wasmoon: warning: could not write compile metrics to " + config.outputFile()
                        + ": " + describe(e));
            }
            return false;
        }
    }

    /**
     * Also flushes when the JVM shuts down, so a launcher path that ends in
     * {@code System.exit} (e.g. a WASI {@code proc_exit}) still writes the file.
     * Does nothing when metrics are off.
     *
     * @return this session
     */
    public MetricsSession flushOnExit() {
        if (config.enabled()) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("wasmoon-metrics-flush").unstarted(this::flush));
        }
        return this;
    }

    /** Flushes; see {@link #flush()}. Never throws. */
    @Override
    public void close() {
        flush();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }
}
