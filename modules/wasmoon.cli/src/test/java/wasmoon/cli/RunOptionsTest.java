package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;
import perf.metrics.MetricsRecorder;

/**
 * The options of {@code wasmoon run} beyond the basics: WASI preopens and
 * environment, the JIT mode and level, and their usage errors. The WASI guest
 * is src/test/resources/wasmoon/cli/wasi-probe.wat, which prints its
 * environment, its first preopen's name and hello.txt inside it, then
 * calls proc_exit(7).
 */
class RunOptionsTest {
    @TempDir
    Path dir;

    private static final String PROBE = MainInvocation.resource("wasi-probe.wat");

    private static MainInvocation run(String... args) {
        List<String> argv = new ArrayList<>(List.of("run"));
        argv.addAll(List.of(args));
        return MainInvocation.of(argv.toArray(String[]::new));
    }

    private static void assertUsageError(MainInvocation r, String fragment) {
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.errLines().getFirst().startsWith("wasmoon: run: "), r::toString);
        assertTrue(r.errLines().getFirst().contains(fragment), r::toString);
    }

    // ---- WASI: --env, --dir, proc_exit

    @Test
    void guestSeesEnvironmentAndPreopenAndItsExitStatusIsTheExitCode() throws IOException {
        Files.writeString(dir.resolve("hello.txt"), "hi from the host\n");
        for (String tier : List.of("--jit=fallback", "--no-jit")) {
            MainInvocation r = run(PROBE, "--env", "A=1", "--env=B=x=y", "--env", "EMPTY=", "--dir",
                    dir + "::/sandbox", tier);
            assertEquals(7, r.exitCode(), r::toString);
            assertEquals("A=1\nB=x=y\nEMPTY=\n/sandbox\nhi from the host\n", r.out(), r::toString);
            assertEquals("", r.err(), r::toString);
        }
    }

    @Test
    void guestNameDefaultsToTheHostPath() throws IOException {
        Files.writeString(dir.resolve("hello.txt"), "x");
        MainInvocation r = run(PROBE, "--dir=" + dir);
        assertEquals(7, r.exitCode(), r::toString);
        assertEquals(dir + "\nx", r.out(), r::toString);
    }

    @Test
    void withoutOptionsTheGuestSeesNoEnvironmentAndNoFiles() {
        MainInvocation r = run(PROBE);
        assertEquals(7, r.exitCode(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void laterEnvValueWins() {
        MainInvocation r = run(PROBE, "--env", "A=1", "--env", "A=2");
        assertEquals("A=2\n", r.out(), r::toString);
    }

    @Test
    void missingPreopenDirectoryIsAnInputError() {
        Path missing = dir.resolve("missing");
        MainInvocation r = run(PROBE, "--dir", missing + "::/m");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(List.of("wasmoon: error: --dir " + missing + ": no such directory"), r.errLines());
    }

    @Test
    void malformedWasiOptionsAreUsageErrors() {
        assertUsageError(run(PROBE, "--env", "NOVALUE"), "--env expects NAME=VALUE, got 'NOVALUE'");
        assertUsageError(run(PROBE, "--env", "=v"), "--env expects NAME=VALUE");
        assertUsageError(run(PROBE, "--env"), "--env needs a value");
        assertUsageError(run(PROBE, "--dir"), "--dir needs a value");
        assertUsageError(run(PROBE, "--dir", "::/guest"), "--dir expects HOST[::GUEST]");
        assertUsageError(run(PROBE, "--dir", dir + "::"), "--dir expects HOST[::GUEST]");
    }

    @Test
    void optionsAfterDoubleDashBelongToTheGuest() {
        RunCommand.Options o = RunCommand.parse(List.of("f.wasm", "--env", "A=1", "--", "--env", "B=2", "--no-jit"));
        assertEquals(Map.of("A", "1"), o.env());
        assertEquals(List.of("--env", "B=2", "--no-jit"), o.programArgs());
        assertFalse(o.noJit());
    }

    @Test
    void everythingFromTheFirstNonOptionAfterTheFileIsTheProgramsAsInWasmtime() {
        RunCommand.Options o = RunCommand.parse(List.of("f.wasm", "a", "b", "c"));
        assertEquals("f.wasm", o.file());
        assertEquals(List.of("a", "b", "c"), o.programArgs());
        // after the first program argument, options are the program's too, '--' included
        o = RunCommand.parse(List.of("f.wasm", "a", "--no-jit", "--env", "K=V", "--", "-x"));
        assertEquals(List.of("a", "--no-jit", "--env", "K=V", "--", "-x"), o.programArgs());
        assertFalse(o.noJit());
        assertEquals(Map.of(), o.env());
    }

    @Test
    void optionsGoBeforeTheFileOrRightAfterIt() {
        // before FILE (wasmtime's order)
        RunCommand.Options o = RunCommand.parse(List.of("--no-jit", "--env", "K=V", "f.wasm", "x", "y"));
        assertTrue(o.noJit());
        assertEquals(Map.of("K", "V"), o.env());
        assertEquals("f.wasm", o.file());
        assertEquals(List.of("x", "y"), o.programArgs());
        // right after FILE: the README's run FILE --invoke NAME --arg VALUE keeps working
        o = RunCommand.parse(List.of("f.wasm", "--invoke", "fac", "--arg", "-5", "--no-jit", "x"));
        assertEquals("fac", o.invoke());
        assertEquals(List.of("-5"), o.args());
        assertTrue(o.noJit());
        assertEquals(List.of("x"), o.programArgs());
        // '--' before FILE ends the options: the next argument is FILE, even one that starts with '-'
        o = RunCommand.parse(List.of("--no-jit", "--", "-odd.wasm", "--verbose"));
        assertEquals("-odd.wasm", o.file());
        assertEquals(List.of("--verbose"), o.programArgs());
        assertFalse(o.verbose());
    }

    @Test
    void anUnknownOptionBeforeTheProgramsArgumentsIsStillAUsageError() {
        // a typo of ours is not silently handed to the program: '--' says "the program's"
        assertUsageError(run(PROBE, "--verbos"), "unknown option '--verbos'");
        assertEquals(List.of("--verbos"), RunCommand.parse(List.of("f.wasm", "--", "--verbos")).programArgs());
    }

    // ---- JIT options

    @Test
    void jitOptionsSelectTheRuntimeOptions() {
        RuntimeOptions defaults = RunCommand.parse(List.of("f.wasm")).runtimeOptions(MetricsRecorder.disabled());
        assertEquals(RuntimeOptions.defaults().tier(), defaults.tier());
        assertFalse(defaults.jitStrict());
        assertEquals(2, defaults.optLevel());

        RuntimeOptions strict = RunCommand.parse(List.of("f.wasm", "--jit=strict", "--opt-level", "0"))
                .runtimeOptions(MetricsRecorder.disabled());
        assertTrue(strict.jitStrict());
        assertEquals(0, strict.optLevel());
        assertEquals(1, RunCommand.parse(List.of("f.wasm", "--opt-level=1", "--jit", "fallback"))
                .runtimeOptions(MetricsRecorder.disabled()).optLevel());
        assertEquals(1, RunCommand.parse(List.of("f.wasm", "-O1")).runtimeOptions(MetricsRecorder.disabled())
                .optLevel());
        assertEquals(ExecutionTier.JIT, RunCommand.parse(List.of("f.wasm", "--jit=fallback"))
                .runtimeOptions(MetricsRecorder.disabled()).tier());
        assertEquals(ExecutionTier.INTERPRETER, RunCommand.parse(List.of("f.wasm", "--no-jit"))
                .runtimeOptions(MetricsRecorder.disabled()).tier());
        // a command-line process interprets while the JIT starts unless told to wait
        assertTrue(defaults.interpretWhileJitStarts());
        assertTrue(RunCommand.parse(List.of("f.wasm", "--jit-start=interpret"))
                .runtimeOptions(MetricsRecorder.disabled()).interpretWhileJitStarts());
        assertFalse(RunCommand.parse(List.of("f.wasm", "--jit-start", "wait"))
                .runtimeOptions(MetricsRecorder.disabled()).interpretWhileJitStarts());
    }

    @Test
    void everyOptLevelComputesTheSameResults() {
        for (String level : List.of("0", "1", "2")) {
            MainInvocation r = run(MainInvocation.example("fac.wasm"), "--invoke", "fac_iter", "--arg", "20",
                    "--opt-level", level);
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("2432902008176640000\n", r.out(), r::toString);
            MainInvocation m = run(MainInvocation.example("memory.wasm"), "--invoke", "checksum", "--arg", "7",
                    "--opt-level=" + level, "--jit=strict");
            assertEquals("1178466751\n", m.out(), m::toString);
        }
    }

    @Test
    void badJitOptionsAreUsageErrors() {
        String fac = MainInvocation.example("fac.wasm");
        assertUsageError(run(fac, "--jit=fast"), "--jit expects strict or fallback, got 'fast'");
        assertUsageError(run(fac, "--jit"), "--jit needs a value");
        assertUsageError(run(fac, "--opt-level", "3"), "--opt-level expects 0, 1 or 2, got '3'");
        assertUsageError(run(fac, "--opt-level=-1"), "--opt-level expects 0, 1 or 2");
        assertUsageError(run(fac, "--opt-level"), "--opt-level needs a value");
        assertUsageError(run(fac, "-O3"), "--opt-level expects 0, 1 or 2, got '3'");
        assertUsageError(run(fac, "--no-jit", "--jit=strict"), "--no-jit and --jit=strict contradict each other");
        assertUsageError(run(fac, "--no-jit=yes"), "--no-jit takes no value");
        assertUsageError(run(fac, "--jit-start=later"), "--jit-start expects interpret or wait, got 'later'");
    }

    /**
     * A function with two results is outside the v1 JIT ABI: fallback interprets it,
     * strict refuses the module with the reason. Should the JIT learn multi-value,
     * strict must then succeed, which the coverage line of --verbose tells apart.
     */
    @Test
    void strictJitRefusesWhatFallbackInterprets() throws IOException {
        Path wat = dir.resolve("pair.wat");
        Files.writeString(wat, """
                (module
                  (func (export "pair") (param i32) (result i32 i32)
                    local.get 0
                    local.get 0
                    i32.const 1
                    i32.add))
                """);
        // waiting for the JIT's set-up: else pair, loop-free, may run before it in the interpreter
        MainInvocation fallback = run(wat.toString(), "--invoke", "pair", "--arg", "4", "--verbose",
                "--jit-start=wait");
        assertEquals(0, fallback.exitCode(), fallback::toString);
        assertEquals("4\n5\n", fallback.out(), fallback::toString);
        String coverage = fallback.errLines().stream().filter(l -> l.startsWith("wasmoon: jit coverage: "))
                .findFirst().orElseThrow(() -> new AssertionError("no coverage line\n" + fallback));

        MainInvocation strict = run(wat.toString(), "--invoke", "pair", "--arg", "4", "--jit=strict");
        if (coverage.contains(" 0/1 functions native")) {
            assertEquals(1, strict.exitCode(), strict::toString);
            assertEquals("", strict.out(), strict::toString);
            assertEquals(1, strict.errLines().size(), strict::toString);
            assertTrue(strict.errLines().getFirst().matches(
                    "wasmoon: error: function 0 \\(pair\\) not supported by the JIT: .+ \\(--jit=strict\\)"),
                    strict::toString);
        } else {
            assertEquals("wasmoon: jit coverage: 1/1 functions native (100.0%)", coverage);
            assertEquals(0, strict.exitCode(), strict::toString);
            assertEquals("4\n5\n", strict.out(), strict::toString);
        }
    }

    @Test
    void strictJitRunsWhatItCompiles() {
        MainInvocation r = run(MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg", "10", "--jit=strict");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("3628800\n", r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
    }
}
