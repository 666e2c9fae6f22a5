package wasm.ir.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/** Wasm functions translated to IR and interpreted give the values the spec says, traps included. */
class TranslatedExecutionTest {

    private static ModuleEnvironment instance(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return new ModuleEnvironment(m);
    }

    private static long call(ModuleEnvironment env, String name, long... args) {
        return env.invoke(env.export(name), args)[0];
    }

    private static void assertTrap(String message, ModuleEnvironment env, String name, long... args) {
        IrTrap t = assertThrows(IrTrap.class, () -> env.invoke(env.export(name), args));
        assertEquals(message, t.getMessage());
    }

    @Test
    void integerArithmeticAndTraps() {
        var env = instance("""
                (module
                  (func (export "div_s") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
                  (func (export "rem_u") (param i64 i64) (result i64) local.get 0 local.get 1 i64.rem_u)
                  (func (export "rotl") (param i32 i32) (result i32) local.get 0 local.get 1 i32.rotl)
                  (func (export "clz64") (param i64) (result i64) local.get 0 i64.clz)
                  (func (export "shr") (param i32) (result i32) local.get 0 i32.const 33 i32.shr_u)
                  (func (export "ext") (param i32) (result i64) local.get 0 i64.extend_i32_u)
                  (func (export "ext8") (param i64) (result i64) local.get 0 i64.extend8_s))
                """);
        assertEquals(-3, call(env, "div_s", 7, -2));
        assertTrap("integer divide by zero", env, "div_s", 1, 0);
        assertTrap("integer overflow", env, "div_s", Integer.MIN_VALUE, -1);
        assertEquals(Long.remainderUnsigned(-7, 3), call(env, "rem_u", -7, 3));
        assertEquals(Integer.rotateLeft(0x80000001, 1), call(env, "rotl", 0x80000001, 1));
        assertEquals(63, call(env, "clz64", 1));
        assertEquals(0x7FFFFFFF, call(env, "shr", -1));
        assertEquals(0xFFFF_FFFFL, call(env, "ext", -1));
        assertEquals(-128, call(env, "ext8", 0x180));
    }

    @Test
    void floatsAndConversions() {
        var env = instance("""
                (module
                  (func (export "min") (param f64 f64) (result f64) local.get 0 local.get 1 f64.min)
                  (func (export "nearest") (param f32) (result f32) local.get 0 f32.nearest)
                  (func (export "trunc_u") (param f64) (result i32) local.get 0 i32.trunc_f64_u)
                  (func (export "sat_s") (param f32) (result i64) local.get 0 i64.trunc_sat_f32_s)
                  (func (export "cvt_u") (param i64) (result f32) local.get 0 f32.convert_i64_u)
                  (func (export "copysign") (param f32 f32) (result f32) local.get 0 local.get 1 f32.copysign)
                  (func (export "lt") (param f64 f64) (result i32) local.get 0 local.get 1 f64.lt))
                """);
        long negZero = Double.doubleToRawLongBits(-0.0);
        assertEquals(negZero, call(env, "min", Double.doubleToRawLongBits(0.0), negZero));
        assertEquals(Float.floatToRawIntBits(2.0f), call(env, "nearest", Float.floatToRawIntBits(2.5f)));
        assertEquals((int) 4000000000L, call(env, "trunc_u", Double.doubleToRawLongBits(4e9)));
        assertTrap("integer overflow", env, "trunc_u", Double.doubleToRawLongBits(-1.0));
        assertTrap("invalid conversion to integer", env, "trunc_u", Double.doubleToRawLongBits(Double.NaN));
        assertEquals(Long.MAX_VALUE, call(env, "sat_s", Float.floatToRawIntBits(1e30f)));
        assertEquals(Float.floatToRawIntBits(1.8446744e19f), call(env, "cvt_u", -1L));
        assertEquals(Float.floatToRawIntBits(-3f) & 0xFFFF_FFFFL,
                call(env, "copysign", Float.floatToRawIntBits(3f), Float.floatToRawIntBits(-1f)));
        assertEquals(0, call(env, "lt", Double.doubleToRawLongBits(Double.NaN), 0));
    }

