package wasmoon.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import perf.metrics.MetricsConfig;

/**
 * {@code wasmoon aot-training COMMAND-LINE [;; COMMAND-LINE]...}: the training run of the image's
 * AOT cache (JEP 483/514/515; the build runs it once through the launcher, with
 * {@code -XX:AOTCacheOutput}). It runs several wasmoon command lines in this one JVM, in order,
 * each as {@code wasmoon} would, so that the cache holds the classes, linked call sites and
 * method profiles of each. A JDK 25 cache is trained by a single process, and what that process
 * never ran starts cold: while the training was one WASI program, whose {@code _start} runs
 * natively from its first call, the interpreter's translator, the arguments of {@code --invoke},
 * the text parser and the reading of the code cache were all left out (docs/perf/startup.md).
 *
 * <p>The order matters where a command line changes the process: the JIT's warm-up, once made,
 * stays made, so the command lines that end in the interpreter come first. Not in the usage
 * text: a build step, not a command for users.
 */
final class AotTraining {
    static final String COMMAND = "aot-training";
    static final String SEPARATOR = ";;";

    private AotTraining() {
    }

    /** Runs every command line in turn, reporting each that fails; the exit code of the first that fails, else 0. */
    static int run(List<String> args, PrintStream out, PrintStream err, MetricsConfig metrics) {
        List<List<String>> lines = split(args);
        if (lines.isEmpty()) {
            throw new UsageException(COMMAND + ": no command line given");
        }
        int status = Main.EXIT_OK;
        for (List<String> line : lines) {
            if (line.getFirst().equals(COMMAND)) {
                throw new UsageException(COMMAND + ": a command line may not be " + COMMAND);
            }
            int code = Main.run(line.toArray(String[]::new), out, err, metrics);
            if (code != Main.EXIT_OK) {
                err.println("wasmoon: " + COMMAND + ": exit " + code + " from: wasmoon " + String.join(" ", line));
                status = status == Main.EXIT_OK ? code : status;
            }
        }
        return status;
    }

    /** The command lines between separators; empty ones are dropped. */
    static List<List<String>> split(List<String> args) {
        List<List<String>> lines = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : args) {
            if (a.equals(SEPARATOR)) {
                if (!current.isEmpty()) {
                    lines.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        if (!current.isEmpty()) {
            lines.add(current);
        }
        return lines;
    }
}
