package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.testing.CountedLoopPrograms;
import wasm.ir.testing.FloatEdges;
import wasm.runtime.tooling.JitCoverage;

/**
 * Differential testing of the two tiers: generated modules
 * ({@link RandomWasmPrograms}, integer and float code) run in the interpreter
 * and in the JIT at -O0, -O1 and -O2 must produce the same results and the same
 * traps, call after call, and leave the same memory and globals behind. The JIT
 * runs in strict mode and every defined function must be native: a JIT that fell
 * back to the interpreter would compare the interpreter with itself. Bits are
 * compared exactly, NaNs included, except a float result of a module that does
 * arithmetic on floats, where Wasm leaves a NaN's payload open: there the JIT's
 * NaN for the interpreter's NaN must be quiet (an arithmetic NaN).
 */
class JitDifferentialProperties {

    /** One call's outcome: the results, or the trap message. */
    private record Outcome(long[] results, String trap) {
        @Override
        public String toString() {
            return trap != null ? "trap " + trap : java.util.Arrays.toString(results);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && java.util.Arrays.equals(results, other.results)
                    && java.util.Objects.equals(trap, other.trap);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(results);
        }
    }

    private record Run(List<Outcome> outcomes, List<List<wasm.core.model.ValType>> resultTypes, byte[] memory,
                       long[] globals, JitCoverage coverage, wasm.runtime.tooling.TierCounts tiers) {
    }

    static Module compile(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    private static Run run(Module m, RuntimeOptions options, long[][] args) {
        try (Store store = new Store(options)) {
            Instance inst = store.instantiate(m, ImportResolver.NONE);
            List<Outcome> outcomes = new ArrayList<>();
            List<List<wasm.core.model.ValType>> types = new ArrayList<>();
            for (String name : inst.exports().keySet()) {
                if (!(inst.export(name) instanceof FunctionInstance f)) {
                    continue;
                }
                for (long[] a : args) {
                    types.add(f.type().results());
                    try {
                        outcomes.add(new Outcome(f.call(a), null));
                    } catch (Trap t) {
                        outcomes.add(new Outcome(null, t.getMessage()));
                    }
                }
            }
            MemoryInstance mem = inst.memory("mem");
            byte[] bytes = mem.read(0, (int) mem.byteSize());
            // Every exported global g0, g1, ... (random programs have four, counted loops two).
            List<Long> values = new ArrayList<>();
            for (int g = 0; inst.exports().containsKey("g" + g); g++) {
                values.add(inst.global("g" + g).get());
            }
            long[] globals = values.stream().mapToLong(Long::longValue).toArray();
            return new Run(outcomes, types, bytes, globals, JitCoverage.of(store),
                    wasm.runtime.tooling.TierCounts.of(store));
        }
    }

    static void checkSame(long seed, int optLevel) {
        boolean exact = RandomWasmPrograms.isExact(seed);
        checkSame(RandomWasmPrograms.module(seed), RandomWasmPrograms.arguments(seed, 4), optLevel, exact);
        Statistics.label("floats").collect(exact ? "bit-exact module" : "float arithmetic module");
        Statistics.label("multi-value").collect(RandomWasmPrograms.hasMultiValueFunctions(seed)
                ? "with multi-result functions" : "single results only");
    }

    /**
     * {@code exact}: the module's results must match bit for bit; otherwise a NaN result may
     * differ in payload where the spec allows it (float arithmetic).
     */
    static void checkSame(String wat, long[][] args, int optLevel, boolean exact) {
        checkSame(wat, args, RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withOptLevel(optLevel), exact);
    }

    /** The same comparison with the JIT running as {@code jitOptions} say (strict mode). */
    static void checkSame(String wat, long[][] args, RuntimeOptions jitOptions, boolean exact) {
        int optLevel = jitOptions.optLevel();
        Module m = compile(wat);
        Run interp = run(m, RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER), args);
        Run jit = run(m, jitOptions, args);
        if (jitOptions.compilePolicy() == CompilePolicy.BASELINE) {
            // the generated code is integer and float arithmetic, memory, calls and control flow:
            // all of it the baseline compiler's
            assertEquals(0, jit.tiers().leftToOptimizing(),
                    () -> "the baseline compiler left functions to the optimizing tier in\n" + wat);
            assertTrue(jit.tiers().baselineCompiled() > 0, "no function was compiled by the baseline compiler");
        }
        assertEquals(new JitCoverage(m.functions().size(), 0, Map.of()), jit.coverage(),
                () -> "not every function ran natively at -O" + optLevel + " for\n" + wat);
        List<Outcome> expected = interp.outcomes();
        if (!exact) {
            expected = tolerateNans(expected, jit.outcomes(), interp.resultTypes());
        }
        assertEquals(expected, jit.outcomes(), () -> "outcomes differ at -O" + optLevel + " for\n" + wat);
        assertArrayEquals(interp.memory(), jit.memory(), () -> "memory differs at -O" + optLevel + " for\n" + wat);
        assertTrue(interp.globals().length >= 2, "the generated module exports its globals g0, g1, ...");
        assertArrayEquals(interp.globals(), jit.globals(), () -> "globals differ at -O" + optLevel + " for\n" + wat);
        assertTrue(jit.coverage().nativeFunctions() > 0);
        for (Outcome o : jit.outcomes()) {
            Statistics.label("calls").collect(o.trap() == null ? "returned" : "trap: " + o.trap());
        }
    }

