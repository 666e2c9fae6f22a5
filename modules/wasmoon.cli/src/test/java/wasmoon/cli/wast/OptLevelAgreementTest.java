package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;

/**
 * The optimisation level changes code, never results: every command of the
 * official i32, i64 and float_exprs scripts has the same outcome (status and
 * detail) at -O0, -O1 and -O2, in strict JIT mode so no function hides in the
 * interpreter.
 */
class OptLevelAgreementTest {
    @ParameterizedTest
    @ValueSource(strings = {"i32.wast", "i64.wast", "float_exprs.wast"})
    void optLevelsAgree(String name) {
        Path file = ProjectPaths.testsuite().resolve(name);
        assertTrue(Files.isRegularFile(file), "official suite file missing (set -Dwasm.testsuite): " + file);
        FileReport o2 = run(file, 2);
        assertTrue(o2.passed() > 0, SummaryPrinter.fileLine(o2));
        assertEquals(0, o2.coverage().interpretedFunctions(), o2.coverage().toString());
        for (int level = 0; level <= 1; level++) {
            FileReport other = run(file, level);
            assertEquals(o2.results(), other.results(), "-O" + level + " vs -O2 on " + name);
            assertEquals(o2.coverage(), other.coverage(), "-O" + level + " vs -O2 on " + name);
        }
    }

    private static FileReport run(Path file, int optLevel) {
        RuntimeOptions options = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withOptLevel(optLevel);
        return new WastRunner(new PrintStream(OutputStream.nullOutputStream()), options)
                .runFile(file, file.getFileName().toString());
    }
}
