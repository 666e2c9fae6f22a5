package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import wasm.backend.CpuFeatures;
import wasm.runtime.ExecutionTier;
import wasmoon.cli.wast.IsolatedSuiteRun.Results;
import wasmoon.cli.wast.SuiteExpectations.Counts;
import wasmoon.cli.wast.SuiteExpectations.SuiteFile;

/**
 * The mvp and 2.0 official suite under {@code --jit=strict} (no function may fall back to
 * the interpreter): every command passes at -O0, -O1 and -O2 with every CPU feature this
 * machine has, and at -O2 with all optional features forced off (the SSE2 baseline,
 * {@code -Dwasmoon.cpu.disable=all}); and with each feature the compiler uses forced off
 * alone, over the scripts that use the instructions it affects. The simd group and the
 * relaxed SIMD scripts run at -O0 and -O1 too (OfficialSuiteJitTest runs them at the default
 * -O2) and at -O2 with AVX forced off, where every vector instruction has its legacy SSE
 * encoding. The tail-call scripts of the 3.0+ group (return_call, return_call_indirect) run at
 * -O0, -O1 and -O2: their functions reuse their callers' frames, with stack arguments.
 * Representative 3.0 scripts of memory64, table64 and multiple memories
 * ({@link #MEMORY_SCRIPTS}: addresses and offsets at the 2^32 and 2^64 edges, traps, bulk
 * operations, tables with i64 indices, loads and stores on several memories, grow) run at
 * -O0, -O1 and -O2 too. Child JVMs, as in {@link OfficialSuiteJitTest}, so a native crash fails one script.
 *
 * <p>Why this shape: four whole-suite runs (three opt levels, one baseline) and four
 * narrow ones cover every fallback at about the cost of five whole runs, which keeps
 * {@code mvn verify} reasonable; the backend's SpecSuiteCompileTest also runs every
 * feature set over the whole suite in process (unoptimised IR).
 */
class StrictJitMatrixTest {
    /** The scripts a configuration chooses from. */
    private enum Scripts {
        /** The mvp and 2.0 groups. */
        CORE,
        /** The simd group and the relaxed SIMD scripts. */
        SIMD,
        /** return_call.wast and return_call_indirect.wast (3.0+). */
        TAIL_CALLS,
        /** {@link #MEMORY_SCRIPTS}: memory64, table64 and multiple memories (3.0+). */
        MEMORIES
    }

    /**
     * A configuration: its name, child-JVM options, optimisation level, the words a script must
     * contain, and the scripts it chooses from.
     */
    private record Config(String name, List<String> jvm, int optLevel, List<String> words, Scripts scripts) {
        Config(String name, List<String> jvm, int optLevel, List<String> words) {
            this(name, jvm, optLevel, words, Scripts.CORE);
        }

        /** Fewer passing commands than this means scripts went missing. */
        int minimumPassed() {
            return switch (scripts) {
                case TAIL_CALLS -> 80;
                case MEMORIES -> 8000;
                default -> words == ALL ? 25000 : 500;
            };
        }
    }

    private static final List<String> TAIL_CALL_SCRIPTS = List.of("return_call.wast", "return_call_indirect.wast");

    /** 3.0 scripts of memory64, table64 and multiple memories that pass whole on the JIT (no skip). */
    static final List<String> MEMORY_SCRIPTS = List.of("address0.wast", "address1.wast", "address64.wast",
            "align64.wast", "bulk64.wast", "call_indirect64.wast", "endianness64.wast", "float_memory64.wast",
            "imports4.wast", "linking3.wast", "load2.wast", "load64.wast", "memory-multi.wast", "memory64.wast",
            "memory_copy1.wast", "memory_copy64.wast", "memory_fill64.wast", "memory_grow.wast",
            "memory_grow64.wast", "memory_init0.wast", "memory_init64.wast", "memory_redundancy64.wast",
            "memory_size2.wast", "memory_trap1.wast", "memory_trap64.wast", "simd_memory-multi.wast",
            "store2.wast", "table_copy64.wast", "table_fill64.wast", "table_get64.wast", "table_grow64.wast",
            "table_set64.wast", "table_size64.wast");

    private static final List<String> ALL = List.of("");

