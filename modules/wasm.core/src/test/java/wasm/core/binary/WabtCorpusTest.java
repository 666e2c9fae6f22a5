package wasm.core.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wasm.core.MalformedModuleException;
import wasm.core.WasmException;
import wasm.core.model.ElementSegment;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.SegmentMode;
import wasm.core.model.ValType;

/**
 * Binaries produced by wabt (an independent encoder): our sample .wat files
 * through wat2wasm, and every module of the mvp/2.0/simd spec scripts through
 * wast2json. They must decode (validity is not the decoder's business),
 * round-trip through the encoder, and survive byte mutations. The tools are
 * required: a missing tool fails the test.
 */
class WabtCorpusTest {
    private static final Path RESOURCES = Path.of("src/test/resources/wasm/core/binary");
    private static final Pattern COMMAND = Pattern.compile(
            "\\{\"type\": \"([a-z_]+)\", \"line\": (\\d+), \"filename\": \"([^\"]+)\"(?:, \"text\": \"((?:[^\"\\\\]|\\\\.)*)\")?"
                    + "(?:, \"module_type\": \"([a-z]+)\")?");

    @TempDir
    Path tmp;

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("wabt tool missing: " + command.get(0) + " (" + e.getMessage() + ")", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException(command + " failed (" + rc + "): " + out);
        }
    }

    private Module wat2wasm(String name) throws Exception {
        Path out = tmp.resolve(name + ".wasm");
        run(List.of("wat2wasm", "--debug-names", RESOURCES.resolve(name + ".wat").toString(), "-o", out.toString()));
        byte[] bytes = Files.readAllBytes(out);
        Module m = ModuleDecoder.decode(bytes);
        assertEquals(m, ModuleDecoder.decode(ModuleEncoder.encode(m)), name);
        return m;
    }

    @Test
    void sampleWithEverySection() throws Exception {
        Module m = wat2wasm("all-sections");
        assertEquals(3, m.types().size());
        assertEquals(4, m.imports().size());
        assertEquals(3, m.functions().size());
        assertEquals(1, m.tables().size());
        assertEquals(4, m.globals().size());
        assertEquals(4, m.exports().size());
        assertTrue(m.start().isPresent());
        assertEquals(5, m.elements().size());
        assertEquals(List.of(SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.PASSIVE, SegmentMode.DECLARATIVE,
                SegmentMode.ACTIVE), m.elements().stream().map(ElementSegment::mode).toList());
        assertEquals(ValType.EXTERNREF, m.elements().get(4).type());
        assertEquals(1, m.elements().get(4).tableIndex());
        assertEquals(2, m.datas().size());
        assertEquals("add", m.functionName(2), "function name from the name section");
        assertEquals("all", m.names().moduleName());
        assertEquals(Map.of(0, "a", 1, "b", 2, "tmp", 3, "x", 4, "y"), m.names().localNames().get(2));
    }

    @Test
    void sampleWithEveryInstructionKind() throws Exception {
        Module m = wat2wasm("instructions");
        assertTrue(m.dataCount().isPresent(), "wat2wasm writes a data count section for memory.init");
        long distinctOpcodes = m.codes().stream().flatMap(c -> c.code().stream()).map(i -> i.opcode()).distinct()
                .count();
        assertTrue(distinctOpcodes >= 56, "distinct opcodes: " + distinctOpcodes);
    }

    @Test
    void sampleNames() throws Exception {
        Module m = wat2wasm("names");
        assertEquals(new NameSection("named_module", Map.of(0, "first", 1, "second"),
                Map.of(0, Map.of(0, "p0", 1, "p1", 2, "l2"), 1, Map.of(0, "only"), 2, Map.of())), m.names());
        assertTrue(m.customSections().isEmpty());
    }

    @Test
    void everySpecModuleCompiledByWast2json() throws Exception {
        List<String> failures = new ArrayList<>();
        int converted = 0;
        int modules = 0;
        int malformed = 0;
        List<byte[]> corpus = new ArrayList<>();
        for (Path wast : SpecBinaryScripts.files("mvp", "2.0", "simd")) {
            String base = wast.getFileName().toString().replace(".wast", "");
            Path dir = Files.createDirectories(tmp.resolve(base));
            Path json = dir.resolve(base + ".json");
            try {
                run(List.of("wast2json", wast.toString(), "-o", json.toString()));
            } catch (IOException e) {
                continue; // wabt 1.0.32 cannot parse a few newer scripts; the scanner test covers their binaries
            }
            converted++;
            Matcher m = COMMAND.matcher(Files.readString(json));
            while (m.find()) {
                String type = m.group(1);
                String file = m.group(3);
                if (!file.endsWith(".wasm")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(dir.resolve(file));
                String where = base + ".wast:" + m.group(2) + " " + type;
                if (type.equals("assert_malformed")) {
                    malformed++;
                    try {
                        ModuleDecoder.decode(bytes);
                        failures.add(where + ": decoded although malformed");
                    } catch (MalformedModuleException e) {
                        if (!e.getMessage().startsWith(m.group(4))) {
                            failures.add(where + ": got \"" + e.getMessage() + "\" expected \"" + m.group(4) + "\"");
                        }
                    } catch (RuntimeException e) {
                        failures.add(where + ": " + e);
                    }
                    continue;
                }
                modules++;
                try {
                    Module decoded = ModuleDecoder.decode(bytes);
                    byte[] again = ModuleEncoder.encode(decoded);
                    assertEquals(decoded, ModuleDecoder.decode(again), where);
                    corpus.add(bytes);
                } catch (MalformedModuleException e) {
                    // wabt omits the data count section when a module has no data segments,
                    // even if data.drop/memory.init appear (then assert_invalid ones are malformed binaries)
                    if (!(type.equals("assert_invalid") && e.getMessage().equals("data count section required"))) {
                        failures.add(where + ": " + e);
                    }
                } catch (AssertionError | RuntimeException e) {
                    failures.add(where + ": " + e);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(40,
                    failures.size()))));
        }
        assertTrue(converted >= 55, "scripts converted by wast2json: " + converted);
        assertTrue(modules > 1500, "modules: " + modules);
        assertTrue(malformed > 20, "binary assert_malformed modules: " + malformed);
        mutate(corpus);
    }

    /** Real-world-shaped inputs for the robustness check: mutate and truncate each corpus module. */
    private static void mutate(List<byte[]> corpus) {
        Random r = new Random(20261127L);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (byte[] original : corpus) {
                for (int k = 0; k < 4; k++) {
                    byte[] b = original.clone();
                    if (b.length <= 8) {
                        continue;
                    }
                    if (k == 0) {
                        b = java.util.Arrays.copyOf(b, 8 + r.nextInt(b.length - 8));
                    } else {
                        for (int j = 0; j <= k; j++) {
                            b[8 + r.nextInt(b.length - 8)] = (byte) r.nextInt(256);
                        }
                    }
                    try {
                        Module m = ModuleDecoder.decode(b);
                        assertEquals(m, ModuleDecoder.decode(ModuleEncoder.encode(m)));
                    } catch (WasmException expected) {
                        // fine
                    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                        fail("mutated module " + java.util.HexFormat.of().formatHex(b) + ": " + e, e);
                    }
                }
            }
        });
    }

    @Test
    void allSampleSourcesAreUsed() throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES)) {
            assertEquals(List.of("all-sections.wat", "instructions.wat", "names.wat"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
