package wasmoon.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import perf.metrics.FunctionReport;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleReport;
import perf.metrics.PassReport;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.validate.Validator;
import wasm.runtime.PrecompiledModule;
import wasm.runtime.RuntimeOptions;

/**
 * Compile-time benchmark (a benchmark, not a test), run in the image's JVM by
 * scripts/bench-compile.sh: for each module, the first (cold) and the median warm time of
 * (1) decoding plus validation and (2) an eager compile of every function, on the given
 * number of threads. Prints one line per module and phase:
 * {@code FILE decode+validate cold_ms warm_median_ms warm_median_cpu_ms cold_cpu_ms warm_median_process_cpu_ms
 * cold_process_cpu_ms} (the process's CPU time includes the collector and the JIT's threads) and
 * {@code FILE compile/T cold_ms warm_median_ms warm_median_cpu_ms}, the last the median CPU time of
 * the calling thread (the whole compile on 1 thread; a loaded machine inflates wall time, most of
 * all for compiles longer than a scheduler slice, and CPU time far less).
 *
 * <p>"Cold" is the first round in a fresh JVM. With {@code --warmup SECONDS}, each phase then runs
 * untimed for that long before its timed rounds, so that the warm figures are our compiler's steady
 * state (compiled by the JVM's JIT), not its first dozen rounds: on the 1 KB benchmark.wasm the
 * median of 15 rounds right after the cold one is 18.8 ms of CPU, after a few seconds 2.1 ms.
 *
 * <p>With {@code --load-only}, only the first line (decoding and validation) is measured.
 *
 * <p>With {@code --passes}, each module then gets as many more warm 1-thread rounds with the compile
 * metrics on, timed by the compiling thread's CPU clock (steadier than wall time on a loaded
 * machine), and one line per IR pass and backend stage with the median over those rounds of the
 * time summed over the module's functions, then the sum over functions of each one's fastest
 * round: {@code FILE pass NAME median_ms fastest_sum_ms} (a pass that runs twice in the pipeline is
 * summed under its one name), where the time of a compile goes.
 */
