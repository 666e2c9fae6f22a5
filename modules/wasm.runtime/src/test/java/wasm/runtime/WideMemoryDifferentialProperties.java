package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import wasm.core.model.Module;
import wasm.runtime.tooling.JitCoverage;

/**
 * The JIT against the interpreter on memory64 and multiple memories: generated modules
 * ({@link WideMemoryPrograms}) of three memories of different sizes and address types, run
 * in the interpreter and in the strict JIT at -O0, -O1 and -O2, must give the same results and
 * the same traps, call after call, and leave the same memories behind (sizes, and the bytes:
 * all of a small memory; of one grown past 4 GiB the windows the addresses can reach, around
 * 0, 2^31 and from 2^32 - 512 KiB to its end). Every function must run natively, or the
 * interpreter would be compared with itself. The addresses and offsets sit at the edges where
 * a bounds check that wraps, compares 32 bits of a 64-bit address or reads another memory's
 * length goes wrong.
 */
class WideMemoryDifferentialProperties {
    private static final long WINDOW = 512 * 1024;

    /** One run's transcript: each call's outcome, then each memory's size and compared bytes. */
    private record Run(List<String> outcomes, List<Long> sizes, List<byte[]> windows, JitCoverage coverage) {
    }

    private static Run run(Module m, RuntimeOptions options, long[][] args) {
        try (Store store = new Store(options)) {
            Instance inst = store.instantiate(m, ImportResolver.NONE);
            List<String> outcomes = new ArrayList<>();
            outcomes.add("big " + call(inst.function("big")));
            FunctionInstance run = inst.function("run");
            for (long[] a : args) {
                outcomes.add(call(run, a));
            }
            List<Long> sizes = new ArrayList<>();
            List<byte[]> windows = new ArrayList<>();
            for (int k = 0; inst.exports().containsKey("m" + k); k++) {
                MemoryInstance mem = inst.memory("m" + k);
                long size = mem.byteSize();
                sizes.add(size);
                if (size <= 3 * WINDOW) {
                    windows.add(mem.read(0, (int) size));
                } else {
                    // the start and the windows around 2^31 and 2^32, as far as the memory reaches
                    // (grows in run() can leave a memory anywhere between 3 windows and 4 GiB)
                    windows.add(mem.read(0, (int) WINDOW));
                    addWindow(windows, mem, (1L << 31) - WINDOW, (1L << 31) + WINDOW, size);
                    addWindow(windows, mem, (1L << 32) - WINDOW, size, size);
                }
            }
            return new Run(outcomes, sizes, windows, JitCoverage.of(store));
        }
    }

    /** The bytes of [from, to) that lie below {@code size}, when there are any past the first window. */
    private static void addWindow(List<byte[]> windows, MemoryInstance mem, long from, long to, long size) {
        long start = Math.max(from, WINDOW);
        long end = Math.min(to, size);
        if (start < end) {
            windows.add(mem.read(start, Math.toIntExact(end - start)));
        }
    }

    private static String call(FunctionInstance f, long... args) {
        try {
            return java.util.Arrays.toString(f.call(args));
        } catch (Trap t) {
            return "trap " + t.getMessage();
        }
    }

