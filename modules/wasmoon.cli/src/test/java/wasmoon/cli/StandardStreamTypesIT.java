package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WASI program's standard streams have the host's file types, as node reports them: run
 * through the image's {@code bin/wasmoon} with its streams on a terminal (a pty from
 * {@code script}), on pipes and on files, {@code isatty()} and fd_fdstat_get's file type of
 * fds 0, 1 and 2 agree with the host and with node (src/test/resources/stdio/isatty.c).
 */
class StandardStreamTypesIT {
    private static final String WASM = "modules/wasmoon.cli/src/test/resources/stdio/isatty.wasm";

    @TempDir
    Path tmp;

    /** The lines isatty.wasm prints when all three streams are of one kind. */
    private static String expected(int isatty, int filetype) {
        StringBuilder sb = new StringBuilder();
        for (int fd = 0; fd <= 2; fd++) {
            sb.append("fd ").append(fd).append(": isatty=").append(isatty).append(" filetype=").append(filetype)
                    .append(" errno=0\n");
        }
        return sb.toString();
    }

    private String run(String setup, String command) throws Exception {
        String shell = switch (setup) {
            case "terminal" -> "script -qec '" + command + "' /dev/null";
            case "pipe" -> "echo | " + command + " 2>&1 | cat";
            case "file" -> "echo > " + tmp.resolve("in") + "; " + command + " < " + tmp.resolve("in") + " > "
                    + tmp.resolve("out") + " 2> " + tmp.resolve("err") + "; cat " + tmp.resolve("out");
            default -> throw new IllegalArgumentException(setup);
        };
        ImageLauncher.Result r = ImageLauncher.run(120, "bash", "-c", shell);
        assertEquals(0, r.exit(), () -> setup + ": " + r);
        return r.stdout().replace("\r\n", "\n");
    }

    @Test
    void terminalPipeAndFileAreWhatTheHostSays() throws Exception {
        String wasmoon = ImageLauncher.launcher() + " run " + WASM;
        String node = "node --no-warnings scripts/run-node-wasi.mjs " + WASM;
        // The host's own view of the three setups, so the expectations are not taken on faith.
        String hostView = "a=; for f in 0 1 2; do if [ -t $f ]; then a=\"$a tty\"; else a=\"$a no\"; fi; done; echo $a";
        assertEquals("tty tty tty\n", run("terminal", hostView));
        assertEquals("no no no\n", run("pipe", hostView));
        assertEquals("no no no\n", run("file", hostView));
        record Case(String setup, String expected) {
        }
        for (Case c : List.of(new Case("terminal", expected(1, 2)), new Case("pipe", expected(0, 6)),
                new Case("file", expected(0, 4)))) {
            String fromNode = run(c.setup(), node);
            assertEquals(c.expected(), fromNode, "node, " + c.setup());
            assertEquals(fromNode, run(c.setup(), wasmoon), "wasmoon agrees with node, " + c.setup());
        }
        assertEquals(true, Files.exists(Path.of(ImageLauncher.root().toString(), WASM)));
    }
}
