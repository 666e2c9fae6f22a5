package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import perf.metrics.CompileMode;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import perf.metrics.ModuleReport;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.validate.Validator;

/** Parallel compilation: the same bytes whatever the thread count, metrics per function, wall time per module. */
class ModuleCompilerTest {
    private static Module workload(String name) throws IOException {
        Path p = Path.of("../../examples", name);
        assertTrue(Files.isRegularFile(p), "missing workload " + p.toAbsolutePath());
        Module m = ModuleDecoder.decode(Files.readAllBytes(p));
        Validator.validate(m);
        return m;
    }

    private static CompiledModule compile(Module m, int threads, MetricsRecorder recorder) {
        ModuleMetrics mm = recorder.beginModule(m.functions().size());
        CompiledModule c = ModuleCompiler.standard(2, threads).compile(m, new byte[0], mm, recorder);
        mm.end();
        return c;
    }

    @Test
    void outputIsByteIdenticalWhateverTheThreadCount() throws IOException {
        for (String name : List.of("core3.wasm", "box_easy2.wasm", "wzip.wasm")) {
            Module m = workload(name);
            byte[] one = compile(m, 1, MetricsRecorder.disabled()).image().code();
            for (int threads : new int[] {2, 3, 8}) {
                CompiledModule c = compile(m, threads, MetricsRecorder.disabled());
                assertArrayEquals(one, c.image().code(), name + " on " + threads + " threads");
                assertEquals(m.functions().size(), c.compiledCount(), name + " " + java.util.stream.IntStream
                        .range(0, m.functionCount()).mapToObj(j -> j + ": " + c.unsupported(j))
                        .filter(x -> !x.endsWith("null")).toList());
                // the whole artifact too: trap sites, relocations, the file
                assertArrayEquals(CodeCacheFormat.write(compile(m, 1, MetricsRecorder.disabled()), new byte[0]),
                        CodeCacheFormat.write(c, new byte[0]), name + " .cwasm on " + threads + " threads");
            }
        }
    }

    @Test
    void metricsStayPerFunctionWithTheModuleWallTime() throws IOException {
        Module m = workload("wzip.wasm");
        List<ModuleReport> reports = new ArrayList<>();
        compile(m, 4, MetricsRecorder.collecting(reports::add));
        ModuleReport r = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(r));
        assertEquals(m.functions().size(), r.functions().size());
        assertEquals(4, r.compileThreads());
        assertTrue(r.functions().stream().allMatch(f -> f.compileMode() == CompileMode.EAGER));
        // wall time: each function's compile lies within the module's
        assertTrue(r.functions().stream().allMatch(f -> f.compileUs() <= r.moduleCompileUs()));
    }
}
