package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code WASMOON_PERF_MAP=1} through the image's launcher: the JVM the launcher
 * execs (same pid) writes {@code /tmp/perf-<pid>.map} naming the module's
 * functions; without the variable no map appears.
 */
class PerfMapIT {
    /** Runs fac under the launcher in the background and prints "PID RESULT". */
    private static ImageLauncher.Result runFac(String perfMap) {
        String script = "WASMOON_PERF_MAP=" + perfMap + " \"$0\" run examples/fac.wasm --invoke fac --arg 5 > \"$1\" &"
                + " pid=$!; wait $pid; status=$?; echo \"$pid $(cat \"$1\")\"; rm -f \"$1\"; exit $status";
        Path out;
        try {
            out = Files.createTempFile("perfmap", ".out");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ImageLauncher.run(120, "sh", "-c", script, ImageLauncher.launcher().toString(), out.toString());
    }

    @Test
    void theMapNamesTheModulesFunctions() throws IOException {
        ImageLauncher.Result r = runFac("1");
        assertEquals(0, r.exit(), r.stderr());
        String[] pidAndResult = r.stdout().strip().split(" ");
        assertEquals("120", pidAndResult[1]);
        Path map = Path.of("/tmp", "perf-" + pidAndResult[0] + ".map");
        try {
            List<String> lines = Files.readAllLines(map);
            assertTrue(lines.stream().anyMatch(l -> l.matches("[0-9a-f]+ [0-9a-f]+ wasm\\[0\\]::fac")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.endsWith("wasm[1]::fac_iter")), lines.toString());
        } finally {
            Files.deleteIfExists(map);
        }
    }

    @Test
    void noMapWithoutTheVariable() {
        ImageLauncher.Result r = runFac("0");
        assertEquals(0, r.exit(), r.stderr());
        String pid = r.stdout().strip().split(" ")[0];
        assertFalse(Files.exists(Path.of("/tmp", "perf-" + pid + ".map")));
    }
}
