package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import wasm.runtime.ExecutionTier;
import wasmoon.cli.wast.SuiteExpectations.Counts;
import wasmoon.cli.wast.IsolatedSuiteRun.Results;
import wasmoon.cli.wast.SuiteExpectations.SuiteFile;

/**
 * The official suite on the JIT tier, in strict mode (a function the JIT cannot
 * compile fails its module instead of running in the interpreter), against its
 * own expectations file (official-suite-expectations-jit.tsv). For every file,
 * whatever the expectations say, no function may be interpreted, and the
 * functions compiled must be as many as the interpreter tier instantiates
 * (official-suite-expectations.tsv), so a JIT that quietly left functions out
 * fails too. The one exception is written down: a module that needs a feature the
 * JIT does not compile yet (a {@code wasm.core.JitGap}) is refused in strict mode, its
 * commands are skipped as {@code jit:FEATURE} in the expectations, and its functions
 * count as refused (native plus refused must still equal the interpreter's count);
 * those entries disappear as the backend learns the features. Native code can kill
 * the JVM, so the files run in child JVMs ({@link IsolatedSuiteRun}); a file that
 * kills its JVM fails, loudly (the most urgent kind of bug), and is never blessed.
 */
class OfficialSuiteJitTest {
    static final String EXPECTATIONS = "src/test/resources/wasmoon/cli/wast/official-suite-expectations-jit.tsv";

    @TestFactory
    Stream<DynamicTest> officialSuiteOnTheJit() throws IOException {
        Path suite = ProjectPaths.testsuite();
        List<SuiteFile> files = SuiteExpectations.readIndex(SuiteExpectations.index(suite));
        Path expectationsFile = ProjectPaths.moduleDir().resolve(EXPECTATIONS);

        boolean bless = ProjectPaths.bless();
        // Blessing rewrites the file, whatever it holds (even an older format).
        Map<String, Counts> expected = bless ? Map.of() : SuiteExpectations.read(expectationsFile);
        Map<String, Counts> interpreter = bless ? Map.of()
                : SuiteExpectations.read(ProjectPaths.moduleDir().resolve(OfficialSuiteTest.EXPECTATIONS));
        Results[] results = new Results[1];

        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("run the suite in child JVMs (strict JIT)",
                () -> results[0] = runAll(suite, files)));
        for (SuiteFile file : files) {
            tests.add(DynamicTest.dynamicTest(file.path() + " [" + file.group() + "]", () -> {
                if (results[0] == null) {
                    fail("the suite did not run");
                }
                Counts counts = results[0].counts().get(file.path());
                List<String> failures = results[0].failures().getOrDefault(file.path(), List.of());
                if (counts.crashed()) {
                    fail(file.path() + ": the JVM crashed\n    " + String.join("\n    ", failures));
                }
                long interpreted = results[0].interpreted().get(file.path());
                if (interpreted != 0) {
                    fail(file.path() + ": " + interpreted + " function(s) interpreted in strict JIT mode");
                }
                Counts onTheInterpreter = interpreter.get(file.path());
                // (Not while blessing: both files may be rewritten in the same run.)
                if (onTheInterpreter != null && onTheInterpreter.functions() != counts.functions()) {
                    fail(file.path() + ": " + counts.functions() + " functions compiled, but the interpreter tier "
                            + "instantiates " + onTheInterpreter.functions() + " (" + OfficialSuiteTest.EXPECTATIONS
                            + ")\n    " + String.join("\n    ", failures));
                }
                String change = SuiteExpectations.change(file.path(), expected.get(file.path()), counts, failures);
                if (!bless && change != null) {
                    fail(change);
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("expectations file", () -> {
            if (results[0] == null) {
                fail("the suite did not run");
            }
            SuiteExpectations.printSummary("official suite (jit)", results[0].nanosByGroup(), results[0].counts());
            SuiteExpectations.checkOrBless(expectationsFile, expected, results[0].counts(), results[0].failures(),
                    bless);
        }));
        return tests.stream();
    }

    private static Results runAll(Path suite, List<SuiteFile> files) throws IOException, InterruptedException {
        Map<String, String> groups = new HashMap<>();
        files.forEach(f -> groups.put(f.path(), f.group()));
        return IsolatedSuiteRun.run(ExecutionTier.JIT, true, suite, files.stream().map(SuiteFile::path).toList(),
                groups);
    }
}
