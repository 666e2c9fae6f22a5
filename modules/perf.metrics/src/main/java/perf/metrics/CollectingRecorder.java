package perf.metrics;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Metrics on: builds a {@link ModuleReport} per module compile and hands it to the sink. */
final class CollectingRecorder implements MetricsRecorder {
    private final Consumer<ModuleReport> sink;
    private final LongSupplier clock;

    CollectingRecorder(Consumer<ModuleReport> sink, LongSupplier clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public ModuleMetrics beginModule(int expectedFunctions) {
        return new CollectingModule(expectedFunctions, clock, sink);
    }

    /** Nanoseconds to whole microseconds, rounded down; a clock that went backwards counts as 0. */
    static long micros(long nanos) {
        return Math.max(0, nanos) / 1000;
    }
}
