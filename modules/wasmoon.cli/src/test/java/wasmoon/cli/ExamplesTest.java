package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each program in examples/ run through {@link Main} with the output
 * examples/README.md promises, from the committed .wasm and from the .wat;
 * and the committed .wasm files are what wabt's wat2wasm makes of the .wat.
 */
class ExamplesTest {

    /**
     * Runs one example from its .wasm and its .wat, each in the default tier (the
     * JIT) and in the interpreter, and expects the same outcome from all four.
     */
    private static void expect(String example, List<String> args, int exitCode, String out, String err) {
        for (String ext : List.of(".wasm", ".wat")) {
            for (List<String> tier : List.of(List.<String>of(), List.of("--no-jit"))) {
                List<String> argv = new ArrayList<>(List.of("run", MainInvocation.example(example + ext)));
                argv.addAll(args);
                argv.addAll(tier);
                MainInvocation r = MainInvocation.of(argv.toArray(String[]::new));
                assertEquals(exitCode, r.exitCode(), () -> argv + "\n" + r);
                assertEquals(out, r.out(), () -> argv + "\n" + r);
                assertEquals(err, r.err(), () -> argv + "\n" + r);
            }
        }
    }

    /** examples/README.md's hello world (C, wasi-libc's printf; no .wat), in both tiers. */
    @Test
    void hello() {
        for (List<String> tier : List.of(List.<String>of(), List.of("--no-jit"))) {
            List<String> argv = new ArrayList<>(List.of("run", MainInvocation.example("hello.wasm")));
            argv.addAll(tier);
            MainInvocation r = MainInvocation.of(argv.toArray(String[]::new));
            assertEquals(0, r.exitCode(), () -> argv + "\n" + r);
            assertEquals("hello, world\n", r.out(), () -> argv + "\n" + r);
            assertEquals("", r.err(), () -> argv + "\n" + r);
        }
    }

    @Test
    void fac() {
        expect("fac", List.of("--invoke", "fac", "--arg", "10"), 0, "3628800\n", "");
        expect("fac", List.of("--invoke", "fac", "--arg", "20"), 0, "2432902008176640000\n", "");
        expect("fac", List.of("--invoke", "fac_iter", "--arg", "20"), 0, "2432902008176640000\n", "");
        expect("fac", List.of("--invoke", "fac", "--arg", "0"), 0, "1\n", "");
    }

    @Test
    void memory() {
        expect("memory", List.of("--invoke", "checksum", "--arg", "7"), 0, "1178466751\n", "");
        expect("memory", List.of("--invoke", "fill_and_sum", "--arg", "1000"), 0, "332833500\n", "");
        expect("memory", List.of("--invoke", "grow", "--arg", "2"), 0, "1\n", "");
        expect("memory", List.of("--invoke", "grow", "--arg", "4"), 0, "-1\n", "");
        expect("memory", List.of("--invoke", "size"), 0, "1\n", "");
        expect("memory", List.of("--invoke", "load_byte", "--arg", "1"), 0, "97\n", "");
        expect("memory", List.of("--invoke", "load_byte", "--arg", "65536"), 1, "",
                "wasmoon: error: out of bounds memory access\n");
    }

    @Test
    void div() {
        expect("div", List.of("--invoke", "div", "--arg", "7", "--arg", "2"), 0, "3\n", "");
        expect("div", List.of("--invoke", "div", "--arg", "-7", "--arg", "2"), 0, "-3\n", "");
        expect("div", List.of("--invoke", "rem", "--arg", "-7", "--arg", "2"), 0, "-1\n", "");
        expect("div", List.of("--invoke", "div", "--arg", "7", "--arg", "0"), 1, "",
                "wasmoon: error: integer divide by zero\n");
        expect("div", List.of("--invoke", "div", "--arg", "-2147483648", "--arg", "-1"), 1, "",
                "wasmoon: error: integer overflow\n");
    }

    /** Vector code, in both tiers (the JIT's SSE4.1/AVX lowering against the interpreter's). */
    @Test
    void simd() {
        expect("simd", List.of("--invoke", "dot", "--arg", "1000"), 0, "249750.0\n", "");
        expect("simd", List.of("--invoke", "reverse_bytes", "--arg", "72623859790382856"), 0, "578437695752307201\n", "");
    }

    @Test
    void loop() {
        // 20 million iterations: from the binary only, to keep the suite quick.
        MainInvocation r = MainInvocation.of("run", MainInvocation.example("loop.wasm"), "--invoke", "run", "--no-jit");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("832106112\n", r.out(), r::toString);
    }

    /** examples/README.md's explore command: the title line and the first pass line. */
    @Test
    void exploreFac() {
        MainInvocation r = MainInvocation.of("explore", MainInvocation.example("fac.wat"), "--func", "fac", "--stage",
                "ir-opt");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(";; func[0] fac: ir-opt (O2, " + ExploreCommandTest.passCount(2) + " passes)",
                r.outLines().getFirst(), r::toString);
        assertTrue(r.outLines().get(1).matches(";;   \\S+ +11 -> +\\d+ insts.*"), r::toString);
    }

    @Test
    void committedBinariesAreWabtsTranslationOfTheText(@TempDir Path dir) throws IOException, InterruptedException {
        for (String example : List.of("fac", "memory", "div", "loop", "simd")) {
            Path wat = Path.of(MainInvocation.example(example + ".wat"));
            Path out = dir.resolve(example + ".wasm");
            // Fails loudly (IOException) when wabt is not installed, as the team rules ask.
            Process p = new ProcessBuilder("wat2wasm", wat.toString(), "-o", out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            assertEquals(0, p.exitValue(), log);
            assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(Path.of(MainInvocation.example(example
                    + ".wasm"))), example + ".wasm is stale: rebuild it with wat2wasm " + example + ".wat");
        }
    }
}
