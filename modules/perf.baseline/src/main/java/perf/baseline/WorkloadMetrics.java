package perf.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import perf.metrics.CompileMode;
import perf.metrics.FunctionReport;
import perf.metrics.ModuleReport;
import perf.metrics.PassReport;
import perf.metrics.Tier;

/**
 * What summary.json keeps of one workload's metrics file: sums over every
 * function of every module in the file, and the top few functions and passes.
 *
 * @param modules           modules in the file
 * @param moduleCompileUs   sum of {@code module_compile_us}
 * @param functions         functions reported
 * @param expectedFunctions sum of {@code expected_functions}
 * @param jitFunctions      functions that were compiled to native code
 * @param codeSize          bytes of machine code
 * @param stages            time per stage
 * @param slowestFunctions  the {@value #TOP} functions with the largest stage time, slowest first
 * @param slowestPasses     the {@value #TOP} passes with the largest total duration (summed over functions), slowest first
 * @param spillSlots        spill slots the register allocator reserved
 * @param spills            spill stores it inserted
 * @param reloads           spill loads it inserted
 * @param regMoves          register moves it inserted
 * @param spillToSpill      spill-slot-to-spill-slot moves it inserted
 * @param modes             how the functions got their code: eagerly, lazily (first call) or from a code cache,
 *                          and how many were never compiled
 */
public record WorkloadMetrics(long modules, long moduleCompileUs, long functions, long expectedFunctions,
                              long jitFunctions, long codeSize, long spillSlots, long spills, long reloads,
                              long regMoves, long spillToSpill, StageTimes stages,
                              List<FunctionCost> slowestFunctions, List<PassCost> slowestPasses,
                              CompileModes modes) {
    /** How many slowest functions and passes are kept. */
    public static final int TOP = 5;

    /**
     * Copies the lists.
     *
     * @throws NullPointerException when {@code stages}, {@code modes} or a list is null
     */
    public WorkloadMetrics {
        Objects.requireNonNull(stages);
        slowestFunctions = List.copyOf(slowestFunctions);
        slowestPasses = List.copyOf(slowestPasses);
        Objects.requireNonNull(modes);
    }

    /**
     * Functions compiled eagerly, lazily, loaded from a cache, and never compiled (not called);
     * under tiered compilation also the baseline compiles, the tier-ups and the on-stack-replacement
     * entries (a function that tiered up or got an entry is counted in each).
     *
     * @param eager functions compiled before the first call
     * @param lazy functions compiled on their first call by the optimizing tier
     * @param cached functions loaded from a code cache
     * @param uncompiled functions never compiled
     * @param baseline functions compiled on their first call by the baseline tier
     * @param tierUp functions compiled again by the optimizing tier once hot
     * @param osr functions whose on-stack-replacement entry the optimizing tier compiled
     */
    public record CompileModes(long eager, long lazy, long cached, long uncompiled, long baseline, long tierUp,
                               long osr) {
        /**
         * "12 eager, 3 lazy, 0 cached, 40 uncompiled", then ", 30 baseline, 5 tiered up, 1 osr" when
         * compilation was tiered.
         *
         * @return the counts in words
         */
        public String describe() {
            String s = eager + " eager, " + lazy + " lazy, " + cached + " cached, " + uncompiled + " uncompiled";
            return baseline + tierUp + osr == 0 ? s
                    : s + ", " + baseline + " baseline, " + tierUp + " tiered up, " + osr + " osr";
        }
    }

    /**
     * One function's compile cost: its four stage times added up.
     *
     * @param funcIdx the function's absolute index
     * @param name its name, as the metrics file gives it
     * @param stageUs its four stage times added up, microseconds
     * @param codeSize bytes of machine code
     */
    public record FunctionCost(int funcIdx, String name, long stageUs, long codeSize) {
    }

    /**
     * One pass, summed over every function it ran on.
     *
     * @param name the pass's name
     * @param durationUs its duration summed over functions, microseconds
     * @param runs how many times it ran
     */
    public record PassCost(String name, long durationUs, long runs) {
    }

    /**
     * The summary of one workload's metrics file.
     *
     * @param modules the modules the file holds
     * @return the sums and the slowest functions and passes
     */
    public static WorkloadMetrics of(List<ModuleReport> modules) {
        long compile = 0, functions = 0, expected = 0, jit = 0, code = 0;
        long slots = 0, spills = 0, reloads = 0, moves = 0, s2s = 0;
        long[] modes = new long[CompileMode.values().length];
        long uncompiled = 0;
        StageTimes stages = StageTimes.ZERO;
        List<FunctionCost> costs = new ArrayList<>();
        Map<String, long[]> passes = new LinkedHashMap<>();
        for (ModuleReport m : modules) {
            compile += m.moduleCompileUs();
            expected += m.expectedFunctions();
            uncompiled += m.uncompiledFunctions();
            for (FunctionReport f : m.functions()) {
                functions++;
                modes[f.compileMode().ordinal()]++;
                if (f.tier() instanceof Tier.Jit) {
                    jit++;
                }
                code += f.codeSize();
                slots += f.spillSlots();
                spills += f.spills();
                reloads += f.reloads();
                moves += f.regMoves();
                s2s += f.spillToSpill();
                stages = stages.plus(StageTimes.of(f));
                costs.add(new FunctionCost(f.funcIdx(), f.funcName(), f.stageTimeUs(), f.codeSize()));
                for (PassReport p : f.irPasses()) {
                    long[] acc = passes.computeIfAbsent(p.name(), k -> new long[2]);
                    acc[0] += p.durationUs();
                    acc[1]++;
                }
            }
        }
        // Ties broken by index and name so the summary does not depend on map order.
        costs.sort(Comparator.comparingLong(FunctionCost::stageUs).reversed()
                .thenComparingInt(FunctionCost::funcIdx));
        List<PassCost> passCosts = new ArrayList<>();
        passes.forEach((name, acc) -> passCosts.add(new PassCost(name, acc[0], acc[1])));
        passCosts.sort(Comparator.comparingLong(PassCost::durationUs).reversed()
                .thenComparing(PassCost::name));
        return new WorkloadMetrics(modules.size(), compile, functions, expected, jit, code, slots, spills,
                reloads, moves, s2s, stages,
                costs.subList(0, Math.min(TOP, costs.size())),
                passCosts.subList(0, Math.min(TOP, passCosts.size())),
                new CompileModes(modes[CompileMode.EAGER.ordinal()], modes[CompileMode.LAZY.ordinal()],
                        modes[CompileMode.CACHED.ordinal()], uncompiled, modes[CompileMode.BASELINE.ordinal()],
                        modes[CompileMode.TIER_UP.ordinal()], modes[CompileMode.OSR.ordinal()]));
    }
}
