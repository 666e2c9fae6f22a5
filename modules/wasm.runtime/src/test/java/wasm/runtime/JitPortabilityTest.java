package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import wasm.runtime.internal.jit.JitSupport;
import wasm.runtime.tooling.JitCoverage;

/**
 * Portability: where the JIT cannot run, an engine (or a store made from options) asked for it
 * runs the interpreter and says why. Forced with {@value JitSupport#FORCE_PROPERTY} in a child
 * JVM, so this JVM's stores keep their JIT.
 */
class JitPortabilityTest {
    /** The child: asks for the JIT tier, prints what it got, runs a function. */
    public static void main(String[] args) {
        RuntimeOptions jit = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(false);
        try (Engine engine = Engine.builder().options(jit).warnings(w -> System.out.println("warning: " + w)).build();
             Store store = engine.newStore();
             Store legacy = new Store(jit)) {
            System.out.println("engine tier: " + engine.tier());
            System.out.println("engine reason: " + engine.jitFallbackReason().orElse("none"));
            System.out.println("store tier: " + legacy.options().tier());
            System.out.println("store reason: " + legacy.jitFallbackReason().orElse("none"));
            Instance in = new Linker().instantiate(store, engine.compileText(
                    "(module (func (export \"f\") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))"));
            System.out.println("f(14) = " + in.function("f").callInt(14));
            System.out.println("coverage: " + JitCoverage.of(store).summary());
        }
    }

    @Test
    void aForcedUnsupportedJitFallsBackToTheInterpreterAndSaysSo() throws Exception {
        ChildJvm child = ChildJvm.run(List.of("-D" + JitSupport.FORCE_PROPERTY + "=no JIT on this test machine"),
                JitPortabilityTest.class);
        assertEquals(0, child.exitCode(), child.toString());
        String out = child.output();
        assertTrue(out.contains("warning: the JIT cannot run here (no JIT on this test machine (-D"
                + JitSupport.FORCE_PROPERTY + ")): running the interpreter"), out);
        assertTrue(out.contains("engine tier: INTERPRETER"), out);
        assertTrue(out.contains("engine reason: no JIT on this test machine"), out);
        assertTrue(out.contains("store tier: INTERPRETER"), out);
        assertTrue(out.contains("store reason: no JIT on this test machine"), out);
        assertTrue(out.contains("f(14) = 42"), out);
        assertTrue(out.contains("jit coverage: 0/1 functions native"), out);
    }

    @Test
    void withoutTheForceTheJitRunsHere() throws Exception {
        ChildJvm child = ChildJvm.run(List.of(), JitPortabilityTest.class);
        assertEquals(0, child.exitCode(), child.toString());
        assertTrue(child.output().contains("engine tier: JIT"), child.toString());
        assertTrue(child.output().contains("store reason: none"), child.toString());
        assertTrue(child.output().contains("f(14) = 42"), child.toString());
        assertTrue(child.output().contains("jit coverage: 1/1 functions native"), child.toString());
    }
}
