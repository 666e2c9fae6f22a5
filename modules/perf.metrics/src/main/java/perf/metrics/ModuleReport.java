package perf.metrics;

import java.util.List;

/**
 * The metrics of one module compile: the object at the top of the file for a
 * single module, one element of {@code modules[]} otherwise.
 *
 * @param expectedFunctions defined functions the compile is expected to produce (imports excluded)
 * @param moduleCompileUs   the whole module compile (translation and every stage), whole microseconds
 * @param compileThreads    threads that compiled the module's eager functions at once (1 when none ran in parallel)
 * @param uncompiledFunctions defined functions never compiled (lazy compilation: never called); with
 *                          {@code functions} they add up to {@code expectedFunctions}
 * @param functions         per-function metrics, by ascending {@code func_idx}
 */
public record ModuleReport(long expectedFunctions, long moduleCompileUs, long compileThreads,
                           long uncompiledFunctions, List<FunctionReport> functions) {
    /** The {@code schema_version} this module reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Copies the function list.
     *
     * @throws NullPointerException when {@code functions} or one of its elements is null
     */
    public ModuleReport {
        functions = List.copyOf(functions);
    }

    /**
     * A module compiled eagerly on one thread, every function listed (the schema before compile modes).
     *
     * @param expectedFunctions defined functions (imports excluded)
     * @param moduleCompileUs the whole module compile, whole microseconds
     * @param functions per-function metrics, by ascending {@code func_idx}
     */
    public ModuleReport(long expectedFunctions, long moduleCompileUs, List<FunctionReport> functions) {
        this(expectedFunctions, moduleCompileUs, 1, 0, functions);
    }
}
