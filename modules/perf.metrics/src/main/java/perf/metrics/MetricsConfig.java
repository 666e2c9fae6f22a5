package perf.metrics;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Whether metrics are collected and where the file goes.
 *
 * <p>{@link #ENVIRONMENT} is read once, when this class is initialized, from
 * {@code WASMOON_PERF_METRICS} (on for {@code 1}, {@code true}, {@code yes},
 * {@code on} in any case) and {@code WASMOON_PERF_METRICS_FILE} (default
 * {@code target/wasmoon-perf-metrics.json}, relative to the working directory).
 * Tests build configurations explicitly instead of touching the environment.
 *
 * @param enabled whether metrics are collected
 * @param outputFile where {@link MetricsSession#flush()} writes them (relative to the working directory
 *        unless absolute)
 */
public record MetricsConfig(boolean enabled, Path outputFile) {
    public static final String ENABLE_VARIABLE = "WASMOON_PERF_METRICS";
    public static final String FILE_VARIABLE = "WASMOON_PERF_METRICS_FILE";
    public static final Path DEFAULT_FILE = Path.of("target", "wasmoon-perf-metrics.json");

    /** The process's switch, read from the environment once. */
    public static final MetricsConfig ENVIRONMENT = fromEnvironment(System.getenv());

    /**
     * Checks that there is an output file.
     *
     * @throws NullPointerException when {@code outputFile} is null
     */
    public MetricsConfig {
        Objects.requireNonNull(outputFile, "outputFile");
    }

    /**
     * The configuration the given environment variables describe.
     *
     * @param env the variables, such as {@code System.getenv()}
     * @return the configuration; off and the default file when the variables are absent
     */
    public static MetricsConfig fromEnvironment(Map<String, String> env) {
        String file = env.get(FILE_VARIABLE);
        Path path = file == null || file.isBlank() ? DEFAULT_FILE : Path.of(file);
        return new MetricsConfig(isOn(env.get(ENABLE_VARIABLE)), path);
    }

    /**
     * Whether a switch value means on: 1, true, yes, on (any case, surrounding blanks ignored).
     *
     * @param value the value, or null
     * @return true when it means on; null and every other value mean off
     */
    public static boolean isOn(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }

    /**
     * Metrics off (the default file, never written).
     *
     * @return the configuration
     */
    public static MetricsConfig disabled() {
        return new MetricsConfig(false, DEFAULT_FILE);
    }

    /**
     * Metrics on, written to {@code outputFile}.
     *
     * @param outputFile the file
     * @return the configuration
     */
    public static MetricsConfig enabled(Path outputFile) {
        return new MetricsConfig(true, outputFile);
    }
}
