package wasmoon.cli.wast;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import wasm.runtime.ExecutionTier;

/**
 * The child JVM of {@link OfficialSuiteJitTest}: runs suite files one by one
 * and reports each on stdout, so that the parent knows which file was running
 * if native code kills this JVM. Protocol, one tab-separated line each:
 * {@code START path}, then {@code FAIL path line} for the first failures, then
 * {@code DONE path passed failed skipped nanos}.
 *
 * <p>Arguments: {@code TIER SUITE_DIR FILE...} (files relative to the suite).
 */
public final class SuiteWorker {
    private SuiteWorker() {
    }

    public static void main(String[] args) {
        ExecutionTier tier = ExecutionTier.valueOf(args[0]);
        Path suite = Path.of(args[1]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        WastRunner runner = WastRunner.quiet(tier);
        for (int i = 2; i < args.length; i++) {
            String file = args[i];
            out.println("START\t" + file);
            long start = System.nanoTime();
            FileReport report = runner.runFile(suite.resolve(file), file);
            long nanos = System.nanoTime() - start;
            for (String failure : SuiteExpectations.firstFailures(file, report)) {
                out.println("FAIL\t" + file + "\t" + failure.replace('\n', ' ').replace('\r', ' '));
            }
            out.println("DONE\t" + file + "\t" + report.passed() + "\t" + report.failed() + "\t" + report.skipped()
                    + "\t" + nanos);
        }
        out.flush();
    }
}
