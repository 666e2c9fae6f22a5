package wasmoon.cli.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the fuzzer finds the repository's files, from a test run (module dir) or a script (repo root). */
final class FuzzPaths {
    private FuzzPaths() {
    }

    static Path repoRoot() {
        String basedir = System.getProperty("basedir");
        Path dir = Path.of(basedir != null && !basedir.isBlank() ? basedir : System.getProperty("user.dir"))
                .toAbsolutePath().normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("scripts/fuzz/run-node.mjs"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository root (scripts/fuzz/run-node.mjs) from " + dir);
    }

    /** The V8 side of the fuzzer. */
    static Path nodeRunner() {
        return repoRoot().resolve("scripts/fuzz/run-node.mjs");
    }

    /** The regression scripts the fuzzer writes, run by the build with the project's other spec scripts. */
    static Path regressionDir() {
        return repoRoot().resolve("spec/fuzz");
    }
}
