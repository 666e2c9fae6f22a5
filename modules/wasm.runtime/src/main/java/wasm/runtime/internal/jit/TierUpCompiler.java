package wasm.runtime.internal.jit;

import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import perf.metrics.FunctionMetrics;
import wasm.backend.CompileUnsupported;
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
 * On-stack-replacement entries go first: an activation that asked for one is running long in
 * baseline code right now, where a function's next entries may never come.
 */
final class TierUpCompiler {
    /** On-stack-replacement entries first, then first asked first served. */
    private static final PriorityBlockingQueue<Job> QUEUE = new PriorityBlockingQueue<>(16,
            Comparator.comparing((Job j) -> !j.osr).thenComparingLong(j -> j.sequence));
    private static final AtomicLong ASKED = new AtomicLong();
    private static Thread thread;

    private TierUpCompiler() {
    }

    /** One function's optimizing compile; its results are read once {@link #isDone()} says so. */
    static final class Job {
        private final int optLevel;
        private final Module module;
        private final int funcIndex;
        /** Whether the job compiles the function's on-stack-replacement entry rather than the function. */
        private final boolean osr;
        /** When it was asked for, among all jobs. */
        private final long sequence = ASKED.getAndIncrement();
        private final ModuleVmctxLayout layout;
        private final int importedFunctions;
        private final FunctionMetrics metrics;
        private FinishedCode code;
        /** The loops an on-stack-replacement entry starts at (see {@link IrNativeCompiler.OsrCode}). */
        private int[] osrLoops;
        private String reason;
        /** Written last by the compile thread: its writes of code and reason happen before a read that sees it. */
        private volatile boolean done;
        private final CountDownLatch finished = new CountDownLatch(1);

        private Job(int optLevel, Module module, int funcIndex, boolean osr, ModuleVmctxLayout layout,
                    int importedFunctions, FunctionMetrics metrics) {
            this.optLevel = optLevel;
            this.module = module;
            this.funcIndex = funcIndex;
            this.osr = osr;
            this.layout = layout;
            this.importedFunctions = importedFunctions;
            this.metrics = metrics;
        }

        boolean isDone() {
            return done;
        }

        /** Waits until the compile is done (or the thread is interrupted, which stays set). */
        void await() {
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void finish() {
            done = true;
            finished.countDown();
        }

        /** The code, when the compile succeeded. */
        FinishedCode code() {
            return code;
        }

        /** The loop instructions the on-stack-replacement entry can start at (an OSR job whose code is there). */
        int[] osrLoops() {
            return osrLoops;
        }

        /** Why the function cannot be compiled, or null. */
        String reason() {
            return reason;
        }

        private void run(IrNativeCompiler compiler) {
            FinishedCode[] out = new FinishedCode[funcIndex + 1];
            String why;
            if (!osr) {
                why = ModuleCompiler.compileOne(compiler, module, funcIndex, layout, importedFunctions, metrics, out);
            } else {
                why = compileOsr(compiler, out);
            }
            if (why != null) {
                metrics.fallback(why);
            }
            metrics.finish();
            code = out[funcIndex];
            reason = why;
            finish();
        }

        private String compileOsr(IrNativeCompiler compiler, FinishedCode[] out) {
            try {
                IrNativeCompiler.OsrCode made = compiler.compileOsr(module, funcIndex, layout,
                        j -> j >= importedFunctions, metrics);
                osrLoops = made.loops();
                out[funcIndex] = made.code().code();
                return null;
            } catch (CompileUnsupported e) {
                return e.reason();
            } catch (RuntimeException | StackOverflowError e) {
                return "compiler error: " + e;
            }
        }
    }

    /** Queues the optimizing compile of defined function {@code funcIndex} of {@code module}. */
    static Job submit(int optLevel, Module module, int funcIndex, ModuleVmctxLayout layout, int importedFunctions,
                      FunctionMetrics metrics) {
        return enqueue(new Job(optLevel, module, funcIndex, false, layout, importedFunctions, metrics));
    }

    /**
     * Queues, ahead of the functions waiting, the optimizing compile of defined function
     * {@code funcIndex}'s on-stack-replacement entry.
     */
    static Job submitOsr(int optLevel, Module module, int funcIndex, ModuleVmctxLayout layout,
                         int importedFunctions, FunctionMetrics metrics) {
        return enqueue(new Job(optLevel, module, funcIndex, true, layout, importedFunctions, metrics));
    }

    private static Job enqueue(Job job) {
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
                job.finish();
            }
        }
    }
}
