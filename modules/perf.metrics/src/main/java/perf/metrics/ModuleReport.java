package perf.metrics;

import java.util.List;

/**
 * The metrics of one module compile: the object at the top of the file for a
 * single module, one element of {@code modules[]} otherwise.
 *
 * @param expectedFunctions defined functions the compile is expected to produce (imports excluded)
 * @param moduleCompileUs   the whole module compile (translation and every stage), whole microseconds
 * @param functions         per-function metrics, by ascending {@code func_idx}
 */
public record ModuleReport(long expectedFunctions, long moduleCompileUs, List<FunctionReport> functions) {
    /** The {@code schema_version} this module reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    public ModuleReport {
        functions = List.copyOf(functions);
    }
}
