package wasmoon.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleReport;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.JitInspector;

/**
 * A benchmark, not a test: what collecting compile metrics costs. Compiles
 * every defined function of one module (Wasm to IR, the -O2 passes, x86-64, as
 * the runtime's JIT does, minus loading the code) many times in one JVM,
 * alternating rounds with metrics off (the shared no-op recorder) and on (a
 * collecting recorder whose reports are kept until the round ends), and
 * prints the median round time of each and the overhead in percent.
 *
 * <pre>
 * java -cp TEST_CLASS_PATH wasmoon.cli.MetricsOverheadBenchmark [--rounds N] [--warmup N] [--stopped-clock] FILE | --generated FUNCTIONS
 * </pre>
 * {@code --stopped-clock} collects with a clock that always reads 0: the
 * difference to a normal run is what the clock reads cost.
 * It lives in the test tree, so the shipped command line (and its runtime image) does
 * not carry it; scripts/bench-metrics-overhead.sh compiles the tests and runs it on
 * their class path.
 */
public final class MetricsOverheadBenchmark {
    private MetricsOverheadBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = 30;
        int warmup = 10;
        String file = null;
        int generated = 0;
        boolean stoppedClock = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--generated" -> generated = Integer.parseInt(args[++i]);
                case "--stopped-clock" -> stoppedClock = true;
                default -> file = args[i];
            }
        }
        if ((file == null) == (generated == 0) || rounds < 1 || warmup < 0) {
            System.err.println("usage: MetricsOverheadBenchmark [--rounds N] [--warmup N] [--stopped-clock] "
                    + "FILE | --generated FUNCTIONS");
            System.exit(2);
        }
        Module module;
        String name;
        if (file != null) {
            module = ModuleFileReader.read(file);
            name = file;
        } else {
            module = WatParser.parseModule(generatedModule(generated));
            name = "generated module";
        }
        Validator.validate(module);
        int defined = module.functions().size();
        int compiled = compileAll(module, MetricsRecorder.disabled());
        System.out.printf(Locale.ROOT, "metrics overhead: %s, %d defined functions (%d compiled by the JIT), "
                + "%d warm-up + %d measured rounds per mode, order alternating%s%n", name, defined, compiled, warmup,
                rounds, stoppedClock ? ", metrics on with a stopped clock (bookkeeping without clock reads)" : "");

        List<ModuleReport> sink = new ArrayList<>();
        // A stopped clock (always 0) leaves the bookkeeping and takes out the clock reads, to tell the two apart.
        MetricsRecorder on = stoppedClock ? MetricsRecorder.collecting(sink::add, () -> 0L)
                : MetricsRecorder.collecting(sink::add);
        MetricsRecorder off = MetricsRecorder.disabled();
        // Wall time, and this thread's CPU time, which a machine busy with other work disturbs far less
        // (it leaves out the GC threads, so it undercounts the cost of the reports' allocations).
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] wall = new long[2][rounds];
        long[][] cpu = new long[2][rounds];
        for (int r = -warmup; r < rounds; r++) {
            // Which mode goes first alternates, so neither always pays for the other's garbage.
            for (int k = 0; k < 2; k++) {
                int mode = ((r & 1) + k) & 1; // 0 = off, 1 = on
                long w0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                compileAll(module, mode == 0 ? off : on);
                long c1 = threads.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                sink.clear();
                if (r >= 0) {
                    wall[mode][r] = w1 - w0;
                    cpu[mode][r] = c1 - c0;
                }
            }
        }
        report("wall time", wall);
        report("thread CPU time", cpu);
    }

    private static void report(String what, long[][] nanos) {
        double offMs = median(nanos[0]) / 1e6;
        double onMs = median(nanos[1]) / 1e6;
        System.out.printf(Locale.ROOT, "  %s per module compile: metrics off median %.3f ms (min %.3f), "
                + "on median %.3f ms (min %.3f)%n", what, offMs, min(nanos[0]) / 1e6, onMs, min(nanos[1]) / 1e6);
        System.out.printf(Locale.ROOT, "    overhead: %+.2f %% of the medians, %+.2f %% of the minima%n",
                100.0 * (onMs / offMs - 1), 100.0 * ((double) min(nanos[1]) / min(nanos[0]) - 1));
    }

    /** Compiles every defined function as the JIT would (-O2); returns how many compiled natively. */
    static int compileAll(Module module, MetricsRecorder recorder) {
        return JitInspector.compileAll(module, 2, recorder);
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /**
     * {@code count} functions of a few dozen instructions each: a loop with
     * arithmetic, a load and a store, branches and a call to the previous
     * function, so every pass and the register allocator have work.
     */
    static String generatedModule(int count) {
        StringBuilder sb = new StringBuilder("(module\n  (memory 1)\n");
        for (int i = 0; i < count; i++) {
            sb.append("  (func $f").append(i).append(" (param $a i32) (param $b i32) (result i32)\n")
                    .append("    (local $i i32) (local $acc i32) (local $t i64)\n")
                    .append("    (local.set $acc (i32.add (local.get $a) (i32.const ").append(i).append(")))\n")
                    .append("    (block $done (loop $next\n")
                    .append("      (br_if $done (i32.ge_u (local.get $i) (local.get $b)))\n")
                    .append("      (local.set $t (i64.mul (i64.extend_i32_u (local.get $acc)) (i64.const ")
                    .append(2 * i + 1).append(")))\n")
                    .append("      (local.set $acc (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $t) (i64.const 7)))\n")
                    .append("                               (i32.load (i32.and (local.get $i) (i32.const 1020)))))\n")
                    .append("      (i32.store (i32.and (local.get $acc) (i32.const 1020)) (i32.add (local.get $acc) (local.get $i)))\n")
                    .append("      (if (i32.eqz (i32.and (local.get $i) (i32.const 3)))\n")
                    .append("        (then (local.set $acc (i32.rotl (local.get $acc) (i32.const 5)))))\n")
                    .append("      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n")
                    .append("      (br $next)))\n");
            if (i > 0) {
                sb.append("    (local.set $acc (i32.add (local.get $acc) (call $f").append(i - 1)
                        .append(" (local.get $acc) (i32.const 2))))\n");
            }
            sb.append("    (i32.mul (local.get $acc) (i32.const 31)))\n");
        }
        return sb.append(")\n").toString();
    }
}
