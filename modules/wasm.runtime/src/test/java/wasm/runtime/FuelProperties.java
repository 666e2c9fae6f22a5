package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import wasm.core.model.Module;
import wasm.ir.testing.CountedLoopPrograms;

/**
 * The tiers meter fuel alike: generated programs ({@link RandomWasmPrograms}, and the counted loops
 * -O2 versions) run call after call with fuel in the interpreter and in the JIT at -O0..-O2, leave
 * the same fuel after every call, and, given less fuel than they need, run out at the same point:
 * the same outcomes, memory and globals.
 */
class FuelProperties {
    /** After each call: its outcome (results or trap message) and the fuel left. */
    private record Run(List<String> steps, byte[] memory, long[] globals, long consumed) {
    }

    private static Run run(Module m, RuntimeOptions options, long[][] args, long fuel) {
        try (Store store = new Store(options.withFuel(true))) {
            store.setFuel(fuel);
            Instance inst = store.instantiate(m, ImportResolver.NONE);
            List<String> steps = new ArrayList<>();
            for (String name : inst.exports().keySet()) {
                if (!(inst.export(name) instanceof FunctionInstance f)) {
                    continue;
                }
                for (long[] a : args) {
                    String outcome;
                    try {
                        outcome = java.util.Arrays.toString(f.call(a));
                    } catch (Trap t) {
                        outcome = "trap " + t.getMessage();
                    }
                    steps.add(name + " -> " + outcome + ", fuel " + store.fuel());
                }
            }
            MemoryInstance mem = inst.memory("mem");
            return new Run(steps, mem.read(0, (int) mem.byteSize()),
                    new long[] {inst.global("g0").get(), inst.global("g1").get()}, fuel - store.fuel());
        }
    }

    private static void checkSame(String wat, long[][] args, int optLevel) {
        Module m = JitDifferentialProperties.compile(wat);
        RuntimeOptions interp = RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER);
        RuntimeOptions jit = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withOptLevel(optLevel);
        Run plenty = run(m, interp, args, Long.MAX_VALUE / 2);
        for (long fuel : new long[] {Long.MAX_VALUE / 2, plenty.consumed() / 2, plenty.consumed() / 7}) {
            Run a = run(m, interp, args, fuel);
            Run b = run(m, jit, args, fuel);
            assertEquals(a.steps(), b.steps(), () -> "fuel " + fuel + " at -O" + optLevel + " for\n" + wat);
            assertArrayEquals(a.memory(), b.memory(), () -> "memory, fuel " + fuel + " at -O" + optLevel);
            assertArrayEquals(a.globals(), b.globals(), () -> "globals, fuel " + fuel + " at -O" + optLevel);
        }
        Statistics.label("fuel consumed").collect(plenty.consumed() < 10 ? "< 10" : plenty.consumed() < 1000
                ? "< 1000" : ">= 1000");
    }

    /**
     * Bit-exact modules only: a module with float arithmetic may return a NaN whose payload Wasm
     * leaves open, and the tiers may pick different ones (JitDifferentialProperties tolerates
     * that; fuel is what this property is about).
     */
    @Property(tries = 100)
    void theTiersMeterRandomProgramsAlike(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int optLevel) {
        Assume.that(RandomWasmPrograms.isExact(seed));
        checkSame(RandomWasmPrograms.module(seed), RandomWasmPrograms.arguments(seed, 3), optLevel);
    }

    @Property(tries = 100)
    void theTiersMeterCountedLoopsAlike(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int optLevel) {
        checkSame(CountedLoopPrograms.module(seed), CountedLoopPrograms.arguments(seed, 3), optLevel);
    }
}
