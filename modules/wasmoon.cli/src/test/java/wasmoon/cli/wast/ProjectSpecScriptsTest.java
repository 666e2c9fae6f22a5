package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import wasm.runtime.ExecutionTier;
import wasmoon.cli.wast.IsolatedSuiteRun.Results;
import wasmoon.cli.wast.SuiteExpectations.Counts;

/**
 * Runs the project's own scripts in spec/ and spec/fuzz/ (top level of the
 * repository) on the interpreter (in this JVM) and on the JIT in strict mode
 * (in child JVMs, so a crash of native code fails only its script): every
 * command must pass on both tiers, and on the JIT every function must run
 * natively.
 */
class ProjectSpecScriptsTest {
    private static List<String> scripts(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            fail("missing the project's spec script directory " + dir);
        }
        List<String> scripts;
        // spec/*.wast and the fuzzer's regression scripts, spec/fuzz/*.wast (docs/fuzzing.md).
        try (Stream<Path> entries = Files.walk(dir, 2)) {
            scripts = entries.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".wast")).sorted().toList();
        }
        assertTrue(!scripts.isEmpty(), "no .wast scripts in " + dir);
        return scripts;
    }

    @TestFactory
    Stream<DynamicTest> onTheInterpreter() throws IOException {
        Path dir = ProjectPaths.repoRoot().resolve("spec");
        WastRunner runner = WastRunner.quiet(ExecutionTier.INTERPRETER);
        return scripts(dir).stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            FileReport report = runner.runFile(dir.resolve(name), name);
            List<CommandResult> bad = report.nonPassing();
            if (!bad.isEmpty()) {
                fail(SummaryPrinter.fileLine(report) + "\n" + bad.stream()
                        .map(r -> SummaryPrinter.failureLine(name, r) + " [" + r.status().label() + "]")
                        .collect(Collectors.joining("\n")));
            }
            assertTrue(report.passed() > 0, name + " has no commands");
        }));
    }

    @TestFactory
    Stream<DynamicTest> onTheJit() throws IOException, InterruptedException {
        Path dir = ProjectPaths.repoRoot().resolve("spec");
        List<String> scripts = scripts(dir);
        Map<String, String> groups = new HashMap<>();
        scripts.forEach(s -> groups.put(s, "spec"));
        Results results = IsolatedSuiteRun.run(ExecutionTier.JIT, true, dir, scripts, groups);
        return scripts.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Counts counts = results.counts().get(name);
            if (counts.crashed() || counts.failed() > 0 || counts.skipped() > 0 || counts.passed() == 0) {
                fail(name + ": " + counts.describe() + "\n"
                        + String.join("\n", results.failures().getOrDefault(name, List.of())));
            }
            // Strict mode refuses fallbacks; the count proves the functions were there and native.
            assertEquals(0, results.interpreted().get(name), name + ": interpreted functions");
            assertTrue(counts.functions() > 0, name + ": no function compiled");
        }));
    }
}
