package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static wasm.backend.jit.Differential.checkExports;
import static wasm.backend.jit.WatModules.parse;

import org.junit.jupiter.api.Test;
import wasm.core.model.Module;

/** WAT functions compiled to native code behave like the IR interpreter, traps included. */
class NativeExecutionTest {

    private static long[] a(long... v) {
        return v;
    }

    @Test
    void constantsAndArithmetic() {
        checkExports("""
                (module
                  (func (export "k") (result i32) i32.const 42)
                  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
                  (func (export "sub64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.sub)
                  (func (export "mul") (param i32 i32) (result i32) local.get 0 local.get 1 i32.mul)
                  (func (export "muli") (param i64) (result i64) local.get 0 i64.const 1000000 i64.mul)
                  (func (export "bits") (param i64 i64) (result i64)
                    local.get 0 local.get 1 i64.and local.get 0 i64.const 0xff00ff i64.or i64.xor)
                  (func (export "big") (result i64) i64.const 0x123456789abcdef0))
                """, "k", a(), "add", a(1, 2), "add", a(Integer.MAX_VALUE, 1), "sub64", a(5, 7),
                "mul", a(-3, 7), "muli", a(123456789), "bits", a(0x1234, -1), "big", a());
    }

    @Test
    void divisionAndTraps() {
        String wat = """
                (module
                  (func (export "div_s") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
                  (func (export "div_u") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_u)
                  (func (export "rem_s") (param i32 i32) (result i32) local.get 0 local.get 1 i32.rem_s)
                  (func (export "rem_u") (param i64 i64) (result i64) local.get 0 local.get 1 i64.rem_u)
                  (func (export "div_s64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.div_s)
                  (func (export "rem_s64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.rem_s)
                  (func (export "unreachable") unreachable))
                """;
        checkExports(wat, "div_s", a(7, -2), "div_s", a(1, 0), "div_s", a(Integer.MIN_VALUE, -1), "div_u", a(-1, 3),
                "rem_s", a(Integer.MIN_VALUE, -1), "rem_s", a(-7, 3), "rem_u", a(-7, 3), "rem_u", a(1, 0),
                "div_s64", a(Long.MIN_VALUE, -1), "div_s64", a(Long.MIN_VALUE, 2), "rem_s64", a(Long.MIN_VALUE, -1),
                "unreachable", a());
    }

    @Test
    void shiftsBitsComparesConversions() {
        checkExports("""
                (module
                  (func (export "rotl") (param i32 i32) (result i32) local.get 0 local.get 1 i32.rotl)
                  (func (export "shl") (param i64 i64) (result i64) local.get 0 local.get 1 i64.shl)
                  (func (export "shr_s") (param i32 i32) (result i32) local.get 0 local.get 1 i32.shr_s)
                  (func (export "shr33") (param i32) (result i32) local.get 0 i32.const 33 i32.shr_u)
                  (func (export "clz64") (param i64) (result i64) local.get 0 i64.clz)
                  (func (export "ctz") (param i32) (result i32) local.get 0 i32.ctz)
                  (func (export "popcnt") (param i64) (result i64) local.get 0 i64.popcnt)
                  (func (export "lt_u") (param i32 i32) (result i32) local.get 0 local.get 1 i32.lt_u)
                  (func (export "ge_s64") (param i64 i64) (result i32) local.get 0 local.get 1 i64.ge_s)
                  (func (export "eqz") (param i64) (result i32) local.get 0 i64.eqz)
                  (func (export "ext_u") (param i32) (result i64) local.get 0 i64.extend_i32_u)
                  (func (export "ext_s") (param i32) (result i64) local.get 0 i64.extend_i32_s)
                  (func (export "wrap") (param i64) (result i32) local.get 0 i32.wrap_i64)
                  (func (export "ext8") (param i64) (result i64) local.get 0 i64.extend8_s)
                  (func (export "ext16") (param i32) (result i32) local.get 0 i32.extend16_s)
                  (func (export "sel") (param i32 i64 i64) (result i64) local.get 1 local.get 2 local.get 0 select)
                  (func (export "selcmp") (param i32 i32) (result i32)
                    local.get 0 local.get 1 local.get 0 local.get 1 i32.lt_s select))
                """, "rotl", a(0x80000001L, 1), "shl", a(1, 65), "shr_s", a(-256, 4), "shr33", a(-1),
                "clz64", a(1), "clz64", a(0), "ctz", a(0), "ctz", a(8), "popcnt", a(-1), "lt_u", a(-1, 1),
                "ge_s64", a(-1, 1), "eqz", a(0), "eqz", a(5), "ext_u", a(-1), "ext_s", a(-1), "wrap", a(0x1_8000_0000L),
                "ext8", a(0x180), "ext16", a(0x18000), "sel", a(1, 10, 20), "sel", a(0, 10, 20),
                "selcmp", a(3, 9), "selcmp", a(9, 3));
    }

