package wasm.opt.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import perf.metrics.MetricsRecorder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.translate.WasmToIr;
import wasm.opt.ModuleContext;
import wasm.opt.OptLevel;
import wasm.opt.PassContext;
import wasm.opt.PassPipeline;

/**
 * Inlining through the O2 pipeline with a module around the function: the
 * interpreter's results and traps stay the same; small callees disappear into
 * their callers (their blocks remember where they came from); recursion, direct
 * or mutual, stays a call; a large callee is not inlined.
 */
class InlinePassTest {

    /** The module context the JIT uses, in test form: callee bodies translated afresh. */
    record Translating(Module module) implements ModuleContext {
        private int imported() {
            return module.functionCount() - module.functions().size();
        }

        @Override
        public int calleeSize(int funcIndex) {
            return funcIndex < imported() ? -1 : module.codes().get(funcIndex - imported()).code().size();
        }

        @Override
        public Optional<Function> calleeIr(int funcIndex) {
            return calleeSize(funcIndex) < 0 ? Optional.empty()
                    : Optional.of(new WasmToIr().translate(module, funcIndex));
        }
    }

    private static final String WAT = """
            (module
              (memory 1)
              (global $g (mut i32) (i32.const 5))
              (func $add3 (param i32 i32 i32) (result i32)
                (i32.add (local.get 0) (i32.add (local.get 1) (local.get 2))))
              (func $div (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func $pair (param i32) (result i32 i32) (local.get 0) (i32.mul (local.get 0) (i32.const 3)))
              (func $bump (param i32) (result i32)
                (global.set $g (i32.add (global.get $g) (local.get 0)))
                (i32.store (i32.const 16) (global.get $g))
                (i32.load (i32.const 16)))
              (func $loop (param i32) (result i32) (local i32)
                (block $out (loop $l
                  (br_if $out (i32.eqz (local.get 0)))
                  (local.set 1 (i32.add (local.get 1) (local.get 0)))
                  (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                  (br $l)))
                (local.get 1))
              (func $fac (param i32) (result i32)
                (if (result i32) (i32.le_s (local.get 0) (i32.const 1)) (then (i32.const 1))
                  (else (i32.mul (local.get 0) (call $fac (i32.sub (local.get 0) (i32.const 1)))))))
              (func $even (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                  (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
              (func $odd (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (call $even (i32.sub (local.get 0) (i32.const 1))))))
              (func $big (param i32) (result i32)
                %s
                (local.get 0))
              (func (export "main") (param i32 i32) (result i32)
                (local $a i32) (local $b i32)
                (local.set $a (call $add3 (local.get 0) (local.get 1) (i32.const 7)))
                (call $pair (local.get $a))
                (local.set $b)
                (local.set $a)
                (local.set $a (i32.add (i32.add (local.get $a) (local.get $b)) (call $div (local.get 0) (local.get 1))))
                (local.set $a (i32.add (local.get $a) (call $bump (local.get 1))))
                (local.set $a (i32.add (local.get $a) (call $loop (i32.and (local.get 0) (i32.const 15)))))
                (local.set $a (i32.add (local.get $a) (call $fac (i32.and (local.get 1) (i32.const 7)))))
                (local.set $a (i32.add (local.get $a) (call $even (i32.and (local.get 0) (i32.const 31)))))
                (i32.add (local.get $a) (call $big (local.get 1))))
            )
            """.formatted("(local.set 0 (i32.add (local.get 0) (i32.const 1)))\n".repeat(40));

    private static Module module() {
        Module m = WatParser.parseModule(WAT);
        Validator.validate(m);
        return m;
    }

    private static final PassPipeline O2 = PassPipeline.forLevel(OptLevel.O2).verifying(true);

    private static Function optimized(Module m, int funcIndex) {
        Function f = new WasmToIr().translate(m, funcIndex);
        O2.run(f, MetricsRecorder.disabled().beginModule(0).beginFunction(0, null, 0),
                PassContext.of(new Translating(m), funcIndex, false));
        return f;
    }

    private static String outcome(ModuleEnvironment env, int main, int a, int b) {
        try {
            return "value " + env.invoke(main, a, b)[0];
        } catch (IrTrap t) {
            return "trap " + t.getMessage();
        }
    }

