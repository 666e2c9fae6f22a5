package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
    /** Exit code and the two output streams of one invocation. */
    private record Outcome(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Outcome invoke(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = TestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitWith2() {
        Outcome none = invoke();
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("usage: wasmoon test"), none.err());
        Outcome missing = invoke("/no/such/file.wast");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file or directory: /no/such/file.wast"), missing.err());
        assertEquals(2, invoke("--bogus", "x.wast").exit());
        assertEquals(2, invoke("x.wast", "--json").exit());
    }

    /**
     * test reads its options as run does (ArgCursor): every option takes
     * --option=VALUE, a flag refuses a value, unknown options are quoted, -O
     * needs its digits (-O1, as in run; "-O 1" is no longer accepted), and "--"
     * ends the options. Its own wording of missing and bad values stays (TestCommandJitTest).
     */
    @Test
    void optionsAreReadAsRunReadsThem(@TempDir Path dir) throws IOException {
        assertUsage("test: unknown option '--bogus'", "--bogus", "x.wast");
        assertUsage("test: --no-jit takes no value", "--no-jit=yes", "x.wast");
        assertUsage("test: --quiet takes no value", "--quiet=1", "x.wast");
        assertUsage("test: --help takes no value", "--help=all");
        assertUsage("test: unknown option '-O'", "-O", "1", "x.wast");
        assertUsage("test: --opt-level must be 0, 1 or 2, got '3'", "-O3", "x.wast");
        assertUsage("test: --json needs an output file", "x.wast", "--json");
        // After "--" a name that looks like an option is an input.
        assertUsage("test: no such file or directory: --quiet", "--", "--quiet");

        Path file = dir.resolve("ok.wast");
        Files.writeString(file, """
                (module (func (export "f") (result i32) (i32.const 1)))
                (assert_return (invoke "f") (i32.const 1))
                """);
        Path json = dir.resolve("report.json");
        Outcome o = invoke("--quiet", "--no-jit", "-O1", "--json=" + json, "--", file.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.isRegularFile(json), o.out());
    }

    /**
     * {@code --memory64-limit} bounds a script's 64-bit memories as it bounds run's, in both tiers:
     * with 256 KiB (4 pages) the second grow of a 1-page memory fails, without it both succeed, and a
     * limit below the minimum fails the module's command with the limit's message.
     */
    @Test
    void memory64LimitBoundsTheScriptsMemories(@TempDir Path dir) throws IOException {
        Path limited = dir.resolve("limited.wast");
        Files.writeString(limited, """
                (module (memory i64 1)
                  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))
                (assert_return (invoke "grow" (i64.const 3)) (i64.const 1))
                (assert_return (invoke "grow" (i64.const 1)) (i64.const -1))
                """);
        Path roomy = dir.resolve("roomy.wast");
        Files.writeString(roomy, """
                (module (memory i64 1)
                  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))
                (assert_return (invoke "grow" (i64.const 3)) (i64.const 1))
                (assert_return (invoke "grow" (i64.const 1)) (i64.const 4))
                """);
        for (String tier : List.of("--no-jit", "--jit=strict")) {
            Outcome low = invoke("--quiet", tier, "--memory64-limit", "256KiB", limited.toString());
            assertEquals(0, low.exit(), low.out() + low.err());
            Outcome standard = invoke("--quiet", tier, roomy.toString());
            assertEquals(0, standard.exit(), standard.out() + standard.err());
            Outcome tooLow = invoke(tier, "--memory64-limit=0", roomy.toString());
            assertEquals(1, tooLow.exit(), tooLow.out());
            assertTrue(tooLow.out().contains("64-bit memory minimum size of 1 pages exceeds the limit of 0 pages"),
                    tooLow.out());
        }
        assertUsage("test: --memory64-limit must be a size in bytes, or with a unit KiB, MiB, GiB or TiB, such as "
                + "16GiB, got '16G'", "--memory64-limit=16G", "x.wast");
    }

    private static void assertUsage(String message, String... args) {
        Outcome o = invoke(args);
        assertEquals(2, o.exit(), String.join(" ", args));
        assertEquals(List.of("wasmoon " + message, TestCommand.USAGE), o.err().lines().toList(), o.err());
    }

    @Test
    void directoryRunsItsWastFilesSortedAndReportsTotals(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.wast"), """
                (module (func (export "f") (result i32) (i32.const 1)))
                (assert_return (invoke "f") (i32.const 1))
                """);
        Files.writeString(dir.resolve("a.wast"), """
                (module (func (export "f") (result i32) (i32.const 1)))
                (assert_return (invoke "f") (i32.const 3))
                """);
        Files.writeString(dir.resolve("notes.txt"), "not a script");
        Files.createDirectory(dir.resolve("sub.wast"));
        Path json = dir.resolve("out/report.json");
        Outcome o = invoke(dir.toString(), "--no-jit", "--json", json.toString());
        assertEquals(1, o.exit(), o.out());
        List<String> lines = o.outLines();
        assertEquals("a.wast: 1 passed, 1 failed", lines.get(0));
        assertEquals("b.wast: 2 passed, 0 failed", lines.get(1));
        assertTrue(lines.contains("a.wast:2: assert_return: expected [i32:3], got [i32:1]"), o.out());
        assertEquals("3 passed, 1 failed", lines.getLast());
        String report = Files.readString(json);
        assertTrue(report.contains("\"file\": \"a.wast\""), report);
        assertTrue(report.contains("\"failed\": 1"), report);
    }

    @Test
    void passingFileExitsWith0(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ok.wast");
        Files.writeString(file, """
                (module (func (export "f") (result i32) (i32.const 1)))
                (assert_return (invoke "f") (i32.const 1))
                """);
        Outcome o = invoke("--quiet", "--no-jit", file.toString());
        assertEquals(0, o.exit(), o.out());
        assertEquals(List.of("jit coverage: interpreter only (--no-jit)", "2 passed, 0 failed"), o.outLines());
    }

    @Test
    void emptyDirectoryWarnsAndPassesWithNothingRun(@TempDir Path dir) {
        Outcome o = invoke(dir.toString());
        assertEquals(0, o.exit());
        assertTrue(o.err().contains("no .wast files in"), o.err());
        assertEquals("0 passed, 0 failed", o.outLines().getLast());
    }

    @Test
    void scriptThatDoesNotParseIsReportedAsAFailure(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.wast");
        Files.writeString(file, "(module (func)\n");
        Outcome o = invoke(file.toString());
        assertEquals(1, o.exit(), o.out());
        assertTrue(o.out().contains(file + ":"), o.out());
        assertEquals("0 passed, 1 failed", o.outLines().getLast());
    }
}
