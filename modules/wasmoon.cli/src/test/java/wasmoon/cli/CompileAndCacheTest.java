package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wasm.runtime.CodeCache;

/**
 * {@code wasmoon compile}, running a {@code .cwasm}, and {@code run}'s automatic code cache: what a
 * user sees, refused files included. The cache directory is a temporary one for each test (the
 * system property wins over the environment), never the user's.
 */
class CompileAndCacheTest {
    @TempDir
    Path dir;
    private Path cache;
    private String savedProperty;

    private final String fac = MainInvocation.repositoryRoot().resolve("examples/fac.wasm").toString();
    private final String facWat = MainInvocation.repositoryRoot().resolve("examples/fac.wat").toString();

    @BeforeEach
    void pointTheCacheAtATemporaryDirectory() {
        cache = dir.resolve("cache");
        savedProperty = System.getProperty(CodeCache.DIRECTORY_PROPERTY);
        System.setProperty(CodeCache.DIRECTORY_PROPERTY, cache.toString());
    }

    @AfterEach
    void restore() {
        if (savedProperty == null) {
            System.clearProperty(CodeCache.DIRECTORY_PROPERTY);
        } else {
            System.setProperty(CodeCache.DIRECTORY_PROPERTY, savedProperty);
        }
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".cwasm")).toList();
        }
    }

    @Test
    void aPrecompiledModuleRunsAndBadOnesAreRefused() throws IOException {
        for (String input : List.of(fac, facWat)) {
            Path out = dir.resolve("fac.cwasm");
            MainInvocation c = MainInvocation.of("compile", input, "-o", out.toString());
            assertEquals(0, c.exitCode(), c::toString);
            assertEquals("", c.err(), c::toString);
            MainInvocation r = MainInvocation.of("run", out.toString(), "--invoke", "fac", "--arg", "20",
                    "--jit=strict");
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("2432902008176640000\n", r.out(), r::toString);
        }
        byte[] good = Files.readAllBytes(dir.resolve("fac.cwasm"));
        Path truncated = dir.resolve("truncated.cwasm");
        Files.write(truncated, Arrays.copyOf(good, good.length - 3));
        MainInvocation r = MainInvocation.of("run", truncated.toString(), "--invoke", "fac", "--arg", "20");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertEquals(List.of("wasmoon: error: " + truncated + ": precompiled module refused: truncated: payload of "
                        + (good.length - 3 - headerLength(good)) + " bytes, the header says "
                        + (good.length - headerLength(good)) + " (compile it again with 'wasmoon compile')"),
                r.errLines(), r::toString);
        byte[] corrupt = good.clone();
        corrupt[corrupt.length - 1] ^= 1;
        Path bad = dir.resolve("corrupt.cwasm");
        Files.write(bad, corrupt);
        r = MainInvocation.of("run", bad.toString(), "--invoke", "fac", "--arg", "20");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("precompiled module refused: corrupt (checksum mismatch)"), r::toString);
    }

    /** Bytes before the payload: magic, version, two strings, opt level, length, checksum. */
    private static int headerLength(byte[] file) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(file);
        b.position(12);
        b.position(b.position() + 4 + b.getInt(12));
        b.position(b.position() + 4 + b.getInt(b.position()));
        return b.position() + 4 + 8 + 4;
    }

    @Test
    void compileNeedsAnOutput() {
        MainInvocation r = MainInvocation.of("compile", fac);
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("-o OUT"), r::toString);
    }

    /*
     * --jit-start=wait: fac has no loop, so a run that interprets while the JIT starts may end
     * before its set-up is made (in a fresh process it does), having compiled nothing to keep.
     */
    @Test
    void theSecondRunLoadsWhatTheFirstCompiledAndABadFileIsRecompiled() throws IOException {
        MainInvocation first = MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "20",
                "--jit-start=wait", "--verbose");
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.err().contains("found no cached code"), first::toString);
        assertEquals(1, cacheFiles().size(), first::toString);
        MainInvocation second = MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "20",
                "--jit-start=wait", "--verbose");
        assertEquals("2432902008176640000\n", second.out(), second::toString);
        assertTrue(second.err().contains("loaded cached code of 1 functions"), second::toString);

        Path file = cacheFiles().getFirst();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        MainInvocation third = MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "20", "--jit-start=wait");
        assertEquals(0, third.exitCode(), third::toString);
        assertEquals("2432902008176640000\n", third.out(), third::toString);
        assertEquals(List.of("wasmoon: warning: code cache file " + file
                + " refused (corrupt (checksum mismatch)); recompiling"), third.errLines(), third::toString);
        // the recompiled code replaced the refused file
        MainInvocation fourth = MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "20",
                "--jit-start=wait", "--verbose");
        assertTrue(fourth.err().contains("loaded cached code of 1 functions"), fourth::toString);
    }

    @Test
    void cacheOffNeitherReadsNorWrites() throws IOException {
        for (String policy : List.of("--compile=lazy", "--compile=eager")) {
            MainInvocation r = MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "20", "--cache=off", policy);
            assertEquals("2432902008176640000\n", r.out(), r::toString);
        }
        assertEquals(List.of(), cacheFiles());
        MainInvocation nojit = MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "20", "--no-jit");
        assertEquals("2432902008176640000\n", nojit.out(), nojit::toString);
        assertEquals(List.of(), cacheFiles(), "the interpreter compiles nothing to keep");
    }

    @Test
    void badPolicyAndCacheValuesAreUsageErrors() {
        for (String bad : List.of("--compile=sometimes", "--cache=maybe")) {
            MainInvocation r = MainInvocation.of("run", fac, "--invoke", "fac", "--arg", "20", bad);
            assertEquals(2, r.exitCode(), r::toString);
            assertFalse(r.err().isEmpty(), r::toString);
        }
    }
}