    /**
     * The interpreter's outcomes, where a float NaN result is replaced by the JIT's when that
     * is a quiet NaN too: Wasm lets arithmetic choose any arithmetic NaN.
     */
    private static List<Outcome> tolerateNans(List<Outcome> interp, List<Outcome> jit,
                                              List<List<wasm.core.model.ValType>> types) {
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < interp.size(); i++) {
            Outcome e = interp.get(i);
            Outcome a = i < jit.size() ? jit.get(i) : null;
            if (e.results() == null || a == null || a.results() == null || a.results().length != e.results().length) {
                out.add(e);
                continue;
            }
            long[] r = e.results().clone();
            for (int k = 0; k < r.length; k++) {
                if (bothArithmeticNans(types.get(i).get(k), r[k], a.results()[k])) {
                    r[k] = a.results()[k];
                }
            }
            out.add(new Outcome(r, null));
        }
        return out;
    }

    private static boolean bothArithmeticNans(wasm.core.model.ValType t, long expected, long actual) {
        boolean f64 = t == wasm.core.model.ValType.F64;
        return (f64 || t == wasm.core.model.ValType.F32) && FloatEdges.isNan(f64, expected)
                && FloatEdges.isQuietNan(f64, actual);
    }

    /** The generator makes what the property is meant to cover, in useful amounts. */
    @net.jqwik.api.Example
    void generatorCoversFloatsStackArgumentsAndPressure() {
        java.util.Map<String, Integer> total = new java.util.TreeMap<>();
        int exact = 0;
        for (long seed = 0; seed < 300; seed++) {
            RandomWasmPrograms.features(seed).forEach((k, v) -> total.merge(k, v, Integer::sum));
            exact += RandomWasmPrograms.isExact(seed) ? 1 : 0;
        }
        assertTrue(total.get("wide helper calls") >= 60, total.toString());
        assertTrue(total.get("pressure statements") >= 60, total.toString());
        assertTrue(total.get("pressure across a call") >= 10, total.toString());
        assertTrue(total.get("float arithmetic") >= 300, total.toString());
        assertTrue(total.get("float stores") >= 60, total.toString());
        assertTrue(exact >= 60 && exact <= 150, "bit-exact modules: " + exact);
    }

    @Property(tries = 300)
    void jitMatchesInterpreter(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int optLevel) {
        checkSame(seed, optLevel);
    }

    /**
     * Counted loops over memory ({@link CountedLoopPrograms}), which -O2 versions: planned
     * traps at the first, a middle or the last iteration after stores that must stay
     * visible, wrapping counters, bases and bounds from the arguments.
     */
    /** The baseline compiler alone: every function of the generated module is its code. */
    @Property(tries = 200)
    void baselineMatchesInterpreter(@ForAll long seed) {
        checkSame(RandomWasmPrograms.module(seed), RandomWasmPrograms.arguments(seed, 4),
                RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                        .withCompilePolicy(CompilePolicy.BASELINE), RandomWasmPrograms.isExact(seed));
    }

    /** Tiered at once (budget 0): calls meet baseline and optimized code of one function in any mix. */
    @Property(tries = 100)
    void tieredMatchesInterpreter(@ForAll long seed) {
        checkSame(RandomWasmPrograms.module(seed), RandomWasmPrograms.arguments(seed, 4),
                RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                        .withCompilePolicy(CompilePolicy.TIERED).withTierUpBudget(0), RandomWasmPrograms.isExact(seed));
    }

    /** Counted loops (the loop header's poll and tier-up count) in baseline code. */
    @Property(tries = 100)
    void baselineCountedLoopsMatchTheInterpreter(@ForAll long seed) {
        checkSame(CountedLoopPrograms.module(seed), CountedLoopPrograms.arguments(seed, 4),
                RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                        .withCompilePolicy(CompilePolicy.BASELINE), true);
    }

    @Property(tries = 200)
    void countedLoopsMatchTheInterpreter(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int optLevel) {
        checkSame(CountedLoopPrograms.module(seed), CountedLoopPrograms.arguments(seed, 4), optLevel, true);
        Statistics.label("planned trap").collect(CountedLoopPrograms.plan(seed, 0));
    }
}
