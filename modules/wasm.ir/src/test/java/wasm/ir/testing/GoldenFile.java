package wasm.ir.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * A golden test file: its input ({@code head}), the separator line, and the whole
 * expected output. {@code -Dbless=true} rewrites the expected part from the current
 * output instead of comparing, to be reviewed as a diff.
 */
public record GoldenFile(Path path, String head, String expected) {
    public static final String SEPARATOR = ";; ==== expected IR ====";
    /** Where a module keeps its golden files, relative to the module directory (the tests' working directory). */
    public static final Path DIR = Path.of("src/test/resources/golden");

    /** One dynamic test per file of {@link #DIR} whose name ends in {@code suffix}, in name order; none at all fails. */
    public static Stream<DynamicTest> tests(String suffix, ThrowingConsumer<GoldenFile> check) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no golden files in " + DIR.toAbsolutePath());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check.accept(read(p))));
    }

    /** Splits {@code file} at the separator; without one, all of it is input and nothing is expected yet. */
    public static GoldenFile read(Path file) throws IOException {
        String text = Files.readString(file);
        int sep = text.indexOf(SEPARATOR);
        String head = sep < 0 ? text : text.substring(0, sep);
        String expected = sep < 0 ? "" : text.substring(sep + SEPARATOR.length() + 1);
        return new GoldenFile(file, head, expected);
    }

    /** Asserts that {@code actual} is the expected output or, under {@code -Dbless=true}, writes it as such. */
    public void assertOutput(String actual) throws IOException {
        if (Boolean.getBoolean("bless")) {
            Files.writeString(path, head.stripTrailing() + "\n\n" + SEPARATOR + "\n" + actual);
            return;
        }
        assertEquals(expected, actual, "golden output of " + path + " (run with -Dbless=true to update)");
    }
}
