package wasmoon.cli.wast;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;

/**
 * The child JVM of {@link IsolatedSuiteRun}: runs script files one by one and
 * reports each on stdout, so that the parent knows which file was running if
 * native code kills this JVM. Protocol, one tab-separated line each:
 * {@code START path}, then {@code FAIL path line} for the first failures, then
 * {@code DONE path passed failed skipped native interpreted skips nanos gapFunctions}, where
 * {@code skips} is {@link SuiteExpectations.Counts#skipsText()} and {@code gapFunctions} the
 * functions of modules refused for a JIT gap.
 *
 * <p>Arguments: {@code TIER strict|fallback SUITE_DIR [-ON] FILE...} (files relative to the suite;
 * {@code -ON}: the optimisation level, default 2).
 */
public final class SuiteWorker {
    private SuiteWorker() {
    }

    public static void main(String[] args) {
        ExecutionTier tier = ExecutionTier.valueOf(args[0]);
        boolean strict = switch (args[1]) {
            case "strict" -> true;
            case "fallback" -> false;
            default -> throw new IllegalArgumentException("strict or fallback: " + args[1]);
        };
        Path suite = Path.of(args[2]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        RuntimeOptions options = RuntimeOptions.defaults().withTier(tier).withJitStrict(strict);
        int first = 3;
        if (first < args.length && args[first].startsWith("-O")) {
            options = options.withOptLevel(Integer.parseInt(args[first++].substring(2)));
        }
        WastRunner runner = new WastRunner(new PrintStream(OutputStream.nullOutputStream()), options);
        for (int i = first; i < args.length; i++) {
            String file = args[i];
            out.println("START\t" + file);
            long start = System.nanoTime();
            FileReport report = runner.runFile(suite.resolve(file), file);
            long nanos = System.nanoTime() - start;
            for (String failure : SuiteExpectations.firstFailures(file, report)) {
                out.println("FAIL\t" + file + "\t" + failure.replace('\n', ' ').replace('\r', ' '));
            }
            SuiteExpectations.Counts counts = SuiteExpectations.Counts.of("", report);
            out.println(String.join("\t", "DONE", file, Integer.toString(report.passed()),
                    Integer.toString(report.failed()), Integer.toString(report.skipped()),
                    Long.toString(report.coverage().nativeFunctions()),
                    Long.toString(report.coverage().interpretedFunctions()), counts.skipsText(), Long.toString(nanos),
                    Long.toString(report.jitGapFunctions())));
        }
        out.flush();
    }
}
