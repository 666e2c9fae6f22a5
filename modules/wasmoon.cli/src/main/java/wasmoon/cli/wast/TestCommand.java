package wasmoon.cli.wast;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import perf.metrics.MetricsConfig;
import perf.metrics.MetricsSession;
import wasm.runtime.CompilePolicy;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;
import wasmoon.cli.ArgCursor;

/**
 * {@code wasmoon test FILE|DIR... [--no-jit | --jit=strict|fallback] [--opt-level 0|1|2]
 * [--compile=lazy|eager|tiered|baseline] [--memory64-limit SIZE] [--json OUT] [--quiet]}: runs .wast spec scripts and prints the report of
 * {@link SummaryPrinter}. A directory means every {@code *.wast} directly
 * inside it, sorted by name. Code runs on the runtime's default tier (the JIT)
 * unless {@code --no-jit} selects the interpreter. {@code --jit=strict} makes
 * a module with a function the JIT cannot compile fail its command instead of
 * falling back to the interpreter for that function ({@code fallback}, the
 * default). {@code --memory64-limit} bounds what a 64-bit memory reserves, as for {@code run}. Compile metrics of every module the run compiles go to the
 * metrics session's file when metrics are on. Exit code 0 when nothing failed,
 * 1 when something failed, 2 for usage errors.
 */
public final class TestCommand {
    public static final String USAGE = "usage: wasmoon test FILE|DIR... [--no-jit | --jit=strict|fallback]"
            + " [--opt-level 0|1|2] [--compile=lazy|eager|tiered|baseline] [--memory64-limit SIZE] [--json OUT] [--quiet]";

    private TestCommand() {
    }

    /** A script to run and the name the report uses for it. */
    private record Script(Path path, String displayName) {
    }

    /** A command line that is not one: exits 2 with this message (which starts with "test: "). */
    private static final class BadUsage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadUsage(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs one command line; compile metrics follow the process environment ({@link MetricsConfig#ENVIRONMENT}). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, MetricsConfig.ENVIRONMENT);
    }

    /**
     * Runs one command line with an explicit metrics configuration: when it is
     * enabled, every module the run compiles is recorded and the file is
     * written (all modules, the multi-module shape when there are several) at
     * the end of the run.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, MetricsConfig metrics) {
        List<String> inputs = new ArrayList<>();
        Path json = null;
        boolean quiet = false;
        boolean noJit = false;
        Boolean strict = null;
        Integer optLevel = null;
        CompilePolicy compile = null;
        Long memory64Limit = null;
        ArgCursor cursor = new ArgCursor("test", List.of(args), ArgCursor.Wording.MUST_BE, BadUsage::new);
        try {
            while (cursor.next()) {
                if (cursor.isOperand()) {
                    inputs.add(cursor.operand());
                    continue;
                }
                switch (cursor.option()) {
                    case "--" -> {
                        // The options end here: what follows are inputs even if they start with '-'.
                    }
                    case "--no-jit" -> noJit = cursor.flag();
                    case "--quiet", "-q" -> quiet = cursor.flag();
                    case "--json" -> json = Path.of(cursor.value("an output file"));
                    case "--jit" -> strict = cursor.choice("strict", "fallback").equals("strict");
                    case "--opt-level" -> optLevel = cursor.optLevel();
                    case "--compile" -> compile = CompilePolicy.of(cursor.choice("lazy", "eager", "tiered", "baseline"));
                    case "--memory64-limit" -> memory64Limit = cursor.byteSize();
                    case "--help", "-h" -> {
                        cursor.flag();
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw cursor.unknownOption();
                }
            }
            if (noJit && strict != null) {
                throw cursor.error("--jit=" + (strict ? "strict" : "fallback") + " needs the JIT: drop --no-jit");
            }
        } catch (BadUsage e) {
            err.println("wasmoon " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (inputs.isEmpty()) {
            return usage(err, "no .wast file or directory given");
        }
        List<Script> scripts = new ArrayList<>();
        for (String input : inputs) {
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                List<Path> found;
                try (Stream<Path> entries = Files.list(path)) {
                    found = entries.filter(p -> p.getFileName().toString().endsWith(".wast") && Files.isRegularFile(p))
                            .sorted()
                            .toList();
                } catch (IOException e) {
                    return usage(err, "cannot list directory " + input + ": " + e.getMessage());
                }
                if (found.isEmpty()) {
                    err.println("wasmoon test: warning: no .wast files in " + input);
                }
                found.forEach(p -> scripts.add(new Script(p, p.getFileName().toString())));
            } else if (Files.isRegularFile(path)) {
                scripts.add(new Script(path, input));
            } else {
                return usage(err, "no such file or directory: " + input);
            }
        }

        PrintStream spectestOut = quiet ? new PrintStream(OutputStream.nullOutputStream()) : out;
        RuntimeOptions options = RuntimeOptions.defaults();
        if (noJit) {
            options = options.withTier(ExecutionTier.INTERPRETER);
        }
        if (strict != null) {
            options = options.withTier(ExecutionTier.JIT).withJitStrict(strict);
        }
        if (optLevel != null) {
            options = options.withOptLevel(optLevel);
        }
        if (memory64Limit != null) {
            options = options.withMemory64Limit(memory64Limit);
        }
        if (compile != null) {
            options = options.withCompilePolicy(compile);
        }
        List<FileReport> reports = new ArrayList<>();
        // Closing the session writes the metrics file (when metrics are on) with every module of the run.
        try (MetricsSession session = MetricsSession.open(metrics, err)) {
            options = options.withMetrics(session.recorder());
            WastRunner runner = new WastRunner(spectestOut, options);
            for (Script script : scripts) {
                reports.add(runner.runFile(script.path(), script.displayName()));
            }
        }
        SummaryPrinter.print(reports, options.tier(), out, quiet);
        if (json != null) {
            try {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(json, JsonReport.toJson(reports, options), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("wasmoon test: cannot write " + json + ": " + e.getMessage());
                return 2;
            }
        }
        boolean failed = reports.stream().anyMatch(r -> r.failed() > 0);
        return failed ? 1 : 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("wasmoon test: " + problem);
        err.println(USAGE);
        return 2;
    }
}
