package wasm.runtime.internal.jit;

import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * baseline code right now, where a function's next entries may never come. Last come the jobs
 * queued "when idle" ({@link #submitWhenIdle}), which start only once no other job has been
 * asked for or finished in {@value #QUIET_MILLIS} ms: a job runs to its end once started, and
 * a compile nobody is waiting for must not hold up one somebody is about to.
 */
final class TierUpCompiler {
    /** Idle jobs last; before them on-stack-replacement entries first, then first asked first served. */
    private static final PriorityBlockingQueue<Job> QUEUE = new PriorityBlockingQueue<>(16,
            Comparator.comparing((Job j) -> j.whenIdle).thenComparing((Job j) -> !j.osr)
                    .thenComparingLong(j -> j.sequence));
    private static final AtomicLong ASKED = new AtomicLong();
    /**
     * How long the thread must have had nothing else to do before an idle job starts. In stream's
     * first run the program's kernel asks for its entry about 10 ms after {@code _start}'s entry
     * is done; 50 ms lets such follow-ups go first.
     */
    static final long QUIET_MILLIS = 50;
    /** When a job other than an idle one was last asked for or finished (System.nanoTime). */
    private static volatile long lastActivity = System.nanoTime();
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
        /** Whether the job waits until the thread has been idle for {@link #QUIET_MILLIS} ({@link #submitWhenIdle}). */
        private boolean whenIdle;
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

    /**
     * Queues the optimizing compile of defined function {@code funcIndex} of {@code module} behind
     * every other job, to start once the thread has been idle for {@value #QUIET_MILLIS} ms: the
     * own code of a function whose activation waits in an on-stack-replacement entry, wanted
     * only for its later calls and the code cache (JitEngine's host-entered functions). A run
     * that ends before then never compiles it.
     */
    static Job submitWhenIdle(int optLevel, Module module, int funcIndex, ModuleVmctxLayout layout,
                              int importedFunctions, FunctionMetrics metrics) {
        Job job = new Job(optLevel, module, funcIndex, false, layout, importedFunctions, metrics);
        job.whenIdle = true;
        return enqueue(job);
    }

    private static Job enqueue(Job job) {
        if (!job.whenIdle) {
            lastActivity = System.nanoTime();
        }
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

    /** The queue's head; an idle job only once nothing else was asked for or done in a while. */
    private static Job next() throws InterruptedException {
        Job job = QUEUE.take();
        while (job.whenIdle) {
            long wait = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS) - (System.nanoTime() - lastActivity);
            if (wait <= 0) {
                break;
            }
            Job other = QUEUE.poll(wait, TimeUnit.NANOSECONDS);
            if (other != null) {
                // anything queued meanwhile goes first (another idle one waits its turn the same way)
                QUEUE.add(job);
                job = other;
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
                job = next();
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
            } finally {
                if (!job.whenIdle) {
                    lastActivity = System.nanoTime();
                }
            }
        }
    }
}
