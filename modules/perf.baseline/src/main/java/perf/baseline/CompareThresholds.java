package perf.baseline;

/**
 * When {@code compare} calls a change a regression: the new value exceeds the
 * old by more than the percentage AND by more than the absolute floor (the
 * floor keeps noise on tiny values from failing a job). A workload that was
 * ok and no longer is, or that disappeared, is always a regression.
 *
 * @param wallPct          wall time, percent
 * @param wallFloorMs      wall time, milliseconds
 * @param compilePct       module compile time, percent
 * @param compileFloorUs   module compile time, microseconds
 * @param codeSizePct      total code size, percent
 * @param codeSizeFloor    total code size, bytes
 * @param spillsPct        spills + reloads, percent
 * @param spillsFloor      spills + reloads, count
 */
public record CompareThresholds(double wallPct, long wallFloorMs, double compilePct, long compileFloorUs,
                                double codeSizePct, long codeSizeFloor, double spillsPct, long spillsFloor) {
    /** The defaults, documented in docs/perf/baselines.md. */
    public static final CompareThresholds DEFAULTS = new CompareThresholds(25, 50, 25, 2000, 5, 64, 10, 8);

    /**
     * Checks the thresholds.
     *
     * @throws IllegalArgumentException when a percentage or floor is negative (or a percentage NaN)
     */
    public CompareThresholds {
        for (double pct : new double[] {wallPct, compilePct, codeSizePct, spillsPct}) {
            if (!(pct >= 0)) {
                throw new IllegalArgumentException("threshold percentages must be >= 0");
            }
        }
        if (wallFloorMs < 0 || compileFloorUs < 0 || codeSizeFloor < 0 || spillsFloor < 0) {
            throw new IllegalArgumentException("threshold floors must be >= 0");
        }
    }

    /**
     * Whether going from old to new passes the threshold (pct, floor).
     *
     * @param oldValue the old value
     * @param newValue the new value
     * @param pct the percentage the increase must pass
     * @param floor the absolute amount the increase must pass
     * @return true when the increase is above both
     */
    public static boolean exceeds(long oldValue, long newValue, double pct, long floor) {
        long increase = newValue - oldValue;
        if (increase <= floor) {
            return false;
        }
        return increase * 100.0 > pct * oldValue;
    }
}
