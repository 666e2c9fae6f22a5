package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasmoon run --fuel N} and {@code --timeout DURATION} in both tiers: an endless loop ends
 * with exit 1 and the reason, a program within its budget runs as without it, and bad values are
 * usage errors (exit 2) that say what is expected. {@code --memory64-limit SIZE} bounds a 64-bit
 * memory in both tiers.
 */
class RunLimitsTest {
    @TempDir
    Path dir;

    private static final String PROGRAM = """
            (module
              (func (export "spin") (loop $l (br $l)))
              (func $fac (export "fac") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 1))
                  (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1))))))))
            """;

    private MainInvocation run(String... args) throws IOException {
        Path wat = dir.resolve("limits.wat");
        Files.writeString(wat, PROGRAM);
        List<String> argv = new ArrayList<>(List.of("run", wat.toString()));
        argv.addAll(List.of(args));
        return MainInvocation.of(argv.toArray(String[]::new));
    }

    @Test
    void fuelEndsAnEndlessLoopAndLetsABoundedProgramFinish() throws IOException {
        for (String tier : List.of("--jit=strict", "--no-jit")) {
            MainInvocation spin = run("--invoke", "spin", "--fuel", "100000", tier);
            assertEquals(1, spin.exitCode(), spin::toString);
            assertEquals("wasmoon: error: all fuel consumed\n", spin.err(), spin::toString);
            MainInvocation enough = run("--invoke", "fac", "--arg", "20", "--fuel", "21", tier);
            assertEquals(0, enough.exitCode(), enough::toString);
            assertEquals("2432902008176640000\n", enough.out(), enough::toString);
            MainInvocation short1 = run("--invoke", "fac", "--arg", "20", "--fuel=20", tier);
            assertEquals(1, short1.exitCode(), () -> "21 calls need 21 units: " + short1);
        }
    }

    @Test
    void timeoutEndsAnEndlessLoop() throws IOException {
        for (String tier : List.of("--jit=strict", "--no-jit")) {
            MainInvocation spin = run("--invoke", "spin", "--timeout", "300ms", tier);
            assertEquals(1, spin.exitCode(), spin::toString);
            assertEquals("wasmoon: error: interrupted: the program ran longer than --timeout 0.3s\n", spin.err(),
                    spin::toString);
            MainInvocation quick = run("--invoke", "fac", "--arg", "5", "--timeout=1m", tier);
            assertEquals(0, quick.exitCode(), quick::toString);
            assertEquals("120\n", quick.out(), quick::toString);
        }
    }

    @Test
    void memory64LimitBoundsAGrowAndAMinimum() throws IOException {
        Path wat = dir.resolve("memory64.wat");
        // grows by 3 pages, then by 1 more: the old sizes (1, then 4 or -1) as 10 * first + second
        Files.writeString(wat, """
                (module
                  (memory i64 1)
                  (func (export "grow") (result i64)
                    (i64.add (i64.mul (memory.grow (i64.const 3)) (i64.const 10)) (memory.grow (i64.const 1)))))
                """);
        for (String tier : List.of("--jit=strict", "--no-jit")) {
            MainInvocation limited = MainInvocation.of("run", wat.toString(), "--invoke", "grow",
                    "--memory64-limit", "256KiB", tier);
            assertEquals(0, limited.exitCode(), limited::toString);
            assertEquals("9\n", limited.out(), () -> "4 pages at most: the second grow fails: " + limited);
            MainInvocation bytes = MainInvocation.of("run", wat.toString(), "--invoke", "grow",
                    "--memory64-limit=327680", tier);
            assertEquals("14\n", bytes.out(), () -> "5 pages: both grows succeed: " + bytes);
            MainInvocation standard = MainInvocation.of("run", wat.toString(), "--invoke", "grow", tier);
            assertEquals("14\n", standard.out(), standard::toString);
            MainInvocation tooSmall = MainInvocation.of("run", wat.toString(), "--invoke", "grow",
                    "--memory64-limit", "0", tier);
            assertEquals(1, tooSmall.exitCode(), tooSmall::toString);
            assertTrue(tooSmall.err().contains("64-bit memory minimum size of 1 pages exceeds the limit of 0 pages"),
                    tooSmall::toString);
        }
        for (String bad : List.of("abc", "-1", "1.5GiB", "16G", "8388608TiB", "")) {
            MainInvocation r = MainInvocation.of("run", wat.toString(), "--memory64-limit", bad);
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.err().startsWith("wasmoon: run: --memory64-limit expects a size in bytes, or with a unit "
                    + "KiB, MiB, GiB or TiB, such as 16GiB, got '" + bad + "'"), r::toString);
        }
    }

    @Test
    void badValuesAreUsageErrors() throws IOException {
        for (String bad : List.of("abc", "0", "-5", "1.5", "")) {
            MainInvocation r = run("--invoke", "spin", "--fuel", bad);
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.err().startsWith("wasmoon: run: --fuel expects a positive whole number (of fuel units), got '"
                    + bad + "'"), r::toString);
        }
        for (String bad : List.of("10x", "0", "0s", "-1s", "s", "1.s", "")) {
            MainInvocation r = run("--invoke", "spin", "--timeout", bad);
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.err().startsWith("wasmoon: run: --timeout expects a positive duration such as 500ms, 10s, "
                    + "1.5m or 1h, got '" + bad + "'"), r::toString);
        }
        MainInvocation none = run("--invoke", "spin", "--timeout");
        assertEquals(2, none.exitCode(), none::toString);
        assertTrue(none.err().startsWith("wasmoon: run: --timeout needs a value"), none::toString);
    }
}
