package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wasm.core.binary.ModuleDecoder;
import wasm.core.text.WatParser;

/** Every path through {@link Main#run}: exit code, stdout and the single stderr line. */
class MainTest {
    @TempDir
    Path dir;

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p.toString();
    }

    private String file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p.toString();
    }

    private static void assertOk(MainInvocation r, String expectedOut) {
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(expectedOut, r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    /** Exit 1 with exactly one stderr line. */
    private static void assertError(MainInvocation r, String expectedLine) {
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(List.of(expectedLine), r.errLines(), r::toString);
    }

    private static void assertUsageError(MainInvocation r, String expectedFragment) {
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals(2, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("wasmoon: "), r::toString);
        assertTrue(r.errLines().get(0).contains(expectedFragment), r::toString);
        assertEquals("Try 'wasmoon --help' for more information.", r.errLines().get(1), r::toString);
    }

    // ---- help, version, usage errors

    @Test
    void helpListsEverySubcommand() {
        for (String flag : new String[] {"--help", "-h", "help"}) {
            MainInvocation r = MainInvocation.of(flag);
            assertEquals(0, r.exitCode(), r::toString);
            for (String command : List.of("wasmoon run", "wasmoon validate", "wasmoon wat2wasm", "wasmoon wasm2wat",
                    "wasmoon test", "--invoke", "--arg", "--no-jit", "Exit codes")) {
                assertTrue(r.out().contains(command), () -> command + " missing from\n" + r);
            }
        }
    }

    @Test
    void anUnknownCpuFeatureToDisableIsAUsageError() {
        String key = wasm.backend.CpuFeatures.DISABLE_PROPERTY;
        String old = System.getProperty(key);
        try {
            System.setProperty(key, "lzcnt,sse4.1");
            assertUsageError(MainInvocation.of("--version"), "-Dwasmoon.cpu.disable: unknown CPU feature 'sse4.1'");
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    @Test
    void subcommandHelpPrintsUsage() {
        MainInvocation r = MainInvocation.of("run", "--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Usage: wasmoon"), r::toString);
    }

    @Test
    void versionNamesTheProjectVersion() {
        MainInvocation r = MainInvocation.of("--version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().matches("wasmoon \\d+\\.\\d+\\.\\d+\\S* \\(Java 2[5-9].*\\)\\n"), r::toString);
    }

    @Test
    void noArgumentsIsAUsageError() {
        MainInvocation r = MainInvocation.of();
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Usage: wasmoon"), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void unknownSubcommandAndFlags() {
        assertUsageError(MainInvocation.of("frobnicate"), "unknown command 'frobnicate'");
        assertUsageError(MainInvocation.of("--frobnicate"), "unknown option '--frobnicate'");
        assertUsageError(MainInvocation.of("run", MainInvocation.example("fac.wasm"), "--fast"),
                "unknown option '--fast'");
        assertUsageError(MainInvocation.of("validate", "--strict", "x.wasm"), "unknown option '--strict'");
        assertUsageError(MainInvocation.of("wasm2wat", "-x", "x.wasm"), "unknown option '-x'");
    }

    @Test
    void missingFileArgument() {
        assertUsageError(MainInvocation.of("run"), "missing FILE");
        assertUsageError(MainInvocation.of("run", "--invoke", "f"), "missing FILE");
        assertUsageError(MainInvocation.of("validate"), "missing FILE");
        assertUsageError(MainInvocation.of("wat2wasm", "-o", "x.wasm"), "missing input FILE");
        assertUsageError(MainInvocation.of("wasm2wat"), "missing input FILE");
    }

    @Test
    void flagWithoutItsValue() {
        assertUsageError(MainInvocation.of("run", MainInvocation.example("fac.wasm"), "--invoke"),
                "--invoke needs a value");
        assertUsageError(MainInvocation.of("run", MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg"),
                "--arg needs a value");
    }

    // ---- run: results

    @Test
    void runsFactorialFromBinaryAndText() {
        assertOk(MainInvocation.of("run", MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg", "10"),
                "3628800\n");
        assertOk(MainInvocation.of("run", MainInvocation.example("fac.wat"), "--invoke=fac", "--arg=20", "--no-jit"),
                "2432902008176640000\n");
        assertOk(MainInvocation.of("run", MainInvocation.example("fac.wasm"), "--invoke", "fac_iter", "--arg",
                "0x14"), "2432902008176640000\n");
    }

    @Test
    void printsEveryResultTypeOnItsOwnLine() throws IOException {
        String wat = file("values.wat", """
                (module
                  (func (export "ints") (param i32 i64) (result i32 i64)
                    local.get 0 local.get 1)
                  (func (export "floats") (param f32 f64) (result f32 f64)
                    local.get 0 local.get 1)
                  (func (export "refs") (param externref) (result externref funcref funcref)
                    local.get 0 ref.null func ref.func 0)
                  (func (export "none")))
                """);
        assertOk(MainInvocation.of("run", wat, "--invoke", "ints", "--arg", "-7", "--arg", "0xFFFFFFFFFFFFFFFF"),
                "-7\n-1\n");
        assertOk(MainInvocation.of("run", wat, "--invoke", "ints", "--arg", "4294967295", "--arg", "-9"),
                "-1\n-9\n");
        assertOk(MainInvocation.of("run", wat, "--invoke", "floats", "--arg", "3.5", "--arg", "-inf"),
                "3.5\n-inf\n");
        assertOk(MainInvocation.of("run", wat, "--invoke", "floats", "--arg", "nan", "--arg", "-nan:0x1"),
                "nan\n-nan:0x1\n");
        assertOk(MainInvocation.of("run", wat, "--invoke", "floats", "--arg", "0.1", "--arg", "1e300"),
                "0.1\n1.0E300\n");
        MainInvocation refs = MainInvocation.of("run", wat, "--invoke", "refs", "--arg", "7");
        assertEquals(0, refs.exitCode(), refs::toString);
        assertEquals("ref.extern 7", refs.outLines().get(0), refs::toString);
        assertEquals("null", refs.outLines().get(1), refs::toString);
        assertTrue(refs.outLines().get(2).matches("ref\\.func \\d+"), refs::toString);
        assertOk(MainInvocation.of("run", wat, "--invoke", "refs", "--arg", "null"), refs.out().replaceFirst(
                "ref\\.extern 7", "null"));
        assertOk(MainInvocation.of("run", wat, "--invoke", "none"), "");
    }

    @Test
    void runsStartExportWhenNoInvokeIsGiven() throws IOException {
        String wat = file("start.wat", """
                (module
                  (func (export "_start") unreachable))
                """);
        assertError(MainInvocation.of("run", wat), "wasmoon: error: unreachable");
        String quiet = file("lib.wat", "(module (func (export \"f\") (result i32) i32.const 1))");
        assertOk(MainInvocation.of("run", quiet), "");
    }

    @Test
    void wasiCommandWritesToStdoutAndExitsWithItsStatus() throws IOException {
        // Prints "hi\n" with fd_write, then exits with (argc + 40) through proc_exit.
        String wat = file("wasi.wat", """
                (module
                  (import "wasi_snapshot_preview1" "fd_write"
                    (func $fd_write (param i32 i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "args_sizes_get"
                    (func $args_sizes_get (param i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 16) "hi\\n")
                  (func (export "_start")
                    (i32.store (i32.const 0) (i32.const 16))
                    (i32.store (i32.const 4) (i32.const 3))
                    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                    (drop (call $args_sizes_get (i32.const 32) (i32.const 36)))
                    (call $proc_exit (i32.add (i32.load (i32.const 32)) (i32.const 40)))))
                """);
        MainInvocation r = MainInvocation.of("run", wat, "--", "a", "b");
        assertEquals(43, r.exitCode(), r::toString);
        assertEquals("hi\n", r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
        assertEquals(41, MainInvocation.of("run", wat).exitCode());
        // everything after the module is the program's, as in wasmtime: argv is FILE a b c
        MainInvocation plain = MainInvocation.of("run", wat, "a", "b", "c");
        assertEquals(44, plain.exitCode(), plain::toString);
        assertEquals("hi\n", plain.out(), plain::toString);
        assertEquals("", plain.err(), plain::toString);
        // options before the module, program arguments after it
        assertEquals(43, MainInvocation.of("run", "--no-jit", wat, "x", "--no-jit").exitCode());
    }

    @Test
    void unknownWasiFunctionIsAnUnknownImport() throws IOException {
        String wat = file("wasi-unknown.wat", """
                (module (import "wasi_snapshot_preview1" "no_such_call" (func)))
                """);
        assertError(MainInvocation.of("run", wat), "wasmoon: error: unknown import: wasi_snapshot_preview1.no_such_call");
    }

    @Test
    void programArgumentsAfterDoubleDashAreNotOptions() {
        assertOk(MainInvocation.of("run", MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg", "5",
                "--", "--not-an-option", "x"), "120\n");
    }

    // ---- run: usage errors about the invocation

    @Test
    void wrongArgumentCountOrValue() {
        String fac = MainInvocation.example("fac.wasm");
        assertUsageError(MainInvocation.of("run", fac, "--invoke", "fac"), "fac takes 1 argument (i64) -> (i64), 0 given");
        assertUsageError(MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "1", "--arg", "2"),
                "2 given");
        assertUsageError(MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "ten"), "not a valid i64: 'ten'");
        assertUsageError(MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "18446744073709551616"),
                "out of range");
        assertUsageError(MainInvocation.of("run", fac, "--arg", "1"), "nothing to invoke");
    }

    @Test
    void unknownExportNamesTheExportedFunctions() {
        assertUsageError(MainInvocation.of("run", MainInvocation.example("fac.wasm"), "--invoke", "fact"),
                "exports no function named 'fact' (exported functions: fac, fac_iter)");
    }

    // ---- run: failures of the input (exit 1, one line)

    @Test
    void trapIsOneLine() {
        assertError(MainInvocation.of("run", MainInvocation.example("div.wasm"), "--invoke", "div", "--arg", "7",
                "--arg", "0"), "wasmoon: error: integer divide by zero");
        assertError(MainInvocation.of("run", MainInvocation.example("div.wasm"), "--invoke", "div", "--arg",
                "-2147483648", "--arg", "-1"), "wasmoon: error: integer overflow");
    }

    @Test
    void verboseAddsTheStackTraceAndTimings() {
        MainInvocation r = MainInvocation.of("run", MainInvocation.example("div.wasm"), "--invoke", "div", "--arg",
                "7", "--arg", "0", "--verbose");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("wasmoon: error: integer divide by zero\n"), r::toString);
        assertTrue(r.err().contains("wasmoon: validated in "), r::toString);
        assertTrue(r.err().contains("\tat "), r::toString);
    }

    /** The line scripts/bench-peers.sh reads: wall time, process CPU time and the wasm thread's. */
    @Test
    void verboseTimesTheRunPhaseInWallAndCpuTime() {
        MainInvocation r = MainInvocation.of("run", MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg",
                "20", "--cache=off", "--verbose");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.errLines().stream().anyMatch(l -> l.matches(
                "wasmoon: invoked fac in [0-9.]+ ms \\(cpu [0-9.]+ ms, wasm thread [0-9.]+ ms\\)")), r::toString);
        // before instantiation there is no wasm thread yet to measure
        assertTrue(r.errLines().stream().anyMatch(l -> l.matches("wasmoon: validated in [0-9.]+ ms \\(cpu [0-9.]+ ms\\)")),
                r::toString);
    }

    @Test
    void missingFileIsAnError() {
        String missing = dir.resolve("nope.wasm").toString();
        assertError(MainInvocation.of("run", missing), "wasmoon: error: " + missing + ": no such file");
        assertError(MainInvocation.of("validate", dir.toString()), "wasmoon: error: " + dir + ": is a directory");
    }

    @Test
    void garbageAndTruncatedBinaries() throws IOException {
        String garbage = file("garbage.wasm", "this is not wasm at all".getBytes(StandardCharsets.US_ASCII));
        assertError(MainInvocation.of("run", garbage), "wasmoon: error: " + garbage + ": magic header not detected");
        String empty = file("empty.wasm", new byte[0]);
        MainInvocation r = MainInvocation.of("validate", empty);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("wasmoon: error: " + empty + ": "), r::toString);

        byte[] fac = Files.readAllBytes(Path.of(MainInvocation.example("fac.wasm")));
        for (int length = 0; length < fac.length; length++) {
            byte[] prefix = java.util.Arrays.copyOf(fac, length);
            String truncated = file("truncated" + length + ".wasm", prefix);
            MainInvocation t = MainInvocation.of("run", truncated, "--invoke", "fac", "--arg", "3");
            // A prefix that ends on a section boundary is a valid module without the later sections.
            if (t.exitCode() == 0 || t.exitCode() == 2) {
                continue;
            }
            assertEquals(1, t.exitCode(), t::toString);
            assertEquals(1, t.errLines().size(), t::toString);
            assertTrue(t.err().startsWith("wasmoon: error: " + truncated + ": "), t::toString);
        }
    }

    @Test
    void malformedText() throws IOException {
        String wat = file("bad.wat", "(module (func (result i32) i32.const 1 i32.frobnicate))");
        MainInvocation r = MainInvocation.of("run", wat);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("wasmoon: error: " + wat + ": unknown operator"), r::toString);
        String latin1 = file("latin1.wat", new byte[] {'(', 'm', 'o', 'd', 'u', 'l', 'e', ')', ';', ';', (byte) 0xE9});
        assertError(MainInvocation.of("validate", latin1), "wasmoon: error: " + latin1 + ": malformed UTF-8 encoding");
    }

    @Test
    void invalidModule() throws IOException {
        String wat = file("invalid.wat", "(module (func (result i32) i64.const 1))");
        assertError(MainInvocation.of("run", wat), "wasmoon: error: " + wat + ": type mismatch (function 0)");
        assertError(MainInvocation.of("validate", wat), "wasmoon: error: " + wat + ": type mismatch (function 0)");
    }

    @Test
    void unresolvedImport() throws IOException {
        String wat = file("import.wat", """
                (module
                  (import "env" "print" (func (param i32)))
                  (func (export "main")))
                """);
        assertError(MainInvocation.of("run", wat, "--invoke", "main"), "wasmoon: error: unknown import: env.print");
    }

    @Test
    void memory64AboveTheReservationLimitIsRefusedInOneLine() throws IOException {
        // 400,000 pages (about 24 GiB) against the default 64-bit memory limit of 16 GiB
        String wat = file("memory64-big.wat", "(module (memory i64 400000) (func (export \"_start\")))");
        String expected = "wasmoon: error: 64-bit memory minimum size of 400000 pages exceeds the limit of 262144"
                + " pages (the 64-bit memory limit, 16 GiB)";
        assertError(MainInvocation.of("run", wat), expected);
        assertError(MainInvocation.of("run", "--no-jit", wat), expected);
    }

    @Test
    void trapInStartFunction() throws IOException {
        String wat = file("start-trap.wat", """
                (module
                  (memory 1)
                  (func $s (drop (i32.load (i32.const 70000))))
                  (start $s))
                """);
        assertError(MainInvocation.of("run", wat), "wasmoon: error: out of bounds memory access");
    }

    @Test
    void unsupportedFeature() throws IOException {
        // A GC type: decoded only to be rejected.
        String wat = file("gc.wat", "(module (type (struct)))");
        MainInvocation r = MainInvocation.of("validate", wat);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("wasmoon: error: " + wat + ": "), r::toString);
    }

    // ---- validate, wat2wasm, wasm2wat

    @Test
    void validatePrintsValid() {
        assertOk(MainInvocation.of("validate", MainInvocation.example("memory.wasm")), "valid\n");
        assertOk(MainInvocation.of("validate", MainInvocation.example("memory.wat")), "valid\n");
        assertUsageError(MainInvocation.of("validate", "a.wasm", "b.wasm"), "expects one FILE");
    }

    @Test
    void wat2wasmWritesADecodableBinary() throws IOException {
        Path out = dir.resolve("fac.wasm");
        MainInvocation r = MainInvocation.of("wat2wasm", MainInvocation.example("fac.wat"), "-o", out.toString());
        assertOk(r, "");
        byte[] bytes = Files.readAllBytes(out);
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, java.util.Arrays.copyOf(bytes, 8));
        assertEquals(WatParser.parseModule(Files.readString(Path.of(MainInvocation.example("fac.wat")))).exports(),
                ModuleDecoder.decode(bytes).exports());
        assertOk(MainInvocation.of("run", out.toString(), "--invoke", "fac", "--arg", "6"), "720\n");
    }

    @Test
    void wat2wasmNeedsAnOutputAndChecksValidity() throws IOException {
        assertUsageError(MainInvocation.of("wat2wasm", MainInvocation.example("fac.wat")), "missing '-o OUT'");
        String invalid = file("invalid.wat", "(module (func (result i32) i64.const 1))");
        Path out = dir.resolve("invalid.wasm");
        assertError(MainInvocation.of("wat2wasm", invalid, "-o", out.toString()),
                "wasmoon: error: " + invalid + ": type mismatch (function 0)");
        assertOk(MainInvocation.of("wat2wasm", invalid, "-o", out.toString(), "--no-check"), "");
        // the binary's error is located at the function's final end, its byte 0x1a
        assertError(MainInvocation.of("validate", out.toString()),
                "wasmoon: error: " + out + ": type mismatch (function 0, offset 0x1a)");
    }

    @Test
    void wasm2watPrintsTextThatRunsTheSame() throws IOException {
        MainInvocation r = MainInvocation.of("wasm2wat", MainInvocation.example("memory.wasm"));
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("(module"), r::toString);
        String wat = file("memory-roundtrip.wat", r.out());
        assertOk(MainInvocation.of("run", wat, "--invoke", "checksum", "--arg", "7"), "1178466751\n");

        Path out = dir.resolve("fac.wat");
        assertOk(MainInvocation.of("wasm2wat", MainInvocation.example("fac.wasm"), "-o", out.toString()), "");
        assertOk(MainInvocation.of("run", out.toString(), "--invoke", "fac", "--arg", "5"), "120\n");
        assertError(MainInvocation.of("wasm2wat", MainInvocation.example("fac.wat")),
                "wasmoon: error: " + MainInvocation.example("fac.wat") + ": magic header not detected");
    }

    // ---- test (delegated to the WAST runner)

    @Test
    void testSubcommandRunsWastScripts() throws IOException {
        String passing = file("pass.wast", """
                (module (func (export "one") (result i32) i32.const 1))
                (assert_return (invoke "one") (i32.const 1))
                (assert_trap (module (func $t unreachable) (start $t)) "unreachable")
                """);
        MainInvocation ok = MainInvocation.of("test", passing);
        assertEquals(0, ok.exitCode(), ok::toString);
        String failing = file("fail.wast", """
                (module (func (export "one") (result i32) i32.const 1))
                (assert_return (invoke "one") (i32.const 2))
                """);
        MainInvocation bad = MainInvocation.of("test", failing);
        assertEquals(1, bad.exitCode(), bad::toString);
        // `test` owns its options, --help included.
        MainInvocation help = MainInvocation.of("test", "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().contains("wasmoon test"), help::toString);
    }

    // ---- internal errors never escape

    @Test
    void unexpectedExceptionsBecomeInternalErrors() {
        MainInvocation r = MainInvocation.withOut(new ThrowingStream(new IllegalStateException("boom")), "--version");
        assertEquals(70, r.exitCode(), r::toString);
        assertEquals(List.of("wasmoon: internal error: java.lang.IllegalStateException: boom"), r.errLines());

        MainInvocation so = MainInvocation.withOut(new ThrowingStream(new StackOverflowError()), "--version");
        assertEquals(70, so.exitCode(), so::toString);
        assertEquals(1, so.errLines().size(), so::toString);
        assertTrue(so.err().startsWith("wasmoon: internal error: Java stack overflow"), so::toString);

        MainInvocation oom = MainInvocation.withOut(new ThrowingStream(new OutOfMemoryError("heap")), "--help");
        assertEquals(70, oom.exitCode(), oom::toString);
        assertEquals(List.of("wasmoon: internal error: out of Java heap memory (heap)"), oom.errLines());

        MainInvocation verbose = MainInvocation.withOut(new ThrowingStream(new IllegalStateException("boom")),
                "run", MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg", "3", "--verbose");
        assertEquals(70, verbose.exitCode(), verbose::toString);
        assertTrue(verbose.err().contains("\tat "), verbose::toString);
    }

    /** A stdout whose every write throws {@code failure}. */
    private static final class ThrowingStream extends OutputStream {
        private final Throwable failure;

        ThrowingStream(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public void write(int b) {
            throw sneaky(failure);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            throw sneaky(failure);
        }

        private static RuntimeException sneaky(Throwable t) {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }
}
