package perf.metrics;

/**
 * Metrics off: one shared object that is at once the recorder, every module
 * and every function, so the pipeline pays a virtual call and nothing else —
 * no clock read, no allocation (GraalVM's disabled timers work the same way).
 */
enum DisabledMetrics implements MetricsRecorder, ModuleMetrics, FunctionMetrics {
    INSTANCE;

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public ModuleMetrics beginModule(int expectedFunctions) {
        return this;
    }

    @Override
    public FunctionMetrics beginFunction(int funcIdx, String funcName, int optLevel) {
        return this;
    }

    @Override
    public FunctionMetrics beginFunction(int funcIdx, String funcName, int optLevel, CompileMode mode) {
        return this;
    }

    @Override
    public void compileThreads(int threads) {
    }

    @Override
    public void eagerDone() {
    }

    @Override
    public void finish() {
    }

    @Override
    public void discard() {
    }

    @Override
    public void end() {
    }

    @Override
    public long startTimer() {
        return 0;
    }

    @Override
    public void endStage(Stage stage, long timer) {
    }

    @Override
    public void endPass(String name, long timer, int beforeInsts, int afterInsts, boolean changed) {
    }

    @Override
    public long endPassLap(String name, long timer, int beforeInsts, int afterInsts, boolean changed) {
        return 0;
    }

    @Override
    public void endStageAt(Stage stage, long timer, long end) {
    }

    @Override
    public long endEgraphPass(String name, long timer, int beforeInsts, int afterInsts, boolean changed,
                              long egraphClasses, long egraphNodes, long egraphRuleApps) {
        return 0;
    }

    @Override
    public void irInstsBefore(int insts) {
    }

    @Override
    public void irInstsAfter(int insts) {
    }

    @Override
    public void regalloc(int spillSlots, int spills, int reloads, int regMoves, int spillToSpill) {
    }

    @Override
    public void codeSize(int bytes) {
    }

    @Override
    public void fallback(String reason) {
    }
}
