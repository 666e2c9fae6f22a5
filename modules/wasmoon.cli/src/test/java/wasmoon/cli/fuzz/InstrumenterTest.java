package wasmoon.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import wasm.core.binary.ModuleEncoder;
import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * The fuzzer's instrumentation of v128 values, without node: wrappers that carry a v128 as two
 * i64 halves, per-lane NaN canonicalization of float vector arithmetic (and nothing else), and
 * the {@code log-v128} import retyped to two halves. Each case runs in the interpreter and in
 * the JIT at -O2 ({@link FuzzWorker#run}); FuzzSeedsTest compares the same path with V8.
 */
class InstrumenterTest {
    private static final long NAN_PAYLOAD_32X2 = 0x7fa000017fc12345L;
    private static final long CANONICAL_32X2 = 0x7fc000007fc00000L;

    private static List<String> run(String wat, List<CallPlan.Call> calls, EngineConfig config) {
        Module m = WatParser.parseModule(wat);
        Instrumenter.Instrumented inst = Instrumenter.instrument(m);
        Validator.validate(inst.module());
        return FuzzWorker.run(ModuleEncoder.encode(inst.module()), calls, config);
    }

    private static void assertLines(List<String> expected, String wat, List<CallPlan.Call> calls) {
        for (EngineConfig c : List.of(EngineConfig.INTERP, EngineConfig.JIT_O2)) {
            assertEquals(expected, run(wat, calls, c), c.label());
        }
    }

    @Test
    void v128ParametersAndResultsCrossAsTwoHalves() {
        String wat = """
                (module
                  (global $g (mut v128) (v128.const i64x2 5 -6))
                  (func (export "swap") (param v128) (result v128 i32)
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0))
                    (i32.const 7)))
                """;
        Instrumenter.Instrumented inst = Instrumenter.instrument(WatParser.parseModule(wat));
        Instrumenter.Wrapper w = inst.wrappers().get(0);
        assertEquals(new FuncType(List.of(ValType.I64, ValType.I64), List.of(ValType.I64, ValType.I64, ValType.I32)),
                w.type());
        assertLines(List.of("inst ok", "global 0 5 -6", "call fuzz$call$0 ok -2 1 7", "global 0 5 -6"), wat,
                List.of(new CallPlan.Call("fuzz$call$0", "II", new long[] {1, -2})));
    }

    @Test
    void floatVectorArithmeticHasItsNaNLanesCanonicalizedAndNothingElse() {
        // f32x4.add of a NaN with a payload: the NaN lanes become the canonical NaN, the
        // others keep their sum. i32x4.add and f32x4.neg keep every bit, NaN or not.
        String wat = """
                (module
                  (func (export "fadd") (param v128) (result v128)
                    (f32x4.add (local.get 0) (v128.const f32x4 0 0 1 1)))
                  (func (export "iadd") (param v128) (result v128)
                    (i32x4.add (local.get 0) (v128.const i32x4 0 0 0 0)))
                  (func (export "fneg") (param v128) (result v128) (f32x4.neg (local.get 0)))
                  (func (export "dmax") (param v128) (result v128)
                    (f64x2.max (local.get 0) (v128.const f64x2 2 2))))
                """;
        assertLines(List.of("inst ok",
                        "call fuzz$call$0 ok " + CANONICAL_32X2 + " " + 0x40000000_7fc00000L,
                        "call fuzz$call$1 ok " + NAN_PAYLOAD_32X2 + " " + 0x3f800000_7fa00001L,
                        "call fuzz$call$2 ok " + (NAN_PAYLOAD_32X2 ^ 0x80000000_80000000L) + " "
                                + (0x3f800000_7fa00001L ^ 0x80000000_80000000L),
                        "call fuzz$call$3 ok " + Instrumenter.CANONICAL_NAN_64 + " " + 0x4000000000000000L),
                wat, List.of(
                        new CallPlan.Call("fuzz$call$0", "II", new long[] {NAN_PAYLOAD_32X2, 0x3f800000_7fa00001L}),
                        new CallPlan.Call("fuzz$call$1", "II", new long[] {NAN_PAYLOAD_32X2, 0x3f800000_7fa00001L}),
                        new CallPlan.Call("fuzz$call$2", "II", new long[] {NAN_PAYLOAD_32X2, 0x3f800000_7fa00001L}),
                        new CallPlan.Call("fuzz$call$3", "II", new long[] {0x7ff4000000000001L, 0x4000000000000000L})));
    }

    @Test
    void logV128IsCalledWithItsTwoHalves() {
        String wat = """
                (module
                  (import "fuzzing-support" "log-v128" (func $log (param v128)))
                  (import "fuzzing-support" "log-i32" (func $logi (param i32)))
                  (func (export "f") (param i32)
                    (call $log (i32x4.splat (local.get 0)))
                    (call $logi (local.get 0))))
                """;
        assertLines(List.of("inst ok", "log v128 12884901891 12884901891", "log i32 3", "call fuzz$call$0 ok"), wat,
                List.of(new CallPlan.Call("fuzz$call$0", "i", new long[] {3})));
    }

    @Test
    void aLogV128ThatIsNotOnlyCalledIsRefused() {
        Module m = WatParser.parseModule("""
                (module
                  (import "fuzzing-support" "log-v128" (func $log (param v128)))
                  (export "log" (func $log)))
                """);
        assertThrows(IllegalArgumentException.class, () -> Instrumenter.instrument(m));
    }
}
