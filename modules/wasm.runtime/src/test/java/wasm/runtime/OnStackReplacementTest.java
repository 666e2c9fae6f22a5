package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import perf.metrics.CompileMode;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleReport;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.TierCounts;

/**
 * On-stack replacement: an activation of baseline code that runs long in a loop moves into the
 * optimizing tier's entry for its function, with its locals, and finishes there. With a tier-up
 * budget of 0 every activation checks at its first loop iteration and waits for the entry, so each
 * export below moves deterministically; the results must be the interpreter's, through every kind
 * of local and result the entry passes on.
 */
class OnStackReplacementTest {
    private static final String WAT = """
            (module
              (memory 1)
              ;; eight parameters (stack arguments for the entry, which takes a loop index first),
              ;; every numeric type and a reference among the locals, three results (a results area),
              ;; a loop entered with a value on the stack (no entry there) inside one that has one
              (func (export "mixed") (param $n i32) (param $a i64) (param $b f64) (param $c f32)
                  (param $p5 i32) (param $p6 i32) (param $p7 i32) (param $p8 i64)
                  (result i64 f64 i32)
                (local $i i32) (local $acc i64) (local $f f64) (local $g f32) (local $r externref)
                (local.set $acc (local.get $a))
                (local.set $f (local.get $b))
                (block $out
                  (loop $outer
                    (local.set $acc
                      (i64.add (local.get $acc)
                        (loop $inner (result i64)
                          (local.set $g (f32.add (local.get $g) (local.get $c)))
                          (br_if $inner (f32.lt (local.get $g) (f32.convert_i32_s (local.get $i))))
                          (i64.extend_i32_u (local.get $i)))))
                    (local.set $f (f64.add (local.get $f) (f64.convert_i32_s (local.get $p7))))
                    (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (local.get $p5)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
                    (br $outer)))
                (i64.add (local.get $acc) (local.get $p8))
                (f64.add (local.get $f) (f64.promote_f32 (local.get $g)))
                (i32.add (i32.load (i32.const 16))
                  (i32.add (local.get $p6) (ref.is_null (local.get $r)))))

              ;; a loop whose body calls the function itself: the call starts at the top, not at the loop
              (func $rec (export "rec") (param $d i32) (result i32) (local $i i32) (local $s i32)
                (loop $l
                  (if (i32.gt_s (local.get $d) (i32.const 0))
                    (then (local.set $s (i32.add (local.get $s)
                      (call $rec (i32.sub (local.get $d) (i32.const 1)))))))
                  (local.set $s (i32.add (local.get $s) (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (i32.const 5))))
                (local.get $s))

              ;; traps inside the entry's code, after the move
              (func (export "divide") (param $n i32) (result i32) (local $i i32) (local $s i32)
                (loop $l
                  (local.set $s (i32.add (local.get $s)
                    (i32.div_s (i32.const 1000) (i32.sub (local.get $n) (local.get $i)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l))
                (unreachable))

              ;; a loop with a parameter: no entry starts there, the activation stays in baseline code
              (func (export "param_loop") (param $n i32) (result i32) (local $i i32)
                (i32.const 0)
                (loop $l (param i32) (result i32)
                  (i32.add (local.get $i))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))))
            """;

    private static Module module() {
        Module m = WatParser.parseModule(WAT);
        Validator.validate(m);
        return m;
    }

    private static RuntimeOptions atOnce() {
        return RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                .withCompilePolicy(CompilePolicy.TIERED).withTierUpBudget(0);
    }

    private static long[] run(RuntimeOptions options, String export, long... args) {
        try (Store store = new Store(options)) {
            return store.instantiate(module(), ImportResolver.NONE).function(export).call(args);
        }
    }

    private static long[] interpreted(String export, long... args) {
        return run(RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER), export, args);
    }

    @Test
    void everyKindOfLocalAndResultCrossesIntoTheEntry() {
        long[] args = {40, 7, Double.doubleToRawLongBits(1.5), Float.floatToRawIntBits(0.75f), 3, 11, 5, -9};
        long[] expected = interpreted("mixed", args);
        List<ModuleReport> reports = new ArrayList<>();
        try (Store store = new Store(atOnce().withMetrics(MetricsRecorder.collecting(reports::add)))) {
            Instance i = store.instantiate(module(), ImportResolver.NONE);
            assertArrayEquals(expected, i.function("mixed").call(args));
            assertEquals(1, TierCounts.of(store).osrEntries(), TierCounts.of(store).summary());
        }
        // the entry's compile is listed after the function's baseline one (and the function's own
        // tier-up, asked for at its first entry, when it finished before the report)
        ModuleReport r = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(r));
        List<CompileMode> modes = r.functions().stream().filter(f -> f.funcIdx() == 0)
                .map(FunctionReport::compileMode).toList();
        assertEquals(CompileMode.BASELINE, modes.getFirst(), modes.toString());
        assertEquals(1, modes.stream().filter(m -> m == CompileMode.OSR).count(), modes.toString());
    }

    @Test
    void aCallOfTheFunctionFromItsEntryStartsAtTheTop() {
        long[] expected = interpreted("rec", 4);
        try (Store store = new Store(atOnce())) {
            Instance i = store.instantiate(module(), ImportResolver.NONE);
            assertArrayEquals(expected, i.function("rec").call(4));
            // the outermost activation and each recursive one that loops before the optimized entry
            // replaces the function's own: all moved
            assertTrue(TierCounts.of(store).osrEntries() >= 1, TierCounts.of(store).summary());
        }
    }

    @Test
    void aTrapInTheEntryCarriesTheSpecMessage() {
        try (Store store = new Store(atOnce())) {
            Instance i = store.instantiate(module(), ImportResolver.NONE);
            Trap t = assertThrows(Trap.class, () -> i.function("divide").call(20));
            assertEquals("integer divide by zero", t.getMessage());
            assertEquals(1, TierCounts.of(store).osrEntries());
            // the store goes on after the trap: the next call moves again
            assertThrows(Trap.class, () -> i.function("divide").call(3));
        }
    }

    @Test
    void aLoopWithParametersStaysInBaselineCode() {
        long[] expected = interpreted("param_loop", 100);
        try (Store store = new Store(atOnce())) {
            Instance i = store.instantiate(module(), ImportResolver.NONE);
            assertArrayEquals(expected, i.function("param_loop").call(100));
            assertEquals(0, TierCounts.of(store).osrEntries(), TierCounts.of(store).summary());
        }
    }

    @Test
    void theBaselinePolicyNeverMoves() {
        long[] args = {40, 7, Double.doubleToRawLongBits(1.5), Float.floatToRawIntBits(0.75f), 3, 11, 5, -9};
        try (Store store = new Store(atOnce().withCompilePolicy(CompilePolicy.BASELINE))) {
            Instance i = store.instantiate(module(), ImportResolver.NONE);
            assertArrayEquals(interpreted("mixed", args), i.function("mixed").call(args));
            assertEquals(0, TierCounts.of(store).osrEntries());
        }
    }
}
