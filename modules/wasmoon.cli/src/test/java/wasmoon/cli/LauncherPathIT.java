package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * bin/wasmoon from an image whose path holds a space (a directory link to the built image): the
 * launcher passes the AOT cache's path to the JVM as one argument, so the run works and the
 * cache maps.
 */
class LauncherPathIT {
    @Test
    void anImagePathWithASpaceRunsWithItsAotCache() throws IOException {
        Path image = ImageLauncher.launcher().getParent().getParent().toAbsolutePath();
        Path dir = Files.createTempDirectory("launcher path");
        Path link = dir.resolve("wasmoon image");
        try {
            Files.createSymbolicLink(link, image);
            ImageLauncher.Result r = ImageLauncher.run(120, "env", "WASMOON_JAVA_OPTIONS=-Xlog:aot=error",
                    link.resolve("bin").resolve("wasmoon").toString(), "run", "examples/fac.wasm",
                    "--invoke", "fac", "--arg", "5");
            assertEquals(0, r.exit(), r.stderr());
            assertEquals("120", r.stdout().strip());
            assertFalse(r.stderr().contains("[error][aot]"), r.stderr());
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(dir);
        }
    }
}
