package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The curated workloads (examples/core3, stream, box_easy2, benchmark), the
 * float workloads (matmul, nbody), the SIMD one (imgfilter) and the long loop in a function
 * called once (longloop, on-stack replacement's case) print the expected output
 * (src/test/resources/workloads/, crypto checksums cross-checked against
 * libsodium, float results recorded from node) under node, the JIT-class
 * reference, and under the
 * runtime image in both tiers (full size under the JIT, small sizes under the
 * interpreter); and the committed .wasm files are what their sources build to.
 */
class ExampleWorkloadsIT {

    private static String expected(String file) throws IOException {
        try (InputStream in = ExampleWorkloadsIT.class.getResourceAsStream("/workloads/" + file)) {
            assertNotNull(in, "missing test resource workloads/" + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String node() {
        ImageLauncher.Result r = ImageLauncher.run(30, "sh", "-c", "command -v node");
        assertEquals(0, r.exit(), "node is needed for the workload tests (apt-get install nodejs): " + r.stderr());
        return r.stdout().strip();
    }

    /** Full size (about a second each under node's JIT) and the small sizes the interpreter runs. */
    @ParameterizedTest
    @CsvSource({
        "core3, '', core3.stdout", "core3, 200, core3.small.stdout",
        "stream, '', stream.stdout", "stream, 1, stream.small.stdout",
        "box_easy2, '', box_easy2.stdout", "box_easy2, 1, box_easy2.small.stdout",
        "benchmark, '', benchmark.stdout", "benchmark, 1, benchmark.small.stdout",
        "matmul, '', matmul.stdout", "matmul, 1, matmul.small.stdout",
        "nbody, '', nbody.stdout", "nbody, 1000, nbody.small.stdout",
        "imgfilter, '', imgfilter.stdout", "imgfilter, 1, imgfilter.small.stdout",
        "longloop, '', longloop.stdout", "longloop, 20, longloop.small.stdout",
        "hello, '', hello.stdout"})
    void underNode(String workload, String arg, String expectedFile) throws IOException {
        String wasm = "examples/" + workload + ".wasm";
        ImageLauncher.Result r = arg.isEmpty()
                ? ImageLauncher.run(120, node(), "--no-warnings", "scripts/run-node-wasi.mjs", wasm)
                : ImageLauncher.run(120, node(), "--no-warnings", "scripts/run-node-wasi.mjs", wasm, arg);
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(expected(expectedFile), r.stdout());
    }

    @ParameterizedTest
    @CsvSource({"core3, core3.stdout", "stream, stream.stdout", "box_easy2, box_easy2.stdout",
        "benchmark, benchmark.stdout", "matmul, matmul.stdout", "nbody, nbody.stdout",
        "imgfilter, imgfilter.stdout", "longloop, longloop.stdout", "hello, hello.stdout"})
    void underTheJit(String workload, String expectedFile) throws IOException {
        String launcher = ImageLauncher.launcher().toString();
        ImageLauncher.Result r = ImageLauncher.run(600, launcher, "run", "--jit=strict", "examples/" + workload + ".wasm");
        assertEquals(0, r.exit(), "wasmoon run --jit=strict examples/" + workload + ".wasm:\n" + r.stderr());
        assertEquals(expected(expectedFile), r.stdout());
    }

    @ParameterizedTest
    @CsvSource({"core3, 200", "stream, 1", "box_easy2, 1", "benchmark, 1", "matmul, 1", "nbody, 1000",
        "imgfilter, 1", "longloop, 20", "hello, 1"})
    void underTheInterpreter(String workload, String arg) throws IOException {
        String launcher = ImageLauncher.launcher().toString();
        ImageLauncher.Result r = ImageLauncher.run(600, launcher, "run", "--no-jit", "examples/" + workload + ".wasm", "--", arg);
        assertEquals(0, r.exit(), "wasmoon run --no-jit examples/" + workload + ".wasm -- " + arg + ":\n" + r.stderr());
        assertEquals(expected(workload + ".small.stdout"), r.stdout());
    }

    @Test
    void committedBinariesAreBuiltFromTheirSources() {
        ImageLauncher.Result r = ImageLauncher.run(1200, "bash", "scripts/build-examples.sh", "--check");
        assertEquals(0, r.exit(), "scripts/build-examples.sh --check (needs clang, lld, wasi-libc):\n" + r.stderr());
    }
}
