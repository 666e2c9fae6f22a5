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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import perf.metrics.FunctionReport;
import perf.metrics.MetricsConfig;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsJson;
import perf.metrics.ModuleReport;
import perf.metrics.Tier;
import wasm.core.model.Module;

/**
 * Compile metrics end to end: {@code wasmoon run} on the examples with metrics
 * on writes one module report per run that passes {@link MetricsInvariants},
 * with real stage times, code sizes and register-allocation counts; a WASI
 * proc_exit still writes the file; with metrics off nothing is written. The
 * environment variables themselves are exercised in a child JVM.
 */
class CompileMetricsTest {
    @TempDir
    Path dir;

    private ModuleReport runWithMetrics(String name, String... args) throws IOException {
        Path file = dir.resolve(name + ".json");
        // the code cache off: a run that found its code cached would rightly report no compile figures
        List<String> argv = new ArrayList<>(List.of("run", MainInvocation.example(name), "--cache=off"));
        argv.addAll(List.of(args));
        MainInvocation r = MainInvocation.withMetrics(MetricsConfig.enabled(file), argv.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err(), r::toString);
        List<ModuleReport> modules = MetricsJson.readDocument(Files.readString(file));
        assertEquals(1, modules.size(), () -> "one module compiled by " + argv);
        ModuleReport m = modules.getFirst();
        String json = Files.readString(file);
        assertEquals(List.of(), MetricsInvariants.check(m), () -> name + ": " + json);
        Module module = ModuleFileReader.read(MainInvocation.example(name));
        assertEquals(module.functions().size(), m.expectedFunctions(), name);
        assertTrue(m.moduleCompileUs() > 0, name);
        for (FunctionReport f : m.functions()) {
            if (f.compileMode() == perf.metrics.CompileMode.BASELINE) {
                // the baseline compiler (tiered, the default): one pass, no IR, no stages
                assertEquals(0, f.optLevel(), name + " " + f.funcName());
                assertTrue(f.codeSize() > 0, name + " " + f.funcName() + " code_size");
                assertEquals(0, f.stageTimeUs(), name + " " + f.funcName() + " stage times");
                assertTrue(f.irPasses().isEmpty(), name + " " + f.funcName() + " passes");
                continue;
            }
            assertEquals(2, f.optLevel(), name + " " + f.funcName());
            if (f.tier() instanceof Tier.Jit) {
                assertTrue(f.codeSize() > 0, name + " " + f.funcName() + " code_size");
                assertTrue(f.stageTimeUs() > 0, name + " " + f.funcName() + " stage times");
                assertTrue(f.irInstsBefore() > 0, name + " " + f.funcName() + " ir_insts_before");
                assertFalse(f.irPasses().isEmpty(), name + " " + f.funcName() + " passes at -O2");
            }
            if (f.spills() > 0 || f.reloads() > 0 || f.spillToSpill() > 0) {
                assertTrue(f.spillSlots() > 0, name + " " + f.funcName() + " spills without spill slots");
            }
        }
        return m;
    }

    @Test
    void everyExampleWritesAConsistentReportWithRealFigures() throws IOException {
        List<ModuleReport> all = new ArrayList<>();
        all.add(runWithMetrics("fac.wasm", "--invoke", "fac", "--arg", "10"));
        all.add(runWithMetrics("memory.wasm", "--invoke", "checksum", "--arg", "7"));
        all.add(runWithMetrics("loop.wasm", "--invoke", "run"));
        // short runs: tiered, they would run baseline code alone; lazily, every function they
        // call gets the optimizing pipeline, whose figures this test is about
        all.add(runWithMetrics("core3.wasm", "--compile=lazy", "--", "2"));
        all.add(runWithMetrics("box_easy2.wasm", "--compile=lazy", "--", "1"));
        all.add(runWithMetrics("benchmark.wasm", "--compile=lazy", "--", "1"));
        long jitFunctions = all.stream().flatMap(m -> m.functions().stream()).filter(f -> f.tier() instanceof Tier.Jit)
                .count();
        assertTrue(jitFunctions > 20, "functions compiled by the JIT: " + jitFunctions);
        // The crypto workloads need more registers than x86-64 has: the allocator's counters must show it.
        assertTrue(all.stream().flatMap(m -> m.functions().stream()).anyMatch(f -> f.spills() > 0 && f.reloads() > 0),
                "no function with spills and reloads among the examples");
    }

