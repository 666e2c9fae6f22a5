package perf.baseline;

import perf.metrics.FunctionReport;
import perf.metrics.Stage;

/**
 * Microseconds spent in each compile stage, summed over functions.
 *
 * @param optimizeUs time in the IR pass driver
 * @param lowerUs time lowering IR to machine instructions
 * @param regallocUs time in register allocation
 * @param emitUs time encoding machine code
 */
public record StageTimes(long optimizeUs, long lowerUs, long regallocUs, long emitUs) {
    /** No time in any stage: the start of a sum. */
    public static final StageTimes ZERO = new StageTimes(0, 0, 0, 0);

    /**
     * The stage times of one function.
     *
     * @param f the function's metrics
     * @return its times
     */
    public static StageTimes of(FunctionReport f) {
        return new StageTimes(f.optimizeUs(), f.lowerUs(), f.regallocUs(), f.emitUs());
    }

    /**
     * The time of one stage.
     *
     * @param stage the stage
     * @return microseconds
     */
    public long get(Stage stage) {
        return switch (stage) {
            case OPTIMIZE -> optimizeUs;
            case LOWER -> lowerUs;
            case REGALLOC -> regallocUs;
            case EMIT -> emitUs;
        };
    }

    /**
     * The four stage times added up.
     *
     * @return microseconds
     */
    public long totalUs() {
        return optimizeUs + lowerUs + regallocUs + emitUs;
    }

    /**
     * The sum, stage by stage.
     *
     * @param o the times to add
     * @return the sum
     */
    public StageTimes plus(StageTimes o) {
        return new StageTimes(optimizeUs + o.optimizeUs, lowerUs + o.lowerUs, regallocUs + o.regallocUs,
                emitUs + o.emitUs);
    }

    /**
     * The JSON key of a stage in summary.json's {@code stage_us}.
     *
     * @param stage the stage
     * @return {@code optimize}, {@code lower}, {@code regalloc} or {@code emit}
     */
    public static String key(Stage stage) {
        return switch (stage) {
            case OPTIMIZE -> "optimize";
            case LOWER -> "lower";
            case REGALLOC -> "regalloc";
            case EMIT -> "emit";
        };
    }
}
