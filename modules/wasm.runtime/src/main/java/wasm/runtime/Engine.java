package wasm.runtime;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import perf.metrics.MetricsRecorder;
import wasm.core.binary.ModuleDecoder;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.internal.jit.JitSupport;
import wasm.runtime.internal.jit.JitWarmUp;
import wasm.runtime.internal.jit.Metering;

/**
 * How wasmoon compiles and runs code: the tier, the optimisation level, the compile policy and
 * threads, the code cache and the limits of every store. Immutable and thread-safe: one engine
 * serves any number of {@link WasmModule}s and {@link Store}s on any threads.
 *
 * <pre>{@code
 * Engine engine = Engine.builder().optLevel(2).compilePolicy(CompilePolicy.EAGER).build();
 * WasmModule module = engine.compile(bytes);     // decoded, validated, compiled once
 * try (Store store = engine.newStore()) { ... }  // one tenant; many stores share the module
 * }</pre>
 *
 * <p>Portability: where the JIT cannot run (another CPU or OS, a missing CPU feature, or the
 * system property {@value JitSupport#FORCE_PROPERTY} set), an engine asked for the JIT tier runs
 * the interpreter instead, says why in {@link #jitFallbackReason()} and warns once through the
 * builder's {@link Builder#warnings warnings} consumer (System.Logger by default).
 */
public final class Engine implements AutoCloseable {
    private final RuntimeOptions options;
    private final CodeCache codeCache;
    private final String jitFallbackReason;
    private volatile boolean closed;

    private Engine(RuntimeOptions options, CodeCache codeCache, String jitFallbackReason) {
        this.options = options;
        this.codeCache = codeCache;
        this.jitFallbackReason = jitFallbackReason;
    }

    /**
     * An engine of {@link RuntimeOptions#defaults()}.
     *
     * @return a new engine: JIT tier where it can run, default limits, no code cache
     */
    public static Engine create() {
        return builder().build();
    }

    /**
     * Starts making, on a background thread, what the JIT tier's first store in this process needs
     * before its first call (FFM stubs and CPU feature detection: tens of milliseconds the first
     * time), and returns at once. A program that calls this first and then reads and validates its
     * module has that work done on another core meanwhile; {@link Builder#build()} calls it for an
     * engine of the JIT tier. Does nothing after the first call, or where the JIT cannot run.
     */
    public static void warmUpJit() {
        JitWarmUp.start();
    }

    /**
     * A builder starting from {@link RuntimeOptions#defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The options every store of this engine runs with (the tier being the one actually used).
     *
     * @return the effective options
     */
    public RuntimeOptions options() {
        return options;
    }

    /**
     * The tier code runs in: the one asked for, unless the JIT fell back.
     *
     * @return {@link ExecutionTier#INTERPRETER} or {@link ExecutionTier#JIT}
     */
    public ExecutionTier tier() {
        return options.tier();
    }

    /**
     * Why the JIT tier was asked for but the interpreter runs, or empty.
     *
     * @return the reason, such as a missing CPU feature, or empty when the engine runs what was asked
     */
    public Optional<String> jitFallbackReason() {
        return Optional.ofNullable(jitFallbackReason);
    }

    /**
     * Decodes, validates and (JIT tier, eager policy) compiles a module binary. With the lazy
     * policy each store compiles a function on its first call instead; with a code cache, code
     * found there is loaded and code compiled now is kept.
     *
     * @param wasm the module binary; it is copied, so the caller may reuse the array
     * @return the compiled module, usable by every store of this engine
     * @throws wasm.core.MalformedModuleException when the bytes are not a module
     * @throws wasm.core.InvalidModuleException when the module does not validate
     * @throws IllegalStateException when the engine is closed
     */
    public WasmModule compile(byte[] wasm) {
        checkOpen();
        byte[] bytes = wasm.clone();
        Module module = ModuleDecoder.decode(bytes);
        Validator.validate(module);
        return compileValidated(module, bytes);
    }

    /**
     * Like {@link #compile(byte[])} for a module in the text format (WAT).
     *
     * @param wat the module's text: one {@code (module ...)}
     * @return the compiled module, usable by every store of this engine
     * @throws wasm.core.MalformedModuleException when the text does not parse
     * @throws wasm.core.InvalidModuleException when the module does not validate
     * @throws IllegalStateException when the engine is closed
     */
    public WasmModule compileText(String wat) {
        checkOpen();
        Module module = WatParser.parseModule(wat);
        Validator.validate(module);
        return compileValidated(module, ModuleEncoder.encode(module));
    }

