package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import wasm.core.binary.ModuleEncoder;

/**
 * Runs the execution assertions of the official spec suite's MVP and 2.0
 * scripts (non-SIMD) in both tiers: the interpreter, the JIT with per-function
 * fallback, and (for the scripts in {@link SpecSuiteFiles#JIT_STRICT}) the JIT
 * with no fallback allowed. Every listed script must pass completely; the
 * suite location comes from the {@code wasm.testsuite} system property and a
 * missing suite fails loudly.
 */
class SpecSuiteTest {
    static Stream<String> scripts() {
        return Stream.of(SpecSuiteFiles.PASSING);
    }

    static Stream<String> strictScripts() {
        return Stream.of(SpecSuiteFiles.JIT_STRICT);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void interpreter(String file) throws IOException {
        check(file, RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER));
    }

    /** Eager compilation: every function of every module is compiled, called or not. */
    @ParameterizedTest
    @MethodSource("scripts")
    void jit(String file) throws IOException {
        SpecScriptRunner r = check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT)
                .withCompilePolicy(CompilePolicy.EAGER));
        System.out.println("[jit] " + file + ": " + r.coverage.summary() + " " + r.coverage.fallbackReasons());
        // JIT ABI v2 carries every mvp/2.0 signature: a fallback here is a regression
        assertEquals(0, r.coverage.interpretedFunctions(), () -> file + ": " + r.coverage);
    }

    /** Lazy compilation (the default): each function compiled at its first call, none falls back. */
    @ParameterizedTest
    @MethodSource("scripts")
    void jitLazy(String file) throws IOException {
        SpecScriptRunner r = check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT)
                .withCompilePolicy(CompilePolicy.LAZY));
        assertEquals(0, r.coverage.interpretedFunctions(), () -> file + ": " + r.coverage);
    }

    /**
     * The baseline compiler alone (never tiering up): every function it compiles runs its code, the
     * rest the optimizing tier's; none falls back to the interpreter. Which scripts it compiles at all
     * is {@link #baselineCompilesMostOfTheSuite}'s concern.
     */
    @ParameterizedTest
    @MethodSource("scripts")
    void jitBaseline(String file) throws IOException {
        SpecScriptRunner r = check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT)
                .withCompilePolicy(CompilePolicy.BASELINE));
        assertEquals(0, r.coverage.interpretedFunctions(), () -> file + ": " + r.coverage);
        assertEquals(0, r.tiers.tieredUp(), () -> file + ": " + r.tiers);
    }

    /**
     * Tiered with a zero budget: every baseline function asks for tier-up at its first entry, so calls
     * meet both tiers' code of one function (whichever the tier-up thread has finished) in any mix.
     */
    @ParameterizedTest
    @MethodSource("scripts")
    void jitTieredAtOnce(String file) throws IOException {
        SpecScriptRunner r = check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT)
                .withCompilePolicy(CompilePolicy.TIERED).withTierUpBudget(0));
        assertEquals(0, r.coverage.interpretedFunctions(), () -> file + ": " + r.coverage);
    }

    /**
     * The baseline compiler is no empty shell: across the scripts that run many functions it compiles
     * the great majority of the functions that run (the rest, SIMD, references, bulk memory and the
     * like, go to the optimizing tier).
     */
    @Test
    void baselineCompilesMostOfTheSuite() throws IOException {
        long baseline = 0;
        long total = 0;
        for (String file : List.of("i32.wast", "i64.wast", "f32.wast", "f64.wast", "conversions.wast",
                "call_indirect.wast", "switch.wast", "br_if.wast", "loop.wast", "block.wast", "memory.wast",
                "labels.wast", "stack.wast", "traps.wast", "memory_trap.wast", "unwind.wast",
                "float_exprs.wast", "int_exprs.wast", "left-to-right.wast", "fac.wast")) {
            SpecScriptRunner r = check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT)
                    .withCompilePolicy(CompilePolicy.BASELINE));
            System.out.println("[baseline] " + file + ": " + r.tiers + " of " + r.coverage.nativeFunctions());
            baseline += r.tiers.baselineCompiled();
            total += r.coverage.nativeFunctions();
        }
        long b = baseline;
        long t = total;
        assertTrue(b * 10 >= t * 9, () -> "baseline compiled " + b + " of " + t + " functions");
    }

    /**
     * The tiered-at-once runs do cover on-stack replacement: in the scripts whose functions loop,
     * activations of baseline code move into their functions' entries at the first loop check
     * (and every assertion still passes, {@link #jitTieredAtOnce}).
     */
    @Test
    void tieredAtOnceMovesActivationsInLoops() throws IOException {
        long moved = 0;
        for (String file : List.of("loop.wast", "fac.wast", "br_if.wast", "labels.wast", "float_exprs.wast")) {
            SpecScriptRunner r = check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT)
                    .withJitStrict(true).withCompilePolicy(CompilePolicy.TIERED).withTierUpBudget(0));
            System.out.println("[osr] " + file + ": " + r.tiers);
            moved += r.tiers.osrEntries();
        }
        long m = moved;
        assertTrue(m >= 50, () -> "activations moved into an OSR entry: " + m);
    }

    /** Strict under both policies: lazily compiled functions still never run in the interpreter. */
    @ParameterizedTest
    @MethodSource("strictScripts")
    void jitStrict(String file) throws IOException {
        check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withCompilePolicy(CompilePolicy.EAGER));
        check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withCompilePolicy(CompilePolicy.LAZY));
        check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withCompilePolicy(CompilePolicy.TIERED).withTierUpBudget(0));
    }

    /**
     * Code cache round trip on the spec suite's modules: each module is compiled eagerly, written as a
     * .cwasm, read back (the same bytes are written again: read-then-write is the identity) and
     * instantiated from the file's code alone; every assertion must pass as with a fresh compile.
     */
    @ParameterizedTest
    @MethodSource("roundTripScripts")
    void precompiledRoundTrip(String file) throws IOException {
        RuntimeOptions options = RuntimeOptions.defaults().withTier(ExecutionTier.JIT)
                .withCompilePolicy(CompilePolicy.LAZY);
        int[] modules = new int[1];
        SpecScriptRunner r = check(file, options, m -> {
            byte[] wasm = ModuleEncoder.encode(m);
            PrecompiledModule compiled = PrecompiledModule.compile(m, wasm, options);
            byte[] cwasm = compiled.serialize();
            PrecompiledModule loaded = PrecompiledModule.deserialize(cwasm);
            assertArrayEquals(cwasm, loaded.serialize(), "load then write changed the file");
            assertEquals(compiled.compiledFunctions(), loaded.compiledFunctions());
            modules[0]++;
            return loaded;
        });
        assertTrue(modules[0] > 0, "no module went through the cache");
        assertEquals(0, r.coverage.interpretedFunctions(), r.coverage.toString());
    }

    static Stream<String> roundTripScripts() {
        return Stream.of("fac.wast", "call_indirect.wast", "func_ptrs.wast", "memory.wast", "i64.wast", "f64.wast",
                "conversions.wast", "bulk.wast", "start.wast", "table_grow.wast", "memory_trap.wast", "traps.wast",
                "float_exprs.wast", "left-to-right.wast", "spec/test/core/memory_grow.wast");
    }

    /**
     * fac.wast's $pick0/$pick1 return several values (JIT ABI v2): under the JIT every one of its
     * functions is native, none falls back.
     */
    @Test
    void facRunsEntirelyNative() throws IOException {
        SpecScriptRunner r = check("fac.wast", RuntimeOptions.defaults().withTier(ExecutionTier.JIT));
        assertEquals(0, r.coverage.interpretedFunctions(), r.coverage.toString());
        assertEquals(Map.of(), r.coverage.fallbackReasons());
        assertTrue(r.coverage.nativeFunctions() > 0, r.coverage.toString());
    }

    static SpecScriptRunner check(String file, RuntimeOptions options) throws IOException {
        return check(file, options, null);
    }

    static SpecScriptRunner check(String file, RuntimeOptions options,
                                  java.util.function.Function<wasm.core.model.Module, PrecompiledModule> precompile)
            throws IOException {
        Path dir = Path.of(System.getProperty("wasm.testsuite", "../../../shared/wasm-testsuite"));
        Path p = dir.resolve(file);
        assertTrue(Files.isRegularFile(p), "spec suite file missing: " + p.toAbsolutePath());
        SpecScriptRunner r = SpecScriptRunner.run(Files.readString(p), file, options, precompile);
        assertTrue(r.failures.isEmpty(), r.failures.size() + " failures (" + r.passed + " passed):\n"
                + String.join("\n", r.failures.subList(0, Math.min(30, r.failures.size()))));
        assertTrue(r.passed > 0, "no assertion ran");
        return r;
    }
}
