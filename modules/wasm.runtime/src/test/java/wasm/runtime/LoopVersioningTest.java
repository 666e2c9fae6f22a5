package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.JitCoverage;
import wasm.runtime.tooling.JitInspector;

/**
 * Bounds-check versioning of a counted loop, end to end: at -O2 the loop has a
 * fast copy whose accesses carry no check, and whatever the base, both tiers
 * (and every opt level) trap at the same iteration with the same memory behind
 * them: the iteration's own earlier store and every earlier iteration's stores
 * stay visible, nothing after the trapping access happens.
 */
class LoopVersioningTest {
    private static final int N = 8;
    private static final String WAT = """
            (module
              (memory (export "mem") 1 2)
              ;; for (i = 0; i < n; i++) { log[i] = i; a[i] = i * 3; }   (while shape)
              (func (export "fill") (param $base i32) (param $n i32) (result i32)
                (local $i i32)
                (block $exit (loop $l
                  (br_if $exit (i32.ge_u (local.get $i) (local.get $n)))
                  (i32.store8 offset=100 (local.get $i) (i32.add (local.get $i) (i32.const 1)))
                  (i32.store (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 2)))
                    (i32.mul (local.get $i) (i32.const 3)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $i))
              ;; do { sum += a[i]; i += 2 } while (i != n)   (the ne shape)
              (func (export "sum") (param $base i32) (param $n i32) (result i32)
                (local $i i32) (local $sum i32)
                (loop $l
                  (local.set $sum (i32.add (local.get $sum) (i32.load16_u (i32.add (local.get $i) (local.get $base)))))
                  (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $n))))
                (local.get $sum)))
            """;

    private static Module module() {
        Module m = WatParser.parseModule(WAT);
        Validator.validate(m);
        return m;
    }

    @Test
    void theLoopGetsAnUncheckedCopyAtO2() {
        Module m = module();
        for (int fn = 0; fn < 2; fn++) {
            JitInspector.FunctionStages s = JitInspector.inspect(m, fn, 2);
            assertTrue(s.irOpt().contains("inbounds"), s.irOpt());
            assertTrue(s.vcode().contains("in-bounds"), s.vcode());
            assertTrue(s.passes().stream().anyMatch(p -> p.name().equals("loop_bounds") && p.changed()
                    && p.note().contains("1 versioned")), s.passes().toString());
        }
    }

    /** What a run leaves: each call's result or trap, then the memory. */
    private record Run(List<String> outcomes, byte[] memory) {
    }

    private static Run run(RuntimeOptions options, int base) {
        try (Store store = new Store(options)) {
            Instance inst = store.instantiate(module(), ImportResolver.NONE);
            List<String> out = new ArrayList<>();
            for (String name : List.of("fill", "sum")) {
                int n = name.equals("fill") ? N : 2 * N;
                try {
                    out.add(name + " " + inst.function(name).call(base, n)[0]);
                } catch (Trap t) {
                    out.add(name + " trap " + t.getMessage());
                }
            }
            MemoryInstance mem = inst.memory("mem");
            if (options.tier() == ExecutionTier.JIT) {
                // both sides ran: the JIT side natively (strict mode refuses fallbacks anyway)
                assertEquals(0, JitCoverage.of(store).interpretedFunctions());
                assertTrue(JitCoverage.of(store).nativeFunctions() > 0);
            }
            return new Run(out, mem.read(0, (int) mem.byteSize()));
        }
    }

    @Test
    void trapsAtTheFirstMiddleAndLastIterationAsTheInterpreterDoes() {
        RuntimeOptions interp = RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER);
        // iteration t's 4-byte store ends one byte past the page (and so does the 2-byte load of sum)
        for (int t : new int[] {0, N / 2, N - 1, -1}) {
            int base = t < 0 ? 1024 : 65536 - 4 * t - 4 + 1;
            Run expected = run(interp, base);
            if (t >= 0) {
                assertEquals("fill trap out of bounds memory access", expected.outcomes().getFirst());
                // the trapping iteration logged itself before its access; later ones never ran
                assertEquals(t + 1, expected.memory()[100 + t]);
                assertEquals(0, expected.memory()[100 + t + 1]);
            }
            for (int level = 0; level <= 2; level++) {
                Run actual = run(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                        .withOptLevel(level), base);
                assertEquals(expected.outcomes(), actual.outcomes(), "base " + base + " at -O" + level);
                assertArrayEquals(expected.memory(), actual.memory(), "memory, base " + base + " at -O" + level);
            }
        }
    }

    @Test
    void aWrongLimitFallsBackToTheCheckedLoop() {
        // ne with an odd limit never meets an even counter: the pre-check refuses (limit - init
        // is not a multiple of the step), the checked loop runs and traps when i leaves memory
        RuntimeOptions jit = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true);
        try (Store store = new Store(jit)) {
            Instance inst = store.instantiate(module(), ImportResolver.NONE);
            Trap t = assertThrows(Trap.class, () -> inst.function("sum").call(0, 7));
            assertEquals("out of bounds memory access", t.getMessage());
        }
    }
}
