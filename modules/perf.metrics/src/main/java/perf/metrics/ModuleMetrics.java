package perf.metrics;

/**
 * The metrics of one module compile in progress, from
 * {@link MetricsRecorder#beginModule(int)} to {@link #end()}.
 */
public sealed interface ModuleMetrics permits DisabledMetrics, CollectingModule {

    /**
     * Whether calls are recorded; guard counts that are costly to compute with it.
     *
     * @return false for the no-op
     */
    boolean enabled();

    /**
     * Starts the metrics of one defined function. Call once per function, even
     * when it later falls back to the interpreter (then call {@link FunctionMetrics#fallback}).
     *
     * @param funcIdx  absolute function index, imported functions counted
     * @param funcName the name-section name, else the export name, else {@code null}
     *                 (the recorder then writes {@code func_<idx>}, so callers build no string when off)
     * @param optLevel the optimization level used for this function
     * @return the function's metrics, to finish when its compile ends
     */
    default FunctionMetrics beginFunction(int funcIdx, String funcName, int optLevel) {
        return beginFunction(funcIdx, funcName, optLevel, CompileMode.EAGER);
    }

    /**
     * As {@link #beginFunction(int, String, int)} for a function compiled (or loaded) as {@code mode} says.
     * The function's {@code compile_start_us} is taken now; call {@link FunctionMetrics#finish()} when its
     * compile ends. The wall time of a {@link CompileMode#LAZY} function's compile adds to
     * {@code module_compile_us} (it runs after {@link #eagerDone()}, while the program waits for it).
     *
     * @param funcIdx absolute function index, imported functions counted
     * @param funcName the name-section name, else the export name, else {@code null}
     * @param optLevel the optimization level used for this function
     * @param mode how the code comes to be
     * @return the function's metrics
     */
    FunctionMetrics beginFunction(int funcIdx, String funcName, int optLevel, CompileMode mode);

    /**
     * How many threads compile the eager functions at once ({@code compile_threads}, default 1).
     *
     * @param threads at least 1
     */
    void compileThreads(int threads);

    /**
     * Ends the eager part of the compile (what instantiation waited for): {@code module_compile_us} is
     * this part's wall time plus every later lazy compile's. Without this call the eager part lasts
     * until {@link #end()}.
     */
    void eagerDone();

    /**
     * Ends the module compile: takes {@code module_compile_us} (see {@link #eagerDone()}), counts the
     * defined functions never begun as {@code uncompiled_functions}, and hands the
     * report (functions sorted by index) to the recorder's sink. Later calls
     * do nothing; a module never ended (the compile threw) is not reported.
     * Call it after every function's compile has finished: in the compiling
     * thread, or after joining the threads that compiled functions (the
     * function metrics are not locked, so the join is what makes their
     * records visible here).
     */
    void end();
}