    @Test
    void optLevelIsRecordedPerFunction() throws IOException {
        Path file = dir.resolve("o0.json");
        MainInvocation r = MainInvocation.withMetrics(MetricsConfig.enabled(file), "run",
                MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg", "3", "--opt-level", "0");
        assertEquals("6\n", r.out(), r::toString);
        ModuleReport m = MetricsJson.readDocument(Files.readString(file)).getFirst();
        assertEquals(List.of(), MetricsInvariants.check(m));
        for (FunctionReport f : m.functions()) {
            assertEquals(0, f.optLevel());
            assertEquals(List.of(), f.irPasses(), "no passes at -O0");
        }
    }

    @Test
    void procExitStillWritesTheFile() throws IOException {
        Path file = dir.resolve("exit.json");
        MainInvocation r = MainInvocation.withMetrics(MetricsConfig.enabled(file), "run",
                MainInvocation.resource("wasi-probe.wat"));
        assertEquals(7, r.exitCode(), r::toString);
        ModuleReport m = MetricsJson.readDocument(Files.readString(file)).getFirst();
        assertEquals(List.of(), MetricsInvariants.check(m));
        assertEquals(3, m.expectedFunctions());
    }

    @Test
    void interpreterCompilesNothingAndSaysSo() throws IOException {
        Path file = dir.resolve("interp.json");
        MainInvocation r = MainInvocation.withMetrics(MetricsConfig.enabled(file), "run",
                MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg", "3", "--no-jit");
        assertEquals("6\n", r.out(), r::toString);
        assertEquals(List.of(), MetricsJson.readDocument(Files.readString(file)));
    }

    /** {@code test} compiles one module per module command: the file has the multi-module shape. */
    @Test
    void testCommandRecordsEveryModule() throws IOException {
        Path file = dir.resolve("test.json");
        Path wast = Files.writeString(dir.resolve("two.wast"), """
                (module (func (export "f") (result i32) i32.const 1))
                (assert_return (invoke "f") (i32.const 1))
                (module (func (export "g") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))
                (assert_return (invoke "g" (i32.const 4)) (i32.const 8))
                """);
        MainInvocation r = MainInvocation.withMetrics(MetricsConfig.enabled(file), "test", wast.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r::toString);
        List<ModuleReport> modules = MetricsJson.readDocument(Files.readString(file));
        assertEquals(2, modules.size(), () -> r + "\n" + modules);
        for (ModuleReport m : modules) {
            assertEquals(List.of(), MetricsInvariants.check(m));
            assertEquals(1, m.functions().size());
        }
    }

    @Test
    void offMeansNoFile() {
        Path file = dir.resolve("off.json");
        MainInvocation r = MainInvocation.withMetrics(new MetricsConfig(false, file), "run",
                MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg", "3");
        assertEquals("6\n", r.out(), r::toString);
        assertFalse(Files.exists(file));
    }

    @Test
    void unwritableFileIsAWarningNotAFailure() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        MainInvocation r = MainInvocation.withMetrics(MetricsConfig.enabled(blocker.resolve("m.json")), "run",
                MainInvocation.example("fac.wasm"), "--invoke", "fac", "--arg", "3");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("6\n", r.out(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().getFirst().startsWith("wasmoon: warning: could not write compile metrics to "),
                r::toString);
    }

    // ---- the environment variables, in a child JVM (they are read once per process)

    private record Child(int exitCode, String out, String err) {
    }

    private Child child(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        // The work directory is temporary: a crash log must land where the build looks for it.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:ErrorFile=" + Path.of(
                        System.getProperty("wasmoon.crashLogs", "target"), "hs_err_pid%p.log").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "wasmoon.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove(MetricsConfig.ENABLE_VARIABLE);
        pb.environment().remove(MetricsConfig.FILE_VARIABLE);
        // its own code cache: what the user's cache holds must not change what is compiled
        pb.environment().put("WASMOON_CACHE_DIR", dir.resolve("cache").toString());
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("child.out").toFile());
        pb.redirectError(dir.resolve("child.err").toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish: " + command);
        }
        return new Child(p.exitValue(), Files.readString(dir.resolve("child.out")),
                Files.readString(dir.resolve("child.err")));
    }

    @Test
    void environmentVariablesSwitchMetricsOnInARealProcess() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        String probe = MainInvocation.resource("wasi-probe.wat");

        Child off = child(work, Map.of(), "run", probe);
        assertEquals(7, off.exitCode(), off::toString);
        assertFalse(Files.exists(work.resolve("target")), "no metrics variable, yet target/ was created");

        Child defaultFile = child(work, Map.of("WASMOON_PERF_METRICS", "1"), "run", probe);
        assertEquals(7, defaultFile.exitCode(), defaultFile::toString);
        assertEquals("", defaultFile.err(), defaultFile::toString);
        Path written = work.resolve("target/wasmoon-perf-metrics.json");
        assertEquals(List.of(), MetricsInvariants.check(MetricsJson.readDocument(Files.readString(written)).getFirst()));

        Path named = dir.resolve("named/metrics.json");
        // eager and uncached: both functions are compiled in this run, whatever an earlier test cached
        // (with the cache on, the count depended on whether another test had run fac_iter before)
        Child namedFile = child(work, Map.of("WASMOON_PERF_METRICS", "on", "WASMOON_PERF_METRICS_FILE", named.toString()),
                "run", MainInvocation.example("fac.wasm"), "--cache=off", "--compile=eager", "--invoke", "fac", "--arg", "5");
        assertEquals(0, namedFile.exitCode(), namedFile::toString);
        assertEquals("120\n", namedFile.out(), namedFile::toString);
        ModuleReport m = MetricsJson.readDocument(Files.readString(named)).getFirst();
        assertEquals(List.of(), MetricsInvariants.check(m));
        assertEquals(2, m.functions().size());
    }
}
