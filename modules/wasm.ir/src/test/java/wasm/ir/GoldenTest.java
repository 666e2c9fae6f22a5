package wasm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.testing.GoldenFile;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.ir.translate.WasmToIr;
import wasm.ir.verify.Verifier;

/**
 * Golden tests: each {@link GoldenFile} under src/test/resources/golden holds a
 * WAT module, the separator line, and the full expected IR of every defined function.
 * {@code -Dbless=true} rewrites the expected part from the current output.
 * Every translated function must also verify and round-trip through the parser.
 */
class GoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        return GoldenFile.tests(".wat", GoldenTest::check);
    }

    private static void check(GoldenFile golden) throws IOException {
        Module module = WatParser.parseModule(golden.head());
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
        golden.assertOutput(actual.toString());
    }
}
