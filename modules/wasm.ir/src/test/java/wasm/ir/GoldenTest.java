package wasm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.ir.translate.WasmToIr;
import wasm.ir.verify.Verifier;

/**
 * Golden tests: each file under src/test/resources/golden holds a WAT module,
 * the separator line, and the full expected IR of every defined function.
 * {@code -Dbless=true} rewrites the expected part from the current output.
 * Every translated function must also verify and round-trip through the parser.
 */
class GoldenTest {
    static final String SEPARATOR = ";; ==== expected IR ====";
    static final Path DIR = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".wat")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no golden files in " + DIR.toAbsolutePath());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file);
        int sep = text.indexOf(SEPARATOR);
        String source = sep < 0 ? text : text.substring(0, sep);
        String expected = sep < 0 ? "" : text.substring(sep + SEPARATOR.length() + 1);
        Module module = WatParser.parseModule(source);
        Validator.validate(module);
        WasmToIr translator = new WasmToIr();
        StringBuilder actual = new StringBuilder();
        int imported = module.functionCount() - module.functions().size();
        Function f = new Function();
        for (int i = imported; i < module.functionCount(); i++) {
            translator.translate(module, i, f);
            Verifier.check(f);
            String printed = IrPrinter.print(f);
            Function reparsed = IrParser.parse(printed);
            Verifier.check(reparsed);
            assertEquals(printed, IrPrinter.print(reparsed), "round trip of " + f.name());
            if (i > imported) {
                actual.append('\n');
            }
            actual.append(printed);
        }
        if (Boolean.getBoolean("bless")) {
            Files.writeString(file, source.stripTrailing() + "\n\n" + SEPARATOR + "\n" + actual);
            return;
        }
        assertEquals(expected, actual.toString(), "golden output of " + file + " (run with -Dbless=true to update)");
    }
}
