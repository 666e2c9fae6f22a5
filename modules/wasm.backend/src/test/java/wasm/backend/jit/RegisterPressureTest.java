package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Many simultaneously live values force spills; wide br_tables; metrics are reported. */
class RegisterPressureTest {

    @Test
    void highRegisterPressureSpillsAndStaysCorrect() {
        // built with the stack form to keep every local live until the end
        StringBuilder sb = new StringBuilder("(module (memory 1)\n (func $id (param i64) (result i64) local.get 0)\n");
        int n = 40;
        sb.append(" (func (export \"p\") (param i64 i64) (result i64)");
        for (int k = 0; k < n; k++) {
            sb.append(" (local i64)");
        }
        sb.append('\n');
        for (int k = 0; k < n; k++) {
            sb.append("  local.get 0 i64.const ").append(k + 3).append(" i64.mul local.get 1 i64.add local.set ")
                    .append(k + 2).append('\n');
            if (k % 7 == 3) {
                sb.append("  local.get 0 i64.const 1 i64.add call $id local.set 0\n");
            }
        }
        for (int k = 0; k < n; k++) {
            // a store needs its value in a register: spilled locals are reloaded
            sb.append("  i32.const ").append(8 * k).append(" local.get ").append(k + 2).append(" i64.store\n");
        }
        sb.append("  i64.const 0\n");
        for (int k = 0; k < n; k++) {
            sb.append("  local.get ").append(k + 2).append(" i64.xor i64.const 5 i64.rotl\n");
        }
        sb.append(" ))\n");
        Module m = WatParser.parseModule(sb.toString());
        Validator.validate(m);
        List<ModuleReport> reports = new ArrayList<>();
        var module = MetricsRecorder.collecting(reports::add).beginModule(2);
        var metrics = module.beginFunction(1, "p", 0);
        ModuleEnvironment env = new ModuleEnvironment(m);
        try (NativeInstance nat = new NativeInstance(m, true, metrics)) {
            for (long[] args : new long[][] {{1, 2}, {-5, 1L << 40}, {Long.MAX_VALUE, 3}}) {
                Differential.compare(nat, env, 1, args);
            }
        }
        module.end();
        FunctionReport r = reports.get(0).functions().stream().filter(f -> f.funcIdx() == 1).findFirst().orElseThrow();
        assertTrue(r.spillSlots() > 0 && r.spills() > 0 && r.reloads() > 0, r.toString());
        assertTrue(r.codeSize() > 0, r.toString());
    }

    /**
     * The XMM class under pressure: 30 f64 and 10 f32 values live at once (more than the 15
     * allocatable XMM registers), across calls (which clobber every XMM register), each stored
     * (a store needs its value in a register: spilled ones are reloaded through xmm15) and folded
     * into the result; the results are compared bit for bit.
     */
    @Test
    void floatPressureSpillsBothWidthsAcrossCalls() {
        StringBuilder sb = new StringBuilder("(module (memory 1)\n (func $id (param f64) (result f64) local.get 0)\n");
        int n = 30;
        int m32 = 10;
        sb.append(" (func (export \"p\") (param f64 f32) (result f64)");
        for (int k = 0; k < n; k++) {
            sb.append(" (local f64)");
        }
        for (int k = 0; k < m32; k++) {
            sb.append(" (local f32)");
        }
        sb.append('\n');
        for (int k = 0; k < n; k++) {
            sb.append("  local.get 0 f64.const ").append(k + 3).append(".5 f64.mul local.get 1 f64.promote_f32 f64.add")
                    .append(" local.set ").append(k + 2).append('\n');
            if (k % 7 == 3) {
                sb.append("  local.get 0 f64.const 0.25 f64.add call $id local.set 0\n");
            }
        }
        for (int k = 0; k < m32; k++) {
            sb.append("  local.get ").append(2 + k).append(" f32.demote_f64 local.get 1 f32.sub local.set ")
                    .append(2 + n + k).append('\n');
        }
        for (int k = 0; k < n; k++) {
            sb.append("  i32.const ").append(8 * k).append(" local.get ").append(k + 2).append(" f64.store\n");
        }
        for (int k = 0; k < m32; k++) {
            sb.append("  i32.const ").append(512 + 4 * k).append(" local.get ").append(2 + n + k).append(" f32.store\n");
        }
        sb.append("  f64.const 0\n");
        for (int k = 0; k < n; k++) {
            sb.append("  local.get ").append(k + 2).append(" f64.add f64.const 0.5 f64.mul\n");
        }
        for (int k = 0; k < m32; k++) {
            sb.append("  local.get ").append(2 + n + k).append(" f64.promote_f32 f64.sub\n");
        }
        sb.append(" ))\n");
        Module m = WatParser.parseModule(sb.toString());
        Validator.validate(m);
        List<ModuleReport> reports = new ArrayList<>();
        var module = MetricsRecorder.collecting(reports::add).beginModule(2);
        var metrics = module.beginFunction(1, "p", 0);
        ModuleEnvironment env = new ModuleEnvironment(m);
        try (NativeInstance nat = new NativeInstance(m, true, metrics)) {
            long[][] args = {{Double.doubleToRawLongBits(1.5), Float.floatToRawIntBits(-2.25f)},
                {Double.doubleToRawLongBits(-0.0), Float.floatToRawIntBits(1e-40f)},
                {Double.doubleToRawLongBits(1e300), Float.floatToRawIntBits(3.4e38f)}};
            for (long[] a : args) {
                Differential.compare(nat, env, 1, true, a);
            }
        }
        module.end();
        FunctionReport r = reports.get(0).functions().stream().filter(f -> f.funcIdx() == 1).findFirst().orElseThrow();
        assertTrue(r.spillSlots() > 0 && r.spills() > 0 && r.reloads() > 0, r.toString());
    }

