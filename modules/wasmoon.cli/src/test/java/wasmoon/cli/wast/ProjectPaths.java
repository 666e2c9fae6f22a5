package wasmoon.cli.wast;

import java.nio.file.Path;

/** Where the tests find the module, the repository root and the official suite. */
final class ProjectPaths {
    private ProjectPaths() {
    }

    /** The wasmoon.cli module directory (surefire's {@code basedir}, else the working directory). */
    static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null && !basedir.isBlank() ? basedir : System.getProperty("user.dir"))
                .toAbsolutePath().normalize();
    }

    static Path repoRoot() {
        return moduleDir().resolve("../..").normalize();
    }

    /** The official suite: property {@code wasm.testsuite}, default {@code ../shared/wasm-testsuite} from the repo root. */
    static Path testsuite() {
        String property = System.getProperty("wasm.testsuite");
        if (property != null && !property.isBlank() && !property.contains("${")) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        return repoRoot().resolve("../shared/wasm-testsuite").normalize();
    }

    /**
     * Where the JVMs the tests start write their crash logs ({@code -XX:ErrorFile}): the
     * property {@code wasmoon.crashLogs} (set by the POM to the module's build directory,
     * which the build checks for hs_err logs after the tests), else {@code target}.
     */
    static Path crashLogs() {
        String property = System.getProperty("wasmoon.crashLogs");
        if (property != null && !property.isBlank() && !property.contains("${")) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        return moduleDir().resolve("target");
    }

    static boolean bless() {
        return Boolean.parseBoolean(System.getProperty("bless"));
    }
}
