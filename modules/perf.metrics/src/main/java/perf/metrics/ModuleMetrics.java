package perf.metrics;

/**
 * The metrics of one module compile in progress, from
 * {@link MetricsRecorder#beginModule(int)} to {@link #end()}.
 */
public sealed interface ModuleMetrics permits DisabledMetrics, CollectingModule {

    boolean enabled();

    /**
     * Starts the metrics of one defined function. Call once per function, even
     * when it later falls back to the interpreter (then call {@link FunctionMetrics#fallback}).
     *
     * @param funcIdx  absolute function index, imported functions counted
     * @param funcName the name-section name, else the export name, else {@code null}
     *                 (the recorder then writes {@code func_<idx>}, so callers build no string when off)
     * @param optLevel the optimization level used for this function
     */
    FunctionMetrics beginFunction(int funcIdx, String funcName, int optLevel);

    /**
     * Ends the module compile: takes {@code module_compile_us} and hands the
     * report (functions sorted by index) to the recorder's sink. Later calls
     * do nothing; a module never ended (the compile threw) is not reported.
     * Call it after every function's compile has finished: in the compiling
     * thread, or after joining the threads that compiled functions (the
     * function metrics are not locked, so the join is what makes their
     * records visible here).
     */
    void end();
}