    /**
     * Regression (seed -3718950996597932477 of {@link NativeDifferentialProperties}): an edge's parallel
     * move must not store a float into a 16-byte slot overlapping an integer's 8-byte slot it has yet
     * to read. Here x (f64) is spilled across the first call to units 0-1; g and w (i64, cheap: two
     * uses each) to units 2 and 3; w dies in the then branch, g at the else branch's jump, so when the
     * merge's f64 parameter p (live across the second call, spilled) looks for a slot, units 2-3 were
     * free in layout order. The else edge moves x to p and g to q: x's slot-to-slot copy wrote both
     * halves, the high one over g's unit, before g was read (the parallel move compares locations by
     * name, blind to the overlap), and q received x's high half. Slot units now keep one register
     * class, so slots are either equal or disjoint. The allocation checker caught it; unchecked
     * code returned a wrong sum. The second argument takes the else branch ({@code a rotl 12} has zero
     * low bits).
     */
    @Test
    void edgeMoveOfAFloatSlotDoesNotOverwriteAnIntegerSlotStillToBeRead() {
        StringBuilder sb = new StringBuilder("""
                (module
                  (func $id (param i64) (result i64) local.get 0)
                  (func (export "f") (param $x f64) (param $a i64) (result i64)
                    (local $g i64) (local $w i64) (local $b i64) (local $d i64) (local $e i64) (local $h i64)
                    (local $q i64) (local $p f64)
                    (local.set $g (i64.mul (local.get $a) (i64.const 3)))
                    (local.set $w (i64.mul (local.get $a) (i64.const 5)))
                    (local.set $b (i64.add (local.get $a) (i64.const 2)))
                    (local.set $d (i64.add (local.get $a) (i64.const 3)))
                    (local.set $e (i64.add (local.get $a) (i64.const 4)))
                    (local.set $h (i64.add (local.get $a) (i64.const 5)))
                """);
        // A stretch without g and w: long lives with two uses make them the cheapest to spill.
        sb.append("    (local.set $a (i64.rotl (local.get $a) (i64.const 1)))\n".repeat(12));
        sb.append("""
                    (if (result f64 i64) (i32.wrap_i64 (call $id (local.get $a)))
                      (then (f64.neg (local.get $x)) (i64.add (local.get $b) (local.get $w)))
                      (else (local.get $x) (local.get $g)))
                    (local.set $q)
                    (local.set $p)
                    (local.set $q (call $id (local.get $q)))
                    (i64.add (local.get $q) (i64.reinterpret_f64 (f64.add (local.get $p) (local.get $x))))
                """);
        // b, d, e and h, used often, keep the callee-saved registers.
        sb.append("    (i64.mul (local.get $b) (local.get $d)) (i64.add) (i64.mul (local.get $e) (local.get $h)) (i64.add)\n"
                .repeat(4));
        sb.append("))\n");
        Module m = WatParser.parseModule(sb.toString());
        Validator.validate(m);
        ModuleEnvironment env = new ModuleEnvironment(m);
        try (NativeInstance nat = new NativeInstance(m, true)) {
            long[][] args = {{Double.doubleToRawLongBits(1.5), 7}, {Double.doubleToRawLongBits(-2.25), 1L << 40},
                {Double.doubleToRawLongBits(1e300), -1L << 44}};
            for (long[] a : args) {
                Differential.compare(nat, env, 1, true, a);
            }
        }
    }

    @Test
    void wideBrTable() {
        int n = 150;
        StringBuilder sb = new StringBuilder("(module (func (export \"t\") (param i32) (result i32)\n");
        for (int k = 0; k <= n; k++) {
            sb.append("block ");
        }
        sb.append("local.get 0 br_table");
        for (int k = 0; k <= n; k++) {
            sb.append(' ').append((k * 37) % (n + 1));
        }
        sb.append('\n');
        for (int k = 0; k <= n; k++) {
            sb.append("end i32.const ").append(k * 3 + 1).append(" return\n");
        }
        sb.append("))");
        Module m = WatParser.parseModule(sb.toString());
        Validator.validate(m);
        ModuleEnvironment env = new ModuleEnvironment(m);
        try (NativeInstance nat = new NativeInstance(m, true)) {
            for (long i : new long[] {0, 1, 2, 17, 99, 149, 150, 151, 1000, -1, Integer.MIN_VALUE}) {
                Differential.compare(nat, env, 0, i);
            }
            assertEquals(new NativeInstance.Outcome((long) ((17 * 37) % 151) * 3 + 1, null), nat.invoke(0, 17));
        }
    }
}
