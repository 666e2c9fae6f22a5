package wasm.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import perf.metrics.FunctionMetrics;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import perf.metrics.ModuleReport;
import perf.metrics.PassReport;
import wasm.ir.Function;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.opt.passes.Passes;

/** The pass driver: pipeline contents per level, the e-graph slot, metrics recording and verification. */
class PassPipelineTest {
    private static final String LOOP = """
            function %sum(i32) -> i32 {
            block0(v0: i64, v1: i32):
                v2 = iconst.i32 0
                v3 = iconst.i32 0
                jump block1(v2, v3)

            block1(v4: i32, v5: i32):
                v6 = icmp.i32 uge v4, v1
                brif v6, block2, block3

            block3:
                v7 = iconst.i32 2
                v8 = imul.i32 v1, v7
                v9 = iadd.i32 v5, v8
                v10 = iconst.i32 1
                v11 = iadd.i32 v4, v10
                jump block1(v11, v9)

            block2:
                return v5
            }
            """;

    private static List<String> names(PassPipeline p) {
        return p.passes().stream().map(Pass::name).toList();
    }

    @Test
    void levelsHaveTheDocumentedPasses() {
        assertEquals(List.of(), names(PassPipeline.forLevel(OptLevel.O0)));
        assertEquals(List.of("const_fold", "cfg_cleanup", "copy_prop", "gvn", "dce", "cfg_cleanup"),
                names(PassPipeline.forLevel(OptLevel.O1)));
        assertEquals(List.of("inline", "const_fold", "simplify", "cfg_cleanup", "copy_prop", "gvn", "licm",
                        "loop_bounds", "egraph", "address_fold", "load_forward", "dce", "cfg_cleanup"),
                names(PassPipeline.forLevel(OptLevel.O2)));
        assertEquals(OptLevel.O2, OptLevel.of(3));
        assertEquals(12, Passes.all().size());
    }

    @Test
    void theEgraphSlotSitsAfterTheLoopPassesAtO2Only() {
        Pass marker = new Pass() {
            @Override
            public String name() {
                return "slot";
            }

            @Override
            public boolean run(Function f) {
                return false;
            }
        };
        List<String> o2 = names(PassPipeline.forLevel(OptLevel.O2, b -> b.add(marker)));
        assertEquals(o2.indexOf("loop_bounds") + 1, o2.indexOf("slot"));
        assertEquals(o2.indexOf("licm") + 1, o2.indexOf("loop_bounds"));
        assertFalse(names(PassPipeline.forLevel(OptLevel.O1, b -> b.add(marker))).contains("slot"));
    }

    @Test
    void recordsEveryPassWithLinkedCountsAndTheOptimizeStage() {
        List<ModuleReport> reports = new ArrayList<>();
        ModuleMetrics m = MetricsRecorder.collecting(reports::add).beginModule(1);
        FunctionMetrics fm = m.beginFunction(3, "sum", 2);
        Function f = IrParser.parse(LOOP);
        int before = f.layoutInstCount();
        assertTrue(PassPipeline.forLevel(OptLevel.O2).verifying(true).run(f, fm));
        m.end();
        ModuleReport r = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(r));
        FunctionReport fr = r.functions().getFirst();
        assertEquals(2, fr.optLevel());
        assertEquals(before, fr.irInstsBefore());
        assertEquals(f.layoutInstCount(), fr.irInstsAfter());
        assertTrue(fr.irInstsAfter() < fr.irInstsBefore(), "O2 shrinks the loop: " + IrPrinter.print(f));
        List<PassReport> passes = fr.irPasses();
        assertEquals(names(PassPipeline.forLevel(OptLevel.O2)), passes.stream().map(PassReport::name).toList());
        for (int i = 1; i < passes.size(); i++) {
            assertEquals(passes.get(i - 1).afterInsts(), passes.get(i).beforeInsts());
        }
        assertTrue(passes.stream().anyMatch(p -> p.name().equals("licm") && p.changed()));
        PassReport egraph = passes.stream().filter(p -> p.name().equals("egraph")).findFirst().orElseThrow();
        assertTrue(egraph.egraph().isPresent(), "the e-graph pass reports its counters");
        assertTrue(egraph.egraph().get().nodes() > 0 && egraph.egraph().get().classes() > 0, egraph.toString());
        assertTrue(passes.stream().filter(p -> !p.name().equals("egraph")).allMatch(p -> p.egraph().isEmpty()));
    }

    @Test
    void runsWithMetricsOff() {
        Function f = IrParser.parse(LOOP);
        Function g = IrParser.parse(LOOP);
        PassPipeline p = PassPipeline.forLevel(OptLevel.O1);
        p.run(f);
        p.run(g, MetricsRecorder.disabled().beginModule(1).beginFunction(0, null, 1));
        assertEquals(IrPrinter.print(f), IrPrinter.print(g));
    }

    @Test
    void verificationCatchesAPassThatBreaksTheIr() {
        Pass breaker = new Pass() {
            @Override
            public String name() {
                return "breaker";
            }

            @Override
            public boolean run(Function f) {
                f.removeInst(f.lastInst(f.entryBlock())); // drops the terminator
                return true;
            }
        };
        PassPipeline p = PassPipeline.builder(OptLevel.O1).add(breaker).verifying(true).build();
        PassFailedException e = assertThrows(PassFailedException.class, () -> p.run(IrParser.parse(LOOP)));
        assertEquals("breaker", e.pass());
    }

    @Test
    void verificationCatchesAPassThatHidesAChange() {
        Pass liar = new Pass() {
            @Override
            public String name() {
                return "liar";
            }

            @Override
            public boolean run(Function f) {
                wasm.opt.passes.DcePass.INSTANCE.run(f);
                return false;
            }
        };
        String dead = """
                function %f(i32) -> i32 {
                block0(v0: i64, v1: i32):
                    v2 = iadd.i32 v1, v1
                    return v1
                }
                """;
        PassPipeline p = PassPipeline.builder(OptLevel.O1).add(liar).verifying(true).build();
        PassFailedException e = assertThrows(PassFailedException.class, () -> p.run(IrParser.parse(dead)));
        assertTrue(e.getMessage().contains("reported no change"), e.getMessage());
    }
}
