package perf.baseline;

import perf.metrics.FunctionReport;
import perf.metrics.Stage;

/** Microseconds spent in each compile stage, summed over functions. */
public record StageTimes(long optimizeUs, long lowerUs, long regallocUs, long emitUs) {
    public static final StageTimes ZERO = new StageTimes(0, 0, 0, 0);

    public static StageTimes of(FunctionReport f) {
        return new StageTimes(f.optimizeUs(), f.lowerUs(), f.regallocUs(), f.emitUs());
    }

    public long get(Stage stage) {
        return switch (stage) {
            case OPTIMIZE -> optimizeUs;
            case LOWER -> lowerUs;
            case REGALLOC -> regallocUs;
            case EMIT -> emitUs;
        };
    }

    public long totalUs() {
        return optimizeUs + lowerUs + regallocUs + emitUs;
    }

    public StageTimes plus(StageTimes o) {
        return new StageTimes(optimizeUs + o.optimizeUs, lowerUs + o.lowerUs, regallocUs + o.regallocUs,
                emitUs + o.emitUs);
    }

    /** The JSON key of a stage in summary.json's {@code stage_us}. */
    public static String key(Stage stage) {
        return switch (stage) {
            case OPTIMIZE -> "optimize";
            case LOWER -> "lower";
            case REGALLOC -> "regalloc";
            case EMIT -> "emit";
        };
    }
}
