package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.JitCoverage;
import wasm.runtime.tooling.JitInspector;

/**
 * What the allocator's heuristics promise, read from the allocated VCode of
 * allocation-quality.wat: a chain of two-address operations stays in one register
 * (tied operands), and under pressure the values a hot loop uses keep their
 * registers while the values only used after it are the ones spilled (spill costs
 * weighted by loop depth). Results are checked in both tiers too.
 */
class RegisterAllocationQualityTest {
    private static final Pattern TWO_ADDRESS = Pattern.compile("^\\s+%(\\w+) = (alu|shift)\\.\\S+ %(\\w+)");
    private static final Pattern BLOCK = Pattern.compile("^block(\\d+)");
    private static final Pattern JUMP_TARGET = Pattern.compile("-> block(\\d+)");

    private static Module module() throws IOException {
        try (InputStream in = RegisterAllocationQualityTest.class.getResourceAsStream("allocation-quality.wat")) {
            assertNotNull(in, "missing test resource allocation-quality.wat");
            Module m = WatParser.parseModule(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Validator.validate(m);
            return m;
        }
    }

    private static String allocated(Module m, int func) {
        String text = JitInspector.inspect(m, func, 2).vcodeAllocated();
        assertFalse(text.isBlank(), "no allocated vcode for function " + func);
        return text;
    }

    @Test
    void aChainOfTwoAddressOperationsStaysInOneRegister() throws IOException {
        String vcode = allocated(module(), 0);
        int chained = 0;
        for (String line : vcode.lines().toList()) {
            Matcher m = TWO_ADDRESS.matcher(line);
            if (m.find()) {
                assertEquals(m.group(3), m.group(1), "result not in its dying first operand's register: " + line
                        + "\n" + vcode);
                chained++;
            }
        }
        assertEquals(3, chained, vcode);
    }

    @Test
    void theHotLoopKeepsItsValuesInRegisters() throws IOException {
        String vcode = allocated(module(), 1);
        Map<Integer, List<String>> blocks = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : vcode.lines().toList()) {
            Matcher b = BLOCK.matcher(line);
            if (b.find()) {
                current = new ArrayList<>();
                blocks.put(Integer.parseInt(b.group(1)), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        // The loop: from a back edge's target to its source, in layout order.
        List<Integer> order = new ArrayList<>(blocks.keySet());
        int header = -1;
        int latch = -1;
        for (int pos = 0; pos < order.size(); pos++) {
            for (String line : blocks.get(order.get(pos))) {
                Matcher j = JUMP_TARGET.matcher(line);
                while (j.find()) {
                    int target = order.indexOf(Integer.parseInt(j.group(1)));
                    if (target >= 0 && target <= pos) {
                        header = target;
                        latch = pos;
                    }
                }
            }
        }
        assertTrue(header >= 0, "no loop found in\n" + vcode);
        int spillsOutside = 0;
        for (int pos = 0; pos < order.size(); pos++) {
            boolean inLoop = pos >= header && pos <= latch && !blocks.get(order.get(pos)).stream()
                    .anyMatch(l -> l.contains("return"));
            for (String line : blocks.get(order.get(pos))) {
                boolean memory = line.contains("spill [") || line.contains("reload ") || line.contains("[slot");
                if (inLoop) {
                    assertFalse(memory, "the loop touches a spill slot: " + line + "\n" + vcode);
                } else if (memory) {
                    spillsOutside++;
                }
            }
        }
        assertTrue(spillsOutside > 0, "the case no longer has register pressure:\n" + vcode);
    }

    @Test
    void bothTiersAgree() throws IOException {
        for (ExecutionTier tier : ExecutionTier.values()) {
            try (Store store = new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(
                    tier == ExecutionTier.JIT))) {
                Module m = module();
                Instance inst = store.instantiate(m, ImportResolver.NONE);
                int n = m.functions().size();
                // The JIT side really is native code (strict mode, and every function counted native).
                assertEquals(tier == ExecutionTier.JIT ? new JitCoverage(n, 0, Map.of()) : new JitCoverage(0, n, Map.of()),
                        JitCoverage.of(store));
                assertEquals(Integer.rotateLeft(5 + 9, 7) ^ 3, (int) inst.function("mix").call(5, 9, 3)[0]);
                int acc = 0;
                for (int i = 0; i < 1000; i++) {
                    acc = acc * 31 + i;
                }
                int cold = 0;
                for (int k : new int[] {3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41}) {
                    cold += 7 * k;
                }
                assertEquals(acc + cold, (int) inst.function("pressure").call(7, 1000)[0], tier.toString());
            }
        }
    }
}
