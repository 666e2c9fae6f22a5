package wasmoon.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.Import;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.runtime.ExecutionTier;
import wasm.runtime.FunctionInstance;
import wasm.runtime.ImportResolver;
import wasm.runtime.Instance;
import wasm.runtime.LinkException;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.Store;
import wasm.runtime.Trap;
import wasm.runtime.wasi.WasiConfig;
import wasm.runtime.wasi.WasiExit;
import wasm.runtime.wasi.WasiPreview1;

/**
 * {@code wasmoon run FILE [--invoke NAME] [--arg VALUE]... [--no-jit] [--verbose] [-- args...]}:
 * load, validate, instantiate, then call one export and print its results, one
 * per line, in {@link ValueText}'s format.
 */
final class RunCommand {
    static final String USAGE = """
              wasmoon run FILE [--invoke NAME] [--arg VALUE]... [--no-jit] [--verbose] [-- ARGS...]
                  Load FILE (.wat: text format, otherwise binary), validate and instantiate it,
                  then call the exported function NAME (default: _start, if exported) with the
                  given arguments and print each result on its own line.
                  --arg VALUE   one per parameter: i32/i64 decimal or 0x hex, f32/f64 decimal,
                                hex float, inf, -inf, nan, nan:0xPAYLOAD; refs: null (externref: N)
                  --no-jit      run in the interpreter instead of the JIT (the default tier)
                  --verbose     timings of each phase and stack traces of errors on stderr
                  -- ARGS...    arguments for a WASI program (argv: FILE ARGS...)
                  WASI preview 1 imports are provided (arguments and standard streams only:
                  no environment, no files); a WASI exit status becomes the exit code.
            """;

    /** What the command line asked for. */
    record Options(String file, String invoke, List<String> args, boolean noJit, boolean verbose,
                   List<String> programArgs) {
    }

    private RunCommand() {
    }

