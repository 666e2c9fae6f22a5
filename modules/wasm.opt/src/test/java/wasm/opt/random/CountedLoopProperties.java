package wasm.opt.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.analysis.RedundantBoundsChecks;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.testing.CountedLoopPrograms;
import wasm.ir.translate.WasmToIr;
import wasm.opt.OptLevel;
import wasm.opt.PassPipeline;
import wasm.opt.internal.loops.LoopVersioning;
import wasm.opt.passes.AddressFoldPass;
import wasm.opt.passes.LicmPass;
import wasm.opt.passes.LoopVersioningPass;

/**
 * Counted loops over memory ({@link CountedLoopPrograms}): the IR interpreter
 * gives the same results, the same traps and the same memory and globals
 * behind them before and after bounds-check versioning (alone, after LICM, and
 * in every pipeline). An access marked in bounds that is not is a compiler bug
 * the interpreter reports, so a wrong pre-check fails here even where the trap
 * would look the same.
 */
class CountedLoopProperties {
    private static final long FUEL = 50_000_000L;

    /** Every call's outcome, then the memory and globals left behind. */
    static String outcomes(Module m, Consumer<Function> transform, long[][] args) {
        ModuleEnvironment env = new ModuleEnvironment(m, transform, FUEL);
        StringBuilder sb = new StringBuilder();
        for (var e : m.exports()) {
            if (e.kind() != wasm.core.model.ExternKind.FUNC) {
                continue;
            }
            for (long[] a : args) {
                try {
                    sb.append(e.name()).append(Arrays.toString(a)).append(" -> ")
                            .append((int) env.invoke(e.index(), a)[0]).append('\n');
                } catch (IrTrap t) {
                    sb.append(e.name()).append(Arrays.toString(a)).append(" -> trap ").append(t.getMessage())
                            .append('\n');
                }
            }
        }
        sb.append("memory ").append(Arrays.hashCode(env.memory())).append(" (").append(env.memory().length)
                .append(" bytes), globals ").append(env.globalGet(0)).append(' ').append(env.globalGet(1));
        return sb.toString();
    }

    static Module module(long seed) {
        Module m = WatParser.parseModule(CountedLoopPrograms.module(seed));
        Validator.validate(m);
        return m;
    }

    private static List<PassPipeline> pipelines() {
        List<PassPipeline> out = new ArrayList<>();
        out.add(PassPipeline.builder(OptLevel.O2).add(LoopVersioningPass.INSTANCE).verifying(true).build());
        out.add(PassPipeline.builder(OptLevel.O2).add(LicmPass.INSTANCE).add(LoopVersioningPass.INSTANCE)
                .verifying(true).build());
        out.add(PassPipeline.builder(OptLevel.O2).add(AddressFoldPass.INSTANCE).verifying(true).build());
        for (OptLevel level : OptLevel.values()) {
            out.add(PassPipeline.forLevel(level).verifying(true));
        }
        return out;
    }

    /**
     * nbody's loop shape: a counter down to zero and a pointer stepping by 56, read at p - 48. With
     * {@code p0} at 48 and more nothing wraps and the loop is versioned; at 16, p0 - 48 wraps around
     * below zero and the first access traps: the pre-check must send that run to the checked loop
     * (a bound that forgot the smallest constant would let the unchecked copy access 2^32 - 32).
     */
    @net.jqwik.api.Example
    void aDownCounterBoundsAPointerThatStepsWithIt() {
        for (int p0 : new int[] {16, 47, 48, 200, 65536 - 56 * 3 + 40, 65536 - 56 * 3 + 41}) {
            String wat = """
                    (module (memory 1) (global (mut i32) (i32.const 0)) (global (mut i64) (i64.const 0))
                      (func (export "f") (param $n i32) (result i32) (local $p i32) (local $acc i32)
                        (local.set $p (i32.const %d))
                        (loop $l
                          (i32.store8 (i32.const 7) (local.get $n))
                          (local.set $acc (i32.add (local.get $acc)
                            (i32.wrap_i64 (i64.load (i32.sub (local.get $p) (i32.const 48))))))
                          (i64.store (i32.add (local.get $p) (i32.const -40)) (i64.const 3))
                          (i64.store (local.get $p) (i64.extend_i32_u (local.get $acc)))
                          (local.set $p (i32.add (local.get $p) (i32.const 56)))
                          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                        (local.get $acc)))
                    """.formatted(p0);
            Module m = WatParser.parseModule(wat);
            Validator.validate(m);
            long[][] args = {{1}, {3}, {4}};
            String expected = outcomes(m, f -> { }, args);
            for (PassPipeline p : pipelines()) {
                assertEquals(expected, outcomes(m, p::run, args), "p0 = " + p0 + ", " + p.passes());
            }
            Function f = new WasmToIr().translate(m, 0);
            assertEquals(1, LoopVersioning.run(f).loopsVersioned(), "p0 = " + p0 + ":\n" + f);
        }
    }

