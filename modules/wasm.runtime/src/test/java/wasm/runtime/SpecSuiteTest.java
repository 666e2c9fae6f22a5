package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the execution assertions of the official spec suite's MVP and 2.0
 * scripts (non-SIMD) through the interpreter. Every listed script must pass
 * completely; the suite location comes from the {@code wasm.testsuite} system
 * property and a missing suite fails loudly.
 */
class SpecSuiteTest {
    static Stream<String> scripts() {
        return Stream.of(SpecSuiteFiles.PASSING);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void script(String file) throws IOException {
        Path dir = Path.of(System.getProperty("wasm.testsuite", "../../../shared/wasm-testsuite"));
        Path p = dir.resolve(file);
        assertTrue(Files.isRegularFile(p), "spec suite file missing: " + p.toAbsolutePath());
        SpecScriptRunner r = SpecScriptRunner.run(Files.readString(p), file);
        assertTrue(r.failures.isEmpty(), r.failures.size() + " failures (" + r.passed + " passed):\n"
                + String.join("\n", r.failures.subList(0, Math.min(30, r.failures.size()))));
        assertTrue(r.passed > 0, "no assertion ran");
    }
}
