package wasm.opt.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import perf.metrics.FunctionMetrics;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import perf.metrics.ModuleReport;
import wasm.core.model.Module;
import wasm.ir.Function;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.testing.RandomWasmPrograms;
import wasm.ir.testing.RandomWasmPrograms.Flavor;
import wasm.ir.text.IrPrinter;
import wasm.ir.translate.WasmToIr;
import wasm.opt.OptLevel;
import wasm.opt.Pass;
import wasm.opt.PassPipeline;
import wasm.opt.passes.Passes;

/**
 * Differential properties on random Wasm functions: the IR interpreter gives
 * the same result, or the same trap, before and after each pass alone and
 * after each whole pipeline (O0, O1, O2); the verifier runs after every pass
 * (the pipelines verify, and {@link ModuleEnvironment} verifies the result).
 */
class OptimizedProgramProperties {
    private static final long FUEL = 10_000_000L;

    private static String outcome(Module m, Consumer<Function> transform, int a, int b, int c) {
        try {
            long[] out = new ModuleEnvironment(m, transform, FUEL).invoke(0, a, b, c);
            return "value " + (int) out[0];
        } catch (IrTrap t) {
            return "trap " + t.getMessage();
        }
    }

    private static List<PassPipeline> pipelines() {
        List<PassPipeline> out = new ArrayList<>();
        for (Pass p : Passes.all()) {
            out.add(PassPipeline.builder(OptLevel.O2).add(p).verifying(true).build());
        }
        for (OptLevel level : OptLevel.values()) {
            out.add(PassPipeline.forLevel(level).verifying(true));
        }
        return out;
    }

    @Property(tries = 500)
    void everyPassAndPipelineKeepsResultsAndTraps(@ForAll long seed, @ForAll int a, @ForAll int b, @ForAll int c) {
        Module m = RandomWasmPrograms.module(seed, Flavor.WITH_MEMORY);
        String expected = outcome(m, f -> { }, a, b, c);
        Statistics.label("outcome").collect(expected.startsWith("trap") ? "trap" : "value");
        for (PassPipeline p : pipelines()) {
            String actual = outcome(m, p::run, a, b, c);
            if (!expected.equals(actual)) {
                Function before = new WasmToIr().translate(m, 0);
                Function after = before.copy();
                p.run(after);
                assertEquals(expected, actual, names(p) + " changed the outcome\n" + IrPrinter.print(before)
                        + "\n--- after ---\n" + IrPrinter.print(after));
            }
        }
    }

    @Property(tries = 200)
    void pipelinesReportLinkedPassChainsInTheMetrics(@ForAll long seed) {
        Module m = RandomWasmPrograms.module(seed, Flavor.WITH_MEMORY);
        for (OptLevel level : OptLevel.values()) {
            List<ModuleReport> reports = new ArrayList<>();
            ModuleMetrics mm = MetricsRecorder.collecting(reports::add).beginModule(1);
            FunctionMetrics fm = mm.beginFunction(0, "f", level.number());
            Function f = new WasmToIr().translate(m, 0);
            int before = f.layoutInstCount();
            fm.irInstsBefore(before);
            PassPipeline.forLevel(level).verifying(true).run(f, fm);
            mm.end();
            ModuleReport report = reports.getFirst();
            assertEquals(List.of(), MetricsInvariants.check(report));
            FunctionReport fr = report.functions().getFirst();
            assertEquals(before, fr.irInstsBefore());
            assertEquals(f.layoutInstCount(), fr.irInstsAfter());
            assertEquals(PassPipeline.forLevel(level).passes().size(), fr.irPasses().size());
            Statistics.label("reduction " + level).collect(before == 0 ? "none"
                    : (100 * (before - f.layoutInstCount()) / before) / 20 * 20 + "%");
        }
    }

    private static String names(PassPipeline p) {
        return p.passes().stream().map(Pass::name).toList().toString();
    }
}
