package wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.FuncType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Module;
import wasm.wasi.internal.WasiFunction;

/**
 * Runs the C programs of src/test/resources/wasi (built by its build.sh with clang and
 * wasi-libc) on the interpreter, one dynamic test per line of programs.tsv, stdin.txt as
 * standard input: stdout must
 * equal expected/CASE.stdout (written from node's WASI by scripts/wasi-compare-node.sh
 * --bless) and the exit code the manifest's. Every run also proves that the directory
 * beside the preopen is untouched.
 */
class WasiProgramsTest {
    private static final Path WASI = Path.of("src/test/resources/wasi");

    @TempDir
    Path tmp;

    record Case(String name, String program, int exit, List<String> args) {
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(WASI.resolve("programs.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            List<String> args = f.length > 3 && !f[3].isBlank() ? List.of(f[3].trim().split(" +")) : List.of();
            cases.add(new Case(f[0], f[1], Integer.parseInt(f[2]), args));
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyProgramMatchesItsExpectedOutput() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> runCase(c)));
    }

    private void runCase(Case c) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(c.name()));
        Path sandbox = root.resolve("sandbox");
        copyTree(WASI.resolve("sandbox"), sandbox);
        Path beside = Files.createDirectories(root.resolve("beside"));
        Files.writeString(beside.resolve("sentinel.txt"), "untouched");
        List<String> argv = new ArrayList<>();
        argv.add(c.program());
        argv.addAll(c.args());
        WasiProgram.Outcome outcome = WasiProgram.run(WASI.resolve(c.program() + ".wasm"), sandbox, argv,
                Files.readAllBytes(WASI.resolve("stdin.txt")));
        String expected = Files.readString(WASI.resolve("expected/" + c.name() + ".stdout"));
        assertEquals(expected, outcome.stdout(), c.name() + " stdout (stderr: " + outcome.stderr() + ")");
        assertEquals(c.exit(), outcome.exitCode(), c.name() + " exit code");
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(Set.of("sandbox", "beside"),
                    new TreeSet<>(left.map(p -> p.getFileName().toString()).toList()), "nothing appeared outside");
        }
        try (Stream<Path> b = Files.list(beside)) {
            assertEquals(List.of("sentinel.txt"), b.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("untouched", Files.readString(beside.resolve("sentinel.txt")));
    }

    @Test
    void everySourceIsBuiltAndRunByTheManifest() throws IOException {
        Set<String> programs = new TreeSet<>();
        for (Case c : cases()) {
            programs.add(c.program());
        }
        Set<String> sources = new TreeSet<>();
        try (Stream<Path> src = Files.list(WASI.resolve("src"))) {
            src.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c"))
                    .forEach(n -> sources.add(n.substring(0, n.length() - 2)));
        }
        assertEquals(sources, programs, "each C program has a case and each case a program");
        for (String p : programs) {
            byte[] wasm = Files.readAllBytes(WASI.resolve(p + ".wasm"));
            assertTrue(Arrays.equals(Arrays.copyOf(wasm, 4), new byte[] {0, 'a', 's', 'm'}), p + ".wasm is wasm");
        }
    }

    /**
     * wasi-libc declares each import's core signature itself; across the programs (badcalls
     * calls every function its headers declare) each must equal our table's, and only
     * proc_raise, which this wasi-libc no longer declares, goes unchecked.
     */
    @Test
    void ourSignaturesMatchWasiLibcImports() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Case c : cases()) {
            Module m = ModuleDecoder.decode(Files.readAllBytes(WASI.resolve(c.program() + ".wasm")));
            for (Import imp : m.imports()) {
                if (!imp.module().equals(WasiPreview1.MODULE_NAME)) {
                    continue;
                }
                WasiFunction f = WasiFunction.byName(imp.name());
                assertTrue(f != null, "we lack " + imp.name());
                FuncType libc = m.types().get(((ImportDesc.Func) imp.desc()).typeIndex());
                assertEquals(libc, f.type(), imp.name());
                seen.add(imp.name());
            }
        }
        Set<String> unchecked = new TreeSet<>();
        for (WasiFunction f : WasiFunction.values()) {
            if (!seen.contains(f.importName())) {
                unchecked.add(f.importName());
            }
        }
        assertEquals(Set.of("proc_raise"), unchecked);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.sorted(Comparator.naturalOrder()).forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
