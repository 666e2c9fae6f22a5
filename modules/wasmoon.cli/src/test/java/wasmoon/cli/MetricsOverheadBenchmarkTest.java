package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import perf.metrics.FunctionReport;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleReport;
import perf.metrics.Tier;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * What {@link MetricsOverheadBenchmark} measures is real work: its generated
 * module is valid, and one round with metrics on compiles every function and
 * reports a consistent module. (No timing is asserted: it is a benchmark.)
 */
class MetricsOverheadBenchmarkTest {
    @Test
    void generatedModuleCompilesCompletelyWithConsistentMetrics() {
        Module module = WatParser.parseModule(MetricsOverheadBenchmark.generatedModule(40));
        Validator.validate(module);
        assertEquals(40, module.functions().size());
        assertEquals(40, MetricsOverheadBenchmark.compileAll(module, MetricsRecorder.disabled()));

        List<ModuleReport> reports = new ArrayList<>();
        assertEquals(40, MetricsOverheadBenchmark.compileAll(module, MetricsRecorder.collecting(reports::add)));
        assertEquals(1, reports.size());
        ModuleReport m = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(m));
        for (FunctionReport f : m.functions()) {
            assertTrue(f.tier() instanceof Tier.Jit, f::toString);
            assertTrue(f.codeSize() > 0, f::toString);
            assertTrue(f.irPasses().size() > 0, f::toString);
        }
    }
}
