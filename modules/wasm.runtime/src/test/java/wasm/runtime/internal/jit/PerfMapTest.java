package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.ExecutionTier;
import wasm.runtime.ImportResolver;
import wasm.runtime.Instance;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.Store;

/**
 * The perf map: with {@link RuntimeOptions#perfMap()} on, every compiled function gets a
 * well-formed {@code START SIZE NAME} line in {@code /tmp/perf-<pid>.map}, in disjoint
 * ranges; with it off, nothing is written.
 */
class PerfMapTest {
    private static final String WAT = """
            (module
              (func $square (export "square") (param i32) (result i32)
                (i32.mul (local.get 0) (local.get 0)))
              (func $sumOfSquares (export "sumOfSquares") (param i32 i32) (result i32)
                (i32.add (call $square (local.get 0)) (call $square (local.get 1)))))
            """;

    private final Path file = PerfMap.forThisProcess().file();

    private record Line(long start, long size, String name) {
    }

    @AfterEach
    void removeMap() throws IOException {
        Files.deleteIfExists(file);
    }

    private static Module module() {
        Module m = WatParser.parseModule(WAT);
        Validator.validate(m);
        return m;
    }

    @Test
    void namesEveryCompiledFunctionInDisjointRanges() throws IOException {
        Files.deleteIfExists(file);
        RuntimeOptions options = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withPerfMap(true);
        try (Store store = new Store(options)) {
            Instance inst = store.instantiate(module(), ImportResolver.NONE);
            assertEquals(25, inst.function("sumOfSquares").call(3, 4)[0]);
        }
        List<Line> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file)) {
            String[] parts = text.split(" ", 3);
            assertEquals(3, parts.length, "START SIZE NAME: " + text);
            lines.add(new Line(HexFormat.fromHexDigitsToLong(parts[0]), HexFormat.fromHexDigitsToLong(parts[1]),
                    parts[2]));
        }
        List<String> names = lines.stream().map(Line::name).toList();
        assertTrue(names.contains("wasm[0]::square"), names.toString());
        assertTrue(names.contains("wasm[1]::sumOfSquares"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("wasmoon::entry_trampoline")), names.toString());
        for (Line l : lines) {
            assertTrue(l.size() > 0, l.toString());
        }
        List<Line> sorted = lines.stream().sorted((a, b) -> Long.compareUnsigned(a.start(), b.start())).toList();
        for (int i = 1; i < sorted.size(); i++) {
            Line prev = sorted.get(i - 1);
            assertTrue(Long.compareUnsigned(prev.start() + prev.size(), sorted.get(i).start()) <= 0,
                    "overlapping ranges: " + prev + " and " + sorted.get(i));
        }
    }

    @Test
    void writesNothingWhenOff() throws IOException {
        Files.deleteIfExists(file);
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withPerfMap(false))) {
            Instance inst = store.instantiate(module(), ImportResolver.NONE);
            assertEquals(9, inst.function("square").call(3)[0]);
        }
        assertFalse(Files.exists(file));
    }
}
