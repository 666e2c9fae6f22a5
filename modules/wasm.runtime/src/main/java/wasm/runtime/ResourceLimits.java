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

    public ResourceLimits withMemoryPages(long pages) {
        return new ResourceLimits(pages, tableElements, instances, memories, tables);
    }

    public ResourceLimits withTableElements(long elements) {
        return new ResourceLimits(memoryPages, elements, instances, memories, tables);
    }

    public ResourceLimits withInstances(int count) {
        return new ResourceLimits(memoryPages, tableElements, count, memories, tables);
    }

    public ResourceLimits withMemories(int count) {
        return new ResourceLimits(memoryPages, tableElements, instances, count, tables);
    }

    public ResourceLimits withTables(int count) {
        return new ResourceLimits(memoryPages, tableElements, instances, memories, count);
    }
}
