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
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;

/**
 * {@code wasmoon test FILE|DIR... [--no-jit | --jit=strict|fallback] [--opt-level 0|1|2]
 * [--json OUT] [--quiet]}: runs .wast spec scripts and prints the report of
 * {@link SummaryPrinter}. A directory means every {@code *.wast} directly
 * inside it, sorted by name. Code runs on the runtime's default tier (the JIT)
 * unless {@code --no-jit} selects the interpreter. {@code --jit=strict} makes
 * a module with a function the JIT cannot compile fail its command instead of
 * falling back to the interpreter for that function ({@code fallback}, the
 * default). Compile metrics of every module the run compiles go to the
 * metrics session's file when metrics are on. Exit code 0 when nothing failed,
 * 1 when something failed, 2 for usage errors.
 */
public final class TestCommand {
    public static final String USAGE = "usage: wasmoon test FILE|DIR... [--no-jit | --jit=strict|fallback]"
            + " [--opt-level 0|1|2] [--json OUT] [--quiet]";

    private TestCommand() {
    }

    /** A script to run and the name the report uses for it. */
    private record Script(Path path, String displayName) {
    }

    /** A command line that is not one: exits 2 with this message. */
    private static final class BadUsage extends Exception {
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
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--no-jit" -> noJit = true;
                    case "--quiet", "-q" -> quiet = true;
                    case "--json" -> json = Path.of(value(args, ++i, "--json", "an output file"));
                    case "--jit" -> strict = jitMode(value(args, ++i, "--jit", "strict or fallback"));
                    case "--opt-level", "-O" -> optLevel = optLevel(value(args, ++i, arg, "0, 1 or 2"));
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (arg.startsWith("--json=")) {
                            json = Path.of(arg.substring("--json=".length()));
                        } else if (arg.startsWith("--jit=")) {
                            strict = jitMode(arg.substring("--jit=".length()));
                        } else if (arg.startsWith("--opt-level=")) {
                            optLevel = optLevel(arg.substring("--opt-level=".length()));
                        } else if (arg.matches("-O[0-9]+")) {
                            optLevel = optLevel(arg.substring(2));
                        } else if (arg.startsWith("-") && arg.length() > 1) {
                            throw new BadUsage("unknown option " + arg);
                        } else {
                            inputs.add(arg);
                        }
                    }
                }
            }
            if (noJit && strict != null) {
                throw new BadUsage("--jit=" + (strict ? "strict" : "fallback") + " needs the JIT: drop --no-jit");
            }
        } catch (BadUsage e) {
            return usage(err, e.getMessage());
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

    /** The value of an option given as a separate argument. */
    private static String value(String[] args, int i, String option, String what) throws BadUsage {
        if (i >= args.length) {
            throw new BadUsage(option + " needs " + what);
        }
        return args[i];
    }

    /** {@code --jit=strict} (true) or {@code --jit=fallback} (false). */
    private static boolean jitMode(String mode) throws BadUsage {
        return switch (mode) {
            case "strict" -> true;
            case "fallback" -> false;
            default -> throw new BadUsage("--jit must be strict or fallback, got '" + mode + "'");
        };
    }

    private static int optLevel(String level) throws BadUsage {
        return switch (level) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            default -> throw new BadUsage("--opt-level must be 0, 1 or 2, got '" + level + "'");
        };
    }

    private static int usage(PrintStream err, String problem) {
        err.println("wasmoon test: " + problem);
        err.println(USAGE);
        return 2;
    }
}
