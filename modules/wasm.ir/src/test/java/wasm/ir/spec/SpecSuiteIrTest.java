package wasm.ir.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.WasmException;
import wasm.core.model.Module;
import wasm.core.text.WastCommand;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.testing.InterpretedSpecAssertions;
import wasm.ir.testing.SpecSuite;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.ir.translate.WasmToIr;
import wasm.ir.verify.Verifier;

/**
 * The official spec suite (MVP, 2.0 and SIMD files, read in place) through the IR:
 * every function of every valid module translates, verifies and round-trips
 * through the text format; and for modules without imports, the suite's
 * assert_return / assert_trap / assert_exhaustion on invoke actions hold when
 * the translated IR is interpreted.
 */
class SpecSuiteIrTest {
    /**
     * A floor under the SIMD scripts' assertions checked on the IR (without imports, linking
     * is not modelled): a translation that quietly dropped SIMD modules would fall below it.
     */
    public static final int SIMD_ASSERTIONS = 20_000;

    @Test
    void everyValidModuleTranslatesVerifiesAndRoundTrips() throws IOException {
        WasmToIr translator = new WasmToIr();
        Function f = new Function();
        int functions = 0;
        List<String> failures = new ArrayList<>();
        long nanos = 0;
        for (String file : SpecSuite.files()) {
            for (WastCommand cmd : SpecSuite.script(file).commands()) {
                if (!(cmd instanceof WastCommand.ModuleCommand mc)) {
                    continue;
                }
                Module m;
                try {
                    m = SpecSuite.load(mc.source());
                    Validator.validate(m);
                } catch (WasmException e) {
                    continue;
                }
                int imported = m.functionCount() - m.functions().size();
                for (int i = imported; i < m.functionCount(); i++) {
                    try {
                        long t0 = System.nanoTime();
                        translator.translate(m, i, f);
                        nanos += System.nanoTime() - t0;
                        Verifier.check(f);
                        String printed = IrPrinter.print(f);
                        String again = IrPrinter.print(IrParser.parse(printed));
                        if (!printed.equals(again)) {
                            failures.add(file + ":" + mc.line() + " func " + i + ": round trip differs");
                        }
                        functions++;
                    } catch (RuntimeException e) {
                        failures.add(file + ":" + mc.line() + " func " + i + ": " + e);
                    }
                }
            }
        }
        System.out.printf("spec suite: %d functions translated in %.1f ms%n", functions, nanos / 1e6);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
        assertTrue(functions > 1000, "only " + functions + " functions translated");
    }

    @Test
    void assertionsHoldOnInterpretedIr() throws IOException {
        InterpretedSpecAssertions.Tally tally = InterpretedSpecAssertions.check(f -> { });
        List<String> failures = tally.failures();
        System.out.printf("spec suite on IR interpreter: %d assertions passed (%d in SIMD scripts), %d failed%n",
                tally.passed(), tally.simdPassed(), failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(30, failures.size())), failures.size() + " failures");
        assertTrue(tally.passed() > 5000, "only " + tally.passed() + " assertions ran");
        assertTrue(tally.simdPassed() > SIMD_ASSERTIONS, "only " + tally.simdPassed() + " SIMD assertions ran");
    }
}