    static void checkSame(String wat, long[][] args, int optLevel) {
        Module m = JitDifferentialProperties.compile(wat);
        Run interp = run(m, RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER), args);
        Run jit = run(m, RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withOptLevel(optLevel), args);
        assertEquals(new JitCoverage(m.functions().size(), 0, Map.of()), jit.coverage(),
                () -> "not every function ran natively at -O" + optLevel + " for\n" + wat);
        assertEquals(interp.outcomes(), jit.outcomes(), () -> "outcomes differ at -O" + optLevel + " for\n" + wat);
        assertEquals(interp.sizes(), jit.sizes(), () -> "memory sizes differ at -O" + optLevel + " for\n" + wat);
        for (int k = 0; k < interp.windows().size(); k++) {
            int window = k;
            assertArrayEquals(interp.windows().get(k), jit.windows().get(k),
                    () -> "memory window " + window + " differs at -O" + optLevel + " for\n" + wat);
        }
        for (String o : jit.outcomes()) {
            Statistics.label("calls").collect(o.contains("trap") ? "trap" : "returned");
        }
    }

    @Property(tries = 150)
    void jitMatchesInterpreterOnWideAndMultipleMemories(@ForAll long seed,
                                                        @ForAll @IntRange(min = 0, max = 2) int optLevel) {
        checkSame(WideMemoryPrograms.module(seed), WideMemoryPrograms.arguments(seed, 6), optLevel);
        Statistics.label("memory 0").collect(WideMemoryPrograms.growsPastFourGib(seed) ? "64-bit, past 4 GiB"
                : WideMemoryPrograms.wide(seed, 0) ? "64-bit" : "32-bit");
    }

    /** Every seed's module is valid, and a fair share grows memory 0 past 4 GiB. */
    @Example
    void theGeneratorCoversFourGibMemories() {
        int big = 0;
        for (long seed = 0; seed < 300; seed++) {
            JitDifferentialProperties.compile(WideMemoryPrograms.module(seed));
            big += WideMemoryPrograms.growsPastFourGib(seed) ? 1 : 0;
        }
        org.junit.jupiter.api.Assertions.assertTrue(big >= 40 && big <= 110, "past 4 GiB: " + big);
    }

    /**
     * Above the 4 GiB line of a 64-bit memory, and at the 2^64 edge: an address just below the
     * end, one byte over, an offset of 2^64 - 1 on a small address (which would wrap to a small
     * address), an address of 2^64 - 8 with a small offset, and offsets at 2^31, 2^32 and 2^63.
     */
    @Example
    void memory64EdgesAboveFourGibAndNearTwoToTheSixtyFour() {
        String wat = """
                (module
                  (memory (export "m0") i64 1)
                  (memory (export "m1") 1)
                  (func (export "big") (result i64) (memory.grow 0 (i64.const 65536)))
                  (func (export "run") (param $x i64) (param $y i64) (param $z i32) (result i64)
                    (i64.store (local.get $x) (local.get $y))
                    (i64.store offset=4294967296 (local.get $y) (local.get $x))
                    (i64.add (i64.add (i64.load (local.get $x)) (i64.load offset=0x80000000 (local.get $y)))
                      (i64.add (i64.load offset=0xFFFFFFFFFFFFFFFF (local.get $y))
                               (i64.load offset=0x8000000000000000 (local.get $y))))))
                """;
        long four = 1L << 32;
        long end = four + 65536; // 65537 pages
        long[][] args = {{four, 0, 0}, {end - 8, 8, 0}, {end - 7, 0, 0}, {four - 4, four - 8, 0}, {-8, 0, 0},
            {0, 0, 0}, {16, 1, 0}, {0x8000_0000L, 0x7FFF_FFF0L, 0}, {Long.MIN_VALUE, 0, 0}, {end - 16, end - four - 8, 0}};
        for (int o = 0; o <= 2; o++) {
            checkSame(wat, args, o);
        }
    }

    /**
     * A counted loop over memory 1 (one page) while memory 0 is four: its accesses must be
     * checked against memory 1's length, in the loop and after the elision of repeated checks.
     * Memory 1 grows between calls while memory 0 is accessed, and the loop then reaches further.
     */
    @Example
    void loopOverMemoryOneIsCheckedAgainstItsOwnLength() {
        String wat = """
                (module
                  (memory (export "m0") 4)
                  (memory (export "m1") 1 3)
                  (func (export "big") (result i64) (i64.const 0))
                  (func (export "run") (param $x i64) (param $y i64) (param $z i32) (result i64)
                    (local $acc i64) (local $i i32)
                    (i64.store 0 (i32.wrap_i64 (local.get $y)) (local.get $x))
                    (local.set $acc (i64.extend_i32_s (memory.grow 1 (i32.wrap_i64 (local.get $y)))))
                    (i64.store 0 offset=8 (i32.wrap_i64 (local.get $y)) (local.get $acc))
                    (block $out (loop $top
                      (br_if $out (i32.ge_u (local.get $i) (local.get $z)))
                      (local.set $acc (i64.add (local.get $acc) (i64.load 1 (i32.shl (local.get $i) (i32.const 3)))))
                      (i64.store 1 offset=8 (i32.shl (local.get $i) (i32.const 3)) (local.get $acc))
                      (local.set $acc (i64.add (local.get $acc) (i64.load 0 (i32.shl (local.get $i) (i32.const 3)))))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br $top)))
                    (local.get $acc)))
                """;
        // 8191 iterations fit one page of memory 1 (the store at 8i + 8 reaches 65536 at i = 8191);
        // 8192 trap there, after the stores of the earlier iterations; after a grow, 8192 fit.
        long[][] args = {{5, 0, 100}, {6, 0, 8191}, {7, 0, 8192}, {8, 1, 8192}, {9, 0, 16384}, {10, 5, 3},
            {11, 0, 24576}};
        for (int o = 0; o <= 2; o++) {
            checkSame(wat, args, o);
        }
    }
}
