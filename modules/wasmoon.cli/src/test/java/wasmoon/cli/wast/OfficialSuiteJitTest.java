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
 * The official suite on the JIT tier, against its own expectations file
 * (official-suite-expectations-jit.tsv). Native code can kill the JVM, so the
 * files run in child JVMs ({@link IsolatedSuiteRun}); a file that kills its
 * JVM is recorded as crashed. A crash is reported loudly (it is the most urgent
 * kind of bug) and is part of the reviewed expectations like any count.
 */
class OfficialSuiteJitTest {
    static final String EXPECTATIONS = "src/test/resources/wasmoon/cli/wast/official-suite-expectations-jit.tsv";

    @TestFactory
    Stream<DynamicTest> officialSuiteOnTheJit() throws IOException {
        Path suite = ProjectPaths.testsuite();
        List<SuiteFile> files = SuiteExpectations.readIndex(SuiteExpectations.index(suite));
        Path expectationsFile = ProjectPaths.moduleDir().resolve(EXPECTATIONS);
        Map<String, Counts> expected = SuiteExpectations.read(expectationsFile);
        boolean bless = ProjectPaths.bless();
        Results[] results = new Results[1];

        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("run the suite in child JVMs", () -> results[0] = runAll(suite, files)));
        for (SuiteFile file : files) {
            tests.add(DynamicTest.dynamicTest(file.path() + " [" + file.group() + "]", () -> {
                if (results[0] == null) {
                    fail("the suite did not run");
                }
                Counts counts = results[0].counts().get(file.path());
                String change = SuiteExpectations.change(file.path(), expected.get(file.path()), counts,
                        results[0].failures().getOrDefault(file.path(), List.of()));
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
        return IsolatedSuiteRun.run(ExecutionTier.JIT, suite, files.stream().map(SuiteFile::path).toList(), groups);
    }
}
