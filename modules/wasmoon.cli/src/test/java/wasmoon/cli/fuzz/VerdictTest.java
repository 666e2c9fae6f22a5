package wasmoon.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The comparison of observations: with node as the reference, and among wasmoon's configurations only. */
class VerdictTest {
    private static final List<String> INTERP = List.of("inst ok", "call f0 ok 7", "call f1 trap memory-oob",
            "detail out of bounds memory access", "memory 1 abc", "memory1 2 def");

    private static Map<EngineConfig, List<String>> ours(List<String> jit) {
        Map<EngineConfig, List<String>> m = new EnumMap<>(EngineConfig.class);
        m.put(EngineConfig.INTERP, INTERP);
        m.put(EngineConfig.JIT_O2, jit);
        return m;
    }

    @Test
    void tiersOnlyComparesEveryLineWithTheInterpreter() {
        assertEquals(new Verdict.Agree(2, false), Verdict.compareTiers(ours(INTERP)));

        // memory 1's contents, which node never reports, count between wasmoon's configurations
        List<String> staleSecondMemory = List.of("inst ok", "call f0 ok 7", "call f1 trap memory-oob",
                "detail out of bounds memory access", "memory 1 abc", "memory1 2 000");
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, Verdict.compareTiers(ours(staleSecondMemory)));
        assertEquals("jit-O2 differs from interp at observation 4: expected `memory1 2 def`, got `memory1 2 000`",
                m.describe());
        assertEquals("jit-O2: memory1 -> memory1", m.signature());

        // so do the exact trap messages (detail lines)
        List<String> otherMessage = List.of("inst ok", "call f0 ok 7", "call f1 trap memory-oob",
                "detail something else", "memory 1 abc", "memory1 2 def");
        assertInstanceOf(Verdict.Mismatch.class, Verdict.compareTiers(ours(otherMessage)));
    }

    @Test
    void tiersOnlyNeedsTheInterpreter() {
        Map<EngineConfig, List<String>> jitOnly = new EnumMap<>(EngineConfig.class);
        jitOnly.put(EngineConfig.JIT_O1, INTERP);
        assertThrows(IllegalArgumentException.class, () -> Verdict.compareTiers(jitOnly));
    }

    @Test
    void nodeIsTheReferenceWithoutDetails() {
        List<String> node = List.of("inst ok", "call f0 ok 7", "call f1 trap memory-oob", "memory 1 abc");
        List<String> jit = List.of("inst ok", "call f0 ok 7", "call f1 trap memory-oob",
                "detail out of bounds memory access", "memory 1 abc");
        Map<EngineConfig, List<String>> m = new EnumMap<>(EngineConfig.class);
        m.put(EngineConfig.JIT_O0, jit);
        assertEquals(new Verdict.Agree(2, false), Verdict.compare(node, m));
        List<String> wrong = List.of("inst ok", "call f0 ok 8", "call f1 trap memory-oob", "memory 1 abc");
        m.put(EngineConfig.JIT_O0, wrong);
        assertEquals("node", assertInstanceOf(Verdict.Mismatch.class, Verdict.compare(node, m)).reference());
    }
}