    @Test
    void controlFlowLoopsAndBrTable() {
        checkExports("""
                (module
                  (func (export "fac") (param i64) (result i64) (local i64)
                    i64.const 1 local.set 1
                    block loop
                      local.get 0 i64.eqz br_if 1
                      local.get 1 local.get 0 i64.mul local.set 1
                      local.get 0 i64.const 1 i64.sub local.set 0
                      br 0
                    end end
                    local.get 1)
                  (func (export "swap") (param i32 i32 i32) (result i32) (local i32)
                    block loop
                      local.get 2 i32.eqz br_if 1
                      local.get 0 local.set 3 local.get 1 local.set 0 local.get 3 local.set 1
                      local.get 2 i32.const 1 i32.sub local.set 2
                      br 0
                    end end
                    local.get 0 i32.const 10 i32.mul local.get 1 i32.add)
                  (func (export "table") (param i32) (result i32)
                    block block block block block block block
                      local.get 0 br_table 0 1 2 3 4 5 6
                    end i32.const 10 return
                    end i32.const 11 return
                    end i32.const 12 return
                    end i32.const 13 return
                    end i32.const 14 return
                    end i32.const 15 return
                    end i32.const 16)
                  (func (export "small") (param i32) (result i32)
                    block (result i32) block (result i32) i32.const 8 local.get 0 br_table 0 1 end
                    i32.const 1 i32.add end))
                """, "fac", a(10), "fac", a(0), "swap", a(1, 2, 3), "swap", a(1, 2, 4),
                "table", a(0), "table", a(3), "table", a(5), "table", a(6), "table", a(100), "table", a(-1),
                "small", a(0), "small", a(1), "small", a(2));
    }

    @Test
    void memoryGlobalsAndBounds() {
        checkExports("""
                (module
                  (memory 1 3)
                  (global $g (mut i32) (i32.const -5))
                  (global $h (mut i64) (i64.const 7))
                  (data (i32.const 16) "\\01\\02\\03\\04\\05\\06\\07\\08\\ff\\fe")
                  (func (export "ld") (param i32) (result i64) local.get 0 i64.load offset=16)
                  (func (export "ld8s") (param i32) (result i32) local.get 0 i32.load8_s offset=24)
                  (func (export "ld16u") (param i32) (result i64) local.get 0 i64.load16_u offset=24)
                  (func (export "ld32s") (param i32) (result i64) local.get 0 i64.load32_s offset=22)
                  (func (export "st") (param i32 i64) local.get 0 local.get 1 i64.store offset=3
                    local.get 0 i32.const 1 i32.add local.get 1 i64.store8 offset=100
                    local.get 0 local.get 1 i64.store16 offset=200
                    local.get 0 local.get 1 i64.store32 offset=300)
                  (func (export "big") (param i32) (result i32) local.get 0 i32.load offset=4294967295)
                  (func (export "folded") (param i32) (result i32) local.get 0 i32.const 8 i32.add i32.load)
                  (func (export "g") (param i32) (result i64)
                    global.get $g local.get 0 i32.add global.set $g
                    global.get $h global.get $g i64.extend_i32_s i64.add global.set $h global.get $h)
                  (func (export "size") (result i32) memory.size)
                  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))
                """, "ld", a(0), "ld", a(65536 - 24), "ld", a(65536 - 23), "ld", a(-1), "ld8s", a(0), "ld16u", a(0),
                "ld32s", a(0), "st", a(5, 0x0102030405060708L), "st", a(65536 - 11, 1), "st", a(65536 - 10, 1),
                "big", a(0), "folded", a(8), "folded", a(-8), "folded", a(-4), "folded", a(65536 - 12),
                "folded", a(65536 - 11), "g", a(3), "g", a(-10), "size", a(), "grow", a(1), "size", a(),
                "ld", a(65536), "grow", a(5), "grow", a(1), "grow", a(0));
    }

