package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Closing a store under a running endless loop from another thread, 150 times per tier, in a child
 * JVM ({@link CloseUnderLoad}): it used to unmap code and memory under the running call (SIGSEGV),
 * and a crash must fail this test, not end the build's JVM.
 */
class CloseUnderLoadTest {
    @Test
    void closingUnderARunningLoopNeverCrashes() throws Exception {
        ChildJvm child = ChildJvm.run(List.of("-Xmx256m"), CloseUnderLoad.class, "150", "JIT", "INTERPRETER");
        assertEquals(0, child.exitCode(), child::toString);
        assertTrue(child.output().contains("JIT ok 150"), child::toString);
        assertTrue(child.output().contains("INTERPRETER ok 150"), child::toString);
    }
}
