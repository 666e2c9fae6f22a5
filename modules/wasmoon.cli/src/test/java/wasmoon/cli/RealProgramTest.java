package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real C program, examples/wzip.wasm (about 3,000 lines: a DEFLATE compressor and
 * decompressor, gzip and zlib containers, CRC-32, Adler-32, SHA-256, an archive
 * format over a preopened directory, word statistics in hash tables), run by
 * {@code wasmoon run} in both tiers exactly as node runs it.
 *
 * <p>Each line of src/test/resources/realprog/cases.tsv runs in a fresh copy of
 * realprog/sandbox/ preopened as {@code /w}, in the JIT and in the interpreter; stdout,
 * stderr, the exit code and the tree left in the sandbox (every path and every file's
 * SHA-256) must equal node's, which examples/src/wzip/compare.sh --bless recorded in
 * realprog/expected/. The directory beside the sandbox must stay untouched.
 */
class RealProgramTest {
    private static final Path RES = Path.of("src/test/resources/realprog");
    private static final String GUEST = "/w";

    @TempDir
    Path tmp;

    record Case(String name, int exit, List<String> env, List<String> args) {
    }

    record Tier(String name, List<String> flags) {
    }

    private static final List<Tier> TIERS = List.of(new Tier("jit", List.of()),
            new Tier("interpreter", List.of("--no-jit")));

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(RES.resolve("cases.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            List<String> env = f[2].equals("-") ? List.of() : List.of(f[2].trim().split(" +"));
            List<String> args = f.length > 3 && !f[3].isBlank() ? List.of(f[3].trim().split(" +")) : List.of();
            cases.add(new Case(f[0], Integer.parseInt(f[1]), env, args));
        }
        return cases;
    }

    /** The program under test; a missing or non-wasm file fails every test that needs it. */
    private static Path wasm() {
        Path wasm = MainInvocation.repositoryRoot().resolve("examples/wzip.wasm");
        assertTrue(Files.isRegularFile(wasm),
                () -> wasm + " is missing: build it with examples/src/wzip/build.sh (clang, wasi-libc)");
        try {
            byte[] head = Arrays.copyOf(Files.readAllBytes(wasm), 4);
            assertTrue(Arrays.equals(head, new byte[] {0, 'a', 's', 'm'}), () -> wasm + " is not a wasm binary");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wasm;
    }

    @Test
    void theProgramIsBuiltAndSizeable() throws IOException {
        Path wasm = wasm();
        assertTrue(Files.size(wasm) > 50_000, "wzip.wasm is a few thousand lines of C, not a toy");
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesNodeInBothTiers() throws IOException {
        Path wasm = wasm();
        return cases().stream().flatMap(c -> TIERS.stream()
                .map(t -> DynamicTest.dynamicTest(c.name() + " (" + t.name() + ")", () -> runCase(wasm, c, t))));
    }

    private void runCase(Path wasm, Case c, Tier tier) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(c.name() + "-" + tier.name()));
        Path sandbox = root.resolve("sandbox");
        copyTree(RES.resolve("sandbox"), sandbox);
        Path beside = Files.createDirectories(root.resolve("beside"));
        Files.writeString(beside.resolve("sentinel.txt"), "untouched");

        List<String> argv = new ArrayList<>(List.of("run", wasm.toString()));
        argv.addAll(tier.flags());
        argv.addAll(List.of("--dir", sandbox + "::" + GUEST));
        for (String kv : c.env()) {
            argv.addAll(List.of("--env", kv));
        }
        argv.add("--");
        argv.addAll(c.args());
        MainInvocation r = MainInvocation.of(argv.toArray(String[]::new));

        String what = c.name() + " in the " + tier.name();
        Path expected = RES.resolve("expected");
        assertEquals(Files.readString(expected.resolve(c.name() + ".stdout")), r.out(), () -> what + " stdout\n" + r);
        assertEquals(Files.readString(expected.resolve(c.name() + ".stderr")), r.err(), () -> what + " stderr\n" + r);
        assertEquals(c.exit(), r.exitCode(), () -> what + " exit code\n" + r);
        assertEquals(Files.readString(expected.resolve(c.name() + ".tree")), treeListing(sandbox),
                () -> what + ": the files left in the sandbox");
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(Set.of("sandbox", "beside"),
                    new TreeSet<>(left.map(p -> p.getFileName().toString()).toList()), what + ": nothing outside");
        }
        try (Stream<Path> b = Files.list(beside)) {
            assertEquals(List.of("sentinel.txt"), b.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("untouched", Files.readString(beside.resolve("sentinel.txt")));
    }

    /** Every case has its three expected files and every expected file a case. */
    @Test
    void expectedFilesMatchTheCases() throws IOException {
        Set<String> wanted = new TreeSet<>();
        for (Case c : cases()) {
            for (String ext : List.of(".stdout", ".stderr", ".tree")) {
                wanted.add(c.name() + ext);
            }
        }
        try (Stream<Path> files = Files.list(RES.resolve("expected"))) {
            assertEquals(wanted, new TreeSet<>(files.map(p -> p.getFileName().toString()).toList()));
        }
    }

    /**
     * The listing compare.sh makes with find, sort and sha256sum: paths in byte order,
     * a directory as "PATH/", a file as "SHA256  PATH".
     */
    static String treeListing(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir)).toList();
        }
        List<String> rel = new ArrayList<>();
        for (Path p : paths) {
            rel.add(dir.relativize(p).toString().replace('\\', '/'));
        }
        rel.sort(null);
        StringBuilder sb = new StringBuilder();
        for (String p : rel) {
            Path abs = dir.resolve(p);
            if (Files.isDirectory(abs)) {
                sb.append(p).append("/\n");
            } else {
                sb.append(sha256(Files.readAllBytes(abs))).append("  ").append(p).append('\n');
            }
        }
        return sb.toString();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.sorted().forEach(p -> {
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
