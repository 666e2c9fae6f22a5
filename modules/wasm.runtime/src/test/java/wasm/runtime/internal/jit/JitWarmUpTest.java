package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import wasm.core.model.FuncType;
import wasm.core.model.ValType;
import wasm.runtime.Engine;
import wasm.runtime.ExecutionTier;
import wasm.runtime.Instance;
import wasm.runtime.Linker;
import wasm.runtime.Store;
import wasm.runtime.Val;
import wasm.runtime.tooling.JitCoverage;

/**
 * The JIT warm-up ({@link JitWarmUp}) makes the process's FFM linkage on its own thread while a
 * store may be making the same linkage on another: it starts once however many callers ask, and
 * a store made at the same time runs every kind of native transition it shares with it. Those are
 * the lazy-compile and helper resolvers and the host-function upcall (one upcall signature for all
 * three since the resolvers moved to it) and the entry trampolines (whose signature the CPUID stub
 * shares).
 */
class JitWarmUpTest {
    private static final String WAT = """
            (module
              (import "host" "twice" (func $twice (param i32) (result i32)))
              (memory 1)
              (func $callee (param i32) (result i32) (call $twice (i32.add (local.get 0) (i32.const 1))))
              (func (export "run") (param i32) (result i32)
                (drop (memory.grow (i32.const 1)))
                (i32.add (call $callee (local.get 0)) (memory.size))))
            """;

    @Test
    void startsOnceAndAStoreRunsBesideIt() throws InterruptedException {
        List<Thread> askers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            askers.add(Thread.ofPlatform().start(JitWarmUp::start));
        }
        JitWarmUp.start();
        for (Thread t : askers) {
            t.join();
        }
        long warmUps = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("wasmoon-jit-warm-up")).count();
        assertTrue(warmUps <= 1, warmUps + " warm-up threads");

        AtomicInteger hostCalls = new AtomicInteger();
        try (Engine engine = Engine.builder().tier(ExecutionTier.JIT).jitStrict(true).build();
             Store store = engine.newStore()) {
            Linker linker = new Linker().func("host", "twice", FuncType.of(List.of(ValType.I32), List.of(ValType.I32)),
                    (caller, args) -> {
                        hostCalls.incrementAndGet();
                        return new Val[] {Val.i32(2 * args[0].i32())};
                    });
            Instance in = linker.instantiate(store, engine.compileText(WAT));
            // (5 + 1) * 2 + 2 pages: a lazy compile of run and of callee, the memory.grow helper, the host upcall
            assertEquals(14, in.function("run").callInt(5));
            assertEquals(1, hostCalls.get());
            assertEquals(0, JitCoverage.of(store).interpretedFunctions(),
                    JitCoverage.of(store).summary());
        }
    }
}
