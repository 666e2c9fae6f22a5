package perf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

class MetricsRecorderTest {

    /** A clock that advances by a fixed step each time it is read. */
    static final class SteppingClock implements LongSupplier {
        private long now;
        private final long step;
        int reads;

        SteppingClock(long start, long step) {
            this.now = start;
            this.step = step;
        }

        @Override
        public long getAsLong() {
            reads++;
            long t = now;
            now += step;
            return t;
        }
    }

    @Test
    void disabledRecorderIsOneSharedObjectThatRecordsNothing() {
        MetricsRecorder recorder = MetricsRecorder.disabled();
        assertSame(recorder, MetricsRecorder.disabled());
        assertFalse(recorder.enabled());
        ModuleMetrics m = recorder.beginModule(3);
        FunctionMetrics f = m.beginFunction(1, null, 2);
        assertSame(recorder, m);
        assertSame(recorder, f);
        assertFalse(m.enabled());
        assertFalse(f.enabled());
        assertEquals(0, f.startTimer());
        f.endStage(Stage.LOWER, 0);
        f.endPass("gvn", 0, 1, 2, true);
        m.end();
    }

    @Test
    void disabledPathAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        MetricsRecorder recorder = MetricsRecorder.disabled();
        long checksum = 0;
        for (int round = 0; round < 3; round++) { // later rounds run compiled code
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 200_000; i++) {
                checksum += pipelineShapedCalls(recorder, i);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            if (round == 2) {
                // 200k modules x ~12 calls each; one allocation per call would be megabytes.
                assertTrue(allocated < 64 * 1024, "disabled metrics allocated " + allocated + " bytes");
            }
        }
        assertEquals(0, checksum);
    }

    private static long pipelineShapedCalls(MetricsRecorder recorder, int i) {
        ModuleMetrics m = recorder.beginModule(1);
        FunctionMetrics f = m.beginFunction(i, null, 2);
        long t = f.startTimer();
        f.irInstsBefore(10);
        f.endPass("gvn", t, 10, 8, true);
        f.endEgraphPass("egraph", t, 8, 7, true, 5, 9, 3);
        f.irInstsAfter(7);
        f.endStage(Stage.OPTIMIZE, t);
        f.regalloc(1, 2, 3, 4, 0);
        f.codeSize(64);
        f.endStage(Stage.EMIT, t);
        m.end();
        return t;
    }

    @Test
    void collectingRecorderBuildsTheReportFromTheCalls() {
        List<ModuleReport> sink = new ArrayList<>();
        SteppingClock clock = new SteppingClock(1_000_000, 1_500); // every read is 1.5 us later
        MetricsRecorder recorder = MetricsRecorder.collecting(sink::add, clock);
        assertTrue(recorder.enabled());

        ModuleMetrics m = recorder.beginModule(2);                      // read 0
        FunctionMetrics g = m.beginFunction(5, "second", 1);            // read 1: compile_start 1.5 us -> 1
        FunctionMetrics f = m.beginFunction(3, null, 2);                // read 2: compile_start 3 us
        long t = f.startTimer();                                        // read 3
        f.irInstsBefore(12);
        f.endPass("const_fold", t, 12, 10, true);                       // read 4: 1.5 us -> 1
        long t2 = f.startTimer();                                       // read 5
        f.endEgraphPass("egraph", t2, 10, 9, true, 4, 7, 2);            // read 6: 1.5 us -> 1
        f.endStage(Stage.OPTIMIZE, t);                                  // read 7: 6.0 us
        long t3 = f.startTimer();                                       // read 8
        f.endStage(Stage.LOWER, t3);                                    // read 9: 1.5 -> 1
        f.regalloc(2, 3, 4, 5, 1);
        f.codeSize(99);
        g.fallback("unsupported opcode: memory.atomic.wait32");
        m.end();                                                        // read 10: 15.0 us
        m.end(); // ignored

        assertEquals(11, clock.reads);
        assertEquals(1, sink.size());
        ModuleReport report = sink.getFirst();
        // no finish(): compile_us is the stage times' sum, 7.5 us -> 7
        assertEquals(new ModuleReport(2, 15, 1, 0, List.of(
                new FunctionReport(3, "func_3", 2, 12, 9, 6, 1, 0, 0, 99, 2, 3, 4, 5, 1, List.of(
                        new PassReport("const_fold", 1, 12, 10, true),
                        new PassReport("egraph", 1, 10, 9, true, Optional.of(new EgraphCounts(4, 7, 2)))),
                        Tier.JIT, CompileMode.EAGER, 3, 7),
                new FunctionReport(5, "second", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(),
                        new Tier.Interpreter("unsupported opcode: memory.atomic.wait32"), CompileMode.EAGER, 1, 0))),
                report);
        assertEquals(List.of(), MetricsInvariants.check(report));
    }

    @Test
    void lazyCompilesAddTheirWallTimeToTheModule() {
        List<ModuleReport> sink = new ArrayList<>();
        SteppingClock clock = new SteppingClock(0, 1000); // every read is 1 us later
        MetricsRecorder recorder = MetricsRecorder.collecting(sink::add, clock);
        ModuleMetrics m = recorder.beginModule(3);                      // read 0
        m.compileThreads(2);
        FunctionMetrics e = m.beginFunction(1, "eager", 2);             // read 1
        e.finish();                                                     // read 2: 1 us
        m.eagerDone();                                                  // read 3: eager part 3 us
        FunctionMetrics l = m.beginFunction(2, "lazy", 2, CompileMode.LAZY); // read 4: start 4 us
        l.endStage(Stage.LOWER, l.startTimer());                        // reads 5, 6: 1 us
        l.finish();                                                     // read 7: 3 us, added to the module
        m.end();                                                        // no read: the eager part ended
        ModuleReport r = sink.getFirst();
        assertEquals(3 + 3, r.moduleCompileUs());
        assertEquals(2, r.compileThreads());
        assertEquals(1, r.uncompiledFunctions());
        assertEquals(CompileMode.LAZY, r.functions().get(1).compileMode());
        assertEquals(4, r.functions().get(1).compileStartUs());
        assertEquals(3, r.functions().get(1).compileUs());
        assertEquals(List.of(), MetricsInvariants.check(r));
    }

    @Test
    void instructionCountsDefaultToThePassChain() {
        List<ModuleReport> sink = new ArrayList<>();
        MetricsRecorder recorder = MetricsRecorder.collecting(sink::add, new SteppingClock(0, 1000));
        ModuleMetrics m = recorder.beginModule(1);
        FunctionMetrics f = m.beginFunction(0, "f", 1);
        f.endPass("a", f.startTimer(), 20, 15, true);
        f.endPass("b", f.startTimer(), 15, 15, false);
        m.end();
        FunctionReport r = sink.getFirst().functions().getFirst();
        assertEquals(20, r.irInstsBefore());
        assertEquals(15, r.irInstsAfter());
    }

    @Test
    void repeatedStagesAddUpBeforeRounding() {
        List<ModuleReport> sink = new ArrayList<>();
        SteppingClock clock = new SteppingClock(0, 600); // each stage section lasts 0.6 us
        MetricsRecorder recorder = MetricsRecorder.collecting(sink::add, clock);
        ModuleMetrics m = recorder.beginModule(1);
        FunctionMetrics f = m.beginFunction(0, "f", 1);
        for (int i = 0; i < 5; i++) {
            f.endStage(Stage.REGALLOC, f.startTimer());
        }
        m.end();
        // 5 x 0.6 us = 3.0 us; rounding each section first would have given 0.
        assertEquals(3, sink.getFirst().functions().getFirst().regallocUs());
    }

    @Test
    void aModuleThatNeverEndsIsNotReported() {
        List<ModuleReport> sink = new ArrayList<>();
        MetricsRecorder recorder = MetricsRecorder.collecting(sink::add);
        recorder.beginModule(1).beginFunction(0, "f", 0);
        assertEquals(List.of(), sink);
    }

    @Test
    void realClockReportsSatisfyTheInvariants() {
        List<ModuleReport> sink = new ArrayList<>();
        MetricsRecorder recorder = MetricsRecorder.collecting(sink::add);
        ModuleMetrics m = recorder.beginModule(4);
        for (int idx = 2; idx < 6; idx++) {
            FunctionMetrics f = m.beginFunction(idx, null, 2);
            long opt = f.startTimer();
            int insts = 50;
            f.irInstsBefore(insts);
            for (String pass : List.of("cfg_cleanup", "const_fold", "gvn", "dce")) {
                long t = f.startTimer();
                int after = insts - idx;
                f.endPass(pass, t, insts, after, after != insts);
                insts = after;
            }
            f.irInstsAfter(insts);
            f.endStage(Stage.OPTIMIZE, opt);
            for (Stage s : List.of(Stage.LOWER, Stage.REGALLOC, Stage.EMIT)) {
                f.endStage(s, f.startTimer());
            }
        }
        m.end();
        assertEquals(List.of(), MetricsInvariants.check(sink.getFirst()));
    }
}
