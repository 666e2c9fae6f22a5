package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The image's AOT cache was trained: the build's training run (a failure there does not fail the
 * build, it only costs start-up time) ran every command line it was given and wrote the cache.
 */
class AotTrainingIT {
    @Test
    void theTrainingRanEveryCommandLineAndWroteTheCache() throws IOException {
        Path log = Path.of("target", "aot-training.log");
        assertTrue(Files.isRegularFile(log), "the build's training log " + log.toAbsolutePath() + " is missing");
        String text = Files.readString(log);
        assertFalse(text.contains("wasmoon: " + AotTraining.COMMAND + ": exit"), text);
        assertTrue(text.contains("AOTCache creation is complete"), text);
        assertTrue(text.contains("box_easy2: 1 round trips"), text);
        assertTrue(Files.isRegularFile(ImageLauncher.launcher().getParent().resolve("../lib/wasmoon.aot").normalize()));
    }
}
