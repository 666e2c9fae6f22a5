package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import perf.metrics.MetricsConfig;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsJson;
import perf.metrics.ModuleReport;
import wasm.runtime.JitUnsupportedException;

/** {@code wasmoon test} in the JIT era: coverage line, --jit, --opt-level, compile metrics. */
class TestCommandJitTest {
    /** Two modules, four defined functions, calls, a trap and memory. */
    private static final String TWO_MODULES = """
            (module
              (memory 1)
              (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "sum") (param i32) (result i32)
                (i32.store (i32.const 0) (local.get 0))
                (call $add (i32.load (i32.const 0)) (i32.const 1)))
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
            (assert_return (invoke "sum" (i32.const 41)) (i32.const 42))
            (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
            (module (func (export "f") (result i64) (i64.const 7)))
            (assert_return (invoke "f") (i64.const 7))
            """;
    private static final String ONE_MODULE = """
            (module (func (export "g") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 2))))
            (assert_return (invoke "g" (f64.const 1.5)) (f64.const 3))
            """;

    private record Outcome(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Outcome invoke(MetricsConfig metrics, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = TestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), metrics);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Outcome invoke(String... args) {
        return invoke(MetricsConfig.disabled(), args);
    }

    private static Path scripts(Path dir) throws IOException {
        Files.writeString(dir.resolve("a.wast"), TWO_MODULES);
        Files.writeString(dir.resolve("b.wast"), ONE_MODULE);
        return dir;
    }

    @Test
    void coverageLineComesAfterTheFileLinesAndBeforeTheTotal(@TempDir Path dir) throws IOException {
        Outcome o = invoke(scripts(dir).toString());
        assertEquals(0, o.exit(), o.out());
        assertEquals(List.of(
                "a.wast: 5 passed, 0 failed",
                "b.wast: 2 passed, 0 failed",
                "jit coverage: 5 functions native, 0 interpreted",
                "7 passed, 0 failed"), o.outLines());
    }

    @Test
    void quietRunKeepsTheCoverageLine(@TempDir Path dir) throws IOException {
        Outcome o = invoke("--quiet", scripts(dir).toString());
        assertEquals(List.of("jit coverage: 5 functions native, 0 interpreted", "7 passed, 0 failed"), o.outLines());
    }

    @Test
    void noJitSaysInterpreterOnly(@TempDir Path dir) throws IOException {
        Outcome o = invoke("--no-jit", scripts(dir).toString());
        assertEquals(0, o.exit(), o.out());
        List<String> lines = o.outLines();
        assertEquals("jit coverage: interpreter only (--no-jit)", lines.get(lines.size() - 2));
        assertEquals("7 passed, 0 failed", lines.getLast());
    }

    @Test
    void strictModePassesAWholeScriptTheJitCovers(@TempDir Path dir) throws IOException {
        // No module of the 2.0 suite makes the JIT fall back any more, so strict mode must pass everything.
        Outcome o = invoke("--jit=strict", scripts(dir).toString());
        assertEquals(0, o.exit(), o.out());
        assertEquals("jit coverage: 5 functions native, 0 interpreted", o.outLines().get(2));
        Outcome separate = invoke("--jit", "fallback", scripts(dir).toString());
        assertEquals(o.out(), separate.out());
    }

    /** A SIMD module (one of its two functions handles a v128), a command on it, and a module after it. */
    private static final String SIMD = """
            (module
              (func (export "plain") (result i32) (i32.const 5))
              (func (export "lane") (param i32) (result i32)
                (i32x4.extract_lane 1 (i32x4.add (i32x4.splat (local.get 0)) (v128.const i32x4 0 10 0 0)))))
            (assert_return (invoke "lane" (i32.const 1)) (i32.const 11))
            (assert_return (invoke "plain") (i32.const 5))
            (module (func (export "f") (result i32) (i32.const 1)))
            (assert_return (invoke "f") (i32.const 1))
            """;

