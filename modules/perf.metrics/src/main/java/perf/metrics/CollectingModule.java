package perf.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** One module compile being recorded. Functions may be begun from several threads. */
final class CollectingModule implements ModuleMetrics {
    private static final long UNSET = Long.MIN_VALUE;

    private final int expectedFunctions;
    private final LongSupplier clock;
    private final Consumer<ModuleReport> sink;
    private final long start;
    private final List<CollectingFunction> functions = new ArrayList<>();
    private int compileThreads = 1;
    private long eagerEnd = UNSET;
    /** Wall time of the lazy compiles that have finished, nanoseconds. */
    private long lazyNanos;
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
    public FunctionMetrics beginFunction(int funcIdx, String funcName, int optLevel, CompileMode mode) {
        CollectingFunction f = new CollectingFunction(this, funcIdx, funcName, optLevel, mode, clock);
        synchronized (this) {
            functions.add(f);
        }
        return f;
    }

    long start() {
        return start;
    }

    synchronized void lazyCompiled(long nanos) {
        lazyNanos += nanos;
    }

    @Override
    public synchronized void compileThreads(int threads) {
        compileThreads = Math.max(1, threads);
    }

    @Override
    public synchronized void eagerDone() {
        if (eagerEnd == UNSET) {
            eagerEnd = clock.getAsLong();
        }
    }

    @Override
    public void end() {
        long elapsed;
        int threads;
        List<CollectingFunction> snapshot;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            long eager = (eagerEnd != UNSET ? eagerEnd : clock.getAsLong()) - start;
            elapsed = eager + lazyNanos;
            threads = compileThreads;
            snapshot = List.copyOf(functions);
        }
        List<FunctionReport> reports = new ArrayList<>(snapshot.size());
        for (CollectingFunction f : snapshot) {
            if (f.leftOut()) {
                continue; // discarded, or the program ended before its tier-up compile did
            }
            reports.add(f.report());
        }
        // stable: a function's tier-up entry stays after its baseline one
        reports.sort(Comparator.comparingInt(FunctionReport::funcIdx));
        long tierUps = reports.stream().filter(r -> r.compileMode().isBackground()).count();
        sink.accept(new ModuleReport(expectedFunctions, CollectingRecorder.micros(elapsed), threads,
                (int) Math.max(0, expectedFunctions - (reports.size() - tierUps)), reports));
    }
}