    private static List<Config> configs() {
        String disable = "-D" + CpuFeatures.DISABLE_PROPERTY + "=";
        return List.of(
                new Config("-O0", List.of(), 0, ALL),
                new Config("-O1", List.of(), 1, ALL),
                new Config("-O2", List.of(), 2, ALL),
                new Config("-O2 sse2 baseline", List.of(disable + "all"), 2, ALL),
                new Config("-O2 without lzcnt", List.of(disable + "lzcnt"), 2, List.of(".clz")),
                new Config("-O2 without bmi1", List.of(disable + "bmi1"), 2, List.of(".ctz")),
                new Config("-O2 without popcnt", List.of(disable + "popcnt"), 2, List.of(".popcnt")),
                new Config("-O2 without sse41", List.of(disable + "sse41"), 2,
                        List.of(".ceil", ".floor", ".trunc", ".nearest")),
                new Config("simd -O0", List.of(), 0, ALL, Scripts.SIMD),
                new Config("simd -O1", List.of(), 1, ALL, Scripts.SIMD),
                // legacy SSE encodings, and the i64x2 signed comparisons without SSE4.2's pcmpgtq
                new Config("simd -O2 without avx, sse42", List.of(disable + "avx,avx2,sse42"), 2, ALL, Scripts.SIMD),
                new Config("tail calls -O0", List.of(), 0, ALL, Scripts.TAIL_CALLS),
                new Config("tail calls -O1", List.of(), 1, ALL, Scripts.TAIL_CALLS),
                new Config("tail calls -O2", List.of(), 2, ALL, Scripts.TAIL_CALLS),
                new Config("memories -O0", List.of(), 0, ALL, Scripts.MEMORIES),
                new Config("memories -O1", List.of(), 1, ALL, Scripts.MEMORIES),
                new Config("memories -O2", List.of(), 2, ALL, Scripts.MEMORIES));
    }

    @TestFactory
    Stream<DynamicTest> officialSuiteUnderStrictJit() throws IOException {
        Path suite = ProjectPaths.testsuite();
        List<SuiteFile> index = SuiteExpectations.readIndex(SuiteExpectations.index(suite));
        List<SuiteFile> files = index.stream()
                .filter(f -> f.group().equals("mvp") || f.group().equals("2.0")).toList();
        List<SuiteFile> simdFiles = index.stream()
                .filter(f -> f.group().equals("simd") || f.path().contains("relaxed")).toList();
        assertTrue(files.size() > 60, "mvp and 2.0 scripts: " + files.size());
        assertTrue(simdFiles.size() > 60, "simd and relaxed SIMD scripts: " + simdFiles.size());
        List<SuiteFile> tailCallFiles = index.stream().filter(f -> TAIL_CALL_SCRIPTS.contains(f.path())).toList();
        assertEquals(TAIL_CALL_SCRIPTS.size(), tailCallFiles.size(), "tail-call scripts in the index");
        List<SuiteFile> memoryFiles = index.stream().filter(f -> MEMORY_SCRIPTS.contains(f.path())).toList();
        assertEquals(MEMORY_SCRIPTS.size(), memoryFiles.size(), "memory scripts in the index: " + memoryFiles);
        List<DynamicTest> tests = new ArrayList<>();
        for (Config c : configs()) {
            List<String> chosen = new ArrayList<>();
            List<SuiteFile> from = switch (c.scripts()) {
                case CORE -> files;
                case SIMD -> simdFiles;
                case TAIL_CALLS -> tailCallFiles;
                case MEMORIES -> memoryFiles;
            };
            for (SuiteFile f : from) {
                String text = Files.readString(suite.resolve(f.path()));
                if (c.words().stream().anyMatch(text::contains)) {
                    chosen.add(f.path());
                }
            }
            tests.add(DynamicTest.dynamicTest(c.name() + " (" + chosen.size() + " scripts)", () -> {
                Map<String, String> groups = new HashMap<>();
                chosen.forEach(p -> groups.put(p, "strict"));
                Results r = IsolatedSuiteRun.run(ExecutionTier.JIT, true, c.jvm(), c.optLevel(), suite, chosen, groups);
                List<String> bad = new ArrayList<>();
                int passed = 0;
                for (String p : chosen) {
                    Counts counts = r.counts().get(p);
                    passed += counts.passed();
                    if (counts.crashed() || counts.failed() > 0 || counts.skipped() > 0 || r.interpreted().get(p) != 0) {
                        bad.add(p + ": " + counts.describe() + " " + r.failures().getOrDefault(p, List.of()));
                    }
                }
                if (!bad.isEmpty()) {
                    fail(c.name() + ": " + String.join("\n", bad));
                }
                assertTrue(passed > c.minimumPassed(), c.name() + ": only " + passed + " passed");
                System.out.println("strict jit " + c.name() + ": " + passed + " commands passed in " + chosen.size()
                        + " scripts");
            }));
        }
        return tests.stream();
    }
}
