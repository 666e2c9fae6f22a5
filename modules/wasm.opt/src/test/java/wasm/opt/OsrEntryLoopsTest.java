package wasm.opt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.analysis.LoopNest;
import wasm.ir.interp.IrInterpreter;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.text.IrPrinter;
import wasm.ir.translate.WasmToIr;
import wasm.ir.verify.Verifier;

/**
 * An on-stack-replacement entry ({@link WasmToIr#translateOsr}) into nested loops: every loop keeps
 * its header as its only entry (the graph stays reducible, so the optimizer sees the loops), it
 * runs the rest of the function from the locals at any loop it starts at, and the innermost loop
 * has the same code as in the function's own optimized translation (no test of the entry in it).
 */
class OsrEntryLoopsTest {
    /** Three nested counted loops over i, j, k, each folding into acc: 3 * 4 loop headers in all. */
    private static final String NEST = """
            (module
              (func (export "nest") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $k i32) (local $acc i32)
                (block $i_done
                  (loop $i_loop
                    (br_if $i_done (i32.ge_u (local.get $i) (local.get $n)))
                    (local.set $acc (i32.xor (local.get $acc) (i32.mul (local.get $i) (i32.const 0x9e3779b1))))
                    (local.set $j (i32.const 0))
                    (block $j_done
                      (loop $j_loop
                        (br_if $j_done (i32.ge_u (local.get $j) (local.get $n)))
                        (local.set $k (i32.const 0))
                        (block $k_done
                          (loop $k_loop
                            (br_if $k_done (i32.ge_u (local.get $k) (local.get $n)))
                            (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31))
                              (i32.add (local.get $i) (i32.add (i32.mul (local.get $j) (i32.const 7))
                                (i32.mul (local.get $k) (i32.const 13))))))
                            (local.set $k (i32.add (local.get $k) (i32.const 1)))
                            (br $k_loop)))
                        (local.set $j (i32.add (local.get $j) (i32.const 1)))
                        (br $j_loop)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $i_loop)))
                (local.get $acc)))
            """;

    private static final Module MODULE = module();

    private static Module module() {
        Module m = WatParser.parseModule(NEST);
        Validator.validate(m);
        return m;
    }

    /** The rest of {@code nest} from the header of loop {@code depth} (0 = i, 1 = j, 2 = k) with these locals. */
    private static int expected(int depth, int n, int i, int j, int k, int acc) {
        boolean resume = true;
        for (; Integer.compareUnsigned(i, n) < 0 || resume && depth > 0; i++) {
            if (!(resume && depth > 0)) {
                acc ^= i * 0x9e3779b1;
                j = 0;
            }
            for (; Integer.compareUnsigned(j, n) < 0 || resume && depth > 1; j++) {
                if (!(resume && depth > 1)) {
                    k = 0;
                }
                resume = false;
                for (; Integer.compareUnsigned(k, n) < 0; k++) {
                    acc = acc * 31 + (i + (j * 7 + k * 13));
                }
            }
            resume = false;
        }
        return acc;
    }

    private static Function entry(int[] loops) {
        WasmToIr translator = new WasmToIr();
        Function f = translator.translateOsr(MODULE, 0);
        assertArrayEquals(loops, translator.osrLoops(), "the loops the entry starts at");
        Verifier.check(f);
        return f;
    }

    private static int[] loopIndexes() {
        WasmToIr translator = new WasmToIr();
        translator.translateOsr(MODULE, 0);
        int[] loops = translator.osrLoops();
        assertEquals(3, loops.length, "an entry for each of the three loops");
        return loops;
    }

    @Test
    void everyLoopOfTheEntryIsANaturalLoop() {
        for (boolean optimized : new boolean[] {false, true}) {
            Function f = entry(loopIndexes());
            if (optimized) {
                PassPipeline.forLevel(OptLevel.O2).verifying(true).run(f);
            }
            DominatorTree dom = assertReducible(f);
            LoopNest nest = LoopNest.compute(f, dom);
            assertEquals(3, nest.loopCount(), IrPrinter.print(f));
            for (int l = 0; l < 3; l++) {
                assertEquals(l + 1, nest.depth(l), "loop " + l + "'s depth\n" + IrPrinter.print(f));
            }
        }
    }

