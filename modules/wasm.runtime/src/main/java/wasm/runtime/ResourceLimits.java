package wasm.runtime;

/**
 * What one store may allocate: the size of each linear memory and table, and how many
 * instances, memories and tables it may create. A module whose memory or table minimum is
 * above the limit, or an instantiation past a count, fails with
 * {@link ResourceLimitException}; {@code memory.grow} and {@code table.grow} past a size
 * limit answer -1, as they do when the declared maximum or the host's memory runs out.
 * (The embedding API will expose these through its store configuration; the runtime
 * enforces them here.)
 *
 * @param memoryPages   pages per linear memory, at most 65536 (4 GiB)
 * @param tableElements elements per table, at most {@link #MAX_TABLE_ELEMENTS}
 * @param instances     instances per store
 * @param memories      linear memories per store (defined by modules or created by the host)
 * @param tables        tables per store (defined by modules or created by the host)
 */
public record ResourceLimits(long memoryPages, long tableElements, int instances, int memories, int tables) {
    /** The 32-bit address space: 65536 pages of 64 KiB. */
    public static final long MAX_MEMORY_PAGES = 65536;
    /** The implementation's own cap on a table's elements (8 bytes each: 80 MB). */
    public static final long MAX_TABLE_ELEMENTS = 10_000_000;
    /** No limit beyond the implementation's own. */
    public static final ResourceLimits NONE = new ResourceLimits(MAX_MEMORY_PAGES, MAX_TABLE_ELEMENTS,
            Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException when a size limit is negative or above the implementation's
     *         own, or a count is negative
     */
    public ResourceLimits {
        if (memoryPages < 0 || memoryPages > MAX_MEMORY_PAGES) {
            throw new IllegalArgumentException("memory pages limit must be in 0.." + MAX_MEMORY_PAGES + ": "
                    + memoryPages);
        }
        if (tableElements < 0 || tableElements > MAX_TABLE_ELEMENTS) {
            throw new IllegalArgumentException("table elements limit must be in 0.." + MAX_TABLE_ELEMENTS + ": "
                    + tableElements);
        }
        if (instances < 0 || memories < 0 || tables < 0) {
            throw new IllegalArgumentException("count limits must not be negative");
        }
    }

    /**
     * These limits with another memory size.
     *
     * @param pages pages per linear memory, 0 to 65536
     * @return the new limits
     */
    public ResourceLimits withMemoryPages(long pages) {
        return new ResourceLimits(pages, tableElements, instances, memories, tables);
    }

    /**
     * These limits with another table size.
     *
     * @param elements elements per table, 0 to {@link #MAX_TABLE_ELEMENTS}
     * @return the new limits
     */
    public ResourceLimits withTableElements(long elements) {
        return new ResourceLimits(memoryPages, elements, instances, memories, tables);
    }

    /**
     * These limits with another instance count.
     *
     * @param count instances per store, not negative
     * @return the new limits
     */
    public ResourceLimits withInstances(int count) {
        return new ResourceLimits(memoryPages, tableElements, count, memories, tables);
    }

    /**
     * These limits with another memory count.
     *
     * @param count linear memories per store, not negative
     * @return the new limits
     */
    public ResourceLimits withMemories(int count) {
        return new ResourceLimits(memoryPages, tableElements, instances, count, tables);
    }

    /**
     * These limits with another table count.
     *
     * @param count tables per store, not negative
     * @return the new limits
     */
    public ResourceLimits withTables(int count) {
        return new ResourceLimits(memoryPages, tableElements, instances, memories, count);
    }
}