    /**
     * Two loops in a row, the second's counter and pointer starting where the first's ended (wzip's
     * shape): once the first is versioned, those values reach the second's pre-check as the first's
     * exit parameters (the plan, made before, named the first loop's own values, which do not
     * dominate the second: the verifier rejected the IR, the backend's allocation checker the code).
     */
    @net.jqwik.api.Example
    void aSecondLoopStartsWhereAVersionedOneEnded() {
        String wat = """
                (module (memory 1) (global (mut i32) (i32.const 0)) (global (mut i64) (i64.const 0))
                  (func (export "f") (param $n i32) (result i32) (local $p i32) (local $acc i32)
                    (local.set $p (i32.const 64))
                    (loop $a
                      (i32.store (local.get $p) (local.get $n))
                      (local.set $p (i32.add (local.get $p) (i32.const 4)))
                      (br_if $a (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (local.set $n (i32.shr_u (local.get $p) (i32.const 4)))
                    (loop $b
                      (local.set $acc (i32.add (local.get $acc) (i32.load (i32.sub (local.get $p) (i32.const 8)))))
                      (local.set $p (i32.add (local.get $p) (i32.const 8)))
                      (br_if $b (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (i32.add (local.get $acc) (local.get $p))))
                """;
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        long[][] args = {{1}, {5}, {200}, {16000}};
        String expected = outcomes(m, f -> { }, args);
        for (PassPipeline p : pipelines()) {
            assertEquals(expected, outcomes(m, p::run, args), p.passes().toString());
        }
        Function f = new WasmToIr().translate(m, 0);
        assertEquals(2, LoopVersioning.run(f).loopsVersioned(), f.toString());
    }

    @Property(tries = 300)
    void versionedLoopsKeepResultsTrapsAndMemory(@ForAll long seed) {
        Module m = module(seed);
        long[][] args = CountedLoopPrograms.arguments(seed, 4);
        String expected = outcomes(m, f -> { }, args);
        for (PassPipeline p : pipelines()) {
            String actual = outcomes(m, p::run, args);
            if (!expected.equals(actual)) {
                Function before = new WasmToIr().translate(m, 0);
                Function after = before.copy();
                p.run(after);
                assertEquals(expected, actual, p.passes().stream().map(x -> x.name()).toList()
                        + " changed the outcome of\n" + CountedLoopPrograms.module(seed) + "\n" + before
                        + "\n--- after ---\n" + after);
            }
        }
        int versioned = 0;
        int folded = 0;
        for (int fi = 0; fi < m.functionCount(); fi++) {
            Function f = new WasmToIr().translate(m, fi);
            folded += RedundantBoundsChecks.foldCheckedAddends(f.copy());
            LicmPass.INSTANCE.run(f);
            versioned += LoopVersioning.run(f).loopsVersioned();
            Statistics.label("plan").collect(CountedLoopPrograms.plan(seed, fi));
        }
        Statistics.label("versioned loops").collect(versioned == 0 ? "none" : versioned == 1 ? "one" : "several");
        Statistics.label("addends folded by address_fold").collect(folded == 0 ? "none" : "some");
        Statistics.label("outcome").collect(expected.contains("trap") ? "some trap" : "no trap");
    }
}
