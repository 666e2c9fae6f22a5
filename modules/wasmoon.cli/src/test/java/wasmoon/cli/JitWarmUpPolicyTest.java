package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;

/**
 * Whether {@code run} starts the JIT's warm-up, decided from the module: early for what native
 * code will need at once (a memory), after the decode for a call that reaches a loop, never for a
 * run that the interpreter ends.
 */
class JitWarmUpPolicyTest {
    private static final String CALLS = """
            (module
              (import "host" "log" (func $log (param i32)))
              (type $v (func))
              (table 1 funcref)
              (func $leaf (export "leaf") (result i32) (i32.const 7))
              (func $calls_leaf (export "calls_leaf") (result i32) (call $leaf))
              (func $logs (export "logs") (call $log (i32.const 1)))
              (func $spins (export "spins") (loop $l (br_if $l (i32.const 0))))
              (func $calls_spins (export "calls_spins") (call $leaf) (drop) (call $spins))
              (func $tail_to_spins (export "tail_to_spins") (return_call $spins))
              (func $indirect (export "indirect") (call_indirect (type $v) (i32.const 0)))
              (func $recurses (export "recurses") (result i32) (call $recurses)))
            """;

    private static int export(Module m, String name) {
        return m.exports().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().index();
    }

    private static boolean mayNeedNativeSoon(String wat, String entry) {
        Module m = WatParser.parseModule(wat);
        return JitWarmUpPolicy.mayNeedNativeSoon(m, entry == null ? -1 : export(m, entry));
    }

    @Test
    void aCallThatReachesNoLoopLeavesTheWarmUpAlone() {
        assertFalse(mayNeedNativeSoon(CALLS, "leaf"));
        assertFalse(mayNeedNativeSoon(CALLS, "calls_leaf"));
        assertFalse(mayNeedNativeSoon(CALLS, "logs"), "a host function runs in Java");
        assertFalse(mayNeedNativeSoon(CALLS, "recurses"), "deep recursion is the call budget's business");
        assertFalse(mayNeedNativeSoon(CALLS, null), "nothing called");
    }

    @Test
    void aCallThatMayReachALoopStartsIt() {
        assertTrue(mayNeedNativeSoon(CALLS, "spins"));
        assertTrue(mayNeedNativeSoon(CALLS, "calls_spins"));
        assertTrue(mayNeedNativeSoon(CALLS, "tail_to_spins"));
        assertTrue(mayNeedNativeSoon(CALLS, "indirect"), "the callee of an indirect call is not known here");
    }

    @Test
    void theStartFunctionCountsAsCalled() {
        assertTrue(mayNeedNativeSoon("(module (func $s (loop)) (start $s) (func (export \"f\")))", "f"));
        assertFalse(mayNeedNativeSoon("(module (func $s) (start $s) (func (export \"f\")))", "f"));
    }

    @Test
    void aMemoryStartsItBeforeAndAfterTheDecode() {
        String defines = "(module (memory 1) (func (export \"f\")))";
        String imports = "(module (import \"env\" \"memory\" (memory 1)) (func (export \"f\")))";
        assertTrue(mayNeedNativeSoon(defines, "f"));
        assertTrue(mayNeedNativeSoon(imports, "f"));
        assertTrue(JitWarmUpPolicy.mayNeedNativeAtInstantiation(ModuleEncoder.encode(WatParser.parseModule(defines))));
        assertTrue(JitWarmUpPolicy.mayNeedNativeAtInstantiation(ModuleEncoder.encode(WatParser.parseModule(imports))));
    }

    @Test
    void beforeTheDecodeAnImportFreeModuleWithoutAMemoryWaits() throws Exception {
        byte[] fac = Files.readAllBytes(Path.of(MainInvocation.example("fac.wasm")));
        assertFalse(JitWarmUpPolicy.mayNeedNativeAtInstantiation(fac));
        assertTrue(JitWarmUpPolicy.mayNeedNativeAtInstantiation(Files.readAllBytes(Path.of(MainInvocation.example("stream.wasm")))));
    }
}
