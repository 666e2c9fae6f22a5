package wasm.runtime;

import java.util.Locale;
import java.util.Objects;

import perf.metrics.MetricsConfig;
import perf.metrics.MetricsRecorder;

/**
 * How a {@link Store} executes code.
 *
 * @param tier          {@link ExecutionTier#JIT} (default) or {@link ExecutionTier#INTERPRETER}
 * @param jitStrict     with the JIT tier: a function the JIT cannot compile fails instantiation with
 *                      {@link JitUnsupportedException} instead of falling back to the interpreter
 * @param optLevel      the IR optimisation level, 0, 1 or 2 (default 2)
 * @param metrics       receives one module report per instantiated module's compile (JIT tier only)
 * @param wasmStackSize bytes of native stack of the thread that runs wasm code in the JIT tier;
 *                      recursion deeper than it allows traps "call stack exhausted"
 * @param perfMap       with the JIT tier: name every piece of generated code in
 *                      {@code /tmp/perf-<pid>.map}, so Linux {@code perf} profiles show wasm
 *                      function names (default: the environment variable {@value #PERF_MAP_VARIABLE})
 * @param compilePolicy with the JIT tier: compile every function at instantiation, or each on its first call
 * @param compileThreads threads an eager compile uses at most (default: the available processors)
 * @param limits        what the store may allocate (default {@link ResourceLimits#NONE})
 * @param fuel          meter fuel: every function entry and every loop back edge taken costs one unit
 *                      of the store's fuel ({@link Store#setFuel}), in both tiers alike; a call that
 *                      runs out traps "all fuel consumed" (default off: no cost)
 * @param interruptPolls loops poll for interruption ({@link Store#interrupt()}, deadlines, a close
 *                      from another thread) at every back edge, as function entries always do
 *                      (default on; off saves the poll in loops but leaves a running loop unstoppable)
 * @param memory64Limit bytes of address space a 64-bit memory reserves at most (default
 *                      {@value #DEFAULT_MEMORY64_LIMIT}, 16 GiB; pages are committed only when
 *                      the memory grows): a 64-bit memory cannot grow beyond it, and one whose
 *                      minimum exceeds it cannot be created ({@link ResourceLimitException})
 * @param tierUpBudget  with {@link CompilePolicy#TIERED}: the entries plus loop iterations of a
 *                      function's baseline code before the optimizing tier compiles it, and a
 *                      quarter of the loop iterations of one activation before it asks to move
 *                      into optimized code in its loop (default {@value #DEFAULT_TIER_UP_BUDGET}, or the system
 *                      property {@value CompilePolicy#TIER_UP_BUDGET_PROPERTY}); 0, for tests:
 *                      every function starts in baseline code (small looping ones too), asks at
 *                      its first entry, and every activation moves at its first loop check,
 *                      waiting for the compile
 * @param interpretWhileJitStarts with the JIT tier and lazy or tiered compilation (not strict,
 *                      no fuel, no compile metrics, no perf map): while the process's one-time
 *                      native set-up of the JIT (its FFM stub classes, tens of milliseconds:
 *                      {@link Engine#warmUpJit()}) is still being made, or was never started, a
 *                      call to a function without a loop runs in the interpreter instead of
 *                      waiting for it; a call to a function with a loop waits (or, nothing
 *                      having started it, makes it), as do all calls after the first 10,000, and
 *                      from the first call after the set-up every call runs natively. For
 *                      short-lived processes, where that set-up is a large part of a short run
 *                      (the command line's {@code run} turns it on); default off: every call of
 *                      the JIT tier runs natively
 */
