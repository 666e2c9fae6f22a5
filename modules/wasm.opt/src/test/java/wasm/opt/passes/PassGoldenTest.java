package wasm.opt.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import wasm.ir.Function;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.ir.verify.Verifier;
import wasm.opt.OptLevel;
import wasm.opt.Pass;
import wasm.opt.PassPipeline;

/**
 * Golden tests of single passes on IR text. Each file under
 * src/test/resources/golden holds a header line {@code ;; passes: a, b} (pass
 * names, or {@code O1}/{@code O2} for a whole pipeline), the input function,
 * the separator line and the full expected output. The input must verify; the
 * passes run with the verifier after each one. {@code -Dbless=true} rewrites
 * the expected part from the current output.
 */
class PassGoldenTest {
    static final String SEPARATOR = ";; ==== expected IR ====";
    static final String HEADER = ";; passes:";
    static final Path DIR = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".ir")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no golden files in " + DIR.toAbsolutePath());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static PassPipeline pipeline(String header) {
        String names = header.substring(HEADER.length()).trim();
        if (names.equals("O1") || names.equals("O2")) {
            return PassPipeline.forLevel(OptLevel.valueOf(names)).verifying(true);
        }
        PassPipeline.Builder b = PassPipeline.builder(OptLevel.O2).verifying(true);
        for (String name : names.split(",")) {
            Pass pass = Passes.byName(name.trim()).orElseThrow(() -> new IllegalArgumentException("no pass " + name));
            b.add(pass);
        }
        return b.build();
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file);
        int sep = text.indexOf(SEPARATOR);
        String head = sep < 0 ? text : text.substring(0, sep);
        String expected = sep < 0 ? "" : text.substring(sep + SEPARATOR.length() + 1);
        assertTrue(head.startsWith(HEADER), file + " must start with '" + HEADER + " ...'");
        int eol = head.indexOf('\n');
        PassPipeline pipeline = pipeline(head.substring(0, eol));
        StringBuilder input = new StringBuilder();
        for (String line : head.substring(eol + 1).split("\n", -1)) {
            if (!line.startsWith(";;")) {
                input.append(line).append('\n');
            }
        }
        Function f = IrParser.parse(input.toString());
        Verifier.check(f);
        pipeline.run(f);
        String actual = IrPrinter.print(f);
        if (Boolean.getBoolean("bless")) {
            Files.writeString(file, head.stripTrailing() + "\n\n" + SEPARATOR + "\n" + actual);
            return;
        }
        assertEquals(expected, actual, "golden output of " + file + " (run with -Dbless=true to update)");
    }
}