public final class CompileBenchmark {
    private CompileBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = 10;
        List<Integer> threads = new ArrayList<>();
        List<String> files = new ArrayList<>();
        boolean passes = false;
        boolean loadOnly = false;
        double warmupSeconds = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads.add(Integer.parseInt(args[++i]));
                case "--passes" -> passes = true;
                case "--load-only" -> loadOnly = true;
                case "--warmup" -> warmupSeconds = Double.parseDouble(args[++i]);
                default -> files.add(args[i]);
            }
        }
        if (files.isEmpty() || rounds < 1 || !(warmupSeconds >= 0)) {
            System.err.println("usage: CompileBenchmark [--rounds N] [--threads T]... [--warmup SECONDS] [--passes] [--load-only] FILE...");
            System.exit(2);
        }
        if (threads.isEmpty()) {
            threads.add(Runtime.getRuntime().availableProcessors());
        }
        for (String file : files) {
            byte[] bytes = Files.readAllBytes(Path.of(file));
            long[] load = new long[rounds + 1];
            long[] loadCpu = new long[rounds + 1];
            long[] loadProcessCpu = new long[rounds + 1];
            ThreadMXBean clock = ManagementFactory.getThreadMXBean();
            var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Module module = null;
            for (int r = 0; r <= rounds; r++) {
                if (r == 1) {
                    warmUp(warmupSeconds, () -> Validator.validate(ModuleDecoder.decode(bytes)));
                }
                long processStart = process.getProcessCpuTime();
                long cpuStart = clock.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                module = ModuleDecoder.decode(bytes);
                Validator.validate(module);
                load[r] = System.nanoTime() - t;
                loadCpu[r] = clock.getCurrentThreadCpuTime() - cpuStart;
                loadProcessCpu[r] = process.getProcessCpuTime() - processStart;
            }
            Module decoded = module;
            // Then the cold CPU times, and the process's (the collector and the JIT's threads included).
            System.out.println(String.format(Locale.ROOT, "%s decode+validate %.1f %.1f %.1f %.1f %.1f %.1f", file,
                    load[0] / 1e6, warmMedian(load) / 1e6, warmMedian(loadCpu) / 1e6, loadCpu[0] / 1e6,
                    warmMedian(loadProcessCpu) / 1e6, loadProcessCpu[0] / 1e6));
            if (loadOnly) {
                continue;
            }
            for (int t : threads) {
                long[] compile = new long[rounds + 1];
                long[] cpu = new long[rounds + 1];
                RuntimeOptions options = RuntimeOptions.defaults().withCompileThreads(t);
                for (int r = 0; r <= rounds; r++) {
                    if (r == 1) {
                        warmUp(warmupSeconds, () -> PrecompiledModule.compile(decoded, bytes, options));
                    }
                    long cpuStart = clock.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    PrecompiledModule.compile(module, bytes, options);
                    compile[r] = System.nanoTime() - start;
                    cpu[r] = clock.getCurrentThreadCpuTime() - cpuStart;
                }
                print(file, "compile/" + t, compile, cpu);
            }
            if (passes) {
                printPasses(file, module, bytes, rounds);
            }
        }
    }

    /** Runs {@code work} untimed, again and again, for {@code seconds} (at least once when above 0). */
    private static void warmUp(double seconds, Runnable work) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (seconds > 0) {
            work.run();
            if (System.nanoTime() >= end) {
                return;
            }
        }
    }

    /**
     * Per-pass and per-stage time of a 1-thread compile, summed over functions: the median over
     * rounds of the sums, and the sum over functions of each function's fastest round (a round
     * that other processes interrupted costs the first figure and rarely the second).
     */
    private static void printPasses(String file, Module module, byte[] bytes, int rounds) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, Long> fastest = new HashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            List<ModuleReport> reports = new ArrayList<>();
            RuntimeOptions options = RuntimeOptions.defaults().withCompileThreads(1)
                    .withMetrics(MetricsRecorder.collecting(reports::add, threads::getCurrentThreadCpuTime));
            PrecompiledModule.compile(module, bytes, options);
            for (ModuleReport m : reports) {
                for (FunctionReport f : m.functions()) {
                    List<PassReport> ps = f.irPasses();
                    for (int p = 0; p < ps.size(); p++) {
                        add(sums, fastest, r, rounds, ps.get(p).name(), f.funcIdx() + "/" + p, ps.get(p).durationUs());
                    }
                    add(sums, fastest, r, rounds, "(optimize)", f.funcIdx() + "", f.optimizeUs());
                    add(sums, fastest, r, rounds, "(lower)", f.funcIdx() + "", f.lowerUs());
                    add(sums, fastest, r, rounds, "(regalloc)", f.funcIdx() + "", f.regallocUs());
                    add(sums, fastest, r, rounds, "(emit)", f.funcIdx() + "", f.emitUs());
                    add(sums, fastest, r, rounds, "(function compile)", f.funcIdx() + "", f.compileUs());
                }
            }
        }
        Map<String, Long> fastestSum = new HashMap<>();
        fastest.forEach((key, us) -> fastestSum.merge(key.substring(0, key.indexOf('|')), us, Long::sum));
        sums.forEach((name, us) -> {
            Arrays.sort(us);
            System.out.println(String.format(Locale.ROOT, "%s pass %s %.2f %.2f", file, name, us[us.length / 2] / 1e3,
                    fastestSum.get(name) / 1e3));
        });
    }

    private static void add(Map<String, long[]> sums, Map<String, Long> fastest, int round, int rounds, String name,
                            String where, long us) {
        sums.computeIfAbsent(name, k -> new long[rounds])[round] += us;
        fastest.merge(name + "|" + where, us, Math::min);
    }

    /** times[0] is the cold run, the rest warm; {@code cpu}, when not null, the same rounds' CPU times. */
    private static void print(String file, String phase, long[] times, long[] cpu) {
        String line = String.format(Locale.ROOT, "%s %s %.1f %.1f", file, phase, times[0] / 1e6,
                warmMedian(times) / 1e6);
        if (cpu != null) {
            line += String.format(Locale.ROOT, " %.1f", warmMedian(cpu) / 1e6);
        }
        System.out.println(line);
    }

    private static double warmMedian(long[] times) {
        long[] warm = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(warm);
        return warm.length % 2 == 1 ? warm[warm.length / 2] : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2.0;
    }
}