    /** Every cycle of {@code f} is entered at its header only: each retreating edge's target dominates its source. */
    private static DominatorTree assertReducible(Function f) {
        DominatorTree dom = DominatorTree.compute(f);
        ControlFlowGraph cfg = dom.cfg();
        for (int b : cfg.reversePostOrder()) {
            for (int p = 0; p < cfg.predecessorCount(b); p++) {
                int src = cfg.predecessor(b, p);
                if (cfg.isReachable(src) && cfg.rpoIndex(src) >= cfg.rpoIndex(b)) {
                    assertTrue(dom.dominates(b, src), "edge " + src + " -> " + b
                            + " enters a cycle past its header\n" + IrPrinter.print(f));
                }
            }
        }
        return dom;
    }

    @Test
    void loopsNestedDeeperThanTheLimitAreNoStarts() {
        int levels = 12;
        StringBuilder wat = new StringBuilder("(module (func (export \"deep\") (param i32) (result i32)");
        for (int l = 0; l < levels; l++) {
            wat.append(" (loop (br_if 0 (i32.eqz (local.get 0)))");
        }
        wat.append(" (nop)").append(")".repeat(levels)).append(" (local.get 0)))");
        Module m = WatParser.parseModule(wat.toString());
        Validator.validate(m);
        WasmToIr translator = new WasmToIr();
        Function f = translator.translateOsr(m, 0);
        Verifier.check(f);
        assertEquals(1 + 8, translator.osrLoops().length, "the outermost loop and eight levels inside it");
        assertReducible(f);
        assertEquals(levels, LoopNest.compute(f).loopCount());
    }

    @Test
    void theEntryRunsTheRestOfTheFunctionFromEachLoop() {
        int[] loops = loopIndexes();
        Function plain = entry(loops);
        Function optimized = entry(loops);
        PassPipeline.forLevel(OptLevel.O2).verifying(true).run(optimized);
        ModuleEnvironment env = new ModuleEnvironment(MODULE);
        int[][] states = {{0, 0, 0, 0, 0}, {5, 0, 0, 0, 1}, {5, 2, 3, 4, 77}, {5, 4, 4, 5, -9}, {3, 3, 0, 0, 12},
            {6, 1, 6, 2, 0x7fffffff}, {0, 0, 1, 1, 5}};
        for (int depth = 0; depth < 3; depth++) {
            for (int[] s : states) {
                int want = expected(depth, s[0], s[1], s[2], s[3], s[4]);
                long[] args = {loops[depth], s[0], s[1], s[2], s[3], s[4]};
                for (Function f : new Function[] {plain, optimized}) {
                    long[] out = new IrInterpreter(1_000_000).run(f, env, args);
                    assertEquals(want, (int) out[0], "entry at loop " + depth + " with locals "
                            + java.util.Arrays.toString(s));
                }
            }
        }
        // and the function itself, for the model's sake
        assertEquals(expected(0, 5, 0, 0, 0, 0), (int) env.invoke(0, 5)[0]);
    }

    @Test
    void theInnermostLoopHasTheFunctionsOwnCode() {
        Function entry = entry(loopIndexes());
        PassPipeline.forLevel(OptLevel.O2).verifying(true).run(entry);
        Function own = new WasmToIr().translate(MODULE, 0);
        PassPipeline.forLevel(OptLevel.O2).verifying(true).run(own);
        assertEquals(innermostLoopInstructions(own), innermostLoopInstructions(entry),
                "the entry's innermost loop\n" + IrPrinter.print(entry) + "\n--- the function ---\n"
                        + IrPrinter.print(own));
    }

    private static int innermostLoopInstructions(Function f) {
        LoopNest nest = LoopNest.compute(f);
        int deepest = 0;
        for (int l = 1; l < nest.loopCount(); l++) {
            if (nest.depth(l) > nest.depth(deepest)) {
                deepest = l;
            }
        }
        int n = 0;
        for (int b : nest.blocks(deepest)) {
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                n++;
            }
        }
        return n;
    }
}
