package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static wasm.backend.jit.Differential.checkExports;
import static wasm.backend.jit.WatModules.export;
import static wasm.backend.jit.WatModules.parse;

import java.util.List;

import org.junit.jupiter.api.Test;
import wasm.core.model.Module;

/**
 * JIT ABI v2: functions with several results run natively (results through the caller's
 * results area, address in rax), in both call modes, and agree with the IR interpreter.
 */
class MultiValueExecutionTest {

    private static long[] a(long... v) {
        return v;
    }

    private static final String MIXED = """
            (module
              (type $pair (func (param i32) (result i32 i64)))
              (table 4 funcref)
              (elem (i32.const 0) $pair $pair2 $single)
              (func $pair (export "pair") (param i32) (result i32 i64)
                local.get 0 i32.const 1 i32.add
                local.get 0 i64.extend_i32_s i64.const 1000 i64.mul)
              (func $pair2 (param i32) (result i32 i64) local.get 0 i32.const -1 i32.mul i64.const 7)
              (func $single (param i32) (result i32) local.get 0)
              (func $triple (export "triple") (param f64 i32 f32) (result f32 i32 f64)
                local.get 2 f32.const 0.5 f32.mul
                local.get 1 i32.const 3 i32.shl
                local.get 0 f64.sqrt)
              (func $ten (export "ten") (param i32 f64) (result i32 i64 f32 f64 i32 i64 f32 f64 i32 i64)
                local.get 0
                local.get 0 i64.extend_i32_u i64.const 2 i64.mul
                local.get 0 f32.convert_i32_s
                local.get 1 f64.const 1.5 f64.add
                local.get 0 i32.const 5 i32.add
                i64.const -9
                f32.const -0.25
                local.get 1 f64.neg
                local.get 0 i32.popcnt
                local.get 0 i64.extend_i32_s)
              ;; uses every result of the callees, so the caller reads back its results area
              (func (export "sum_pair") (param i32) (result i64) (local $t i64)
                local.get 0 call $pair
                local.get 0 call $pair
                drop i64.extend_i32_s i64.add
                local.set $t i64.extend_i32_s local.get $t i64.add)
              (func (export "swap") (param i32) (result i64 i32)
                (local $a i32) (local $b i64)
                local.get 0 call $pair local.set $b local.set $a local.get $b local.get $a)
              (func (export "sum_ten") (param i32 f64) (result f64)
                (local $i i32) (local $l i64) (local $f f32) (local $d f64)
                (local.get 0) (local.get 1) (call $ten)
                local.set $l
                i64.extend_i32_s local.get $l i64.add local.set $l
                drop drop
                local.get $l i64.add local.set $l
                drop local.set $d drop
                local.get $l i64.add local.set $l
                drop
                local.get $d local.get $l f64.convert_i64_s f64.add)
              (func (export "ten_through") (param i32 f64) (result i32 i64 f32 f64 i32 i64 f32 f64 i32 i64)
                local.get 0 local.get 1 call $ten)
              (func (export "triple_spilled") (param f64 i32 f32) (result f64)
                (local $x i64) (local $y i64) (local $z i64) (local $r f64)
                i64.const 11 local.set $x i64.const 22 local.set $y i64.const 33 local.set $z
                local.get 0 local.get 1 local.get 2 call $triple
                local.set $r f64.convert_i32_s local.get $r f64.add
                local.get $x local.get $y i64.add local.get $z i64.add f64.convert_i64_s f64.add
                local.set $r f64.promote_f32 local.get $r f64.add)
              (func (export "ind") (param i32 i32) (result i32 i64)
                local.get 1 local.get 0 call_indirect (type $pair))
              (func (export "ind_sum") (param i32 i32) (result i64) (local $t i64)
                local.get 1 local.get 0 call_indirect (type $pair)
                local.set $t i64.extend_i32_s local.get $t i64.add)
              (func (export "many_params") (param i32 i32 i32 i32 i32 i32 i32 i64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
                (result i64 f64 i32)
                local.get 6 i64.extend_i32_s local.get 7 i64.add
                local.get 16 local.get 8 f64.sub
                local.get 0 local.get 5 i32.sub)
              (func (export "call_many") (param i32) (result i64 f64 i32)
                local.get 0 i32.const 1 i32.const 2 i32.const 3 i32.const 4 i32.const 5 i32.const 6
                i64.const 70 f64.const 8 f64.const 9 f64.const 10 f64.const 11 f64.const 12 f64.const 13
                f64.const 14 f64.const 15 f64.const 16.5
                call 12)
              (func (export "early") (param i32) (result i32 i32)
                local.get 0 i32.eqz if i32.const 7 i32.const 8 return end
                local.get 0 local.get 0 i32.const 1 i32.sub call 14 i32.add))
            """;

    @Test
    void twoThreeAndTenResultsOfMixedTypes() {
        checkExports(MIXED, "pair", a(41), "pair", a(-3), "triple", a(Double.doubleToRawLongBits(16.0), 5,
                        Float.floatToRawIntBits(3.0f)), "ten", a(12345, Double.doubleToRawLongBits(-2.25)),
                "ten", a(-1, Double.doubleToRawLongBits(1e300)), "ten_through", a(99, Double.doubleToRawLongBits(4)),
                "sum_pair", a(10), "swap", a(-8), "sum_ten", a(7, Double.doubleToRawLongBits(0.5)),
                "triple_spilled", a(Double.doubleToRawLongBits(9.0), -4, Float.floatToRawIntBits(1.5f)),
                "many_params", a(1, 2, 3, 4, 5, 6, 7, 80, d(9), d(10), d(11), d(12), d(13), d(14), d(15), d(16), d(17.5)),
                "call_many", a(100), "early", a(0), "early", a(5));
    }

    @Test
    void multiValueThroughCallIndirectAndItsTraps() {
        checkExports(MIXED, "ind", a(0, 5), "ind", a(1, 5), "ind_sum", a(0, 9), "ind", a(2, 5), "ind", a(3, 5),
                "ind", a(4, 5));
    }

    @Test
    void resultsLandInOrderWithTheirValues() {
        Module m = parse(MIXED);
        try (NativeInstance nat = new NativeInstance(m, true)) {
            assertEquals(new NativeInstance.Outcome(42L, null, List.of(41000L)), nat.invoke(export(m, "pair"), 41));
            assertEquals(new NativeInstance.Outcome(41000L, null, List.of(42L)), nat.invoke(export(m, "swap"), 41));
            NativeInstance.Outcome ten = nat.invoke(export(m, "ten"), 3, Double.doubleToRawLongBits(1.0));
            assertEquals(3L, ten.value());
            assertEquals(List.of(6L, (long) Float.floatToRawIntBits(3.0f), Double.doubleToRawLongBits(2.5), 8L, -9L,
                    Float.floatToRawIntBits(-0.25f) & 0xFFFF_FFFFL, Double.doubleToRawLongBits(-1.0), 2L, 3L), ten.more());
            assertEquals(new NativeInstance.Outcome(null, "indirect call type mismatch"),
                    nat.invoke(export(m, "ind"), 2, 1));
        }
    }

    private static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
