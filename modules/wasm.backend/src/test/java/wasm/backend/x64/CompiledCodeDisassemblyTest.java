package wasm.backend.x64;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NavigableMap;

import org.junit.jupiter.api.Test;
import perf.metrics.MetricsRecorder;
import wasm.backend.CompiledFunction;
import wasm.backend.X64Compiler;
import wasm.backend.code.TrapSite;
import wasm.backend.jit.TestLayout;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.translate.WasmToIr;

/**
 * Whole compiled functions disassemble cleanly with objdump: every byte is a
 * valid instruction, trap sites start instructions, and the expected machine
 * idioms (fused cmp+jcc, cmov, lzcnt, idiv, vmctx-relative calls, the prologue
 * stack check) are there.
 */
class CompiledCodeDisassemblyTest {
    @Test
    void compiledFunctionsDisassembleCleanly() {
        Module m = WatParser.parseModule("""
                (module
                  (memory 1)
                  (type $t (func (param i32) (result i32)))
                  (table 1 funcref)
                  (global $g (mut i64) (i64.const 0))
                  (func $f (param i32 i64 i32) (result i64)
                    (local i64)
                    block loop
                      local.get 0 local.get 2 i32.lt_s br_if 1
                      local.get 1 i64.clz local.get 1 i64.const 3 i64.div_s i64.add local.set 3
                      local.get 0 i32.load offset=8 local.get 2 i32.rem_u local.set 0
                      local.get 0 local.get 2 call_indirect (type $t) local.set 2
                      local.get 3 local.get 1 local.get 0 local.get 2 i32.gt_u select global.set $g
                      br 0
                    end end
                    local.get 3 i64.const 5 i64.rotl
                    local.get 0 i64.extend_i32_u memory.size drop i64.add))
                """);
        Validator.validate(m);
        var metrics = MetricsRecorder.disabled().beginModule(1).beginFunction(0, "", 0);
        CompiledFunction c = new X64Compiler(new TestLayout(m.types()), j -> true, true)
                .compile(0, new WasmToIr().translate(m, 0), metrics);
        NavigableMap<Integer, String> dis = Objdump.disassemble(c.code().code());
        String all = String.join("\n", dis.values());
        assertFalse(all.contains("(bad)"), all);
        for (TrapSite t : c.trapSites()) {
            assertTrue(dis.containsKey(t.offset()), "trap site " + t + " is not an instruction start:\n" + all);
        }
        for (String idiom : new String[] {"lzcnt", "idiv", "cmova", "jl", "r15+0x20", "r15+0x28",
            "cmp rsp,QWORD PTR [r15]", "call QWORD PTR [r10]", "jmp QWORD PTR [r15+0x18]"}) {
            assertTrue(all.contains(idiom), idiom + " missing in:\n" + all);
        }
    }
}
