package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleReport;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.interp.ModuleEnvironment;

/**
 * Spilled values that get a register over parts of their lives (the allocator's reload windows):
 * more values than registers live across a call and then read in a loop (a window per loop, its
 * reload before the loop), and read several times after a call inside a loop (windows between
 * the calls), in both register classes. Compiled with the allocation checker on and compared with
 * the interpreter.
 */
class LiveRangeSplittingTest {
    private static final int VALUES = 18;

    /**
     * {@code (param $a T) (param $n i32) (result T)}: VALUES values made from $a, a call, a loop of
     * $n rounds that folds every value into an accumulator twice, with a call at the top of each
     * round when {@code callInLoop}.
     */
    private static String function(String name, String t, boolean callInLoop) {
        StringBuilder sb = new StringBuilder();
        sb.append(" (func (export \"").append(name).append("\") (param $a ").append(t).append(") (param $n i32) (result ")
                .append(t).append(")\n  (local $acc ").append(t).append(") (local $i i32)");
        for (int k = 0; k < VALUES; k++) {
            sb.append(" (local $v").append(k).append(' ').append(t).append(')');
        }
        sb.append('\n');
        for (int k = 0; k < VALUES; k++) {
            sb.append("  (local.set $v").append(k).append(" (").append(t).append(".add (").append(t)
                    .append(".mul (local.get $a) (").append(t).append(".const ").append(k + 3).append(")) (")
                    .append(t).append(".const ").append(k).append(")))\n");
        }
        sb.append("  (local.set $acc (call $id_").append(t).append(" (local.get $a)))\n");
        sb.append("  (block $done (loop $round\n");
        sb.append("   (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n");
        if (callInLoop) {
            sb.append("   (local.set $acc (call $id_").append(t).append(" (local.get $acc)))\n");
        }
        for (int k = 0; k < VALUES; k++) {
            // two reads of each value per round: a window saves a reload (or memory read) per read
            sb.append("   (local.set $acc (").append(t).append(".sub (").append(t).append(".mul (local.get $acc) (")
                    .append(t).append(".const 3)) (").append(t).append(".mul (local.get $v").append(k)
                    .append(") (local.get $v").append(k).append("))))\n");
        }
        sb.append("   (local.set $i (i32.add (local.get $i) (i32.const 1)))\n");
        sb.append("   (br $round)))\n");
        sb.append("  (local.get $acc))\n");
        return sb.toString();
    }

    private static Module module() {
        String wat = "(module\n (func $id_i64 (param i64) (result i64) local.get 0)\n"
                + " (func $id_f64 (param f64) (result f64) local.get 0)\n"
                + function("ints_after_call", "i64", false)
                + function("ints_call_in_loop", "i64", true)
                + function("floats_after_call", "f64", false)
                + function("floats_call_in_loop", "f64", true)
                + ")";
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    @Test
    void spilledValuesReadInLoopsAgreeWithTheInterpreter() {
        Module m = module();
        ModuleEnvironment env = new ModuleEnvironment(m);
        List<ModuleReport> reports = new ArrayList<>();
        var recorder = MetricsRecorder.collecting(reports::add).beginModule(6);
        for (int func = 2; func < 6; func++) {
            boolean floats = func >= 4;
            var metrics = recorder.beginFunction(func, "f" + func, 0);
            try (NativeInstance nat = new NativeInstance(m, true, metrics)) {
                long[] as = floats
                        ? new long[] {Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-0.0),
                            Double.doubleToRawLongBits(1e-300)}
                        : new long[] {1, -7, Long.MAX_VALUE};
                for (long a : as) {
                    for (long n : new long[] {0, 1, 5}) {
                        Differential.compare(nat, env, func, floats ? Boolean.TRUE : null, a, n);
                    }
                }
            }
        }
        recorder.end();
        for (FunctionReport r : reports.get(0).functions()) {
            // more values than registers: the functions do spill (else this tests no windows)
            assertTrue(r.spills() > 0, r.toString());
        }
    }
}
