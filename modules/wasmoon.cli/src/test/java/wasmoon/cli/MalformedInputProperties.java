package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever bytes the user hands to {@code wasmoon validate}, the answer is
 * {@code valid} (exit 0) or exactly one error line (exit 1): never an internal
 * error, never a stack trace.
 */
class MalformedInputProperties {
    private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};
    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("wasmoon-cli-malformed");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static void assertValidOrOneError(byte[] bytes) {
        Path file = dir.resolve("input.wasm");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MainInvocation r = MainInvocation.of("validate", file.toString());
        if (r.exitCode() == 0) {
            assertEquals("valid\n", r.out(), r::toString);
            return;
        }
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("wasmoon: error: " + file + ": "), r::toString);
    }

    @Property(tries = 300)
    void randomBodiesAfterAValidHeader(@ForAll("bodies") byte[] body) {
        byte[] bytes = new byte[HEADER.length + body.length];
        System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
        System.arraycopy(body, 0, bytes, HEADER.length, body.length);
        assertValidOrOneError(bytes);
    }

    @Property(tries = 500)
    void oneByteChangedInAnExample(@ForAll("examples") String example, @ForAll int position, @ForAll byte value)
            throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of(MainInvocation.example(example)));
        bytes[Math.floorMod(position, bytes.length)] = value;
        assertValidOrOneError(bytes);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    }

    @Provide
    Arbitrary<String> examples() {
        return Arbitraries.of("fac.wasm", "memory.wasm", "div.wasm", "loop.wasm");
    }
}
