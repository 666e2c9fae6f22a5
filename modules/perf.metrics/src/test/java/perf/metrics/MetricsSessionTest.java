package perf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsSessionTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private final PrintStream warningStream = new PrintStream(warnings, true, StandardCharsets.UTF_8);

    @Test
    void switchValues() {
        for (String on : List.of("1", "true", "TRUE", "Yes", "on", " On ")) {
            assertTrue(MetricsConfig.isOn(on), on);
        }
        for (String off : List.of("0", "false", "no", "off", "", "2", "enabled")) {
            assertFalse(MetricsConfig.isOn(off), off);
        }
        assertFalse(MetricsConfig.isOn(null));
    }

    @Test
    void configFromEnvironmentVariables() {
        assertEquals(new MetricsConfig(false, Path.of("target/wasmoon-perf-metrics.json")),
                MetricsConfig.fromEnvironment(Map.of()));
        assertEquals(new MetricsConfig(true, Path.of("target/wasmoon-perf-metrics.json")),
                MetricsConfig.fromEnvironment(Map.of("WASMOON_PERF_METRICS", "yes")));
        assertEquals(new MetricsConfig(true, Path.of("out/m.json")),
                MetricsConfig.fromEnvironment(Map.of("WASMOON_PERF_METRICS", "1",
                        "WASMOON_PERF_METRICS_FILE", "out/m.json")));
    }

    @Test
    void disabledSessionUsesTheSharedNoOpAndWritesNothing() {
        Path file = dir.resolve("m.json");
        MetricsSession session = MetricsSession.open(new MetricsConfig(false, file), warningStream);
        assertSame(MetricsRecorder.disabled(), session.recorder());
        session.recorder().beginModule(1).end();
        assertFalse(session.flush());
        assertFalse(Files.exists(file));
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneModuleKeepsTheModuleShapeAndParentFoldersAreCreated() throws IOException {
        Path file = dir.resolve("a/b/metrics.json");
        try (MetricsSession session = MetricsSession.open(MetricsConfig.enabled(file), warningStream)) {
            compileOneModule(session.recorder(), 7);
        }
        String json = Files.readString(file);
        assertTrue(json.startsWith("{\n  \"schema_version\": 1,\n  \"expected_functions\": 1,"), json);
        ModuleReport module = MetricsJson.readModule(json);
        assertEquals(7, module.functions().getFirst().funcIdx());
        assertEquals(List.of(), MetricsInvariants.check(module));
    }

    @Test
    void severalModulesUseTheModulesShapeAndNoneIsLost() throws IOException {
        Path file = dir.resolve("metrics.json");
        MetricsSession session = MetricsSession.open(MetricsConfig.enabled(file), warningStream);
        compileOneModule(session.recorder(), 1);
        assertTrue(session.flush());
        assertEquals(1, MetricsJson.readDocument(Files.readString(file)).size());
        compileOneModule(session.recorder(), 2);
        compileOneModule(session.recorder(), 3);
        session.close();
        String json = Files.readString(file);
        assertTrue(json.startsWith("{\n  \"schema_version\": 1,\n  \"modules\": ["), json);
        List<ModuleReport> modules = MetricsJson.readDocument(json);
        assertEquals(List.of(1, 2, 3), modules.stream().map(m -> m.functions().getFirst().funcIdx()).toList());
        assertEquals(session.modules(), modules);
    }

    @Test
    void aFailedWriteIsOneWarningAndNoException() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        Path file = blocker.resolve("metrics.json"); // its parent is a regular file
        MetricsSession session = MetricsSession.open(MetricsConfig.enabled(file), warningStream);
        compileOneModule(session.recorder(), 0);
        assertFalse(session.flush());
        session.close();
        String text = warnings.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("wasmoon: warning: could not write compile metrics to " + file), text);
        assertEquals(1, text.lines().count(), text);
    }

    @Test
    void theEnvironmentSwitchAndExitFlushWorkInARealProcess() throws Exception {
        Path file = dir.resolve("nested/env.json");
        Process on = probe(Map.of("WASMOON_PERF_METRICS", "On", "WASMOON_PERF_METRICS_FILE", file.toString()));
        assertEquals("enabled=true", new String(on.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertEquals(3, on.waitFor(), "the program's own exit status is kept");
        ModuleReport module = MetricsJson.readModule(Files.readString(file));
        assertEquals("func_0", module.functions().getFirst().funcName());

        Path offFile = dir.resolve("off.json");
        Process off = probe(Map.of("WASMOON_PERF_METRICS", "0", "WASMOON_PERF_METRICS_FILE", offFile.toString()));
        assertEquals("enabled=false", new String(off.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertEquals(3, off.waitFor());
        assertFalse(Files.exists(offFile));
    }

    private Process probe(Map<String, String> env) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                MetricsExitProbe.class.getName());
        pb.environment().remove("WASMOON_PERF_METRICS");
        pb.environment().remove("WASMOON_PERF_METRICS_FILE");
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    private static void compileOneModule(MetricsRecorder recorder, int funcIdx) {
        ModuleMetrics m = recorder.beginModule(1);
        FunctionMetrics f = m.beginFunction(funcIdx, "f" + funcIdx, 2);
        long t = f.startTimer();
        f.irInstsBefore(4);
        f.endPass("dce", t, 4, 3, true);
        f.irInstsAfter(3);
        f.endStage(Stage.OPTIMIZE, t);
        f.codeSize(32);
        m.end();
    }
}
