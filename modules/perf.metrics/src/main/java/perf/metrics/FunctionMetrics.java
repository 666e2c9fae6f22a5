package perf.metrics;

/**
 * The metrics of one function's compile. Timing is done here, so callers never
 * read the clock: take {@code long t = f.startTimer()} before a piece of work
 * and pass {@code t} to {@link #endStage} or {@link #endPass} after it. When
 * metrics are off {@code startTimer()} returns 0 and every method does nothing.
 */
public sealed interface FunctionMetrics permits DisabledMetrics, CollectingFunction {

    /**
     * The shared no-op: records nothing (for a compile whose figures belong to no report).
     *
     * @return the no-op
     */
    static FunctionMetrics disabled() {
        return DisabledMetrics.INSTANCE;
    }

    /**
     * Whether calls are recorded; guard counts that are costly to compute with it.
     *
     * @return false for the no-op
     */
    boolean enabled();

    /**
     * The current clock in nanoseconds when on, 0 when off. Only differences are meaningful.
     *
     * @return the clock reading to pass to {@link #endStage} or {@link #endPass}
     */
    long startTimer();

    /**
     * Adds the time since {@code timer} to a stage; repeated calls for one stage add up.
     *
     * @param stage the stage
     * @param timer what {@link #startTimer} returned before the stage's work
     */
    void endStage(Stage stage, long timer);

    /**
     * Records an IR pass that started at {@code timer}; passes are listed in call order.
     *
     * @param name the pass's name
     * @param timer what {@link #startTimer} returned before the pass
     * @param beforeInsts IR instructions when the pass started
     * @param afterInsts IR instructions when it ended
     * @param changed whether it changed the function
     */
    void endPass(String name, long timer, int beforeInsts, int afterInsts, boolean changed);

    /**
     * As {@link #endPass}, and returns the clock reading that ended the pass (0 when off),
     * to be the timer of the next pass: a driver running passes back to back then reads
     * the clock once per pass boundary instead of twice (a clock read costs tens of
     * nanoseconds, as much as a small pass's bookkeeping).
     *
     * @param name the pass's name
     * @param timer the clock reading the pass started at
     * @param beforeInsts IR instructions when the pass started
     * @param afterInsts IR instructions when it ended
     * @param changed whether it changed the function
     * @return the clock reading that ended the pass, or 0 when off
     */
    long endPassLap(String name, long timer, int beforeInsts, int afterInsts, boolean changed);

    /**
     * As {@link #endStage}, with the end of the stage given: {@code end} is a clock reading
     * taken after {@code timer} ({@link #startTimer} or {@link #endPassLap}), so the stage
     * ends where its last pass ended without another clock read.
     *
     * @param stage the stage
     * @param timer the clock reading the stage started at
     * @param end the clock reading it ended at
     */
    void endStageAt(Stage stage, long timer, long end);

    /**
     * As {@link #endPassLap} for an e-graph pass, with its e-graph counters at the end of the pass;
     * returns the clock reading that ended the pass (0 when off).
     *
     * @param name the pass's name
     * @param timer the clock reading the pass started at
     * @param beforeInsts IR instructions when the pass started
     * @param afterInsts IR instructions when it ended
     * @param changed whether it changed the function
     * @param egraphClasses e-classes in the e-graph at the end
     * @param egraphNodes e-nodes in the e-graph at the end
     * @param egraphRuleApps rewrite rule applications that added or merged something
     * @return the clock reading that ended the pass, or 0 when off
     */
    long endEgraphPass(String name, long timer, int beforeInsts, int afterInsts, boolean changed,
                       long egraphClasses, long egraphNodes, long egraphRuleApps);

    /**
     * IR instructions right after translation ({@code ir_insts_before}). If never
     * called, the first pass's {@code before_insts} is used, else 0.
     *
     * @param insts the count
     */
    void irInstsBefore(int insts);

    /**
     * IR instructions handed to lowering ({@code ir_insts_after}). If never
     * called, the last pass's {@code after_insts} is used, else {@code ir_insts_before}.
     *
     * @param insts the count
     */
    void irInstsAfter(int insts);

    /**
     * Register allocator counters; a second call replaces the first.
     *
     * @param spillSlots stack slots reserved for spills
     * @param spills stores of a register to a spill slot inserted
     * @param reloads loads from a spill slot inserted
     * @param regMoves register-to-register moves inserted
     * @param spillToSpill spill-slot-to-spill-slot moves inserted
     */
    void regalloc(int spillSlots, int spills, int reloads, int regMoves, int spillToSpill);

    /**
     * Bytes of machine code emitted for the function.
     *
     * @param bytes the size
     */
    void codeSize(int bytes);

    /**
     * The function runs in the interpreter instead; {@code reason} says why (the exception message).
     *
     * @param reason the reason
     */
    void fallback(String reason);

    /**
     * The function's compile (or load) has ended: its {@code compile_us} is the wall time since
     * {@link ModuleMetrics#beginFunction}. Without this call, {@code compile_us} is its stage times' sum.
     */
    void finish();

    /**
     * The compile did not take place after all (the baseline compiler left the function to the
     * optimizing tier, whose compile is reported instead): the function is left out of the report.
     */
    void discard();
}