    /**
     * Reads what {@link WasmModule#serialize()} wrote (a {@code .cwasm}), checking its header
     * (format, compiler build, CPU target) and checksum; nothing of a refused file is executed.
     *
     * @param cwasm the serialized module
     * @return the module; in the interpreter tier only its wasm part is used
     * @throws CodeCacheException when the file is damaged or was written by another build or for another CPU
     * @throws IllegalStateException when the engine is closed
     */
    public WasmModule deserialize(byte[] cwasm) throws CodeCacheException {
        checkOpen();
        PrecompiledModule code = PrecompiledModule.deserialize(cwasm);
        return new WasmModule(this, code.module(), code.wasmBytes(), options.tier() == ExecutionTier.JIT ? code : null);
    }

    private WasmModule compileValidated(Module module, byte[] bytes) {
        PrecompiledModule code = null;
        if (options.tier() == ExecutionTier.JIT) {
            // the cache holds code of the default polls only: fuel metering or no loop polls bypass it
            CodeCache cache = Metering.of(options).equals(Metering.DEFAULT) ? codeCache : null;
            PrecompiledModule cached = cache == null ? null : cache.load(module, bytes, options.optLevel());
            code = cached;
            if (code == null && options.compilePolicy() == CompilePolicy.EAGER) {
                code = PrecompiledModule.compile(module, bytes, options);
            }
            if (cache != null && code != null) {
                cache.store(code, cached);
            }
        }
        return new WasmModule(this, module, bytes, code);
    }

    /**
     * A new, empty store running with this engine's options.
     *
     * @return the store; close it to free its memories and code
     * @throws IllegalStateException when the engine is closed
     */
    public Store newStore() {
        checkOpen();
        return new Store(this);
    }

    CodeCache codeCache() {
        return codeCache;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
    }

    /**
     * Refuses new modules and stores from now on. Stores and modules made before keep working: each
     * store owns its native resources and frees them when it closes.
     */
    @Override
    public void close() {
        closed = true;
    }

    /** The tier {@code options} ask for, made the interpreter where the JIT cannot run; null reason when it can. */
    static String fallbackReason(RuntimeOptions options) {
        return options.tier() == ExecutionTier.JIT ? JitSupport.unsupportedReason().orElse(null) : null;
    }

    /** Engine configuration; every setter returns the builder. */
    public static final class Builder {
        private RuntimeOptions options = RuntimeOptions.defaults();
        private CodeCache codeCache;
        private Consumer<String> warnings = message -> System.getLogger("wasmoon")
                .log(System.Logger.Level.WARNING, message);

        private Builder() {
        }

        /**
         * The options to start from, replacing everything set so far.
         *
         * @param o the options
         * @return this builder
         */
        public Builder options(RuntimeOptions o) {
            options = Objects.requireNonNull(o, "options");
            return this;
        }

        /**
         * The tier to run in ({@link ExecutionTier#JIT} by default; it falls back to the interpreter where
         * the JIT cannot run).
         *
         * @param tier the tier
         * @return this builder
         */
        public Builder tier(ExecutionTier tier) {
            options = options.withTier(tier);
            return this;
        }

        /**
         * The IR optimisation level, 0, 1 or 2.
         *
         * @param level the level: 0 translates straight, 1 and 2 run more of the mid-end's passes
         * @return this builder
         * @throws IllegalArgumentException when the level is not 0, 1 or 2
         */
        public Builder optLevel(int level) {
            options = options.withOptLevel(level);
            return this;
        }

        /**
         * When functions are compiled: all at {@link Engine#compile}, each on its first call, or (tiered,
         * the default) each on its first call by the baseline compiler and again once it is hot.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder compilePolicy(CompilePolicy policy) {
            options = options.withCompilePolicy(policy);
            return this;
        }

        /**
         * Threads an eager compile uses at most.
         *
         * @param threads at least 1; the default is the number of available processors
         * @return this builder
         * @throws IllegalArgumentException when {@code threads} is below 1
         */
        public Builder compileThreads(int threads) {
            options = options.withCompileThreads(threads);
            return this;
        }

