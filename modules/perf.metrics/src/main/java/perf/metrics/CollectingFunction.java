package perf.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One function's compile being recorded. Used by one thread at a time; read once at module end.
 *
 * <p>Not synchronized: a lock per call cost about as much as the rest of the bookkeeping
 * (some 20 calls per function). The contract ({@link MetricsRecorder}) already asks whoever
 * hands a {@link FunctionMetrics} from one thread to another to order the hand-off, and
 * {@link ModuleMetrics#end()} comes after the last function's compile has finished (in the
 * same thread, or after joining the compiling threads), which orders these writes before
 * {@link #report()}.
 */
final class CollectingFunction implements FunctionMetrics {
    private static final int UNSET = -1;

    private final CollectingModule module;
    private final int funcIdx;
    private final String funcName;
    private final int optLevel;
    private final CompileMode mode;
    private final LongSupplier clock;
    private final long begun;
    private long compileNanos = UNSET;
    /** Stage times kept in nanoseconds and rounded once, so rounding never inflates a sum. */
    private final long[] stageNanos = new long[Stage.values().length];
    /** Sized for the O2 pipeline (13 passes) plus an e-graph slot, so it never grows on the way. */
    private final List<PassReport> passes = new ArrayList<>(16);
    private long irInstsBefore = UNSET;
    private long irInstsAfter = UNSET;
    private long spillSlots;
    private long spills;
    private long reloads;
    private long regMoves;
    private long spillToSpill;
    private long codeSize;
    private Tier tier = Tier.JIT;

    CollectingFunction(CollectingModule module, int funcIdx, String funcName, int optLevel, CompileMode mode,
                       LongSupplier clock) {
        this.module = module;
        this.funcIdx = funcIdx;
        this.funcName = funcName != null ? funcName : FunctionReport.defaultName(funcIdx);
        this.optLevel = optLevel;
        this.mode = mode;
        this.clock = clock;
        this.begun = clock.getAsLong();
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public long startTimer() {
        return clock.getAsLong();
    }

    @Override
    public void endStage(Stage stage, long timer) {
        stageNanos[stage.ordinal()] += Math.max(0, clock.getAsLong() - timer);
    }

    @Override
    public void endStageAt(Stage stage, long timer, long end) {
        stageNanos[stage.ordinal()] += Math.max(0, end - timer);
    }

    @Override
    public void endPass(String name, long timer, int beforeInsts, int afterInsts, boolean changed) {
        endPassLap(name, timer, beforeInsts, afterInsts, changed);
    }

    @Override
    public long endPassLap(String name, long timer, int beforeInsts, int afterInsts, boolean changed) {
        long now = clock.getAsLong();
        addPass(new PassReport(name, CollectingRecorder.micros(now - timer), beforeInsts, afterInsts, changed));
        return now;
    }

    @Override
    public long endEgraphPass(String name, long timer, int beforeInsts, int afterInsts, boolean changed,
                              long egraphClasses, long egraphNodes, long egraphRuleApps) {
        long now = clock.getAsLong();
        long us = CollectingRecorder.micros(now - timer);
        addPass(new PassReport(name, us, beforeInsts, afterInsts, changed,
                Optional.of(new EgraphCounts(egraphClasses, egraphNodes, egraphRuleApps))));
        return now;
    }

    private void addPass(PassReport pass) {
        passes.add(pass);
    }

    @Override
    public void irInstsBefore(int insts) {
        irInstsBefore = insts;
    }

    @Override
    public void irInstsAfter(int insts) {
        irInstsAfter = insts;
    }

    @Override
    public void regalloc(int spillSlots, int spills, int reloads, int regMoves, int spillToSpill) {
        this.spillSlots = spillSlots;
        this.spills = spills;
        this.reloads = reloads;
        this.regMoves = regMoves;
        this.spillToSpill = spillToSpill;
    }

    @Override
    public void codeSize(int bytes) {
        codeSize = bytes;
    }

    @Override
    public void fallback(String reason) {
        tier = new Tier.Interpreter(reason != null ? reason : "unknown");
    }

    @Override
    public synchronized void finish() {
        if (compileNanos == UNSET) {
            compileNanos = Math.max(0, clock.getAsLong() - begun);
            if (mode == CompileMode.LAZY || mode == CompileMode.BASELINE) {
                // the program waited for it (a tier-up compile runs beside the program)
                module.lazyCompiled(compileNanos);
            }
        }
    }

    private boolean discarded;

    @Override
    public synchronized void discard() {
        discarded = true;
    }

    /**
     * Whether the report leaves the function out: a compile that did not take place ({@link #discard}),
     * or a background compile (tier-up, OSR entry) that had not finished when the module's report was made.
     */
    synchronized boolean leftOut() {
        return discarded || mode.isBackground() && compileNanos == UNSET;
    }

    FunctionReport report() {
        long before = irInstsBefore != UNSET ? irInstsBefore
                : passes.isEmpty() ? 0 : passes.getFirst().beforeInsts();
        long after = irInstsAfter != UNSET ? irInstsAfter
                : passes.isEmpty() ? before : passes.getLast().afterInsts();
        return new FunctionReport(funcIdx, funcName, optLevel, before, after,
                CollectingRecorder.micros(stageNanos[Stage.OPTIMIZE.ordinal()]),
                CollectingRecorder.micros(stageNanos[Stage.LOWER.ordinal()]),
                CollectingRecorder.micros(stageNanos[Stage.REGALLOC.ordinal()]),
                CollectingRecorder.micros(stageNanos[Stage.EMIT.ordinal()]),
                codeSize, spillSlots, spills, reloads, regMoves, spillToSpill, passes, tier, mode,
                CollectingRecorder.micros(Math.max(0, begun - module.start())), compileUs());
    }

    /** The wall time, or the stage times' sum when {@link #finish()} never ran (rounded once, like them). */
    private long compileUs() {
        if (compileNanos != UNSET) {
            return CollectingRecorder.micros(compileNanos);
        }
        long sum = 0;
        for (long n : stageNanos) {
            sum += n;
        }
        return CollectingRecorder.micros(sum);
    }
}
