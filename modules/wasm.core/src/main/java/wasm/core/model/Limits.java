package wasm.core.model;

/**
 * Size limits of a memory (in 64 KiB pages) or table (in elements).
 * {@code max} is {@link #UNBOUNDED} when absent.
 */
public record Limits(long min, long max) {
    public static final long UNBOUNDED = -1;

    public static Limits of(long min) {
        return new Limits(min, UNBOUNDED);
    }

    public boolean hasMax() {
        return max != UNBOUNDED;
    }
}
