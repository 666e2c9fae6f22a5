package wasm.backend.internal.x64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import wasm.backend.CompileUnsupported;
import wasm.backend.CpuFeatures;
import wasm.core.model.Module;
import wasm.core.text.WastCommand;
import wasm.core.text.WastParser;
import wasm.core.text.WastScript;
import wasm.ir.IrOpcode;
import wasm.ir.testing.SpecSuite;
import wasm.ir.translate.WasmToIr;

/**
 * The rule table is well formed and every rule is reachable: lowering every
 * function of the official suite (mvp and 2.0) and of the project's own
 * scripts (spec/, where x64-lowering.wast holds what the suite lacks) fires
 * each rule at least once. (That the code the rules produce agrees with the
 * interpreter is SpecSuiteCompileTest's, the project scripts' and the
 * differential properties' business.) Everything is lowered twice, for a CPU
 * with every feature and for the SSE2 baseline, so that rules needing a
 * feature and their fallbacks are all reached.
 */
class LoweringRulesTest {

    @Test
    void everyOpcodeWithRulesEndsInOneThatMatchesAndPrioritiesAreDistinct() {
        for (IrOpcode op : IrOpcode.values()) {
            LoweringRules.Rule[] rules = LoweringRules.of(op);
            for (int k = 1; k < rules.length; k++) {
                assertTrue(rules[k - 1].priority() > rules[k].priority(), op + ": " + List.of(rules));
            }
        }
    }

    @Test
    void everyRuleFiresOnTheSpecSuite() throws IOException {
        WasmToIr translator = new WasmToIr();
        int[] hits = new int[LoweringRules.count()];
        int functions = 0;
        List<WastScript> scripts = new ArrayList<>();
        for (String file : SpecSuite.files()) {
            scripts.add(SpecSuite.script(file));
        }
        Path own = Path.of("../../spec");
        try (Stream<Path> files = Files.list(own)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".wast")).sorted().toList()) {
                scripts.add(WastParser.parse(Files.readString(p), p.getFileName().toString()));
            }
        }
        assertTrue(scripts.size() > 70, "scripts: " + scripts.size());
        for (WastScript script : scripts) {
            for (WastCommand cmd : script.commands()) {
                if (!(cmd instanceof WastCommand.ModuleCommand mc)) {
                    continue;
                }
                Module m = SpecSuite.validModule(mc).orElse(null);
                if (m == null) {
                    continue;
                }
                int imported = m.functionCount() - m.functions().size();
                for (int i = imported; i < m.functionCount(); i++) {
                    // every CPU feature, and none: rules that need a feature and their fallbacks
                    for (CpuFeatures features : List.of(CpuFeatures.all(), CpuFeatures.baseline())) {
                        try {
                            // with the back-edge poll stores compile with by default (interruption)
                            VCode code = Lowering.lower(translator.translate(m, i), j -> j >= imported, j -> false,
                                    features, new MInst.Poll(true, false));
                            for (int r = 0; r < hits.length; r++) {
                                hits[r] += code.ruleHits[r];
                            }
                            functions++;
                        } catch (CompileUnsupported e) {
                            // counted by SpecSuiteCompileTest
                        }
                    }
                }
            }
        }
        TreeSet<String> never = new TreeSet<>();
        for (LoweringRules.Rule r : LoweringRules.all()) {
            if (hits[r.id()] == 0) {
                never.add(r.name());
            }
        }
        assertTrue(functions > 4000, "only " + functions + " functions lowered");
        assertEquals(new TreeSet<String>(), never, "rules that never fired on the spec suite");
    }
}
