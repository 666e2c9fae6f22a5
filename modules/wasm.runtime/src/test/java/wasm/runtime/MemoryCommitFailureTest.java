package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * memory.grow when the host cannot commit memory answers -1 and leaves the JVM unharmed, in
 * both tiers: a child JVM ({@link HostMemoryExhaustion}) lowers its own RLIMIT_DATA and grows
 * until refused. The heap is committed up front (-Xms = -Xmx) so the JVM itself never needs
 * memory under the lowered limit.
 */
class MemoryCommitFailureTest {
    @Test
    void memoryGrowAnswersMinusOneWhenTheHostRefusesToCommit() throws Exception {
        ChildJvm child = ChildJvm.run(List.of("-Xms64m", "-Xmx64m", "-XX:+UseSerialGC"), HostMemoryExhaustion.class);
        assertEquals(0, child.exitCode(), child::toString);
        for (ExecutionTier tier : ExecutionTier.values()) {
            assertTrue(child.output().contains(tier + ": memory.grow answered -1 at "), child::toString);
        }
        assertTrue(child.output().strip().endsWith("ok"), child::toString);
    }
}