    @Test
    void callsDirectIndirectAndManyArguments() {
        checkExports("""
                (module
                  (type $ii (func (param i32) (result i32)))
                  (type $l (func (param i64) (result i64)))
                  (table 4 funcref)
                  (elem (i32.const 0) $inc $dbl)
                  (func $inc (type $ii) local.get 0 i32.const 1 i32.add)
                  (func $dbl (type $ii) local.get 0 i32.const 2 i32.mul)
                  (func $l (type $l) local.get 0)
                  (func $many (param i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)
                    local.get 0 local.get 1 i64.sub local.get 2 i64.add local.get 3 i64.sub local.get 4 i64.add
                    local.get 5 i64.sub local.get 6 i64.add local.get 7 i64.sub local.get 8 i64.const 1000 i64.mul i64.add)
                  (func (export "many") (param i64) (result i64)
                    local.get 0 i64.const 2 i64.const 3 i64.const 4 i64.const 5 i64.const 6 i64.const 7 i64.const 8
                    local.get 0 call $many local.get 0 i64.add)
                  (func (export "ind") (param i32 i32) (result i32) local.get 1 local.get 0 call_indirect (type $ii))
                  (func (export "indl") (param i32) (result i64) i64.const 1 local.get 0 call_indirect (type $l))
                  (func (export "keep") (param i32) (result i32) (local i32)
                    local.get 0 i32.const 3 i32.mul local.set 1
                    local.get 0 call $inc local.get 0 call $dbl i32.add local.get 1 i32.add)
                  (func $rec (export "rec") (param i64) (result i64)
                    local.get 0 i64.eqz if (result i64) i64.const 0 else local.get 0 i64.const 1 i64.sub call $rec i64.const 1 i64.add end))
                """, "many", a(1), "many", a(-99), "ind", a(0, 5), "ind", a(1, 5), "ind", a(2, 5), "ind", a(4, 5),
                "ind", a(-1, 5), "indl", a(0), "keep", a(10), "rec", a(1000));
    }

    @Test
    void bulkMemoryHelpersAndTableAccess() {
        checkExports("""
                (module
                  (memory 1)
                  (table $t 4 funcref)
                  (elem (i32.const 1) $f)
                  (func $f (result i32) i32.const 9)
                  (data (i32.const 0) "abcdefghij")
                  (func (export "fill") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.fill)
                  (func (export "copy") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.copy)
                  (func (export "isnull") (param i32) (result i32) local.get 0 table.get $t ref.is_null)
                  (func (export "clear") (param i32) local.get 0 ref.null func table.set $t)
                  (func (export "move") (param i32 i32) local.get 0 local.get 1 table.get $t table.set $t)
                  (func (export "size") (result i32) table.size $t))
                """, "fill", a(3, 0x41, 4), "fill", a(65530, 1, 7), "fill", a(65530, 1, 6), "copy", a(2, 0, 8),
                "copy", a(0, 2, 8), "copy", a(65535, 0, 2), "isnull", a(0), "isnull", a(1), "isnull", a(4),
                "move", a(3, 1), "isnull", a(3), "clear", a(1), "isnull", a(1), "clear", a(-1), "size", a());
    }

    private static long f(double d) {
        return Double.doubleToRawLongBits(d);
    }

    private static long s(float x) {
        return Float.floatToRawIntBits(x) & 0xFFFF_FFFFL;
    }

