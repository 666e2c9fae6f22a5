package wasm.opt.passes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import wasm.ir.Function;
import wasm.ir.testing.GoldenFile;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.ir.verify.Verifier;
import wasm.opt.OptLevel;
import wasm.opt.Pass;
import wasm.opt.PassPipeline;

/**
 * Golden tests of single passes on IR text. Each {@link GoldenFile} under
 * src/test/resources/golden holds a header line {@code ;; passes: a, b} (pass
 * names, or {@code O1}/{@code O2} for a whole pipeline), the input function,
 * the separator line and the full expected output. The input must verify; the
 * passes run with the verifier after each one. {@code -Dbless=true} rewrites
 * the expected part from the current output.
 */
class PassGoldenTest {
    static final String HEADER = ";; passes:";

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        return GoldenFile.tests(".ir", PassGoldenTest::check);
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

    private static void check(GoldenFile golden) throws IOException {
        String head = golden.head();
        assertTrue(head.startsWith(HEADER), golden.path() + " must start with '" + HEADER + " ...'");
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
        golden.assertOutput(IrPrinter.print(f));
    }
}
