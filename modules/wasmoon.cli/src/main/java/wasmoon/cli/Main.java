package wasmoon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;

import perf.metrics.MetricsConfig;
import wasm.backend.CpuFeatures;
import wasm.core.WasmException;
import wasmoon.cli.wast.TestCommand;

/**
 * The {@code wasmoon} launcher: run, explore, validate, wat2wasm, wasm2wat, test.
 * Exit codes: 0 success; 1 the input failed (missing file, malformed or invalid
 * module, unknown import, trap); 2 usage error; 70
 * internal error (a bug in wasmoon). Nothing escapes {@link #run}: every failure
 * becomes one line on stderr, plus a stack trace with {@code --verbose}.
 */
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    /** sysexits.h EX_SOFTWARE: an internal software error. */
    public static final int EXIT_INTERNAL = 70;

    private static final String HINT = "Try 'wasmoon --help' for more information.";

    /**
     * Wasm execution gets a thread with a large stack of its own, whatever -Xss the
     * JVM was started with: deep but legal recursion must not depend on how the
     * launcher was invoked.
     */
    private static final long EXECUTION_STACK_BYTES = 1L << 30;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int[] code = {EXIT_INTERNAL};
        Thread worker = new Thread(null, () -> code[0] = run(args, System.out, System.err), "wasmoon-main",
                EXECUTION_STACK_BYTES);
        worker.start();
        worker.join();
        System.exit(code[0]);
    }

    /**
     * Runs one command line and returns its exit code; output goes to {@code out} and {@code err} only.
     * Compile metrics follow the process environment ({@link MetricsConfig#ENVIRONMENT}).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, MetricsConfig.ENVIRONMENT);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} with an explicit metrics configuration (tests). */
    static int run(String[] args, PrintStream out, PrintStream err, MetricsConfig metrics) {
        List<String> argv = List.of(args);
        boolean verbose = wantsVerbose(argv);
        try {
            checkCpuFeatureProperty();
            return dispatch(argv, out, err, metrics);
        } catch (UsageException e) {
            err.println("wasmoon: " + e.getMessage());
            err.println(HINT);
            return EXIT_USAGE;
        } catch (CommandFailure e) {
            err.println("wasmoon: error: " + e.getMessage());
            traceIfVerbose(verbose, e, err);
            return EXIT_FAILURE;
        } catch (WasmException e) {
            // A spec error the commands did not attribute to a file (e.g. a trap from a subcommand).
            err.println("wasmoon: error: " + e.getMessage());
            traceIfVerbose(verbose, e, err);
            return EXIT_FAILURE;
        } catch (StackOverflowError e) {
            // The runtime promises "call stack exhausted" traps; reaching here is a wasmoon bug.
            err.println("wasmoon: internal error: Java stack overflow (a wasmoon bug: please report it)");
            traceIfVerbose(verbose, e, err);
            return EXIT_INTERNAL;
        } catch (OutOfMemoryError e) {
            err.println("wasmoon: internal error: out of Java heap memory (" + e.getMessage() + ")");
            traceIfVerbose(verbose, e, err);
            return EXIT_INTERNAL;
        } catch (Throwable e) {
            err.println("wasmoon: internal error: " + e);
            traceIfVerbose(verbose, e, err);
            return EXIT_INTERNAL;
        } finally {
            flushQuietly(out);
            flushQuietly(err);
        }
    }

    /** A mistyped -Dwasmoon.cpu.disable (through WASMOON_JAVA_OPTIONS) is a usage error, before anything runs. */
    private static void checkCpuFeatureProperty() {
        try {
            CpuFeatures.parseDisabled(System.getProperty(CpuFeatures.DISABLE_PROPERTY, ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A failing stream must not turn a reported error into an escaped exception. */
    private static void flushQuietly(PrintStream stream) {
        try {
            stream.flush();
        } catch (RuntimeException | Error e) {
            // Nothing left to report it on.
        }
    }

    private static int dispatch(List<String> argv, PrintStream out, PrintStream err, MetricsConfig metrics) {
        if (argv.isEmpty()) {
            err.print(usage());
            return EXIT_USAGE;
        }
        String command = argv.getFirst();
        List<String> rest = argv.subList(1, argv.size());
        switch (command) {
            case "--help", "-h", "help" -> {
                out.print(usage());
                return EXIT_OK;
            }
            case "--version", "-V", "version" -> {
                out.println("wasmoon " + version() + " (Java " + Runtime.version() + ")");
                return EXIT_OK;
            }
            default -> {
                // handled below
            }
        }
        // `test` owns its whole command line (its --help included), and so do the command lines
        // `aot-training` runs.
        if (!command.equals("test") && !command.equals(AotTraining.COMMAND) && asksForHelp(rest)) {
            out.print(usage());
            return EXIT_OK;
        }
        return switch (command) {
            case "run" -> RunCommand.run(rest, out, err, metrics);
            case "compile" -> CompileCommand.run(rest, out, err, metrics);
            case "explore" -> ExploreCommand.run(rest, out, err);
            case "validate" -> ValidateCommand.run(rest, out, err);
            case "wat2wasm" -> Wat2WasmCommand.run(rest, out, err);
            case "wasm2wat" -> Wasm2WatCommand.run(rest, out, err);
            case "test" -> TestCommand.run(rest.toArray(String[]::new), out, err, metrics);
            case AotTraining.COMMAND -> AotTraining.run(rest, out, err, metrics);
            default -> throw new UsageException(command.startsWith("-")
                    ? "unknown option '" + command + "'"
                    : "unknown command '" + command + "'");
        };
    }

    /** The full usage text, every subcommand included. */
    static String usage() {
        return "Usage: wasmoon COMMAND [OPTIONS]\n"
                + "\n"
                + "A WebAssembly runtime for the JVM.\n"
                + "\n"
                + "Commands:\n"
                + RunCommand.USAGE
                + CompileCommand.USAGE
                + ExploreCommand.USAGE
                + ValidateCommand.USAGE
                + Wat2WasmCommand.USAGE
                + Wasm2WatCommand.USAGE
                + """
                      wasmoon test FILE|DIR... [--no-jit | --jit=strict|fallback] [--opt-level 0|1|2]
                                   [--json OUT] [--quiet]
                          Run WebAssembly spec test scripts (.wast files, or every .wast directly
                          in a directory) and report each assertion; exit 1 if any failed.
                      wasmoon --help | --version

                    Exit codes: 0 success, 1 error in the input or a trap, 2 usage error,
                    70 internal error. WASMOON_PERF_METRICS=1 makes run and test write the JIT's
                    compile metrics to WASMOON_PERF_METRICS_FILE (default
                    target/wasmoon-perf-metrics.json). See docs/cli.md for the full reference.
                    """;
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static boolean asksForHelp(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    private static boolean wantsVerbose(List<String> args) {
        int end = args.indexOf("--");
        List<String> own = end < 0 ? args : args.subList(0, end);
        return own.contains("--verbose") || own.contains("-v");
    }

    private static void traceIfVerbose(boolean verbose, Throwable e, PrintStream err) {
        if (verbose) {
            e.printStackTrace(err);
        }
    }
}
