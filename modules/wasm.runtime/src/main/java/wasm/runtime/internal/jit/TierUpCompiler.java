package wasm.runtime.internal.jit;

import java.util.concurrent.LinkedBlockingQueue;

import perf.metrics.FunctionMetrics;
import wasm.backend.code.FinishedCode;
import wasm.core.model.Module;

/**
 * The optimizing compiles of tiered compilation: one daemon thread per process, started on the
 * first request, compiles functions whose baseline code proved hot, first asked first served. It
 * only compiles (the module and its vmctx layout are immutable, so any thread may read them); the
 * wasm thread that asked installs the code when it next finds it done ({@link Job#isDone()}), so
 * the engine's tables and the vmctx are never touched from here.
 *
 * <p>One thread: on the two cores of a small machine the program's own thread and the JVM's JIT
 * threads need the rest, and a hot function waits for its turn in baseline code, not idle.
 */
final class TierUpCompiler {
    private static final LinkedBlockingQueue<Job> QUEUE = new LinkedBlockingQueue<>();
    private static Thread thread;

    private TierUpCompiler() {
    }

    /** One function's optimizing compile; its results are read once {@link #isDone()} says so. */
    static final class Job {
        private final int optLevel;
        private final Module module;
        private final int funcIndex;
        private final ModuleVmctxLayout layout;
        private final int importedFunctions;
        private final FunctionMetrics metrics;
        private FinishedCode code;
        private String reason;
        /** Written last by the compile thread: its writes of code and reason happen before a read that sees it. */
        private volatile boolean done;

        private Job(int optLevel, Module module, int funcIndex, ModuleVmctxLayout layout, int importedFunctions,
                    FunctionMetrics metrics) {
            this.optLevel = optLevel;
            this.module = module;
            this.funcIndex = funcIndex;
            this.layout = layout;
            this.importedFunctions = importedFunctions;
            this.metrics = metrics;
        }

        boolean isDone() {
            return done;
        }

        /** The code, when the compile succeeded. */
        FinishedCode code() {
            return code;
        }

        /** Why the function cannot be compiled, or null. */
        String reason() {
            return reason;
        }

        private void run(IrNativeCompiler compiler) {
            FinishedCode[] out = new FinishedCode[funcIndex + 1];
            String why = ModuleCompiler.compileOne(compiler, module, funcIndex, layout, importedFunctions, metrics, out);
            if (why != null) {
                metrics.fallback(why);
            }
            metrics.finish();
            code = out[funcIndex];
            reason = why;
            done = true;
        }
    }

    /** Queues the optimizing compile of defined function {@code funcIndex} of {@code module}. */
    static Job submit(int optLevel, Module module, int funcIndex, ModuleVmctxLayout layout, int importedFunctions,
                      FunctionMetrics metrics) {
        Job job = new Job(optLevel, module, funcIndex, layout, importedFunctions, metrics);
        QUEUE.add(job);
        synchronized (TierUpCompiler.class) {
            if (thread == null) {
                thread = new Thread(TierUpCompiler::work, "wasmoon-tier-up");
                thread.setDaemon(true);
                thread.start();
            }
        }
        return job;
    }

    private static void work() {
        IrNativeCompiler compiler = null;
        int compilerLevel = -1;
        while (true) {
            Job job;
            try {
                job = QUEUE.take();
            } catch (InterruptedException e) {
                return;
            }
            if (compiler == null || compilerLevel != job.optLevel) {
                compiler = new IrNativeCompiler(job.optLevel);
                compilerLevel = job.optLevel;
            }
            try {
                job.run(compiler);
            } catch (Throwable t) {
                // compileOne catches compiler failures; anything else (out of memory) leaves the
                // function in baseline code for good
                job.reason = "tier-up failed: " + t;
                job.done = true;
            }
        }
    }
}
