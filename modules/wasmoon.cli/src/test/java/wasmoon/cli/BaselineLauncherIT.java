package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import perf.baseline.BaselineSummary;
import perf.baseline.BaselineTool;
import perf.baseline.SummaryInvariants;
import perf.baseline.SummaryJson;
import perf.baseline.WorkloadResult;
import perf.baseline.WorkloadStatus;

/**
 * The baseline tool against the real runtime image on two tiny workloads, one
 * of which traps: artifacts, summaries and the exit code.
 */
class BaselineLauncherIT {

    @Test
    void captureWithTheRealLauncher() throws IOException {
        Path launcher = ImageLauncher.launcher();
        Path dir = Files.createTempDirectory("baseline-real");
        try {
            Path ok = dir.resolve("tiny_ok.wat");
            Files.writeString(ok, "(module (func (export \"_start\") (drop (i32.add (i32.const 1) (i32.const 2)))))\n");
            Path trap = dir.resolve("tiny_trap.wat");
            Files.writeString(trap, "(module (func (export \"_start\") unreachable))\n");
            Path out = dir.resolve("baseline");
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
            int exit = BaselineTool.run(new String[] {"--wasmoon", launcher.toString(), "--out-dir", out.toString(),
                "--timeout-sec", "300", "--workload", ok.toString(), "--workload", trap.toString()}, ps, ps);
            String log = buf.toString(StandardCharsets.UTF_8);
            assertEquals(BaselineTool.EXIT_FAILED, exit, log);

            BaselineSummary s = SummaryJson.read(Files.readString(out.resolve("summary.json")));
            WorkloadResult good = s.workloads().get(0);
            WorkloadResult bad = s.workloads().get(1);
            assertEquals("tiny_ok", good.name());
            assertEquals("tiny_trap", bad.name());
            assertEquals(new WorkloadStatus.ExitCode(1), bad.status(), log);
            String trapMessage = Files.readString(out.resolve("tiny_trap.stderr.log"));
            assertTrue(trapMessage.startsWith("wasmoon: error: ") && trapMessage.contains("unreachable"), trapMessage);
            // The good one ran (exit 0) and the JIT wrote its compile metrics.
            assertTrue(good.status().ok(), good.status() + "\n" + Files.readString(out.resolve("tiny_ok.stderr.log")));
            assertTrue(Files.exists(out.resolve("tiny_ok.metrics.json")));
            assertEquals("", Files.readString(out.resolve("tiny_ok.stdout.log")));
            assertEquals(java.util.List.of(), SummaryInvariants.check(out));
            assertTrue(Files.readString(out.resolve("summary.md")).contains("| `tiny_trap` | **exit code 1** |"));
        } finally {
            ImageLauncher.deleteTree(dir);
        }
    }
}
