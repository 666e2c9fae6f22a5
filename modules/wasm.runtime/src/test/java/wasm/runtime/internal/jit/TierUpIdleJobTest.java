package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import perf.metrics.CompileMode;
import perf.metrics.FunctionMetrics;
import perf.metrics.MetricsRecorder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * A compile queued "when idle" (a host-entered function's own code) lets a compile asked for
 * after it go first: it starts only once the tier-up thread has had nothing else to do for
 * {@value TierUpCompiler#QUIET_MILLIS} ms, so it is not done when the later compile is.
 */
class TierUpIdleJobTest {
    private static final Module MODULE = module();

    private static Module module() {
        Module m = WatParser.parseModule("""
                (module
                  (func (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
                  (func (param i32) (result i32) (i32.add (local.get 0) (i32.const 5))))
                """);
        Validator.validate(m);
        return m;
    }

    private static FunctionMetrics metrics(int funcIndex) {
        return MetricsRecorder.disabled().beginModule(2).beginFunction(funcIndex, null, 2, CompileMode.TIER_UP);
    }

    @Test
    void aCompileAskedForLaterGoesFirst() {
        ModuleVmctxLayout layout = ModuleVmctxLayout.of(MODULE, Metering.DEFAULT);
        // as the engine asks: an entry's compile, the function's own when idle, then a hot one
        TierUpCompiler.Job entry = TierUpCompiler.submit(2, MODULE, 0, layout, 0, metrics(0));
        TierUpCompiler.Job idle = TierUpCompiler.submitWhenIdle(2, MODULE, 0, layout, 0, metrics(0));
        TierUpCompiler.Job hot = TierUpCompiler.submit(2, MODULE, 1, layout, 0, metrics(1));
        entry.await();
        hot.await();
        assertTrue(hot.isDone());
        assertNotNull(hot.code(), hot.reason());
        assertFalse(idle.isDone(), "the idle compile waits for the thread to be quiet");
        idle.await();
        assertNotNull(idle.code(), idle.reason());
    }
}
