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

/**
 * Differential testing of the two tiers: generated modules
 * ({@link RandomWasmPrograms}) run in the interpreter and in the JIT at -O0,
 * -O1 and -O2 must produce the same results and the same traps, call after
 * call, and leave the same memory and globals behind. The JIT runs in strict
 * mode and every defined function must be native: a JIT that fell back to the
 * interpreter would compare the interpreter with itself.
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

    private record Run(List<Outcome> outcomes, byte[] memory, long[] globals, JitCoverage coverage) {
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
            for (String name : inst.exports().keySet()) {
                if (!(inst.export(name) instanceof FunctionInstance f)) {
                    continue;
                }
                for (long[] a : args) {
                    try {
                        outcomes.add(new Outcome(f.call(a), null));
                    } catch (Trap t) {
                        outcomes.add(new Outcome(null, t.getMessage()));
                    }
                }
            }
            MemoryInstance mem = inst.memory("mem");
            byte[] bytes = mem.read(0, (int) mem.byteSize());
            long[] globals = {inst.global("g0").get(), inst.global("g1").get()};
            return new Run(outcomes, bytes, globals, store.coverage());
        }
    }

    static void checkSame(long seed, int optLevel) {
        checkSame(RandomWasmPrograms.module(seed), RandomWasmPrograms.arguments(seed, 4), optLevel);
        Statistics.label("multi-value").collect(RandomWasmPrograms.hasMultiValueFunctions(seed)
                ? "with multi-result functions" : "single results only");
    }

    static void checkSame(String wat, long[][] args, int optLevel) {
        Module m = compile(wat);
        Run interp = run(m, RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER), args);
        Run jit = run(m, RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withOptLevel(optLevel), args);
        assertEquals(new JitCoverage(m.functions().size(), 0, Map.of()), jit.coverage(),
                () -> "not every function ran natively at -O" + optLevel + " for\n" + wat);
        assertEquals(interp.outcomes(), jit.outcomes(), () -> "outcomes differ at -O" + optLevel + " for\n" + wat);
        assertArrayEquals(interp.memory(), jit.memory(), () -> "memory differs at -O" + optLevel + " for\n" + wat);
        assertArrayEquals(interp.globals(), jit.globals(), () -> "globals differ at -O" + optLevel + " for\n" + wat);
        assertTrue(jit.coverage().nativeFunctions() > 0);
        for (Outcome o : jit.outcomes()) {
            Statistics.label("calls").collect(o.trap() == null ? "returned" : "trap: " + o.trap());
        }
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
    @Property(tries = 200)
    void countedLoopsMatchTheInterpreter(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int optLevel) {
        checkSame(CountedLoopPrograms.module(seed), CountedLoopPrograms.arguments(seed, 4), optLevel);
        Statistics.label("planned trap").collect(CountedLoopPrograms.plan(seed, 0));
    }
}