    @Test
    void resultsAndTrapsStayTheSame() {
        Module m = module();
        ModuleEnvironment plain = new ModuleEnvironment(m);
        ModuleEnvironment inlined = new ModuleEnvironment(m, (f, index) -> O2.run(f,
                MetricsRecorder.disabled().beginModule(0).beginFunction(0, null, 0),
                PassContext.of(new Translating(m), index, false)), 10_000_000);
        int main = plain.export("main");
        int[][] args = {{1, 2}, {10, 3}, {-7, 2}, {5, 0}, {Integer.MIN_VALUE, -1}, {100, 17}};
        List<String> expected = new ArrayList<>(), actual = new ArrayList<>();
        for (int[] a : args) {
            expected.add(outcome(plain, main, a[0], a[1]));
            actual.add(outcome(inlined, main, a[0], a[1]));
        }
        assertEquals(expected, actual);
        assertTrue(expected.contains("trap integer divide by zero") && expected.contains("trap integer overflow"),
                expected.toString());
    }

    @Test
    void smallCalleesGoRecursionAndLargeCalleesStay() {
        Module m = module();
        int main = new ModuleEnvironment(m).export("main");
        Function f = optimized(m, main);
        List<Long> callees = new ArrayList<>();
        boolean origins = false;
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            origins |= f.blockOrigin(b) >= 0;
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                if (f.opcode(i) == IrOpcode.CALL) {
                    callees.add(f.imm(i));
                }
            }
        }
        // $fac (5) calls itself; $even (6) and $odd (7) call each other: inlined down to a
        // remaining call on the chain; $big (8) is over the size budget
        assertTrue(callees.contains(5L), "recursion must stay a call: " + callees);
        assertTrue(callees.contains(8L), "the large callee is not inlined: " + callees);
        assertFalse(callees.contains(0L) || callees.contains(1L) || callees.contains(2L) || callees.contains(3L)
                || callees.contains(4L), "small callees are inlined: " + callees);
        assertTrue(origins, "inlined blocks carry their origin");
        Function fac = optimized(m, 5);
        long selfCalls = 0;
        for (int b = fac.firstBlock(); b >= 0; b = fac.nextBlock(b)) {
            for (int i = fac.firstInst(b); i >= 0; i = fac.nextInst(i)) {
                if (fac.opcode(i) == IrOpcode.CALL && fac.imm(i) == 5) {
                    selfCalls++;
                }
            }
        }
        assertEquals(1, selfCalls, "a function is never inlined into itself");
    }

    /**
     * A callee ending in return_call(_indirect) is not inlined (its tail call would become a call,
     * and an inlined tail-recursive loop would grow the stack); the caller's own tail calls and the
     * O2 passes around them keep the results.
     */
    @Test
    void calleesWithTailCallsStayCalls() {
        Module m = WatParser.parseModule("""
                (module
                  (type $un (func (param i32) (result i32)))
                  (table 1 funcref)
                  (elem (i32.const 0) $inc)
                  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                  (func $viaTail (param i32) (result i32) (return_call $inc (local.get 0)))
                  (func $viaTable (param i32) (result i32) (return_call_indirect (type $un) (local.get 0) (i32.const 0)))
                  (func $down (param i32 i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
                      (else (return_call $down (i32.sub (local.get 0) (i32.const 1))
                                               (i32.add (local.get 1) (local.get 0))))))
                  (func (export "main") (param i32 i32) (result i32)
                    (i32.add (i32.add (call $viaTail (local.get 0)) (call $viaTable (local.get 1)))
                             (i32.mul (i32.const 1000) (call $down (i32.and (local.get 0) (i32.const 63)) (i32.const 0))))))
                """);
        Validator.validate(m);
        ModuleEnvironment plain = new ModuleEnvironment(m);
        ModuleEnvironment optimized = new ModuleEnvironment(m, (f, index) -> O2.run(f,
                MetricsRecorder.disabled().beginModule(0).beginFunction(0, null, 0),
                PassContext.of(new Translating(m), index, false)), 10_000_000);
        int main = plain.export("main");
        for (int[] a : new int[][] {{1, 2}, {10, 3}, {-7, 2}, {63, 0}}) {
            assertEquals(outcome(plain, main, a[0], a[1]), outcome(optimized, main, a[0], a[1]));
        }
        assertEquals("value " + (11 + 4 + 1000 * 55), outcome(plain, main, 10, 3));
        Function f = optimized(m, main);
        List<Long> callees = new ArrayList<>();
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                if (f.opcode(i) == IrOpcode.CALL) {
                    callees.add(f.imm(i));
                }
            }
        }
        assertEquals(List.of(1L, 2L, 3L), callees.stream().sorted().toList(), "tail-calling callees stay calls");
    }

    @Test
    void withoutAModuleNothingIsInlined() {
        Module m = module();
        int main = new ModuleEnvironment(m).export("main");
        Function f = new WasmToIr().translate(m, main);
        int before = f.layoutInstCount();
        assertFalse(InlinePass.INSTANCE.run(f));
        assertFalse(InlinePass.INSTANCE.run(f, PassContext.NONE));
        assertEquals(before, f.layoutInstCount());
    }
}
