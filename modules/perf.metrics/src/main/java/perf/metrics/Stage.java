package perf.metrics;

/** The timed stages of one function's compile, each a {@code *_us} field of the function. */
public enum Stage {
    /** IR pass driver: {@code optimize_us}. */
    OPTIMIZE,
    /** IR to machine instructions with virtual registers: {@code lower_us}. */
    LOWER,
    /** Register allocation: {@code regalloc_us}. */
    REGALLOC,
    /** Encoding into the code buffer, fixups included: {@code emit_us}. */
    EMIT
}
