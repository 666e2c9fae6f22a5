package wasm.opt.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import perf.metrics.FunctionMetrics;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import perf.metrics.ModuleReport;
import wasm.core.model.Module;
import wasm.ir.Function;
import wasm.ir.testing.InterpretedSpecAssertions;
import wasm.ir.testing.SpecSuite;
import wasm.ir.translate.WasmToIr;
import wasm.opt.OptLevel;
import wasm.opt.PassPipeline;

/**
 * The official spec suite (MVP, 2.0 and SIMD files, read in place) through the
 * optimiser: every function of every valid module goes through O1 and O2 with
 * the verifier after every pass, and for modules without imports the suite's
 * assert_return / assert_trap assertions still hold when the O1- and O2-optimised IR
 * is interpreted ({@link InterpretedSpecAssertions}). Prints the instruction-count
 * reduction and the time per function.
 */
class SpecSuiteOptTest {
    /** The pipeline is timed this many times per function (the first run is cold, the last warm). */
    private static final int TIMING_ROUNDS = 5;

    @Test
    void everyFunctionOptimisesAndVerifiesAfterEveryPass() throws IOException {
        List<Module> modules = SpecSuite.validModules();
        WasmToIr translator = new WasmToIr();
        List<String> failures = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (OptLevel level : OptLevel.values()) {
            PassPipeline verified = PassPipeline.forLevel(level).verifying(true);
            PassPipeline plain = PassPipeline.forLevel(level);
            long before = 0, after = 0;
            long[] nanos = new long[TIMING_ROUNDS];
            int functions = 0;
            for (Module m : modules) {
                int imported = m.functionCount() - m.functions().size();
                for (int i = imported; i < m.functionCount(); i++) {
                    Function f = translator.translate(m, i);
                    try {
                        for (int round = 0; round < TIMING_ROUNDS; round++) {
                            // timed without the verifier: what the JIT pays
                            Function timed = f.copy();
                            long t0 = System.nanoTime();
                            plain.run(timed);
                            nanos[round] += System.nanoTime() - t0;
                        }
                        before += f.layoutInstCount();
                        verified.run(f);
                        after += f.layoutInstCount();
                        functions++;
                    } catch (RuntimeException e) {
                        failures.add(level + " func " + i + " of a module: " + e);
                    }
                }
            }
            report.append(String.format("spec suite %s: %d functions, IR insts %d -> %d (%.1f%% fewer), "
                            + "%.2f us per function (first run; %.2f us on run %d; no verifier)%n", level, functions,
                    before, after, 100.0 * (before - after) / Math.max(1, before),
                    nanos[0] / 1e3 / Math.max(1, functions), nanos[TIMING_ROUNDS - 1] / 1e3 / Math.max(1, functions),
                    TIMING_ROUNDS));
            assertTrue(functions > 1000, "only " + functions + " functions");
        }
        System.out.print(report);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
    }

    @Test
    void realCompilesReportConsistentMetrics() throws IOException {
        WasmToIr translator = new WasmToIr();
        int modules = 0;
        for (Module m : SpecSuite.validModules()) {
            int imported = m.functionCount() - m.functions().size();
            for (OptLevel level : List.of(OptLevel.O1, OptLevel.O2)) {
                PassPipeline pipeline = PassPipeline.forLevel(level);
                List<ModuleReport> reports = new ArrayList<>();
                ModuleMetrics mm = MetricsRecorder.collecting(reports::add).beginModule(m.functions().size());
                for (int i = imported; i < m.functionCount(); i++) {
                    FunctionMetrics fm = mm.beginFunction(i, null, level.number());
                    Function f = translator.translate(m, i);
                    fm.irInstsBefore(f.layoutInstCount());
                    pipeline.run(f, fm);
                }
                mm.end();
                List<String> problems = MetricsInvariants.check(reports.getFirst());
                assertEquals(List.of(), problems, "module " + modules + " at " + level);
                for (FunctionReport fr : reports.getFirst().functions()) {
                    assertEquals(pipeline.passes().size(), fr.irPasses().size());
                }
            }
            modules++;
        }
        assertTrue(modules > 500, "only " + modules + " modules");
    }

    @ParameterizedTest
    @EnumSource(value = OptLevel.class, names = {"O1", "O2"})
    void assertionsHoldOnOptimisedIr(OptLevel level) throws IOException {
        PassPipeline pipeline = PassPipeline.forLevel(level).verifying(true);
        InterpretedSpecAssertions.Tally tally = InterpretedSpecAssertions.check(pipeline::run);
        List<String> failures = tally.failures();
        System.out.printf("spec suite on %s IR: %d assertions passed (%d in SIMD scripts), %d failed%n", level,
                tally.passed(), tally.simdPassed(), failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(30, failures.size())), failures.size() + " failures");
        assertTrue(tally.passed() > 5000, "only " + tally.passed() + " assertions ran");
        assertTrue(tally.simdPassed() > 20_000, "only " + tally.simdPassed() + " SIMD assertions ran");
    }
}
