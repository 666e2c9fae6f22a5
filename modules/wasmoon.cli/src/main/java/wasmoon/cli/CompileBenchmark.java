package wasmoon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * {@code FILE decode+validate cold_ms warm_median_ms} and {@code FILE compile/T cold_ms warm_median_ms}.
 */
public final class CompileBenchmark {
    private CompileBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = 10;
        List<Integer> threads = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads.add(Integer.parseInt(args[++i]));
                default -> files.add(args[i]);
            }
        }
        if (files.isEmpty() || rounds < 1) {
            System.err.println("usage: CompileBenchmark [--rounds N] [--threads T]... FILE...");
            System.exit(2);
        }
        if (threads.isEmpty()) {
            threads.add(Runtime.getRuntime().availableProcessors());
        }
        for (String file : files) {
            byte[] bytes = Files.readAllBytes(Path.of(file));
            long[] load = new long[rounds + 1];
            Module module = null;
            for (int r = 0; r <= rounds; r++) {
                long t = System.nanoTime();
                module = ModuleDecoder.decode(bytes);
                Validator.validate(module);
                load[r] = System.nanoTime() - t;
            }
            print(file, "decode+validate", load);
            for (int t : threads) {
                long[] compile = new long[rounds + 1];
                RuntimeOptions options = RuntimeOptions.defaults().withCompileThreads(t);
                for (int r = 0; r <= rounds; r++) {
                    long start = System.nanoTime();
                    PrecompiledModule.compile(module, bytes, options);
                    compile[r] = System.nanoTime() - start;
                }
                print(file, "compile/" + t, compile);
            }
        }
    }

    /** times[0] is the cold run, the rest warm. */
    private static void print(String file, String phase, long[] times) {
        long[] warm = java.util.Arrays.copyOfRange(times, 1, times.length);
        java.util.Arrays.sort(warm);
        double median = warm.length % 2 == 1 ? warm[warm.length / 2]
                : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2.0;
        System.out.println(String.format(Locale.ROOT, "%s %s %.1f %.1f", file, phase, times[0] / 1e6, median / 1e6));
    }
}
