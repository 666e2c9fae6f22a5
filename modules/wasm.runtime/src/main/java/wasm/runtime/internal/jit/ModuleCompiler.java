package wasm.runtime.internal.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import perf.metrics.CompileMode;
import perf.metrics.FunctionMetrics;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import wasm.backend.CompileUnsupported;
import wasm.backend.code.FinishedCode;
import wasm.core.model.Module;

/**
 * Compiles every defined function of a module into a {@link CompiledModule}, on up to
 * {@code threads} threads. Each function's compile depends on the module and its index alone,
 * and the image is laid out by index afterwards, so the result is byte-identical whatever the
 * thread count (ModuleCompilerTest checks it). Threads take the next function from a shared
 * counter, so a few large functions do not leave the others idle; the calling thread is one of them.
 */
public final class ModuleCompiler {
    /** Below this many functions per thread a thread costs more than it saves. */
    private static final int FUNCTIONS_PER_THREAD = 4;

    /** Makes one compiler per thread, given the callee IR the threads of one module compile share. */
    private final Function<CalleeIrCache, NativeCompiler> compilers;
    private final int optLevel;
    private final int threads;
    private final Metering metering;

    /**
     * @param compilers makes one compiler per thread (a compiler need not be thread-safe)
     * @param threads   the most threads to use, at least 1
     */
    public ModuleCompiler(Supplier<NativeCompiler> compilers, int optLevel, int threads) {
        this(callees -> compilers.get(), optLevel, threads, Metering.DEFAULT);
    }

    private ModuleCompiler(Function<CalleeIrCache, NativeCompiler> compilers, int optLevel, int threads,
                           Metering metering) {
        this.compilers = compilers;
        this.optLevel = optLevel;
        this.threads = Math.max(1, threads);
        this.metering = metering;
    }

    /**
     * With the standard pipeline at {@code optLevel}; the threads of a module compile share one
     * {@link CalleeIrCache}, so the inliner translates each callee once per module.
     */
    public static ModuleCompiler standard(int optLevel, int threads) {
        return new ModuleCompiler(callees -> new IrNativeCompiler(optLevel, callees), optLevel, threads,
                Metering.DEFAULT);
    }

    /** This compiler making code that polls as {@code m} says (default: {@link Metering#DEFAULT}). */
    public ModuleCompiler metered(Metering m) {
        return new ModuleCompiler(compilers, optLevel, threads, m);
    }

    /**
     * Compiles every defined function; a function the compiler cannot take is recorded as
     * unsupported (with its reason), never thrown. Metrics: one eager function each, the module's
     * wall time as {@code module_compile_us}; the caller ends {@code metrics}.
     */
    public CompiledModule compile(Module module, byte[] moduleHash, ModuleMetrics metrics, MetricsRecorder recorder) {
        int n = module.functionCount();
        int imported = n - module.functions().size();
        ModuleVmctxLayout layout = ModuleVmctxLayout.of(module, metering);
        FinishedCode[] code = new FinishedCode[n];
        String[] unsupported = new String[n];
        int workers = Math.min(threads, Math.max(1, (n - imported) / FUNCTIONS_PER_THREAD));
        metrics.compileThreads(workers);
        AtomicInteger next = new AtomicInteger(imported);
        CalleeIrCache callees = new CalleeIrCache(module);
        Runnable work = () -> {
            NativeCompiler compiler = compilers.apply(callees);
            for (int fi = next.getAndIncrement(); fi < n; fi = next.getAndIncrement()) {
                FunctionMetrics fm = metrics.beginFunction(fi, recorder.enabled() ? module.functionName(fi) : null,
                        optLevel, CompileMode.EAGER);
                String reason = compileOne(compiler, module, fi, layout, imported, fm, code);
                if (reason != null) {
                    unsupported[fi] = reason;
                    fm.fallback(reason);
                }
                fm.finish();
            }
        };
        List<Thread> started = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 1; t < workers; t++) {
            Thread th = Thread.ofPlatform().name("wasmoon-compile-" + t).daemon().unstarted(() -> {
                try {
                    work.run();
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            });
            th.start();
            started.add(th);
        }
        work.run();
        for (Thread th : started) {
            boolean interrupted = false;
            while (true) {
                try {
                    th.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (failure) {
            if (failure[0] instanceof Error e) {
                throw e;
            }
            if (failure[0] != null) {
                throw new IllegalStateException("a compile thread failed", failure[0]);
            }
        }
        return new CompiledModule(module, moduleHash, optLevel, metering, code, unsupported,
                CompiledModule.Origin.EAGER);
    }

    /** Compiles one function into {@code code[fi]}; returns null, or why it cannot be compiled. */
    static String compileOne(NativeCompiler compiler, Module module, int fi, ModuleVmctxLayout layout, int imported,
                             FunctionMetrics fm, FinishedCode[] code) {
        try {
            code[fi] = compiler.compile(module, fi, layout, j -> j >= imported, fm).code();
            return null;
        } catch (CompileUnsupported e) {
            return e.reason();
        } catch (RuntimeException | StackOverflowError e) {
            // A compiler bug must not take the instance down: the interpreter runs the function.
            return "compiler error: " + e;
        }
    }
}