    @Test
    void controlFlow() {
        var env = instance("""
                (module
                  (func (export "fact") (param i64) (result i64) (local i64)
                    i64.const 1 local.set 1
                    loop $l
                      local.get 0 i64.eqz
                      if local.get 1 return end
                      local.get 1 local.get 0 i64.mul local.set 1
                      local.get 0 i64.const 1 i64.sub local.set 0
                      br $l
                    end
                    unreachable)
                  (func (export "switch") (param i32) (result i32)
                    block block block
                      local.get 0 br_table 0 1 2
                    end i32.const 10 return
                    end i32.const 20 return
                    end i32.const 30)
                  (func (export "multi") (param i32) (result i32)
                    local.get 0
                    block (param i32) (result i32 i32)
                      i32.const 1 i32.add local.get 0
                    end
                    i32.mul)
                  (func (export "collatz") (param i32) (result i32) (local i32)
                    block $done
                      loop $next
                        local.get 0 i32.const 1 i32.le_u br_if $done
                        local.get 1 i32.const 1 i32.add local.set 1
                        local.get 0 i32.const 1 i32.and
                        if (result i32)
                          local.get 0 i32.const 3 i32.mul i32.const 1 i32.add
                        else
                          local.get 0 i32.const 1 i32.shr_u
                        end
                        local.set 0
                        br $next
                      end
                    end
                    local.get 1)
                  (func (export "trap") unreachable))
                """);
        assertEquals(3628800, call(env, "fact", 10));
        assertEquals(10, call(env, "switch", 0));
        assertEquals(20, call(env, "switch", 1));
        assertEquals(30, call(env, "switch", 2));
        assertEquals(30, call(env, "switch", -1));
        assertEquals(42, call(env, "multi", 6));
        assertEquals(111, call(env, "collatz", 27));
        IrTrap t = assertThrows(IrTrap.class, () -> env.invoke(env.export("trap")));
        assertEquals("unreachable", t.getMessage());
    }

    @Test
    void memoryGlobalsAndBulk() {
        var env = instance("""
                (module
                  (memory 1 2)
                  (global $g (mut i64) (i64.const 5))
                  (data (i32.const 16) "\\01\\02\\03\\04")
                  (data "xyz")
                  (func (export "load") (param i32) (result i32) local.get 0 i32.load offset=16)
                  (func (export "load8") (param i32) (result i64) local.get 0 i64.load8_s)
                  (func (export "store") (param i32 i64) local.get 0 local.get 1 i64.store offset=1)
                  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
                  (func (export "size") (result i32) memory.size)
                  (func (export "bump") (result i64) global.get $g i64.const 1 i64.add global.set $g global.get $g)
                  (func (export "init") (param i32 i32) local.get 0 i32.const 0 local.get 1 memory.init 1)
                  (func (export "copy") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.copy))
                """);
        assertEquals(0x04030201, call(env, "load", 0));
        assertTrap("out of bounds memory access", env, "load", 65536 - 16 - 3);
        assertTrap("out of bounds memory access", env, "load", -1);
        env.invoke(env.export("store"), 100, -2L);
        assertEquals(-2, call(env, "load8", 101));
        assertEquals(1, call(env, "grow", 1));
        assertEquals(2, call(env, "size"));
        assertEquals(-1, call(env, "grow", 1));
        assertEquals(6, call(env, "bump"));
        assertEquals(7, call(env, "bump"));
        env.invoke(env.export("init"), 200, 3);
        assertEquals('y', call(env, "load8", 201));
        assertTrap("out of bounds memory access", env, "init", 200, 4);
        env.invoke(env.export("copy"), 300, 200, 3);
        assertEquals('z', call(env, "load8", 302));
    }

    @Test
    void callsAndTables() {
        var env = instance("""
                (module
                  (type $unop (func (param i32) (result i32)))
                  (type $nop (func))
                  (table 3 funcref)
                  (elem (i32.const 0) $inc $fib)
                  (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
                  (func $fib (param i32) (result i32)
                    local.get 0 i32.const 2 i32.lt_u
                    if (result i32) local.get 0
                    else
                      local.get 0 i32.const 1 i32.sub call $fib
                      local.get 0 i32.const 2 i32.sub call $fib
                      i32.add
                    end)
                  (func $pair (param i32) (result i32 i32) local.get 0 local.get 0 call $inc)
                  (func (export "fib") (param i32) (result i32) local.get 0 call $fib)
                  (func (export "pair") (param i32) (result i32) local.get 0 call $pair i32.sub)
                  (func (export "indirect") (param i32 i32) (result i32) local.get 1 local.get 0 call_indirect (type $unop))
                  (func (export "badtype") (param i32) local.get 0 call_indirect (type $nop))
                  (func (export "grow") (result i32) ref.null func i32.const 2 table.grow 0 table.size 0 i32.add))
                """);
        assertEquals(55, call(env, "fib", 10));
        assertEquals(-1, call(env, "pair", 4));
        assertEquals(8, call(env, "indirect", 0, 7));
        assertEquals(13, call(env, "indirect", 1, 7));
        assertTrap("uninitialized element", env, "indirect", 2, 7);
        assertTrap("undefined element", env, "indirect", 3, 7);
        assertTrap("indirect call type mismatch", env, "badtype", 0);
        assertEquals(3 + 5, call(env, "grow"));
    }

    @Test
    void fuelStopsEndlessLoops() {
        Module m = WatParser.parseModule("(module (func (export \"spin\") loop br 0 end))");
        var env = new ModuleEnvironment(m, f -> { }, 10_000);
        assertThrows(OutOfFuelException.class, () -> env.invoke(env.export("spin")));
    }
}