    @Test
    void floatsArithmeticComparesAndConversions() {
        checkExports("""
                (module
                  (func (export "min") (param f64 f64) (result f64) local.get 0 local.get 1 f64.min)
                  (func (export "max") (param f32 f32) (result f32) local.get 0 local.get 1 f32.max)
                  (func (export "nearest") (param f32) (result f32) local.get 0 f32.nearest)
                  (func (export "floor") (param f64) (result f64) local.get 0 f64.floor)
                  (func (export "arith") (param f64 f64) (result f64)
                    local.get 0 local.get 1 f64.mul local.get 0 f64.sub local.get 1 f64.div f64.sqrt)
                  (func (export "signs") (param f32 f32) (result f32)
                    local.get 0 f32.abs f32.neg local.get 1 f32.copysign)
                  (func (export "copysign64") (param f64 f64) (result f64) local.get 0 local.get 1 f64.copysign)
                  (func (export "trunc_u") (param f64) (result i32) local.get 0 i32.trunc_f64_u)
                  (func (export "trunc_s64") (param f32) (result i64) local.get 0 i64.trunc_f32_s)
                  (func (export "trunc_u64") (param f64) (result i64) local.get 0 i64.trunc_f64_u)
                  (func (export "sat_s") (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s)
                  (func (export "sat_u64") (param f64) (result i64) local.get 0 i64.trunc_sat_f64_u)
                  (func (export "cvt_u") (param i64) (result f32) local.get 0 f32.convert_i64_u)
                  (func (export "cvt_s") (param i32) (result f64) local.get 0 f64.convert_i32_s)
                  (func (export "promote") (param f32) (result f64) local.get 0 f64.promote_f32)
                  (func (export "demote") (param f64) (result f32) local.get 0 f32.demote_f64)
                  (func (export "lt") (param f64 f64) (result i32) local.get 0 local.get 1 f64.lt)
                  (func (export "ne") (param f32 f32) (result i32) local.get 0 local.get 1 f32.ne)
                  (func (export "bits") (param f64) (result i64) local.get 0 i64.reinterpret_f64)
                  (func $mix (param i32 f64 i64 f32 f64 f64 f64 f64 f64 f64 f64 i32 i32 i32 i32 f32) (result f64)
                    local.get 1 local.get 4 f64.add local.get 10 f64.add local.get 15 f64.promote_f32 f64.add
                    local.get 3 f64.promote_f32 f64.add local.get 14 f64.convert_i32_s f64.add
                    local.get 2 f64.convert_i64_s f64.add local.get 0 f64.convert_i32_s f64.sub)
                  (func (export "mix") (param f64) (result f64)
                    i32.const 1 local.get 0 i64.const 3 f32.const 4.5 f64.const 5 f64.const 6 f64.const 7 f64.const 8
                    f64.const 9 f64.const 10 f64.const 11 i32.const 12 i32.const 13 i32.const 14 i32.const 15
                    f32.const 16.25 call $mix))
                """, "min", a(f(0.0), f(-0.0)), "min", a(f(Double.NaN), f(1)), "min", a(f(2), f(1)),
                "max", a(s(-0.0f), s(0.0f)), "max", a(s(1), s(Float.NaN)), "nearest", a(s(2.5f)), "nearest", a(s(-3.5f)),
                "floor", a(f(-1.5)), "arith", a(f(3), f(7)), "signs", a(s(3), s(-1)), "signs", a(s(-3), s(1)),
                "copysign64", a(f(3), f(-0.0)), "trunc_u", a(f(4e9)), "trunc_u", a(f(-1.0)), "trunc_u", a(f(-0.9)),
                "trunc_u", a(f(Double.NaN)), "trunc_u", a(f(4294967296.0)), "trunc_s64", a(s(-9.223372e18f)),
                "trunc_s64", a(s(9.223372e18f)), "trunc_u64", a(f(1.8e19)), "trunc_u64", a(f(1.9e19)),
                "sat_s", a(s(1e30f)), "sat_s", a(s(-1e30f)), "sat_s", a(s(Float.NaN)), "sat_s", a(s(-7.9f)),
                "sat_u64", a(f(-5)), "sat_u64", a(f(1e300)), "sat_u64", a(f(1.2e19)), "cvt_u", a(-1L), "cvt_u", a(5),
                "cvt_u", a(0x8000_0000_0000_0001L), "cvt_s", a(-7), "promote", a(s(1.1f)), "demote", a(f(1.1)),
                "lt", a(f(1), f(2)), "lt", a(f(Double.NaN), f(2)), "ne", a(s(Float.NaN), s(Float.NaN)), "ne", a(s(1), s(1)),
                "bits", a(f(-2.5)), "mix", a(f(0.5)));
    }

    @Test
    void tableAndSegmentHelpers() {
        checkExports("""
                (module
                  (memory 1)
                  (table $t 2 10 funcref)
                  (table $u 3 funcref)
                  (func $f (result i32) i32.const 1)
                  (func $g (result i32) i32.const 2)
                  (elem $e func $f $g $f)
                  (data $d "hello")
                  (func (export "grow") (param i32) (result i32) ref.func $g local.get 0 table.grow $t)
                  (func (export "fill") (param i32 i32) local.get 0 ref.func $f local.get 1 table.fill $t)
                  (func (export "copy") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 table.copy $u $t)
                  (func (export "init") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 table.init $u $e)
                  (func (export "drop") elem.drop $e data.drop $d)
                  (func (export "minit") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.init $d)
                  (func (export "get") (param i32) (result i32) local.get 0 table.get $u ref.is_null)
                  (func (export "size") (result i32) table.size $t))
                """, "grow", a(3), "size", a(), "fill", a(0, 5), "fill", a(3, 3), "copy", a(0, 1, 3), "get", a(2),
                "copy", a(1, 4, 2), "init", a(0, 1, 2), "init", a(2, 2, 2), "get", a(1), "minit", a(10, 1, 4),
                "minit", a(65534, 0, 3), "grow", a(100), "drop", a(), "init", a(0, 0, 1), "init", a(0, 0, 0),
                "minit", a(0, 0, 1), "minit", a(0, 0, 0), "size", a());
    }

    @Test
    void deepRecursionExhaustsTheStack() {
        Module m = parse("""
                (module (func $f (export "f") (param i64) (result i64) local.get 0 i64.const 1 i64.add call $f))
                """);
        try (NativeInstance nat = new NativeInstance(m, true)) {
            assertEquals(new NativeInstance.Outcome(null, "call stack exhausted"), nat.invoke(0, 1));
            // and the instance still works afterwards
            assertEquals(new NativeInstance.Outcome(null, "call stack exhausted"), nat.invoke(0, 2));
        }
    }
}
