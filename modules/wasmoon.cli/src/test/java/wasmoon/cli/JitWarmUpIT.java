package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A whole {@code run} process through the image's launcher makes the JIT's FFM linkage (the JDK's
 * generated downcall stub class, which the JVM logs as it loads it) only when the run needs native
 * code: a loop-free call ends in the interpreter without it, a loop runs natively with it.
 */
class JitWarmUpIT {
    private static final String DOWNCALL_CLASS = "jdk.internal.foreign.abi.DowncallStub";

    /** The class-load log of {@code run examples/fac.wasm --invoke FUNC --arg 20}, its output checked. */
    private static String classesLoadedBy(String function) throws IOException {
        Path log = Files.createTempFile("jit-warm-up", ".log");
        Path cache = Files.createTempDirectory("jit-warm-up-cache");
        try {
            String script = "WASMOON_CACHE_DIR=\"$1\" WASMOON_JAVA_OPTIONS=\"-Xlog:class+load:file=$2\" \"$0\" run"
                    + " examples/fac.wasm --invoke " + function + " --arg 20";
            ImageLauncher.Result r = ImageLauncher.run(120, "sh", "-c", script,
                    ImageLauncher.launcher().toString(), cache.toString(), log.toString());
            assertEquals(0, r.exit(), r.stderr());
            assertEquals("2432902008176640000", r.stdout().strip());
            return Files.readString(log);
        } finally {
            Files.deleteIfExists(log);
            ImageLauncher.deleteTree(cache);
        }
    }

    @Test
    void aLoopFreeCallEndsWithoutTheJitsLinkage() throws IOException {
        String loaded = classesLoadedBy("fac");
        assertTrue(loaded.contains("wasm.runtime.internal.interp."), "the log names the classes loaded");
        assertFalse(loaded.contains(DOWNCALL_CLASS), "no downcall stub class for a run the interpreter ends");
    }

    @Test
    void aLoopRunsNativelyWithIt() throws IOException {
        assertTrue(classesLoadedBy("fac_iter").contains(DOWNCALL_CLASS));
    }
}
