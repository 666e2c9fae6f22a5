package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.translate.WasmToIr;

/**
 * The JIT has no {@link wasm.core.JitGap} today: what the last gaps refused (64-bit memories and
 * tables, memories other than memory 0, tail calls) answers none, so strict mode runs it natively
 * and the inliner may take such a callee. A new gap gets its cases here.
 */
class JitGapsTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "(memory i64 1) (func $f (drop (i64.load (i64.const 0))))",
        "(memory i64 1) (func $f (drop (memory.size)))",
        "(memory i64 1) (func $f (memory.fill (i64.const 0) (i32.const 0) (i64.const 1)))",
        "(table i64 1 funcref) (func $f (drop (table.size)))",
        "(type $t (func)) (table i64 1 funcref) (func $f (call_indirect (type $t) (i64.const 0)))",
        "(memory 1) (memory 1) (func $f (drop (i32.load 1 (i32.const 0))))",
        "(memory 1) (memory 1) (func $f (memory.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0)))",
        "(memory 1) (memory 1) (func $f (drop (memory.grow 1 (i32.const 1))))",
        "(func $f (return_call $f))",
        "(type $t (func)) (table 1 funcref) (func $f (return_call_indirect (type $t) (i32.const 0)))",
        "(type $t (func)) (table i64 1 funcref) (func $f (return_call_indirect (type $t) (i64.const 0)))",
        "(func $f (call $f))",
    })
    void nothingIsAGap(String fields) {
        assertNull(JitGaps.of(parse(fields), 0));
    }

    /** A callee that once needed a gap is translated for the inliner like any other. */
    @ParameterizedTest
    @ValueSource(strings = {"(memory i64 1) (func $g (drop (i64.load (i64.const 0))))",
        "(memory 1) (memory 1) (func $g (drop (i32.load 1 (i32.const 0))))"})
    void theInlinerSeesFormerGapCallees(String callee) {
        Module m = parse("(func $f (call $g)) " + callee);
        TranslatingModuleContext context = new TranslatingModuleContext(new CalleeIrCache(m), new WasmToIr());
        assertTrue(context.calleeSize(1) > 0);
        assertTrue(context.calleeIr(1).isPresent());
    }

    private static Module parse(String fields) {
        Module m = WatParser.parseModule("(module " + fields + ")");
        Validator.validate(m);
        return m;
    }
}
