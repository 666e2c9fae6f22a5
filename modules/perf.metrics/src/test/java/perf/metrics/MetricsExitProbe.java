package perf.metrics;

/**
 * A child-JVM program for {@link MetricsSessionTest}: opens the session the
 * real environment asks for, records one module and leaves by System.exit,
 * the way a WASI proc_exit ends {@code wasmoon run}.
 */
final class MetricsExitProbe {
    private MetricsExitProbe() {
    }

    public static void main(String[] args) {
        MetricsSession session = MetricsSession.fromEnvironment().flushOnExit();
        ModuleMetrics m = session.recorder().beginModule(1);
        FunctionMetrics f = m.beginFunction(0, null, 2);
        f.codeSize(8);
        m.end();
        System.out.println("enabled=" + session.recorder().enabled());
        System.exit(3);
    }
}
