package perf.baseline;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The source checkout the tests run in, and external commands run from its root. */
final class Checkout {
    private Checkout() {
    }

    /** The repository root: the nearest directory above the working directory with pom.xml, modules/ and wasmoon. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("modules"))
                    && Files.isRegularFile(p.resolve("wasmoon"))) {
                return p;
            }
        }
        return fail("no wasmoon checkout above " + Path.of("").toAbsolutePath());
    }

    record Result(int exit, String stdout, String stderr) {
    }

    /** Runs a command in the checkout root; fails the test when it cannot start or outlives the timeout. */
    static Result run(long timeoutSec, String... command) {
        Path root = root();
        try {
            Path out = Files.createTempFile("checkout-run", ".out");
            Path err = Files.createTempFile("checkout-run", ".err");
            try {
                Process p = new ProcessBuilder(command).directory(root.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                    List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
                    tree.forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    return fail(String.join(" ", command) + ": still running after " + timeoutSec + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return fail("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }

    /** Builds the runtime image if needed (./wasmoon --version) and fails loudly when that does not work. */
    static Path builtLauncher() {
        Path launcher = root().resolve("wasmoon");
        Result r = run(1200, launcher.toString(), "--version");
        if (r.exit() != 0 || !r.stdout().startsWith("wasmoon ")) {
            fail("./wasmoon could not be built or run (exit " + r.exit() + "):\n" + r.stdout() + r.stderr());
        }
        return launcher;
    }
}
