package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Huge and lying modules in both tiers, in a child JVM whose heap is 96 MiB: 100,000
 * functions, 10,000 imports, bodies of a few bytes declaring 50,000 locals each, a 4 GiB
 * memory, a table of 4 billion elements, and counts and sizes that claim more than the file
 * holds. Each ends in success or a clean {@link wasm.core.WasmException}; an
 * OutOfMemoryError or any other exception kills the child and fails the test.
 */
class HugeModulesTest {
    /** The outcome each case must have: "ok" or the simple name of the WasmException. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("functions-100000", "ok"),
            Map.entry("imports-10000", "ok"),
            Map.entry("locals-50000-in-each-of-20000-bodies", "ok"),
            Map.entry("locals-50000-in-each-of-200-bodies", "ok"),
            Map.entry("lying-type-count", "MalformedModuleException"),
            Map.entry("lying-function-count", "MalformedModuleException"),
            Map.entry("lying-body-size", "MalformedModuleException"),
            Map.entry("lying-local-count", "MalformedModuleException"),
            Map.entry("lying-local-groups", "MalformedModuleException"),
            Map.entry("lying-data-length", "MalformedModuleException"),
            Map.entry("lying-section-size", "MalformedModuleException"),
            Map.entry("lying-custom-section", "MalformedModuleException"),
            // A name section is a custom section: the spec has its errors ignored.
            Map.entry("lying-name-count", "ok"),
            Map.entry("lying-elem-count", "MalformedModuleException"),
            Map.entry("lying-br-table", "MalformedModuleException"),
            Map.entry("table-of-4-billion", "ResourceLimitException"),
            Map.entry("memory-of-4-gib", "ok"));

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void hugeAndLyingModulesEndCleanlyInASmallHeap(ExecutionTier tier) throws Exception {
        List<String> cases = new ArrayList<>(HugeModules.cases().keySet());
        // The JIT compiles every body at instantiation, in time proportional to the locals
        // declared: 20,000 bodies of 50,000 locals are for the interpreter (it translates lazily).
        cases.remove(tier == ExecutionTier.JIT ? "locals-50000-in-each-of-20000-bodies"
                : "locals-50000-in-each-of-200-bodies");
        List<String> args = new ArrayList<>(List.of(tier.name()));
        args.addAll(cases);
        ChildJvm child = ChildJvm.run(List.of("-Xmx96m", "-XX:+UseSerialGC"), HugeModules.class,
                args.toArray(String[]::new));
        assertEquals(0, child.exitCode(), child::toString);
        for (String c : cases) {
            String line = child.output().lines().filter(l -> l.startsWith("case " + c + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no outcome for " + c + ": " + child));
            String expected = EXPECTED.get(c);
            String prefix = "case " + c + (expected.equals("ok") ? " ok " : " error " + expected + ": ");
            assertTrue(line.startsWith(prefix), () -> tier + ": expected " + prefix + "..., got " + line);
        }
        assertEquals(cases.size(), child.output().lines().filter(l -> l.startsWith("case ")).count(), child::toString);
    }
}
