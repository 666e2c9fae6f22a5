package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wasm.core.model.FuncType;
import wasm.core.model.ValType;
import wasm.core.text.WatParser;
import wasm.runtime.CompilePolicy;
import wasm.runtime.Engine;
import wasm.runtime.ExecutionTier;
import wasm.runtime.ImportResolver;
import wasm.runtime.Instance;
import wasm.runtime.Linker;
import wasm.runtime.PrecompiledModule;
import wasm.runtime.Store;
import wasm.runtime.Trap;
import wasm.runtime.Val;
import wasm.runtime.tooling.JitCoverage;
import wasm.runtime.tooling.TierCounts;

/**
 * A store that may interpret while the JIT starts ({@code interpretWhileJitStarts}) with the
 * process's FFM linkage held back ({@link JitEngine#linkageReady} answering false): loop-free
 * functions run in the interpreter and its instances stay unlinked (no function native, no code
 * cache read); a call of a function with a loop, the linkage becoming ready, or the budget of
 * interpreted calls links every waiting instance, and the calls from then on are native. Options
 * that need native code from the start never interpret.
 */
class InterpretWhileJitStartsTest {
    private static final String WAT = """
            (module
              (import "host" "twice" (func $twice (param i32) (result i32)))
              (func $fac (export "fac") (param i64) (result i64)
                (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
                  (then (i64.const 1))
                  (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
              (func $sum (export "sum") (param i32) (result i32) (local i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.eqz (local.get 0)))
                    (local.set 1 (i32.add (local.get 1) (local.get 0)))
                    (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                    (br $next)))
                (local.get 1))
              ;; loop-free, calls the looping sum: interpreted until it reaches sum
              (func (export "outer") (param i32) (result i32)
                (i32.add (call $twice (local.get 0)) (call $sum (local.get 0))))
              ;; loop-free, traps in native code when called with 0 (after calling sum)
              (func (export "divide") (param i32) (result i32)
                (i32.div_u (call $sum (i32.const 3)) (local.get 0)))
              (func $down (export "down") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))
            """;
    private static final long FAC_20 = 2432902008176640000L;

    private final AtomicBoolean linkageReady = new AtomicBoolean();
    private final AtomicInteger hostCalls = new AtomicInteger();
    private BooleanSupplier saved;

    @BeforeEach
    void holdTheLinkageBack() {
        saved = JitEngine.linkageReady;
        JitEngine.linkageReady = linkageReady::get;
    }

    @AfterEach
    void restore() {
        JitEngine.linkageReady = saved;
    }

    private static Engine engine(Consumer<Engine.Builder> configure) {
        // not strict (the module's tests run with -Dwasmoon.jit=strict): strict never interprets
        Engine.Builder b = Engine.builder().tier(ExecutionTier.JIT).jitStrict(false)
                .compilePolicy(CompilePolicy.TIERED).interpretWhileJitStarts(true);
        configure.accept(b);
        return b.build();
    }

    private Instance instantiate(Engine engine, Store store) {
        Linker linker = new Linker().func("host", "twice", FuncType.of(List.of(ValType.I32), List.of(ValType.I32)),
                (caller, args) -> {
                    hostCalls.incrementAndGet();
                    return new Val[] {Val.i32(2 * args[0].i32())};
                });
        return linker.instantiate(store, engine.compileText(WAT));
    }

    private static long nativeFunctions(Store store) {
        return JitCoverage.of(store).nativeFunctions();
    }

    @Test
    void loopFreeFunctionsRunInTheInterpreterUntilTheLinkageIsReady() {
        try (Engine engine = engine(b -> { }); Store store = engine.newStore()) {
            Instance in = instantiate(engine, store);
            assertEquals(FAC_20, in.function("fac").callLong(20L));
            assertEquals(0, nativeFunctions(store), "nothing linked while interpreting");
            assertNull(store.compiledCode(in, new byte[] {0}), "no code to cache before the link");

            linkageReady.set(true);
            assertEquals(FAC_20, in.function("fac").callLong(20L));
            assertEquals(5, nativeFunctions(store), JitCoverage.of(store).summary());
            assertEquals(0, JitCoverage.of(store).interpretedFunctions());
        }
    }

    @Test
    void aFunctionWithALoopWaitsForTheSetUpAndRunsNatively() {
        try (Engine engine = engine(b -> { }); Store store = engine.newStore()) {
            Instance in = instantiate(engine, store);
            assertEquals(5050, in.function("sum").callInt(100));
            assertEquals(5, nativeFunctions(store));
        }
    }

    @Test
    void anInterpretedCallerCallsIntoNativeCodeAndBack() {
        try (Engine engine = engine(b -> { }); Store store = engine.newStore()) {
            Instance in = instantiate(engine, store);
            // outer starts in the interpreter; its call of sum links the instance and runs natively
            assertEquals(2 * 10 + 55, in.function("outer").callInt(10));
            assertEquals(1, hostCalls.get());
            assertEquals(5, nativeFunctions(store));
            // and from now on everything is native: the host is reached through its upcall
            assertEquals(2 * 4 + 10, in.function("outer").callInt(4));
            assertEquals(2, hostCalls.get());
        }
    }

