package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import wasm.backend.CpuFeatures;
import wasm.backend.baseline.BaselineCompiler;
import wasm.backend.code.FinishedCode;
import wasm.backend.code.Relocation;
import wasm.backend.code.RelocationKind;
import wasm.backend.code.RelocationTarget;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * Baseline code in the code cache format (tag 3): written and read back as it was, and refused as
 * corrupt when it carries a relocation, which baseline code never has (it calls through vmctx
 * slots), so that a forged entry cannot make the loader patch addresses into it.
 */
class BaselineCodeCacheTest {
    private static final Module MODULE = module();

    private static Module module() {
        Module m = WatParser.parseModule("""
                (module
                  (func (export "sum") (param i32) (result i32) (local i32)
                    (block (loop
                      (br_if 1 (i32.eqz (local.get 0)))
                      (local.set 1 (i32.add (local.get 1) (local.get 0)))
                      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                      (br 0)))
                    (local.get 1)))
                """);
        Validator.validate(m);
        return m;
    }

    private static CompiledModule withBaseline(FinishedCode code) {
        CompiledModule none = CompiledModule.uncompiled(MODULE, new byte[0], 2, Metering.DEFAULT);
        FinishedCode[] baseline = new FinishedCode[MODULE.functionCount()];
        baseline[0] = code;
        return none.with(new FinishedCode[MODULE.functionCount()], new String[MODULE.functionCount()], baseline,
                CompiledModule.Origin.EAGER, new byte[0]);
    }

    @Test
    void baselineCodeRoundTrips() throws Exception {
        FinishedCode code = new BaselineCompiler(ModuleVmctxLayout.of(MODULE, Metering.DEFAULT), CpuFeatures.host())
                .compile(MODULE, 0).code();
        assertTrue(code.relocations().isEmpty());
        byte[] wasm = ModuleEncoder.encode(MODULE);
        byte[] file = CodeCacheFormat.write(withBaseline(code), wasm);
        CompiledModule read = CodeCacheFormat.functions(CodeCacheFormat.check(file), MODULE);
        assertEquals(code, read.baseline(0));
        assertNull(read.code(0));
        assertEquals(1, read.compiledCount());
        assertEquals(0, read.optimizedCount());
        assertNotNull(read.image());
    }

    @Test
    void baselineCodeWithARelocationIsRefused() {
        FinishedCode forged = new FinishedCode(new byte[16], List.of(),
                List.of(new Relocation(4, RelocationKind.ABS64, RelocationTarget.symbol("lazy0"), 0)));
        byte[] file = CodeCacheFormat.write(withBaseline(forged), ModuleEncoder.encode(MODULE));
        CodeCacheFormat.CodeCacheError e = assertThrows(CodeCacheFormat.CodeCacheError.class,
                () -> CodeCacheFormat.functions(CodeCacheFormat.check(file), MODULE));
        assertEquals(CodeCacheFormat.Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().contains("baseline code with relocations"), e.getMessage());
    }
}
