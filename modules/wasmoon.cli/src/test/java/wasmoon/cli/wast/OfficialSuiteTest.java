package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import wasm.runtime.ExecutionTier;
import wasmoon.cli.wast.SuiteExpectations.Counts;
import wasmoon.cli.wast.SuiteExpectations.SuiteFile;

/**
 * Runs every file of the official spec suite listed in its FILES.tsv (groups
 * mvp, 2.0, simd, 3.0+) on the interpreter, the oracle tier, in this JVM, and
 * compares each file's passed, failed and skipped counts, its skips per
 * unsupported feature and its number of instantiated functions with the
 * checked-in expectations ({@link SuiteExpectations}). Any change, better or
 * worse, fails, a changed skip reason included: the expectations file is the
 * reviewed record of conformance. Regenerate it with {@code -Dbless=true} and
 * review the diff. {@link OfficialSuiteJitTest} does the same for the JIT.
 */
class OfficialSuiteTest {
    static final String EXPECTATIONS = "src/test/resources/wasmoon/cli/wast/official-suite-expectations.tsv";

    @TestFactory
    Stream<DynamicTest> officialSuite() throws IOException {
        Path suite = ProjectPaths.testsuite();
        List<SuiteFile> files = SuiteExpectations.readIndex(SuiteExpectations.index(suite));
        Path expectationsFile = ProjectPaths.moduleDir().resolve(EXPECTATIONS);

        Map<String, Counts> actual = new TreeMap<>();
        Map<String, List<String>> failures = new TreeMap<>();
        Map<String, Long> nanosByGroup = new TreeMap<>();
        boolean bless = ProjectPaths.bless();
        // Blessing rewrites the file, whatever it holds (even an older format).
        Map<String, Counts> expected = bless ? Map.of() : SuiteExpectations.read(expectationsFile);
        WastRunner runner = WastRunner.quiet(ExecutionTier.INTERPRETER);

        List<DynamicTest> tests = new ArrayList<>();
        for (SuiteFile file : files) {
            tests.add(DynamicTest.dynamicTest(file.path() + " [" + file.group() + "]", () -> {
                long start = System.nanoTime();
                FileReport report = runner.runFile(suite.resolve(file.path()), file.path());
                nanosByGroup.merge(file.group(), System.nanoTime() - start, Long::sum);
                Counts counts = Counts.of(file.group(), report);
                actual.put(file.path(), counts);
                failures.put(file.path(), SuiteExpectations.firstFailures(file.path(), report));
                String change = SuiteExpectations.change(file.path(), expected.get(file.path()), counts,
                        failures.get(file.path()));
                if (!bless && change != null) {
                    fail(change);
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("expectations file", () -> {
            SuiteExpectations.printSummary("official suite (interpreter)", nanosByGroup, actual);
            SuiteExpectations.checkOrBless(expectationsFile, expected, actual, failures, bless);
        }));
        return tests.stream();
    }
}