    static Options parse(List<String> argv) {
        String file = null;
        String invoke = null;
        List<String> args = new ArrayList<>();
        List<String> programArgs = new ArrayList<>();
        boolean verbose = false;
        boolean noJit = false;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "--" -> {
                    programArgs.addAll(argv.subList(i + 1, argv.size()));
                    i = argv.size();
                }
                case "--invoke" -> invoke = operand(argv, ++i, a);
                // The value may look like a flag ("-5"), so it is taken unconditionally.
                case "--arg" -> args.add(operand(argv, ++i, a));
                case "--no-jit" -> noJit = true;
                case "--verbose", "-v" -> verbose = true;
                default -> {
                    if (a.startsWith("--invoke=")) {
                        invoke = a.substring("--invoke=".length());
                    } else if (a.startsWith("--arg=")) {
                        args.add(a.substring("--arg=".length()));
                    } else if (a.startsWith("-") && !a.equals("-")) {
                        throw new UsageException("run: unknown option '" + a + "'");
                    } else if (file == null) {
                        file = a;
                    } else {
                        throw new UsageException("run: unexpected argument '" + a
                                + "' (program arguments go after '--')");
                    }
                }
            }
        }
        if (file == null) {
            throw new UsageException("run: missing FILE argument");
        }
        if (invoke != null && invoke.isEmpty()) {
            throw new UsageException("run: --invoke needs a function name");
        }
        return new Options(file, invoke, List.copyOf(args), noJit, verbose, List.copyOf(programArgs));
    }

    private static String operand(List<String> argv, int i, String flag) {
        if (i >= argv.size()) {
            throw new UsageException("run: " + flag + " needs a value");
        }
        return argv.get(i);
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        Options options = parse(argv);
        PhaseTimer timer = new PhaseTimer(options.verbose(), err);

        Module module = ModuleFileReader.read(options.file());
        timer.done("loaded " + options.file());
        ModuleFileReader.validate(options.file(), module);
        timer.done("validated");

        // Decide what to call and convert the arguments before running anything
        // (the start function included), so a usage error has no side effects.
        String entry = options.invoke();
        if (entry == null && exportedFunction(module, "_start") != null) {
            entry = "_start";
        }
        FuncType type = null;
        long[] args = new long[0];
        if (entry != null) {
            Export export = exportedFunction(module, entry);
            if (export == null) {
                throw new UsageException("run: " + options.file() + " exports no function named '" + entry
                        + "'" + exportedFunctionsHint(module));
            }
            type = module.functionType(export.index());
            args = convertArguments(entry, type, options.args());
        } else if (!options.args().isEmpty()) {
            throw new UsageException("run: --arg given but nothing to invoke (use --invoke NAME)");
        }

        // WASI preview 1 for every module: a guest sees its arguments (FILE, then
        // what follows "--") and the standard streams; no environment, no files.
        WasiConfig wasiConfig = WasiConfig.builder()
                .arg(options.file())
                .args(options.programArgs())
                .stdout(out)
                .stderr(err)
                .build();
        try (WasiPreview1 wasi = new WasiPreview1(wasiConfig)) {
            RuntimeOptions runtime = RuntimeOptions.defaults();
            Store store = new Store(options.noJit() ? runtime.withTier(ExecutionTier.INTERPRETER) : runtime);
            ImportResolver imports = wasi.imports(store);
            for (Import imp : module.imports()) {
                if (imports.resolve(imp.module(), imp.name()) == null) {
                    throw new CommandFailure("unknown import: " + imp.module() + "." + imp.name());
                }
            }
            Instance instance;
            try {
                instance = store.instantiate(module, imports);
            } catch (WasiExit e) {
                return e.code();
            } catch (Trap | LinkException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            timer.done("instantiated");
            if (entry == null) {
                return 0;
            }

            wasi.bind(instance);
            FunctionInstance function = instance.function(entry);
            long[] results;
            try {
                results = function.call(args);
            } catch (WasiExit e) {
                // proc_exit: the guest ended normally with this status.
                timer.done("invoked " + entry + " (exit " + e.code() + ")");
                return e.code();
            } catch (Trap e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            timer.done("invoked " + entry);
            List<ValType> resultTypes = type.results();
            if (results.length != resultTypes.size()) {
                throw new IllegalStateException(entry + " returned " + results.length + " values, its type says "
                        + resultTypes.size());
            }
            for (int i = 0; i < results.length; i++) {
                out.println(ValueText.format(resultTypes.get(i), results[i]));
            }
            return 0;
        }
    }

    private static Export exportedFunction(Module module, String name) {
        for (Export e : module.exports()) {
            if (e.name().equals(name) && e.kind() == ExternKind.FUNC) {
                return e;
            }
        }
        return null;
    }

    private static String exportedFunctionsHint(Module module) {
        List<String> names = new ArrayList<>();
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC) {
                names.add(e.name());
            }
        }
        return names.isEmpty() ? " (it exports no functions)" : " (exported functions: " + String.join(", ", names) + ")";
    }

    private static long[] convertArguments(String entry, FuncType type, List<String> texts) {
        List<ValType> params = type.params();
        if (texts.size() != params.size()) {
            throw new UsageException("run: " + entry + " takes " + params.size() + " argument"
                    + (params.size() == 1 ? "" : "s") + " " + signature(type) + ", " + texts.size() + " given");
        }
        long[] values = new long[params.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = ValueText.parse(params.get(i), texts.get(i));
            } catch (IllegalArgumentException e) {
                throw new UsageException("run: argument " + (i + 1) + " of " + entry + ": " + e.getMessage());
            }
        }
        return values;
    }

    private static String signature(FuncType type) {
        List<String> params = type.params().stream().map(ValType::text).toList();
        List<String> results = type.results().stream().map(ValType::text).toList();
        return "(" + String.join(" ", params) + ") -> (" + String.join(" ", results) + ")";
    }

    /** Phase timings for --verbose; silent otherwise. */
    private static final class PhaseTimer {
        private final boolean enabled;
        private final PrintStream err;
        private long last = System.nanoTime();

        PhaseTimer(boolean enabled, PrintStream err) {
            this.enabled = enabled;
            this.err = err;
        }

        void done(String phase) {
            if (!enabled) {
                return;
            }
            long elapsed = System.nanoTime() - last;
            // Not String.format: its first use loads the locale machinery, tens of
            // milliseconds that would be charged to the next phase.
            err.println("wasmoon: " + phase + " in " + Math.round(elapsed / 1e3) / 1e3 + " ms");
            last = System.nanoTime();
        }
    }
}
