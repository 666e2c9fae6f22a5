package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import wasm.backend.CpuFeatures;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.JitCoverage;

/**
 * Differential testing of the JIT's vector code: generated modules over every vector instruction
 * ({@link SimdPrograms}) run in the interpreter and in the JIT (strict: every function native) at
 * -O0, -O1 and -O2, each with AVX (VEX three-operand encodings) and with AVX and SSE4.2 forced
 * off ({@code -Dwasmoon.cpu.disable=avx,avx2,sse42}: legacy SSE, blendv's mask in xmm0, the
 * i64x2 signed comparisons without pcmpgtq), on vectors with
 * edge lanes. Results, traps and memory must match bit for bit, except the lanes of a float
 * vector produced by arithmetic, where a NaN may be any NaN (Wasm leaves its payload open).
 */
class SimdDifferentialProperties {
    private static final int CALLS = 4;

    /** One call's outcome: the result slots (two longs per v128), or the trap message. */
    private record Outcome(long[] results, String trap) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && Arrays.equals(results, other.results)
                    && Objects.equals(trap, other.trap);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(results);
        }

        @Override
        public String toString() {
            return trap != null ? "trap " + trap : Arrays.toString(Arrays.stream(results)
                    .mapToObj(Long::toHexString).toArray());
        }
    }

    private record Run(List<Outcome> outcomes, byte[] memory, JitCoverage coverage) {
    }

    private static Run run(Module m, SimdPrograms.Program p, long[][] args, RuntimeOptions options) {
        try (Store store = new Store(options)) {
            Instance inst = store.instantiate(m, ImportResolver.NONE);
            List<Outcome> outcomes = new ArrayList<>();
            for (SimdPrograms.Func f : p.functions()) {
                FunctionInstance fi = (FunctionInstance) inst.export(f.name());
                for (long[] a : args) {
                    try {
                        outcomes.add(new Outcome(fi.call(a), null));
                    } catch (Trap t) {
                        outcomes.add(new Outcome(null, t.getMessage()));
                    }
                }
            }
            MemoryInstance mem = inst.memory("mem");
            return new Run(outcomes, mem.read(0, (int) mem.byteSize()), JitCoverage.of(store));
        }
    }

    /** Runs {@code body} with {@code features} turned off for the compilers it creates. */
    private static <T> T withCpuDisabled(String features, java.util.function.Supplier<T> body) {
        String saved = System.getProperty(CpuFeatures.DISABLE_PROPERTY);
        if (features.isEmpty()) {
            System.clearProperty(CpuFeatures.DISABLE_PROPERTY);
        } else {
            System.setProperty(CpuFeatures.DISABLE_PROPERTY, features);
        }
        try {
            return body.get();
        } finally {
            if (saved == null) {
                System.clearProperty(CpuFeatures.DISABLE_PROPERTY);
            } else {
                System.setProperty(CpuFeatures.DISABLE_PROPERTY, saved);
            }
        }
    }

    /** An f32 (or f64) lane of both is NaN: the same for this comparison. */
    private static long tolerateNans(String shape, long expected, long actual) {
        if (shape.equals("f64x2")) {
            return Double.isNaN(Double.longBitsToDouble(expected)) && Double.isNaN(Double.longBitsToDouble(actual))
                    ? actual : expected;
        }
        long out = 0;
        for (int k = 0; k < 2; k++) {
            int e = (int) (expected >>> (32 * k));
            int a = (int) (actual >>> (32 * k));
            int lane = Float.isNaN(Float.intBitsToFloat(e)) && Float.isNaN(Float.intBitsToFloat(a)) ? a : e;
            out |= (lane & 0xFFFF_FFFFL) << (32 * k);
        }
        return out;
    }

    /** Checks the program of {@code seed}; returns its calls' outcomes in the interpreter, "returned" or "trap". */
    static List<String> checkSame(long seed) {
        SimdPrograms.Program p = SimdPrograms.program(seed);
        Module m = WatParser.parseModule(p.wat());
        Validator.validate(m);
        long[][] calls = SimdPrograms.arguments(seed, CALLS);
        Run interp = run(m, p, calls, RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER));
        for (String disabled : List.of("", "avx,avx2,sse42")) {
            for (int opt = 0; opt <= 2; opt++) {
                RuntimeOptions options = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                        .withOptLevel(opt);
                Run jit = withCpuDisabled(disabled, () -> run(m, p, calls, options));
                String where = "-O" + opt + (disabled.isEmpty() ? "" : " without " + disabled) + " (seed " + seed
                        + ", arguments " + Arrays.deepToString(calls) + ") for\n" + p.wat();
                assertEquals(new JitCoverage(m.functions().size(), 0, Map.of()), jit.coverage(),
                        () -> "not every function ran natively at " + where);
                List<Outcome> expected = new ArrayList<>();
                for (int i = 0; i < interp.outcomes().size(); i++) {
                    Outcome e = interp.outcomes().get(i);
                    Outcome a = jit.outcomes().get(i);
                    String shape = p.functions().get(i / CALLS).arithShape();
                    if (shape != null && e.results() != null && a.results() != null) {
                        long[] r = e.results().clone();
                        for (int k = 0; k < r.length; k++) {
                            r[k] = tolerateNans(shape, r[k], a.results()[k]);
                        }
                        e = new Outcome(r, null);
                    }
                    expected.add(e);
                }
                assertEquals(expected, jit.outcomes(), () -> "outcomes differ at " + where);
                assertArrayEquals(interp.memory(), jit.memory(), () -> "memory differs at " + where);
            }
        }
        return interp.outcomes().stream().map(o -> o.trap() == null ? "returned" : "trap").toList();
    }

    @Property(tries = 200)
    void jitMatchesInterpreterOnVectorCode(@ForAll long seed) {
        checkSame(seed).forEach(kind -> Statistics.label("calls").collect(kind));
    }

    /** The generator reaches every family of vector instruction in useful amounts. */
    @Example
    void generatorCoversTheVectorInstructions() {
        Map<String, Integer> seen = new TreeMap<>();
        String[] wanted = {"i8x16.shuffle", "i8x16.swizzle", "relaxed_swizzle", ".shl", ".shr_s", ".shr_u",
            "i64x2.mul", "i8x16.popcnt", "f32x4.min", "f64x2.max", "trunc_sat_f32x4_u", "trunc_sat_f64x2_u_zero",
            "convert_i32x4_u", "convert_low_i32x4_u", "q15mulr_sat_s", "dot_i16x8_s", "extmul_high", "extadd_pairwise",
            "narrow", "extend_high", "bitmask", "all_true", "any_true", "relaxed_laneselect", "relaxed_madd",
            "relaxed_nmadd", "relaxed_dot", "demote_f64x2_zero", "promote_low_f32x4", "replace_lane", "extract_lane",
            "load8_lane", "store64_lane", "load32_zero", "load16_splat", "load8x8_s", "call $wide", "nearest",
            "i64x2.gt_s", "i8x16.ge_u", "f64x2.ne", "splat", "(loop $next"};
        for (long seed = 0; seed < 200; seed++) {
            String wat = SimdPrograms.program(seed).wat();
            for (String w : wanted) {
                int n = 0;
                for (int at = wat.indexOf(w); at >= 0; at = wat.indexOf(w, at + 1)) {
                    n++;
                }
                seen.merge(w, n, Integer::sum);
            }
        }
        for (String w : wanted) {
            assertTrue(seen.get(w) >= (w.startsWith("(loop") ? 30 : 10), w + " appears only " + seen.get(w) + " times: " + seen);
        }
    }
}