        /**
         * Whether a function the JIT cannot compile is an error rather than interpreted.
         *
         * @param strict true to fail the compile, false (the default) to interpret such a function
         * @return this builder
         */
        public Builder jitStrict(boolean strict) {
            options = options.withJitStrict(strict);
            return this;
        }

        /**
         * What each store may allocate.
         *
         * @param limits the limits on memory pages, table elements and instances per store
         * @return this builder
         */
        public Builder limits(ResourceLimits limits) {
            options = options.withLimits(limits);
            return this;
        }

        /**
         * Bytes of address space a 64-bit memory reserves at most (default 16 GiB): it never grows
         * beyond, and a module whose 64-bit memory needs more at instantiation is refused with a
         * {@link ResourceLimitException}.
         *
         * @param bytes the reservation in bytes, not negative
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is negative
         */
        public Builder memory64Limit(long bytes) {
            options = options.withMemory64Limit(bytes);
            return this;
        }

        /**
         * Bytes of native stack for wasm code (JIT tier); deeper recursion traps.
         *
         * @param bytes at least 16 MiB
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is less than 16 MiB
         */
        public Builder wasmStackSize(long bytes) {
            options = options.withWasmStackSize(bytes);
            return this;
        }

        /**
         * Receives one compile report per compiled module.
         *
         * @param recorder the recorder
         * @return this builder
         */
        public Builder metrics(MetricsRecorder recorder) {
            options = options.withMetrics(recorder);
            return this;
        }

        /**
         * Whether every store meters fuel ({@link RuntimeOptions#fuel()}): each wasm function entry
         * and each loop back edge taken costs one unit of the store's fuel ({@link Store#setFuel}),
         * and a call that runs out traps with {@link TrapKind#OUT_OF_FUEL}. Off by default; on, the
         * code cache is not used (it holds unmetered code).
         *
         * @param on true to meter fuel
         * @return this builder
         */
        public Builder fuel(boolean on) {
            options = options.withFuel(on);
            return this;
        }

        /**
         * Whether loops poll for interruption at every back edge ({@link RuntimeOptions#interruptPolls()}),
         * so that {@link Store#interrupt()}, deadlines and a close stop a running loop. On by default;
         * off saves the poll's cost in loops but leaves a running loop unstoppable (function entries
         * still poll). Off, the code cache is not used.
         *
         * @param on false to leave the polls out of loops
         * @return this builder
         */
        public Builder interruptPolls(boolean on) {
            options = options.withInterruptPolls(on);
            return this;
        }

        /**
         * Whether stores run loop-free functions in the interpreter while the process's one-time
         * native set-up of the JIT is still being made ({@link RuntimeOptions#interpretWhileJitStarts()}),
         * rather than wait for it: for short-lived processes. Off by default.
         *
         * @param on true to interpret while the JIT starts
         * @return this builder
         */
        public Builder interpretWhileJitStarts(boolean on) {
            options = options.withInterpretWhileJitStarts(on);
            return this;
        }

        /**
         * Loads and keeps compiled code in {@code cache} (JIT tier; code of the default polls only).
         *
         * @param cache the cache, or null for none
         * @return this builder
         */
        public Builder codeCache(CodeCache cache) {
            codeCache = cache;
            return this;
        }

        /**
         * Where the engine's warnings go (the JIT fallback): System.Logger "wasmoon" by default.
         *
         * @param sink receives each warning's message
         * @return this builder
         */
        public Builder warnings(Consumer<String> sink) {
            warnings = Objects.requireNonNull(sink, "warnings");
            return this;
        }

        /**
         * Makes the engine; where the JIT tier cannot run, the engine runs the interpreter and the
         * warnings consumer hears why.
         *
         * @return the engine
         */
        public Engine build() {
            String reason = fallbackReason(options);
            RuntimeOptions effective = options;
            if (reason != null) {
                effective = options.withTier(ExecutionTier.INTERPRETER);
                warnings.accept("the JIT cannot run here (" + reason + "): running the interpreter");
            } else if (effective.tier() == ExecutionTier.JIT) {
                JitWarmUp.start();
            }
            return new Engine(effective, codeCache, reason);
        }
    }
}
