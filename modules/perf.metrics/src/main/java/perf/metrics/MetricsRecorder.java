package perf.metrics;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The entry point the compile pipeline calls. Either the shared no-op
 * ({@link #disabled()}: every call returns at once, reads no clock and
 * allocates nothing) or a collecting recorder that hands each finished module
 * to a sink (usually a {@link MetricsSession}).
 *
 * <pre>{@code
 * ModuleMetrics m = recorder.beginModule(definedFunctions);
 * FunctionMetrics f = m.beginFunction(funcIdx, nameOrNull, optLevel);
 * long t = f.startTimer();            // 0 when off
 * ... translate ...
 * f.irInstsBefore(n);
 * }</pre>
 *
 * A recorder is safe to share between threads; one {@link ModuleMetrics} may
 * be used by several threads, one {@link FunctionMetrics} by one thread at a time.
 */
public sealed interface MetricsRecorder permits DisabledMetrics, CollectingRecorder {

    /**
     * The one shared no-op recorder.
     *
     * @return the no-op recorder
     */
    static MetricsRecorder disabled() {
        return DisabledMetrics.INSTANCE;
    }

    /**
     * A recorder timing with {@link System#nanoTime()} that passes each ended module to {@code sink}.
     *
     * @param sink receives each module's report when its compile ends
     * @return a new recorder
     */
    static MetricsRecorder collecting(Consumer<ModuleReport> sink) {
        return new CollectingRecorder(sink, System::nanoTime);
    }

    /**
     * As {@link #collecting(Consumer)} with an explicit nanosecond clock (tests use a fake one).
     *
     * @param sink receives each module's report when its compile ends
     * @param nanoClock the clock, in nanoseconds
     * @return a new recorder
     */
    static MetricsRecorder collecting(Consumer<ModuleReport> sink, LongSupplier nanoClock) {
        return new CollectingRecorder(sink, nanoClock);
    }

    /**
     * Whether calls are recorded; guard counts that are costly to compute with it.
     *
     * @return false for the no-op recorder
     */
    boolean enabled();

    /**
     * Starts timing one module compile ({@code module_compile_us} runs from here to {@link ModuleMetrics#end()}).
     *
     * @param expectedFunctions defined functions (imports excluded) the compile must produce
     * @return the module's metrics
     */
    ModuleMetrics beginModule(int expectedFunctions);
}
