package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    @ParameterizedTest
    @MethodSource("scripts")
    void jit(String file) throws IOException {
        SpecScriptRunner r = check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT));
        System.out.println("[jit] " + file + ": " + r.coverage.summary() + " " + r.coverage.fallbackReasons());
        // JIT ABI v2 carries every mvp/2.0 signature: a fallback here is a regression
        assertEquals(0, r.coverage.interpretedFunctions(), () -> file + ": " + r.coverage);
    }

    @ParameterizedTest
    @MethodSource("strictScripts")
    void jitStrict(String file) throws IOException {
        check(file, RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true));
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
        Path dir = Path.of(System.getProperty("wasm.testsuite", "../../../shared/wasm-testsuite"));
        Path p = dir.resolve(file);
        assertTrue(Files.isRegularFile(p), "spec suite file missing: " + p.toAbsolutePath());
        SpecScriptRunner r = SpecScriptRunner.run(Files.readString(p), file, options);
        assertTrue(r.failures.isEmpty(), r.failures.size() + " failures (" + r.passed + " passed):\n"
                + String.join("\n", r.failures.subList(0, Math.min(30, r.failures.size()))));
        assertTrue(r.passed > 0, "no assertion ran");
        return r;
    }
}