public record RuntimeOptions(ExecutionTier tier, boolean jitStrict, int optLevel, MetricsRecorder metrics,
                             long wasmStackSize, boolean perfMap, CompilePolicy compilePolicy, int compileThreads,
                             ResourceLimits limits, boolean fuel, boolean interruptPolls, long memory64Limit,
                             int tierUpBudget, boolean interpretWhileJitStarts) {
    /**
     * The default budget of {@link CompilePolicy#TIERED}: a baseline function that is entered or
     * iterates this often is compiled again by the optimizing tier (docs/perf/startup.md).
     */
    public static final int DEFAULT_TIER_UP_BUDGET = 1000;
    /** The default address space of a 64-bit memory: 16 GiB (pages are committed when it grows). */
    public static final long DEFAULT_MEMORY64_LIMIT = 16L << 30;
    /** The default native stack of the wasm thread: 128 MiB (address space; pages are committed on use). */
    public static final long DEFAULT_WASM_STACK_SIZE = 128L << 20;
    /** The system property that selects the default tier: {@code jit} or {@code interpreter}. */
    public static final String TIER_PROPERTY = "wasmoon.tier";
    /**
     * The system property that selects the default JIT mode: {@code strict} (no interpreter
     * fallback) or {@code fallback} (the default).
     */
    public static final String JIT_PROPERTY = "wasmoon.jit";
    /**
     * The system property that turns the loops' interruption polls off ({@code off}) for a whole
     * process, so a benchmark can measure what they cost; {@code on} is the default.
     */
    public static final String POLLS_PROPERTY = "wasmoon.polls";
    /** The environment variable that turns the perf map on: 1, true, yes or on (any case). */
    public static final String PERF_MAP_VARIABLE = "WASMOON_PERF_MAP";

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException when {@code optLevel} is not 0, 1 or 2, {@code compileThreads} is
     *         below 1, {@code wasmStackSize} is below 16 MiB or {@code memory64Limit} is negative
     * @throws NullPointerException when {@code tier}, {@code metrics}, {@code limits} or
     *         {@code compilePolicy} is null
     */
    public RuntimeOptions {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(limits, "limits");
        if (optLevel < 0 || optLevel > 2) {
            throw new IllegalArgumentException("optimisation level must be 0, 1 or 2: " + optLevel);
        }
        Objects.requireNonNull(compilePolicy, "compilePolicy");
        if (compileThreads < 1) {
            throw new IllegalArgumentException("compile threads must be at least 1: " + compileThreads);
        }
        if (wasmStackSize < (16L << 20)) {
            throw new IllegalArgumentException("the wasm stack must be at least 16 MiB: " + wasmStackSize);
        }
        if (memory64Limit < 0) {
            throw new IllegalArgumentException("the 64-bit memory limit must not be negative: " + memory64Limit);
        }
        if (tierUpBudget < 0) {
            throw new IllegalArgumentException("the tier-up budget must not be negative: " + tierUpBudget);
        }
    }

    /**
     * JIT tier (or the tier named by the system property {@value #TIER_PROPERTY}, so a whole
     * test run can be switched to the interpreter), not strict (unless the system property
     * {@value #JIT_PROPERTY} is {@code strict}, so a test run can require native code
     * everywhere), -O2, metrics off, a perf map when the environment variable
     * {@value #PERF_MAP_VARIABLE} says so, lazy compilation (or the policy named by the system
     * property {@value CompilePolicy#PROPERTY}), one compile thread per available processor, no
     * fuel metering and loops that poll for interruption (unless the system property
     * {@value #POLLS_PROPERTY} is {@code off}).
     *
     * @return the default options, read from the system properties and environment on each call
     */
    public static RuntimeOptions defaults() {
        String t = System.getProperty(TIER_PROPERTY, "jit").strip().toLowerCase(Locale.ROOT);
        ExecutionTier tier = switch (t) {
            case "interpreter", "interp", "no-jit" -> ExecutionTier.INTERPRETER;
            default -> ExecutionTier.JIT;
        };
        String mode = System.getProperty(JIT_PROPERTY, "fallback").strip().toLowerCase(Locale.ROOT);
        boolean strict = switch (mode) {
            case "strict" -> true;
            case "fallback", "" -> false;
            default -> throw new IllegalArgumentException(
                    "system property " + JIT_PROPERTY + " must be strict or fallback, got '" + mode + "'");
        };
        CompilePolicy policy = CompilePolicy.of(System.getProperty(CompilePolicy.PROPERTY, "tiered"));
        String polls = System.getProperty(POLLS_PROPERTY, "on").strip().toLowerCase(Locale.ROOT);
        boolean interruptPolls = switch (polls) {
            case "on", "" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(
                    "system property " + POLLS_PROPERTY + " must be on or off, got '" + polls + "'");
        };
        return new RuntimeOptions(tier, strict, 2, MetricsRecorder.disabled(), DEFAULT_WASM_STACK_SIZE,
                MetricsConfig.isOn(System.getenv(PERF_MAP_VARIABLE)), policy,
                Runtime.getRuntime().availableProcessors(), ResourceLimits.NONE, false, interruptPolls,
                DEFAULT_MEMORY64_LIMIT,
                Integer.getInteger(CompilePolicy.TIER_UP_BUDGET_PROPERTY, DEFAULT_TIER_UP_BUDGET), false);
    }

    /**
     * These options with another {@code tier}.
     *
     * @param t the tier
     * @return the new options
     */
    public RuntimeOptions withTier(ExecutionTier t) {
        return new RuntimeOptions(t, jitStrict, optLevel, metrics, wasmStackSize, perfMap, compilePolicy,
                compileThreads, limits, fuel, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * These options with another {@code jitStrict}.
     *
     * @param strict whether a function the JIT cannot compile is an error
     * @return the new options
     */
    public RuntimeOptions withJitStrict(boolean strict) {
        return new RuntimeOptions(tier, strict, optLevel, metrics, wasmStackSize, perfMap, compilePolicy,
                compileThreads, limits, fuel, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * These options with another {@code optLevel}.
     *
     * @param level 0, 1 or 2
     * @return the new options
     * @throws IllegalArgumentException when {@code level} is out of range
     */
    public RuntimeOptions withOptLevel(int level) {
        return new RuntimeOptions(tier, jitStrict, level, metrics, wasmStackSize, perfMap, compilePolicy,
                compileThreads, limits, fuel, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * These options with another {@code metrics}.
     *
     * @param recorder the recorder ({@link MetricsRecorder#disabled()} for none)
     * @return the new options
     */
    public RuntimeOptions withMetrics(MetricsRecorder recorder) {
        return new RuntimeOptions(tier, jitStrict, optLevel, recorder, wasmStackSize, perfMap, compilePolicy,
                compileThreads, limits, fuel, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * These options with another {@code wasmStackSize}.
     *
     * @param bytes at least 16 MiB
     * @return the new options
     * @throws IllegalArgumentException when {@code bytes} is out of range
     */
    public RuntimeOptions withWasmStackSize(long bytes) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, bytes, perfMap, compilePolicy, compileThreads,
                limits, fuel, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * These options with another {@code perfMap}.
     *
     * @param on whether to write the perf map
     * @return the new options
     */
    public RuntimeOptions withPerfMap(boolean on) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, wasmStackSize, on, compilePolicy,
                compileThreads, limits, fuel, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * These options with another {@code compilePolicy}.
     *
     * @param policy the policy
     * @return the new options
     */
    public RuntimeOptions withCompilePolicy(CompilePolicy policy) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, wasmStackSize, perfMap, policy, compileThreads,
                limits, fuel, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * These options with another {@code compileThreads}.
     *
     * @param threads at least 1
     * @return the new options
     * @throws IllegalArgumentException when {@code threads} is out of range
     */
    public RuntimeOptions withCompileThreads(int threads) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, wasmStackSize, perfMap, compilePolicy, threads,
                limits, fuel, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * These options with another {@code limits}.
     *
     * @param l the limits
     * @return the new options
     */
    public RuntimeOptions withLimits(ResourceLimits l) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, wasmStackSize, perfMap, compilePolicy,
                compileThreads, l, fuel, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * With fuel metering on or off (see {@link #fuel()}).
     *
     * @param on whether to meter fuel
     * @return the new options
     */
    public RuntimeOptions withFuel(boolean on) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, wasmStackSize, perfMap, compilePolicy,
                compileThreads, limits, on, interruptPolls, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * With loops polling for interruption or not (see {@link #interruptPolls()}).
     *
     * @param on whether loops poll
     * @return the new options
     */
    public RuntimeOptions withInterruptPolls(boolean on) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, wasmStackSize, perfMap, compilePolicy,
                compileThreads, limits, fuel, on, memory64Limit, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * These options with another {@code memory64Limit}.
     *
     * @param bytes the reservation in bytes, not negative
     * @return the new options
     * @throws IllegalArgumentException when {@code bytes} is out of range
     */
    public RuntimeOptions withMemory64Limit(long bytes) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, wasmStackSize, perfMap, compilePolicy,
                compileThreads, limits, fuel, interruptPolls, bytes, tierUpBudget, interpretWhileJitStarts);
    }

    /**
     * With or without interpreting while the JIT's set-up is made (see
     * {@link #interpretWhileJitStarts()}).
     *
     * @param on whether loop-free functions called before the set-up is ready are interpreted
     * @return the new options
     */
    public RuntimeOptions withInterpretWhileJitStarts(boolean on) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, wasmStackSize, perfMap, compilePolicy,
                compileThreads, limits, fuel, interruptPolls, memory64Limit, tierUpBudget, on);
    }

    /**
     * These options with another tier-up budget ({@link CompilePolicy#TIERED}).
     *
     * @param budget entries plus loop iterations of baseline code before tier-up; 0: at once (see
     *               the record's {@code tierUpBudget})
     * @return the new options
     * @throws IllegalArgumentException when {@code budget} is negative
     */
    public RuntimeOptions withTierUpBudget(int budget) {
        return new RuntimeOptions(tier, jitStrict, optLevel, metrics, wasmStackSize, perfMap, compilePolicy,
                compileThreads, limits, fuel, interruptPolls, memory64Limit, budget, interpretWhileJitStarts);
    }
}
