package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import wasm.core.JitGap;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.translate.WasmToIr;

/**
 * The one decision over the Wasm code for every {@link JitGap} besides SIMD (SimdJitGapTest
 * covers that one): memory64 and multi-memory (tail calls are native: not a gap), and the
 * inliner's use of it.
 */
class JitGapsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(memory i64 1) (func $f (drop (i64.load (i64.const 0)))) | memory64",
        "(memory i64 1) (func $f (drop (memory.size))) | memory64",
        "(memory i64 1) (func $f (memory.fill (i64.const 0) (i32.const 0) (i64.const 1))) | memory64",
        "(table i64 1 funcref) (func $f (drop (table.size))) | memory64",
        "(type $t (func)) (table i64 1 funcref) (func $f (call_indirect (type $t) (i64.const 0))) | memory64",
        "(memory 1) (memory 1) (func $f (drop (i32.load 1 (i32.const 0)))) | multi-memory",
        "(memory 1) (memory 1) (func $f (memory.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0))) | multi-memory",
        "(memory 1) (memory 1) (func $f (drop (memory.grow 1 (i32.const 1)))) | multi-memory",
        "(type $t (func)) (table i64 1 funcref) (func $f (return_call_indirect (type $t) (i64.const 0))) | memory64",
    })
    void aFunctionNeedsTheGapOfWhatItUses(String fields, String gap) {
        assertEquals(JitGap.ofLabel(gap), JitGaps.of(parse(fields), 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(memory 1) (memory i64 1) (func $f (drop (i32.load (i32.const 0))))",
        "(memory 1) (memory 1) (func $f (drop (i32.load 0 (i32.const 0))))",
        "(table 1 funcref) (table i64 1 funcref) (func $f (drop (table.size 0)))",
        "(func $f (call $f))",
        "(func $f (return_call $f))",
        "(type $t (func)) (table 1 funcref) (func $f (return_call_indirect (type $t) (i32.const 0)))",
    })
    void memoryZeroOf32BitsAndCallsAreNot(String fields) {
        assertNull(JitGaps.of(parse(fields), 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(memory i64 1) (func $g (drop (i64.load (i64.const 0))))",
        "(memory 1) (memory 1) (func $g (drop (i32.load 1 (i32.const 0))))"})
    void theInlinerNeverSeesACalleeWithAGap(String callee) {
        Module m = parse("(func $f (call $g)) " + callee);
        TranslatingModuleContext context = new TranslatingModuleContext(new CalleeIrCache(m), new WasmToIr());
        // calleeSize answers every call site cheaply; the gap scan happens in calleeIr
        assertTrue(context.calleeSize(1) > 0);
        assertTrue(context.calleeIr(1).isEmpty());
        assertTrue(context.calleeIr(0).isPresent(), "the caller itself has no gap");
    }

    private static Module parse(String fields) {
        Module m = WatParser.parseModule("(module " + fields + ")");
        Validator.validate(m);
        return m;
    }
}
