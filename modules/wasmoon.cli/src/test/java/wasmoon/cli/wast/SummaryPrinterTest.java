package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wasm.core.Feature;
import wasm.runtime.ExecutionTier;
import wasm.runtime.tooling.JitCoverage;

class SummaryPrinterTest {
    private static final FileReport A = new FileReport("a.wast", List.of(
            CommandResult.passed(1, "module"),
            CommandResult.failed(5, "assert_return", "expected [i32:1], got [i32:2]"),
            CommandResult.skipped(9, "module", Feature.GC, "unsupported feature: gc (struct at 2:3)"),
            CommandResult.skipped(12, "assert_return", Feature.GC,
                    "module skipped: unsupported feature: gc (struct at 2:3)")));
    private static final FileReport B = new FileReport("b.wast", List.of(
            CommandResult.passed(1, "module"), CommandResult.passed(2, "assert_return")),
            new JitCoverage(3, 0, Map.of()));
    private static final FileReport C = new FileReport("c.wast", List.of(CommandResult.passed(1, "module")),
            new JitCoverage(4, 3, Map.of("unsupported opcode: x", 2L, "compiler error: y", 1L)));

    private static String print(List<FileReport> reports, boolean quiet) {
        return print(reports, ExecutionTier.JIT, quiet);
    }

    private static String print(List<FileReport> reports, ExecutionTier tier, boolean quiet) {
        var bytes = new ByteArrayOutputStream();
        SummaryPrinter.print(reports, tier, new PrintStream(bytes, true, StandardCharsets.UTF_8), quiet);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void lastLineOmitsSkippedWhenZero() {
        assertEquals("2 passed, 0 failed", SummaryPrinter.totalLine(List.of(B)));
        assertEquals("3 passed, 1 failed, 2 skipped", SummaryPrinter.totalLine(List.of(A, B)));
        assertEquals("0 passed, 0 failed", SummaryPrinter.totalLine(List.of()));
    }

    @Test
    void fileLines() {
        assertEquals("a.wast: 1 passed, 1 failed, 2 skipped", SummaryPrinter.fileLine(A));
        assertEquals("b.wast: 2 passed, 0 failed", SummaryPrinter.fileLine(B));
    }

    @Test
    void fullReport() {
        String expected = """
                a.wast: 1 passed, 1 failed, 2 skipped
                b.wast: 2 passed, 0 failed

                failures:
                a.wast:5: assert_return: expected [i32:1], got [i32:2]

                skipped, by unsupported feature:
                       2  gc

                jit coverage: 3 functions native, 0 interpreted
                3 passed, 1 failed, 2 skipped
                """;
        assertEquals(expected, print(List.of(A, B), false).replace("\r\n", "\n"));
    }

    @Test
    void quietReportKeepsFailuresAndTotal() {
        String expected = """
                a.wast:5: assert_return: expected [i32:1], got [i32:2]
                jit coverage: 3 functions native, 0 interpreted
                3 passed, 1 failed, 2 skipped
                """;
        assertEquals(expected, print(List.of(A, B), true).replace("\r\n", "\n"));
    }

    @Test
    void coverageSumsEveryStoreAndListsFallbackReasonsMostFrequentFirst() {
        String expected = """
                b.wast: 2 passed, 0 failed
                c.wast: 1 passed, 0 failed
                jit coverage: 7 functions native, 3 interpreted
                       2  unsupported opcode: x
                       1  compiler error: y
                3 passed, 0 failed
                """;
        assertEquals(expected, print(List.of(B, C), false).replace("\r\n", "\n"));
    }

    @Test
    void interpretedFunctionsWithoutAReasonStillAddUp() {
        JitCoverage c = new JitCoverage(1, 3, Map.of("r", 1L));
        assertEquals(Map.of("r", 1L, "(no reason given)", 2L), SummaryPrinter.fallbackReasons(c));
        assertEquals(Map.of(), SummaryPrinter.fallbackReasons(new JitCoverage(5, 0, Map.of())));
    }

    @Test
    void interpreterTierHasNoCoverageToCount() {
        String expected = """
                b.wast: 2 passed, 0 failed
                jit coverage: interpreter only (--no-jit)
                2 passed, 0 failed
                """;
        assertEquals(expected, print(List.of(B), ExecutionTier.INTERPRETER, false).replace("\r\n", "\n"));
    }

    @Test
    void skipsAreCountedByFeatureMostFrequentFirst() {
        FileReport c = new FileReport("c.wast", List.of(
                CommandResult.skipped(1, "module", Feature.THREADS, "unsupported feature: threads (shared memory)"),
                CommandResult.skipped(9, "module", Feature.GC, "unsupported feature: gc (struct at 12:3)"),
                CommandResult.skipped(20, "assert_return", Feature.GC, "module skipped: unsupported feature: gc (...)"),
                CommandResult.passed(21, "module")));
        assertEquals(List.of(Feature.GC, Feature.THREADS),
                List.copyOf(SummaryPrinter.skipsByFeature(List.of(c, B)).keySet()));
        assertEquals(Map.of(Feature.GC, 2, Feature.THREADS, 1), c.skipsByFeature());
        assertEquals(Map.of(), c.skipsByJitGap());
    }

    @Test
    void onlyASkipNamesAFeature() {
        assertThrows(IllegalArgumentException.class,
                () -> new CommandResult(1, "module", CommandStatus.SKIPPED, "no reason", null));
        assertThrows(IllegalArgumentException.class,
                () -> new CommandResult(1, "module", CommandStatus.FAILED, "x", Feature.GC));
    }
}
