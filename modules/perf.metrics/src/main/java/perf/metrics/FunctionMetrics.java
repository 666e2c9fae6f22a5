package perf.metrics;

/**
 * The metrics of one function's compile. Timing is done here, so callers never
 * read the clock: take {@code long t = f.startTimer()} before a piece of work
 * and pass {@code t} to {@link #endStage} or {@link #endPass} after it. When
 * metrics are off {@code startTimer()} returns 0 and every method does nothing.
 */
public sealed interface FunctionMetrics permits DisabledMetrics, CollectingFunction {

    /** The shared no-op: records nothing (for a compile whose figures belong to no report). */
    static FunctionMetrics disabled() {
        return DisabledMetrics.INSTANCE;
    }

    boolean enabled();

    /** The current clock in nanoseconds when on, 0 when off. Only differences are meaningful. */
    long startTimer();

    /** Adds the time since {@code timer} to a stage; repeated calls for one stage add up. */
    void endStage(Stage stage, long timer);

    /** Records an IR pass that started at {@code timer}; passes are listed in call order. */
    void endPass(String name, long timer, int beforeInsts, int afterInsts, boolean changed);

    /**
     * As {@link #endPass}, and returns the clock reading that ended the pass (0 when off),
     * to be the timer of the next pass: a driver running passes back to back then reads
     * the clock once per pass boundary instead of twice (a clock read costs tens of
     * nanoseconds, as much as a small pass's bookkeeping).
     */
    long endPassLap(String name, long timer, int beforeInsts, int afterInsts, boolean changed);

    /**
     * As {@link #endStage}, with the end of the stage given: {@code end} is a clock reading
     * taken after {@code timer} ({@link #startTimer} or {@link #endPassLap}), so the stage
     * ends where its last pass ended without another clock read.
     */
    void endStageAt(Stage stage, long timer, long end);

    /**
     * As {@link #endPassLap} for an e-graph pass, with its e-graph counters at the end of the pass;
     * returns the clock reading that ended the pass (0 when off).
     */
    long endEgraphPass(String name, long timer, int beforeInsts, int afterInsts, boolean changed,
                       long egraphClasses, long egraphNodes, long egraphRuleApps);

    /**
     * IR instructions right after translation ({@code ir_insts_before}). If never
     * called, the first pass's {@code before_insts} is used, else 0.
     */
    void irInstsBefore(int insts);

    /**
     * IR instructions handed to lowering ({@code ir_insts_after}). If never
     * called, the last pass's {@code after_insts} is used, else {@code ir_insts_before}.
     */
    void irInstsAfter(int insts);

    /** Register allocator counters; a second call replaces the first. */
    void regalloc(int spillSlots, int spills, int reloads, int regMoves, int spillToSpill);

    /** Bytes of machine code emitted for the function. */
    void codeSize(int bytes);

    /** The function runs in the interpreter instead; {@code reason} says why (the exception message). */
    void fallback(String reason);

    /**
     * The function's compile (or load) has ended: its {@code compile_us} is the wall time since
     * {@link ModuleMetrics#beginFunction}. Without this call, {@code compile_us} is its stage times' sum.
     */
    void finish();
}
