package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import wasm.runtime.RuntimeOptions;

/**
 * Where an activation of baseline code starts counting down to its first on-stack-replacement
 * check: four times the tier-up budget (an activation that loops only about as long as the budget
 * often ends before an entry could be compiled; docs/perf/startup.md, stop 28), 0 for the tests'
 * budget of 0 (every loop checks at its first iteration), and no overflow for the baseline
 * policy's budget that never runs out.
 */
class OsrCountdownTest {
    @Test
    void theFirstCheckComesAfterFourTimesTheBudget() {
        assertEquals(4 * RuntimeOptions.DEFAULT_TIER_UP_BUDGET,
                JitEngine.firstOsrCountdown(RuntimeOptions.DEFAULT_TIER_UP_BUDGET));
        assertEquals(400, JitEngine.firstOsrCountdown(100));
        assertEquals(0, JitEngine.firstOsrCountdown(0));
        assertEquals(Integer.MAX_VALUE, JitEngine.firstOsrCountdown(Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE, JitEngine.firstOsrCountdown(Integer.MAX_VALUE / 3));
    }
}
