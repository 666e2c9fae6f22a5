package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runtime image that {@code mvn package} built, and external commands run
 * from the repository root. The image tests (*IT) run in Maven's
 * integration-test phase, after the image exists; a missing image fails them.
 */
final class ImageLauncher {
    private ImageLauncher() {
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

    /** Runs a command in the repository root; fails the test when it cannot start or outlives the timeout. */
    static Result run(long timeoutSec, String... command) {
        Path root = root();
        try {
            Path out = Files.createTempFile("image-run", ".out");
            Path err = Files.createTempFile("image-run", ".err");
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

    /** bin/wasmoon of the image named by the {@code wasmoon.image} system property (set by the POM). */
    static Path launcher() {
        String image = System.getProperty("wasmoon.image");
        if (image == null || image.isBlank()) {
            return fail("system property wasmoon.image is not set: run the image tests through Maven (mvn verify)");
        }
        Path launcher = Path.of(image, "bin", "wasmoon");
        if (!Files.isExecutable(launcher)) {
            return fail("the runtime image is missing: " + launcher + " (mvn package builds it)");
        }
        return launcher;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