    @Test
    void aTrapInNativeCodeReachesAnInterpretedCallerWithTheSpecMessage() {
        try (Engine engine = engine(b -> { }); Store store = engine.newStore()) {
            Instance in = instantiate(engine, store);
            Trap t = assertThrows(Trap.class, () -> in.function("divide").callInt(0));
            assertEquals("integer divide by zero", t.getMessage());
            assertEquals(3, in.function("divide").callInt(2));
        }
    }

    /**
     * A call from interpreted code into native code is an ordinary call: its callee starts in
     * baseline code, as when a native caller calls it, not in the optimizing tier that a host's
     * entry gets at once (else everything an interpreted start called would be optimized cold).
     */
    @Test
    void aCallFromInterpretedCodeIsNotAHostEntry() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            body.append("(local.set 1 (i32.add (local.get 1) (i32.const ").append(i).append(")))\n");
        }
        String wat = """
                (module
                  (func $big (param i32) (result i32) (local i32)
                    (block $done
                      (loop $next
                        (br_if $done (i32.eqz (local.get 0)))
                        %s
                        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                        (br $next)))
                    (local.get 1))
                  (func (export "entry") (param i32) (result i32) (call $big (local.get 0))))
                """.formatted(body);
        try (Engine engine = engine(b -> { }); Store store = engine.newStore()) {
            Instance in = new Linker().instantiate(store, engine.compileText(wat));
            assertEquals(2 * 1770, in.function("entry").callInt(2));
            assertEquals(1, TierCounts.of(store).baselineCompiled(), TierCounts.of(store).summary());
        }
    }

    @Test
    void recursionPastTheCallBudgetContinuesNatively() {
        try (Engine engine = engine(b -> { }); Store store = engine.newStore()) {
            Instance in = instantiate(engine, store);
            // deeper than the interpreter's 100,000 frames: only native code gets there
            assertEquals(150_000, in.function("down").callInt(150_000));
            assertEquals(5, nativeFunctions(store));
        }
    }

    /**
     * What interpreted code did to the instance before the link is what native code finds: a
     * memory grown and written, a global set (the link reads the memory's length and base then).
     */
    @Test
    void nativeCodeSeesTheStateInterpretedCodeLeft() {
        String wat = """
                (module
                  (memory 1)
                  (global $g (mut i32) (i32.const 0))
                  (func (export "grow") (result i32)
                    (drop (memory.grow (i32.const 1)))
                    (i32.store (i32.const 70000) (i32.const 1234))
                    (global.set $g (i32.const 5))
                    (memory.size))
                  (func (export "read") (result i32) (local i32)
                    (loop (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                          (br_if 0 (i32.lt_u (local.get 0) (i32.const 10))))
                    (i32.add (i32.load (i32.const 70000)) (global.get $g))))
                """;
        try (Engine engine = engine(b -> { }); Store store = engine.newStore()) {
            Instance in = new Linker().instantiate(store, engine.compileText(wat));
            assertEquals(2, in.function("grow").callInt());
            assertEquals(0, nativeFunctions(store), "grown and written by the interpreter");
            assertEquals(1239, in.function("read").callInt());
            assertEquals(2, nativeFunctions(store));
            assertEquals(3, in.function("grow").callInt(), "native code grows the same memory");
        }
    }

    @Test
    void optionsThatNeedNativeCodeNeverInterpret() {
        List<Consumer<Engine.Builder>> natives = List.of(
                b -> b.jitStrict(true),
                b -> b.compilePolicy(CompilePolicy.EAGER),
                b -> b.fuel(true),
                b -> b.interpretWhileJitStarts(false));
        for (Consumer<Engine.Builder> configure : natives) {
            try (Engine engine = engine(configure); Store store = engine.newStore()) {
                if (engine.options().fuel()) {
                    store.setFuel(1_000_000);
                }
                Instance in = instantiate(engine, store);
                assertEquals(5, nativeFunctions(store), "linked at instantiation: " + engine.options());
                assertEquals(FAC_20, in.function("fac").callLong(20L));
            }
        }
    }

    @Test
    void theCodeIsAskedForOnceWhenTheInstanceIsLinked() {
        AtomicInteger asked = new AtomicInteger();
        try (Engine engine = engine(b -> { }); Store store = engine.newStore()) {
            wasm.core.model.Module module = WatParser.parseModule("""
                    (module
                      (func (export "one") (result i32) (i32.const 1))
                      (func (export "loops") (result i32) (loop) (i32.const 2)))
                    """);
            ImportResolver none = (m, n) -> null;
            Instance in = store.instantiate(module, none, () -> {
                asked.incrementAndGet();
                return null; // nothing cached: compile
            });
            assertEquals(1, in.function("one").callInt());
            assertEquals(0, asked.get(), "not asked while interpreting");
            assertEquals(2, in.function("loops").callInt());
            assertEquals(1, asked.get());
            assertEquals(1, in.function("one").callInt());
            assertEquals(1, asked.get());
            PrecompiledModule code = store.compiledCode(in, new byte[] {0});
            assertNotNull(code);
            assertTrue(code.compiledFunctions() >= 1, "the looping function's code");
        }
    }
}
