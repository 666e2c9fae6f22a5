package wasmoon.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

import perf.metrics.MetricsConfig;
import perf.metrics.MetricsRecorder;
import perf.metrics.MetricsSession;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.Import;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.runtime.CodeCache;
import wasm.runtime.CompilePolicy;
import wasm.runtime.ExecutionTier;
import wasm.runtime.FunctionInstance;
import wasm.runtime.ImportResolver;
import wasm.runtime.Instance;
import wasm.runtime.JitUnsupportedException;
import wasm.runtime.LinkException;
import wasm.runtime.PrecompiledModule;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.Store;
import wasm.runtime.Trap;
import wasm.runtime.TrapKind;
import wasm.runtime.ValueSlots;
import wasm.runtime.tooling.JitCoverage;
import wasm.runtime.tooling.TierCounts;
import wasm.wasi.WasiConfig;
import wasm.wasi.WasiExit;
import wasm.wasi.WasiPreview1;

/**
 * {@code wasmoon run [OPTIONS] FILE [OPTIONS] [ARGS...]}: load, validate, instantiate
 * (compiling with the JIT unless {@code --no-jit}), then call one export and
 * print its results, one per line, in {@link ValueText}'s format. WASI preview 1
 * is provided with the preopens and environment the options give, and ARGS as the
 * program's arguments: everything from the first non-option after FILE (or after
 * {@code --}) on, as wasmtime takes everything after the module.
 */
final class RunCommand {
    static final String USAGE = """
              wasmoon run [OPTIONS] FILE [OPTIONS] [ARGS...]
                  OPTIONS: [--invoke NAME] [--arg VALUE]... [--dir HOST[::GUEST]]... [--env K=V]...
                          [--no-jit | --jit=strict|fallback] [--opt-level 0|1|2 | -O0|-O1|-O2]
                          [--compile=lazy|eager|tiered|baseline] [--jit-start=interpret|wait]
                          [--cache=on|off] [--fuel N] [--timeout DURATION]
                          [--memory64-limit SIZE] [--verbose]
                  Load FILE (.wat: text format, otherwise binary), validate and instantiate it,
                  then call the exported function NAME (default: _start, if exported) with the
                  given arguments and print each result on its own line.
                  Options go before FILE or right after it: the first argument after FILE that
                  is not an option starts the program's arguments, and everything from there on
                  is the program's. '--' starts them explicitly (needed when the first one
                  begins with '-': wasmoon run app.wasm -- --help).
                  --arg VALUE   one per parameter: i32/i64 decimal or 0x hex, f32/f64 decimal,
                                hex float, inf, -inf, nan, nan:0xPAYLOAD; refs: null (externref: N)
                  --dir HOST[::GUEST]  give the WASI guest the host directory HOST under the
                                name GUEST (default: HOST); repeatable
                  --env K=V     a WASI environment variable; repeatable (nothing is inherited)
                  --no-jit      run in the interpreter instead of the JIT (the default tier)
                  --jit=MODE    fallback (default): functions the JIT cannot compile are
                                interpreted; strict: such a function is an error (exit 1)
                  --opt-level N IR optimisation level of the JIT, 0, 1 or 2 (default 2)
                  --compile=P   tiered (default): a one-pass baseline compile on a function's
                                first call, the optimizing one (on another thread) once it is
                                hot; lazy: the optimizing compile on the first call; eager:
                                every function before the program starts, on all cores;
                                baseline: the baseline compile only (for comparisons)
                  --jit-start=S interpret (default): while the JIT's one-time set-up is made
                                (tens of milliseconds, on another core), functions without a
                                loop run in the interpreter instead of waiting for it, so a short
                                run ends sooner; wait: every call waits for it and runs natively
                  --cache=on|off  keep compiled code in the user's code cache (default on; the
                                directory is WASMOON_CACHE_DIR, else ~/.cache/wasmoon) and load it
                                on the next run of the same module instead of compiling
                  FILE may be a precompiled module (wasmoon compile IN.wasm -o OUT.cwasm).
                  --fuel N      stop the program with "all fuel consumed" (exit 1) after N units:
                                each function entry and each loop iteration costs one
                  --timeout DURATION  stop the program with "interrupted" (exit 1) when it runs
                                longer than DURATION: 500ms, 10s, 1.5m, 1h (a bare number: seconds)
                  --memory64-limit SIZE  address space a 64-bit memory (memory64) reserves at
                                most, and so its largest size: bytes, or with a unit KiB, MiB,
                                GiB, TiB (default 16GiB); memory.grow beyond it returns -1
                  --verbose     timings of each phase, JIT coverage and stack traces on stderr
                  ARGS...       arguments for a WASI program (argv: FILE ARGS...)
                  A WASI proc_exit status becomes the exit code. WASMOON_PERF_METRICS=1 writes
                  the JIT's compile metrics to WASMOON_PERF_METRICS_FILE
                  (default target/wasmoon-perf-metrics.json).
            """;

