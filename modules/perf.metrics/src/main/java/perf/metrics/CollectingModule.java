package perf.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** One module compile being recorded. Functions may be begun from several threads. */
final class CollectingModule implements ModuleMetrics {
    private final int expectedFunctions;
    private final LongSupplier clock;
    private final Consumer<ModuleReport> sink;
    private final long start;
    private final List<CollectingFunction> functions = new ArrayList<>();
    private boolean ended;

    CollectingModule(int expectedFunctions, LongSupplier clock, Consumer<ModuleReport> sink) {
        this.expectedFunctions = expectedFunctions;
        this.clock = clock;
        this.sink = sink;
        this.start = clock.getAsLong();
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public FunctionMetrics beginFunction(int funcIdx, String funcName, int optLevel) {
        CollectingFunction f = new CollectingFunction(funcIdx, funcName, optLevel, clock);
        synchronized (this) {
            functions.add(f);
        }
        return f;
    }

    @Override
    public void end() {
        long elapsed;
        List<CollectingFunction> snapshot;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            elapsed = clock.getAsLong() - start;
            snapshot = List.copyOf(functions);
        }
        List<FunctionReport> reports = new ArrayList<>(snapshot.size());
        for (CollectingFunction f : snapshot) {
            reports.add(f.report());
        }
        reports.sort(Comparator.comparingInt(FunctionReport::funcIdx));
        sink.accept(new ModuleReport(expectedFunctions, CollectingRecorder.micros(elapsed), reports));
    }
}
