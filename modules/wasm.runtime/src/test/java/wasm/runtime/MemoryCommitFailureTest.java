package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * memory.grow when the host cannot commit memory answers -1 and leaves the JVM unharmed, in
 * both tiers: a child JVM ({@link HostMemoryExhaustion}) lowers its own RLIMIT_DATA and grows
 * until refused. The heap is committed up front (-Xms = -Xmx), the child runs without a JIT
 * compiler and does nothing but grow while the limit is down, so the JVM itself needs no new
 * memory then (a process-wide limit would refuse HotSpot as well: the embedder's concern).
 */
class MemoryCommitFailureTest {
    @Test
    void memoryGrowAnswersMinusOneWhenTheHostRefusesToCommit() throws Exception {
        // -Xint: no JIT compiler threads, whose arenas (malloc, so data too) could need memory
        // while the limit is down; the heap is committed up front (-Xms = -Xmx).
        ChildJvm child = ChildJvm.run(List.of("-Xms64m", "-Xmx64m", "-XX:+UseSerialGC", "-Xint"),
                HostMemoryExhaustion.class);
        assertEquals(0, child.exitCode(), child::toString);
        for (ExecutionTier tier : ExecutionTier.values()) {
            assertTrue(child.output().contains(tier + ": memory.grow answered -1 at "), child::toString);
        }
        assertTrue(child.output().strip().endsWith("ok"), child::toString);
    }
}