    @Test
    void vectorFunctionsRunNativelyInBothJitModes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("simd.wast"), SIMD);
        Outcome fallback = invoke("--quiet", dir.toString());
        assertEquals(0, fallback.exit(), fallback.out());
        assertEquals(List.of("jit coverage: 3 functions native, 0 interpreted", "5 passed, 0 failed"),
                fallback.outLines());

        Path json = dir.resolve("report.json");
        Outcome strict = invoke("--jit=strict", "--json", json.toString(), dir.toString());
        assertEquals(0, strict.exit(), strict.out());
        assertEquals(List.of("simd.wast: 5 passed, 0 failed", "jit coverage: 3 functions native, 0 interpreted",
                "5 passed, 0 failed"), strict.outLines());
        String report = Files.readString(json);
        assertFalse(report.contains("jit_gap"), report);
    }

    @Test
    void strictFailureCarriesTheRuntimesMessage() {
        // What a module command reports when strict mode refuses it: a failure, never a skip.
        JitUnsupportedException e = new JitUnsupportedException(3, "f", "unsupported opcode: x");
        assertEquals("JIT unsupported \"function 3 (f) not supported by the JIT: unsupported opcode: x\"",
                ScriptExecution.describe(e));
    }

    @Test
    void optionsOfTheJitAreParsedAndReportedInJson(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("report.json");
        Outcome o = invoke("--jit=strict", "--opt-level", "0", "--json", json.toString(), scripts(dir).toString());
        assertEquals(0, o.exit(), o.out());
        String report = Files.readString(json);
        String jit = """
                  "jit": {
                    "tier": "jit",
                    "strict": true,
                    "opt_level": 0,
                    "native_functions": 5,
                    "interpreted_functions": 0,
                    "fallback_reasons": []
                  },
                """;
        assertTrue(report.contains(jit), report);
        assertTrue(report.contains("\"native_functions\": 4"), report);
        for (String level : List.of("--opt-level=1", "-O2", "-O0")) {
            Outcome ok = invoke(level, scripts(dir).toString());
            assertEquals(0, ok.exit(), level + ": " + ok.err());
        }
    }

    @Test
    void badJitOptionsAreUsageErrors() {
        assertUsage("--jit must be strict or fallback, got 'fast'", "--jit=fast", "x.wast");
        assertUsage("--jit needs strict or fallback", "x.wast", "--jit");
        assertUsage("--opt-level must be 0, 1 or 2, got '3'", "--opt-level", "3", "x.wast");
        assertUsage("--opt-level must be 0, 1 or 2, got 'two'", "--opt-level=two", "x.wast");
        assertUsage("--opt-level needs 0, 1 or 2", "x.wast", "--opt-level");
        assertUsage("--jit=strict needs the JIT: drop --no-jit", "--no-jit", "--jit=strict", "x.wast");
        assertUsage("--opt-level must be 0, 1 or 2, got '7'", "-O7", "x.wast");
    }

    private static void assertUsage(String message, String... args) {
        Outcome o = invoke(args);
        assertEquals(2, o.exit(), String.join(" ", args));
        assertTrue(o.err().contains("wasmoon test: " + message), o.err());
        assertTrue(o.err().contains(TestCommand.USAGE), o.err());
        assertEquals("", o.out());
    }

    @Test
    void everyCompiledModuleIsInTheMetricsFile(@TempDir Path dir) throws IOException {
        Path metrics = dir.resolve("out/metrics.json");
        Outcome o = invoke(MetricsConfig.enabled(metrics), scripts(dir).toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        String text = Files.readString(metrics);
        assertTrue(text.contains("\"modules\": ["), "several modules use the modules[] shape: " + text);
        List<ModuleReport> modules = MetricsJson.readDocument(text);
        // Three module commands compiled (two in a.wast, one in b.wast); the spectest module is the host's.
        assertEquals(3, modules.size(), text);
        assertEquals(List.of(3L, 1L, 1L), modules.stream().map(ModuleReport::expectedFunctions).toList());
        for (ModuleReport m : modules) {
            assertEquals(List.of(), MetricsInvariants.check(m));
            assertFalse(m.functions().isEmpty());
        }
    }

    @Test
    void metricsOffWritesNoFile(@TempDir Path dir) throws IOException {
        Path metrics = dir.resolve("metrics.json");
        invoke(new MetricsConfig(false, metrics), scripts(dir).toString());
        assertFalse(Files.exists(metrics));
    }
}
