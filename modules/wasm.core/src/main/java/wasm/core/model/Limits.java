package wasm.core.model;

/**
 * Size limits of a memory (in 64 KiB pages) or table (in elements).
 * {@code max} is {@link #UNBOUNDED} when absent.
 *
 * @param min the minimum (initial) size, unsigned
 * @param max the maximum size, or {@link #UNBOUNDED}
 */
public record Limits(long min, long max) {
    public static final long UNBOUNDED = -1;

    /**
     * Limits without a maximum.
     *
     * @param min the minimum size
     * @return the limits
     */
    public static Limits of(long min) {
        return new Limits(min, UNBOUNDED);
    }

    /**
     * Whether a maximum is declared.
     *
     * @return false when {@code max} is {@link #UNBOUNDED}
     */
    public boolean hasMax() {
        return max != UNBOUNDED;
    }
}
