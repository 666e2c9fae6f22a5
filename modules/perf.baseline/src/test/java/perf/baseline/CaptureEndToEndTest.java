package perf.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perf.metrics.MetricsJson;

/**
 * The whole tool against a fake launcher: a bash script, written into a temp
 * directory, that behaves by the workload's file name (writes a metrics file,
 * fails, hangs, writes garbage), so this test does not depend on the jlink
 * image. {@link RealLauncherEndToEndTest} runs the real ./wasmoon.
 */
class CaptureEndToEndTest {
    private Path dir;
    private Path launcher;

    @BeforeEach
    void writeFakeLauncher() throws IOException {
        dir = Files.createTempDirectory("baseline-e2e");
        Path sample = dir.resolve("sample.metrics.json");
        Files.writeString(sample, MetricsJson.writeModule(MetricsSamples.fixedModule(3)));
        launcher = dir.resolve("fake-wasmoon");
        Files.writeString(launcher, """
                #!/usr/bin/env bash
                # fake wasmoon: $1 is the subcommand, $2 the workload
                [[ $1 == run || $1 == test ]] || { echo "fake: bad subcommand $1" >&2; exit 2; }
                case $(basename "$2") in
                  good*) [[ $WASMOON_PERF_METRICS == 1 ]] && cp '%s' "$WASMOON_PERF_METRICS_FILE"
                         echo "hello from $2"; exit 0 ;;
                  bad*) echo "wasmoon: error: unreachable" >&2; exit 1 ;;
                  nometrics*) echo "ran without metrics"; exit 0 ;;
                  garbage*) echo '{"schema_version": ' >"$WASMOON_PERF_METRICS_FILE"; exit 0 ;;
                  slow*) sleep 300 & echo $! >'%s'; wait ;;
                esac
                """.formatted(sample, dir.resolve("slow.pid")));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String w : List.of("good.wasm", "bad.wasm", "nometrics.wasm", "garbage.wasm", "slow.wasm")) {
            Files.writeString(dir.resolve(w), "");
        }
    }

    @AfterEach
    void cleanUp() throws IOException {
        SummaryProperties.deleteTree(dir);
    }

    private record Outcome(int exit, String stdout, String stderr) {
    }

    private Outcome tool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BaselineTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<String> capture(Path outDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--wasmoon", launcher.toString(), "--out-dir", outDir.toString(),
                "--timeout-sec", "20"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void oneGoodOneFailingWorkload() throws IOException {
        Path out = dir.resolve("baseline");
        List<String> args = capture(out, "--workload", dir.resolve("good.wasm").toString(),
                "--workload", dir.resolve("bad.wasm").toString());
        Outcome o = tool(args.toArray(String[]::new));
        assertEquals(BaselineTool.EXIT_FAILED, o.exit(), o.stdout() + o.stderr());
        // a progress line as each workload starts and ends
        assertTrue(o.stdout().contains("[1/2] good: running"), o.stdout());
        assertTrue(o.stdout().contains("[1/2] good: ok, wall "), o.stdout());
        assertTrue(o.stdout().contains("[2/2] bad: exit code 1"), o.stdout());
        assertTrue(o.stdout().contains("1/2 workloads ok"), o.stdout());

        assertTrue(Files.readString(out.resolve("good.stdout.log")).startsWith("hello from "));
        assertEquals("", Files.readString(out.resolve("good.stderr.log")));
        assertEquals(MetricsJson.readModule(Files.readString(dir.resolve("sample.metrics.json"))),
                MetricsJson.readModule(Files.readString(out.resolve("good.metrics.json"))));
        assertEquals("wasmoon: error: unreachable\n", Files.readString(out.resolve("bad.stderr.log")));
        assertFalse(Files.exists(out.resolve("bad.metrics.json")));
        assertTrue(Files.list(out).noneMatch(p -> p.getFileName().toString().startsWith(".runs-")),
                "the scratch directory is removed");

        BaselineSummary s = SummaryJson.read(Files.readString(out.resolve("summary.json")));
        assertEquals(List.of("good", "bad"), s.workloads().stream().map(WorkloadResult::name).toList());
        assertEquals(new WorkloadStatus.Ok(), s.workloads().get(0).status());
        assertEquals(new WorkloadStatus.ExitCode(1), s.workloads().get(1).status());
        WorkloadMetrics m = s.workloads().get(0).metrics().orElseThrow();
        assertEquals(2, m.functions());
        assertEquals(1024 + 256, m.codeSize());
        assertEquals("main", m.slowestFunctions().getFirst().name());
        assertEquals(List.of(), SummaryInvariants.check(out));
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| `bad` | **exit code 1** |"), md);
        assertTrue(md.contains("optimize █"), md);

        Outcome same = tool("compare", out.toString(), out.toString());
        assertEquals(BaselineTool.EXIT_OK, same.exit(), same.stdout() + same.stderr());
    }

    @Test
    void timeoutsMissingAndBrokenMetricsAndRepeats() throws IOException {
        Path out = dir.resolve("baseline");
        List<String> args = capture(out, "--timeout-sec", "2", "--repeat", "3", "--subcommand", "test",
                "--workload", dir.resolve("good.wasm").toString(),
                "--workload", dir.resolve("nometrics.wasm").toString(),
                "--workload", dir.resolve("garbage.wasm").toString(),
                "--workload", dir.resolve("slow.wasm").toString());
        Outcome o = tool(args.toArray(String[]::new));
        assertEquals(BaselineTool.EXIT_FAILED, o.exit(), o.stdout() + o.stderr());
        BaselineSummary s = SummaryJson.read(Files.readString(out.resolve("summary.json")));
        assertEquals("test", s.subcommand());
        assertEquals(3, s.repeat());
        assertEquals(new WorkloadStatus.Ok(), s.workloads().get(0).status());
        assertEquals(3, s.workloads().get(0).wallMsRuns().size());
        assertEquals(BaselineCapture.median(s.workloads().get(0).wallMsRuns()), s.workloads().get(0).wallMs());
        assertEquals(new WorkloadStatus.MissingMetrics(), s.workloads().get(1).status());
        assertTrue(s.workloads().get(2).status() instanceof WorkloadStatus.InvalidMetrics, s.workloads().get(2).status().toString());
        assertEquals(new WorkloadStatus.Timeout(2), s.workloads().get(3).status());
        assertEquals(1, s.workloads().get(3).wallMsRuns().size(), "a failed run stops the repeats");
        long child = Long.parseLong(Files.readString(dir.resolve("slow.pid")).strip());
        assertFalse(stillRunning(child), "the launcher's children are killed on timeout");
        assertEquals(List.of(), SummaryInvariants.check(out));
    }

    @Test
    void aMissingLauncherStillWritesTheSummary() throws IOException {
        Path out = dir.resolve("baseline");
        Outcome o = tool("--wasmoon", dir.resolve("no-such-launcher").toString(), "--out-dir", out.toString(),
                "--workload", dir.resolve("good.wasm").toString());
        assertEquals(BaselineTool.EXIT_FAILED, o.exit());
        BaselineSummary s = SummaryJson.read(Files.readString(out.resolve("summary.json")));
        assertTrue(s.workloads().getFirst().status() instanceof WorkloadStatus.LaunchFailed);
        assertTrue(Files.exists(out.resolve("summary.md")));
        assertEquals(List.of(), SummaryInvariants.check(out));
    }

    @Test
    void usageErrors() {
        assertEquals(BaselineTool.EXIT_USAGE, tool("--subcommand", "explore").exit());
        assertEquals(BaselineTool.EXIT_USAGE, tool("--repeat", "0").exit());
        assertEquals(BaselineTool.EXIT_USAGE, tool("--timeout-sec").exit());
        assertEquals(BaselineTool.EXIT_USAGE, tool("--bogus").exit());
        assertEquals(BaselineTool.EXIT_USAGE, tool("--workload", "a.wasm", "--workload", "./a.wasm").exit());
    }

    /**
     * Whether a killed process still runs. An orphan killed by the tool is
     * reparented and reaped by whoever is PID 1, which may take a moment or never
     * happen in a container: a zombie ("Z" in /proc/PID/stat) has stopped running.
     */
    private static boolean stillRunning(long pid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String stat;
            try {
                stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            } catch (IOException gone) {
                return false;
            }
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'Z' || state == 'X') {
                return false;
            }
            if (System.nanoTime() > deadline) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
    }
}
