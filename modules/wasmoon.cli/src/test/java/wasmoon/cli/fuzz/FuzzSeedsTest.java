package wasmoon.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential fuzzer's fixed seed set, in the test command: binaryen ttf modules and our
 * generated ones (half of each with SIMD, as a campaign mixes them), run under node (V8) and
 * under wasmoon in both tiers at every optimisation level, in child processes; the generated
 * ones with wide memories (a 64-bit memory, two memories) under wasmoon only, its tiers
 * compared. Every module must agree; node, wasm-opt and wasm-reduce must be installed (the test fails, never skips,
 * without them). The long campaign is {@code scripts/fuzz.sh} (docs/fuzzing.md).
 */
class FuzzSeedsTest {
    /** Seeds 1..40: twenty ttf modules (even seeds) and twenty generated ones (odd seeds). */
    private static final long FIRST_SEED = 1;
    private static final int MODULES = 40;

    @Test
    void fixedSeedsAgreeWithV8InEveryConfiguration(@TempDir Path work) throws IOException, InterruptedException {
        for (String tool : List.of("node", "wasm-opt", "wasm-reduce")) {
            assertTrue(onPath(tool), tool + " is required by the fuzzer (node; Debian's binaryen) and is not installed");
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FuzzCampaign.Options options = new FuzzCampaign.Options(FIRST_SEED, MODULES,
                List.of(FuzzCampaign.Source.TTF, FuzzCampaign.Source.GENERATED), FuzzFeature.ttfFeatures(),
                FuzzCampaign.DEFAULT_SIMD_SHARE, FuzzCampaign.DEFAULT_WIDE_SHARE, EngineConfig.ALL, MODULES, work, false, work.resolve("regressions"), 0, false);
        FuzzCampaign.Summary s = new FuzzCampaign(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String findings = s.findings().stream().map(f -> f.id() + " " + f.kind() + ": " + f.description()
                + readReport(f.dir())).collect(Collectors.joining("\n"));
        assertTrue(s.findings().isEmpty(), s.line() + "\n" + findings + "\n" + log.toString(StandardCharsets.UTF_8));
        assertEquals(MODULES, s.modules());
        assertEquals(0, s.crashes() + s.hangs() + s.nodeFailures(), s.line());
        assertEquals(MODULES / 2, s.bySource().get(FuzzCampaign.Source.TTF));
        assertEquals(MODULES / 2, s.bySource().get(FuzzCampaign.Source.GENERATED));
        // Every module makes calls; most of them return rather than trap.
        assertTrue(s.calls() >= 10L * MODULES, s.line());
        // The SIMD path is exercised end to end: the seeds' share of SIMD modules, v128 code in
        // them, and calls that pass or return a v128 through the wrappers.
        long simd = LongStream.range(FIRST_SEED, FIRST_SEED + MODULES)
                .filter(seed -> TtfModules.withSimd(seed, options.features(), options.simdShare()))
                .count();
        assertTrue(simd >= MODULES / 4, "only " + simd + " SIMD seeds");
        assertEquals(simd, s.simdModules(), s.line());
        assertEquals(simd, s.vectorModules(), s.line());
        assertTrue(s.vectorCalls() >= 2 * simd, s.line());
        // Generated modules with wide memories (memory64, two memories) ran and were compared among
        // wasmoon's configurations (node 20 cannot run them).
        long wide = LongStream.range(FIRST_SEED, FIRST_SEED + MODULES)
                .filter(seed -> FuzzCampaign.sourceOf(seed, options.sources()) == FuzzCampaign.Source.GENERATED)
                .filter(seed -> FuzzCampaign.memoriesOf(seed, options.wideShare()).wide())
                .count();
        assertTrue(wide >= 2, "only " + wide + " seeds with wide memories");
        assertEquals(wide, s.wideModules(), s.line());
    }

    private static String readReport(Path dir) {
        try {
            return "\n" + Files.readString(dir.resolve("report.txt"));
        } catch (IOException e) {
            return " (no report: " + e + ")";
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