    /** How the JIT treats functions it cannot compile. */
    enum JitMode {
        /** Interpret them (the default). */
        FALLBACK,
        /** Fail instantiation, naming the function and the reason. */
        STRICT
    }

    /** What the command line asked for. */
    record Options(String file, String invoke, List<String> args, boolean noJit, JitMode jitMode, boolean jitModeGiven,
                   int optLevel, List<WasiConfig.Preopen> preopens, SequencedMap<String, String> env,
                   boolean verbose, List<String> programArgs, CompilePolicy compile, boolean cache,
                   long fuel, java.time.Duration timeout, long memory64Limit, boolean interpretWhileJitStarts) {
        Options {
            args = List.copyOf(args);
            preopens = List.copyOf(preopens);
            env = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(env));
            programArgs = List.copyOf(programArgs);
        }

        /** The --timeout as given ("10s"), or null. */
        String timeoutText() {
            return timeout == null ? null : timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        }

        /** The runtime options these flags select, with {@code metrics} as the compile-metrics recorder. */
        RuntimeOptions runtimeOptions(MetricsRecorder metrics) {
            // defaults() honours -Dwasmoon.tier; --no-jit, or a --jit mode given explicitly, overrides it.
            RuntimeOptions base = RuntimeOptions.defaults();
            if (noJit) {
                base = base.withTier(ExecutionTier.INTERPRETER);
            } else if (jitModeGiven) {
                base = base.withTier(ExecutionTier.JIT);
            }
            if (compile != null) {
                base = base.withCompilePolicy(compile);
            }
            // a process of the command line pays the JIT's one-time FFM set-up on every run: loop-free
            // functions called before it is ready run in the interpreter rather than wait for it
            return base.withJitStrict(jitMode == JitMode.STRICT)
                    .withInterpretWhileJitStarts(interpretWhileJitStarts)
                    .withOptLevel(optLevel)
                    .withMetrics(metrics)
                    .withFuel(fuel > 0)
                    .withMemory64Limit(memory64Limit);
        }
    }

    private RunCommand() {
    }

    static Options parse(List<String> argv) {
        String file = null;
        String invoke = null;
        List<String> args = new ArrayList<>();
        List<String> programArgs = new ArrayList<>();
        List<WasiConfig.Preopen> preopens = new ArrayList<>();
        LinkedHashMap<String, String> env = new LinkedHashMap<>();
        boolean verbose = false;
        boolean noJit = false;
        JitMode jitMode = null;
        int optLevel = 2;
        CompilePolicy compile = null;
        boolean cache = true;
        long fuel = 0;
        java.time.Duration timeout = null;
        long memory64Limit = RuntimeOptions.DEFAULT_MEMORY64_LIMIT;
        boolean interpretWhileJitStarts = true;
        ArgCursor cursor = new ArgCursor("run", argv);
        while (cursor.next()) {
            if (cursor.isOperand()) {
                if (file == null) {
                    file = cursor.operand();
                    continue;
                }
                // The first argument after FILE that is not one of our options starts the
                // program's arguments, which run to the end of the line (as wasmtime's do).
                programArgs.add(cursor.operand());
                programArgs.addAll(cursor.rest());
                break;
            }
            switch (cursor.option()) {
                case "--" -> {
                    // Before FILE, '--' ends the options and FILE comes next (a file named "-x").
                    List<String> rest = cursor.rest();
                    if (file == null && !rest.isEmpty()) {
                        file = rest.getFirst();
                        rest = rest.subList(1, rest.size());
                    }
                    programArgs.addAll(rest);
                }
                case "--invoke" -> {
                    invoke = cursor.value("a function name");
                    if (invoke.isEmpty()) {
                        throw cursor.error("--invoke needs a function name");
                    }
                }
                // The value may look like a flag ("-5"): the cursor takes it unconditionally.
                case "--arg" -> args.add(cursor.value("a value"));
                case "--dir" -> preopens.add(preopen(cursor, cursor.value("HOST[::GUEST]")));
                case "--env" -> {
                    String kv = cursor.value("NAME=VALUE");
                    int sep = kv.indexOf('=');
                    if (sep <= 0) {
                        throw cursor.badValue("NAME=VALUE", kv);
                    }
                    env.put(kv.substring(0, sep), kv.substring(sep + 1));
                }
                case "--jit" -> jitMode = cursor.choice("strict", "fallback").equals("strict")
                        ? JitMode.STRICT : JitMode.FALLBACK;
                case "--opt-level" -> optLevel = cursor.optLevel();
                case "--compile" -> compile = CompilePolicy.of(cursor.choice("lazy", "eager", "tiered", "baseline"));
                case "--cache" -> cache = cursor.choice("on", "off").equals("on");
                case "--jit-start" -> interpretWhileJitStarts = cursor.choice("interpret", "wait").equals("interpret");
                case "--fuel" -> fuel = fuel(cursor);
                case "--timeout" -> timeout = timeout(cursor);
                case "--memory64-limit" -> memory64Limit = cursor.byteSize();
                case "--no-jit" -> noJit = cursor.flag();
                case "--verbose", "-v" -> verbose = cursor.flag();
                default -> throw cursor.unknownOption();
            }
        }
        if (file == null) {
            throw cursor.missingArgument("FILE");
        }
        if (noJit && jitMode != null) {
            throw cursor.error("--no-jit and --jit=" + jitMode.name().toLowerCase(java.util.Locale.ROOT)
                    + " contradict each other");
        }
        return new Options(file, invoke, args, noJit,
                jitMode == null ? JitMode.FALLBACK : jitMode, jitMode != null, optLevel, preopens, env,
                verbose, programArgs, compile, cache, fuel, timeout, memory64Limit, interpretWhileJitStarts);
    }

    /** {@code --fuel N}: a positive whole number. */
    private static long fuel(ArgCursor cursor) {
        String given = cursor.value("a positive whole number");
        try {
            long n = Long.parseLong(given);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw cursor.badValue("a positive whole number (of fuel units)", given);
    }

    private static final java.util.regex.Pattern DURATION =
            java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** {@code --timeout DURATION}: a positive number with a unit ms, s, m or h (none: seconds). */
    private static java.time.Duration timeout(ArgCursor cursor) {
        String given = cursor.value("a duration");
        java.util.regex.Matcher m = DURATION.matcher(given);
        if (m.matches()) {
            java.math.BigDecimal unitNanos = java.math.BigDecimal.valueOf(switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            });
            java.math.BigDecimal nanos = new java.math.BigDecimal(m.group(1)).multiply(unitNanos);
            if (nanos.signum() > 0 && nanos.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE / 2)) < 0) {
                return java.time.Duration.ofNanos(nanos.longValue());
            }
        }
        throw cursor.badValue("a positive duration such as 500ms, 10s, 1.5m or 1h", given);
    }

    /** {@code HOST[::GUEST]}; "::" rather than ":" so Windows-like and colon-holding paths still work. */
    private static WasiConfig.Preopen preopen(ArgCursor cursor, String spec) {
        int sep = spec.indexOf("::");
        String host = sep < 0 ? spec : spec.substring(0, sep);
        String guest = sep < 0 ? spec : spec.substring(sep + 2);
        if (host.isEmpty() || guest.isEmpty()) {
            throw cursor.badValue("HOST[::GUEST]", spec);
        }
        Path path;
        try {
            path = Path.of(host);
        } catch (InvalidPathException e) {
            throw cursor.error("--dir " + spec + ": invalid path (" + e.getReason() + ")");
        }
        return new WasiConfig.Preopen(path, guest);
    }

    static int run(List<String> argv, PrintStream out, PrintStream err, MetricsConfig metricsConfig) {
        Options options = parse(argv);
        // The session is closed (its file written) on every way out below, proc_exit included:
        // a WASI exit unwinds to here as WasiExit and becomes a return value.
        try (MetricsSession metrics = MetricsSession.open(metricsConfig, err)) {
            return run(options, out, err, metrics);
        }
    }

    private static int run(Options options, PrintStream out, PrintStream err, MetricsSession metrics) {
        PhaseTimer timer = new PhaseTimer(options.verbose(), err);
        // The JIT's FFM set-up on another core while this thread reads and validates the module;
        // when the run may interpret while the JIT starts, only if it may need native code soon.
        JitWarmUpPolicy warmUp = JitWarmUpPolicy.forRun(!options.noJit(), options.interpretWhileJitStarts());

        // A binary is kept for the code cache (keyed by its hash); a .cwasm brings its own code.
        byte[] bytes = options.file().endsWith(".wat") ? null : ModuleFileReader.readBytes(options.file());
        PrecompiledModule precompiled = null;
        Module module;
        if (bytes != null && PrecompiledFile.looksLikeOne(bytes)) {
            warmUp.precompiledModule();
            precompiled = PrecompiledFile.read(options.file(), bytes);
            module = precompiled.module();
            timer.done("loaded and validated the precompiled " + options.file());
        } else {
            if (bytes != null) {
                warmUp.beforeDecode(bytes);
            }
            module = bytes == null ? ModuleFileReader.readText(options.file())
                    : ModuleFileReader.decodeBinary(options.file(), bytes);
            timer.done("loaded " + options.file());
            ModuleFileReader.validate(options.file(), module);
            timer.done("validated");
        }

        // Decide what to call and convert the arguments before running anything
        // (the start function included), so a usage error has no side effects.
        String entry = options.invoke();
        if (entry == null && exportedFunction(module, "_start") != null) {
            entry = "_start";
        }
        FuncType type = null;
        long[] args = new long[0];
        int entryIndex = -1;
        if (entry != null) {
            Export export = exportedFunction(module, entry);
            if (export == null) {
                throw new UsageException("run: " + options.file() + " exports no function named '" + entry
                        + "'" + exportedFunctionsHint(module));
            }
            entryIndex = export.index();
            type = module.functionType(entryIndex);
            args = convertArguments(entry, type, options.args());
        } else if (!options.args().isEmpty()) {
            throw new UsageException("run: --arg given but nothing to invoke (use --invoke NAME)");
        }
        warmUp.afterDecode(module, entryIndex);
        for (WasiConfig.Preopen p : options.preopens()) {
            if (!Files.isDirectory(p.hostDirectory())) {
                throw new CommandFailure("--dir " + p.hostDirectory() + ": no such directory");
            }
        }

        // WASI preview 1 for every module: the guest sees its arguments (FILE, then
        // what follows "--"), the --env variables, the --dir preopens and the standard streams.
        WasiConfig.Builder wasiConfig = WasiConfig.builder()
                .arg(options.file())
                .args(options.programArgs())
                .stdout(out)
                .stderr(err);
        options.env().forEach(wasiConfig::env);
        options.preopens().forEach(p -> wasiConfig.preopen(p.hostDirectory(), p.guestPath()));
        WasiPreview1 wasi;
        try {
            wasi = new WasiPreview1(wasiConfig.build());
        } catch (UncheckedIOException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        RuntimeOptions runtimeOptions = options.runtimeOptions(metrics.recorder());
        // The automatic code cache: JIT tier, binary input, not turned off.
        // (not with fuel or without loop polls: the cache holds code made for neither)
        CodeCache cache = options.cache() && precompiled == null && bytes != null
                && runtimeOptions.tier() == ExecutionTier.JIT && !runtimeOptions.fuel()
                && runtimeOptions.interruptPolls()
                ? CodeCache.at(CodeCache.defaultDirectory(System.getenv()), CodeCache.DEFAULT_MAX_BYTES,
                        warning -> err.println("wasmoon: warning: " + warning))
                : null;
        // read when the JIT links the instance: at once, or at the first native call when the run
        // interprets while the JIT starts (the cache's key needs the CPU's features, which need the
        // JIT's FFM set-up: a short run should not wait for it)
        CacheLookup cached = cache == null ? null : new CacheLookup(cache, module, bytes, runtimeOptions.optLevel());
        try (wasi; Store store = new Store(runtimeOptions)) {
            store.jitFallbackReason().ifPresent(reason -> err.println(
                    "wasmoon: warning: the JIT cannot run here (" + reason + "): running the interpreter"));
            if (options.fuel() > 0) {
                store.setFuel(options.fuel());
            }
            if (options.timeout() != null) {
                // from here: instantiation (and its start function) and the call
                store.setDeadline(options.timeout());
            }
            ImportResolver imports = wasi.imports(store);
            for (Import imp : module.imports()) {
                if (imports.resolve(imp.module(), imp.name()) == null) {
                    throw new CommandFailure("unknown import: " + imp.module() + "." + imp.name());
                }
            }
            Instance instance;
            try {
                instance = precompiled != null ? store.instantiate(precompiled, imports)
                        : cached != null ? store.instantiate(module, imports, cached)
                        : store.instantiate(module, imports);
            } catch (WasiExit e) {
                return e.code();
            } catch (JitUnsupportedException e) {
                throw new CommandFailure(e.getMessage() + " (--jit=strict)", e);
            } catch (Trap e) {
                throw trapFailure(options, e);
            } catch (LinkException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            timer.done("instantiated");
            if (options.verbose() && cached != null) { // the concatenation costs milliseconds on its first run
                err.println("wasmoon: " + cached.summary());
            }
            if (options.verbose()) {
                err.println("wasmoon: " + JitCoverage.of(store).summary());
            }
            try {
                return invoke(options, out, entry, type, args, wasi, instance, timer);
            } finally {
                TierCounts tiers = TierCounts.of(store);
                if (options.verbose() && tiers.baselineCompiled() + tiers.leftToOptimizing() > 0) {
                    err.println("wasmoon: " + tiers.summary());
                }
                PrecompiledModule compiled = cache == null ? null : store.compiledCode(instance, bytes);
                if (compiled != null) {
                    // also after a trap or proc_exit: what was compiled is worth keeping (nothing was
                    // when the run ended in the interpreter before the JIT's set-up was ready)
                    cache.store(compiled, cached.found());
                    timer.done("updated the code cache");
                }
            }
        }
    }

    /** The code cache's answer for the module, read on the first ask (from the wasm thread). */
    private static final class CacheLookup implements java.util.function.Supplier<PrecompiledModule> {
        private final CodeCache cache;
        private final Module module;
        private final byte[] bytes;
        private final int optLevel;
        private volatile boolean asked;
        private volatile PrecompiledModule found;

        CacheLookup(CodeCache cache, Module module, byte[] bytes, int optLevel) {
            this.cache = cache;
            this.module = module;
            this.bytes = bytes;
            this.optLevel = optLevel;
        }

        @Override
        public PrecompiledModule get() {
            if (!asked) {
                found = cache.load(module, bytes, optLevel);
                asked = true;
            }
            return found;
        }

        /** What was found, or null (also when the cache was never read). */
        PrecompiledModule found() {
            return found;
        }

        String summary() {
            return !asked ? "code cache not read yet (no native code needed so far)"
                    : found == null ? "found no cached code"
                    : "loaded cached code of " + found.compiledFunctions() + " functions";
        }
    }

    /** A trap as the command's failure; the interruption of a --timeout says so. */
    private static CommandFailure trapFailure(Options options, Trap e) {
        if (options.timeout() != null && e.kind() == TrapKind.INTERRUPTED) {
            return new CommandFailure("interrupted: the program ran longer than --timeout "
                    + options.timeoutText(), e);
        }
        return new CommandFailure(e.getMessage(), e);
    }

    private static int invoke(Options options, PrintStream out, String entry, FuncType type, long[] args,
                              WasiPreview1 wasi, Instance instance, PhaseTimer timer) {
        {
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
                if (options.verbose()) { // as above: no concatenation unless it is printed
                    timer.done("invoked " + entry + " (exit " + e.code() + ")");
                }
                return e.code();
            } catch (JitUnsupportedException e) {
                throw new CommandFailure(e.getMessage() + " (--jit=strict)", e);
            } catch (Trap e) {
                throw trapFailure(options, e);
            }
            timer.done("invoked " + entry);
            List<ValType> resultTypes = type.results();
            if (results.length != ValueSlots.of(resultTypes)) {
                throw new IllegalStateException(entry + " returned " + results.length + " longs, its type says "
                        + ValueSlots.of(resultTypes));
            }
            int k = 0;
            for (ValType t : resultTypes) {
                out.println(t == ValType.V128 ? ValueText.formatV128(results[k], results[k + 1])
                        : ValueText.format(t, results[k]));
                k += ValueSlots.of(t);
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
        long[] values = new long[ValueSlots.of(params)];
        int k = 0;
        for (int i = 0; i < params.size(); i++) {
            try {
                if (params.get(i) == ValType.V128) {
                    long[] v = ValueText.parseV128(texts.get(i));
                    values[k++] = v[0];
                    values[k++] = v[1];
                } else {
                    values[k++] = ValueText.parse(params.get(i), texts.get(i));
                }
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
}
