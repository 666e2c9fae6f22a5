package wasm.opt.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import perf.metrics.FunctionMetrics;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import perf.metrics.ModuleReport;
import perf.metrics.PassReport;
import wasm.core.model.Module;
import wasm.ir.Function;
import wasm.ir.testing.RandomWasmPrograms;
import wasm.ir.testing.RandomWasmPrograms.Flavor;
import wasm.ir.translate.WasmToIr;
import wasm.opt.OptLevel;
import wasm.opt.Pass;
import wasm.opt.PassPipeline;

/**
 * The pass driver reads {@link Function#layoutInstCount()}, a live count, around every pass.
 * On random Wasm functions it equals a walk of the layout after translation and after every
 * pass of the O2 pipeline run one by one without the verifying driver (which checks the same
 * thing on the spec suite), and a metrics-on O2 run records the chain of those counts with
 * passes timed back to back (one clock read per pass boundary).
 */
class LiveInstCountProperties {

    @Property(tries = 300)
    void liveCountEqualsTheLayoutWalkAfterEveryO2Pass(@ForAll long seed) {
        Module m = RandomWasmPrograms.module(seed, Flavor.WITH_MEMORY);
        Function f = new WasmToIr().translate(m, 0);
        assertEquals(f.walkLayoutInstCount(), f.layoutInstCount(), "after translation");
        for (Pass pass : PassPipeline.forLevel(OptLevel.O2).passes()) {
            pass.run(f);
            assertEquals(f.walkLayoutInstCount(), f.layoutInstCount(), "after " + pass.name());
        }
        Function copy = f.copy();
        assertEquals(f.walkLayoutInstCount(), copy.layoutInstCount(), "copy");
    }

    @Property(tries = 200)
    void metricsOnRecordsTheLiveCountsAndBackToBackPassTimes(@ForAll long seed) {
        Module m = RandomWasmPrograms.module(seed, Flavor.WITH_MEMORY);
        List<ModuleReport> reports = new ArrayList<>();
        // A clock that advances 1 us per read: durations count clock reads, so laps can be checked.
        long[] now = {0};
        ModuleMetrics mm = MetricsRecorder.collecting(reports::add, () -> now[0] += 1000).beginModule(1);
        FunctionMetrics fm = mm.beginFunction(0, "f", 2);
        Function f = new WasmToIr().translate(m, 0);
        int before = f.walkLayoutInstCount();
        PassPipeline pipeline = PassPipeline.forLevel(OptLevel.O2);
        pipeline.run(f, fm);
        mm.end();
        ModuleReport report = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(report));
        FunctionReport fr = report.functions().getFirst();
        assertEquals(before, fr.irInstsBefore());
        assertEquals(f.walkLayoutInstCount(), fr.irInstsAfter());
        assertEquals(pipeline.passes().size(), fr.irPasses().size());
        // n passes, n + 1 clock reads: each pass lasted exactly one clock step...
        for (PassReport p : fr.irPasses()) {
            assertEquals(1, p.durationUs(), p.name());
        }
        // ...and the optimize stage spans them all, from the first pass's start to the last one's end.
        assertEquals(pipeline.passes().size(), fr.optimizeUs());
        assertTrue(fr.optimizeUs() >= fr.irPasses().stream().mapToLong(PassReport::durationUs).sum());
    }
}
