package wasm.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static wasm.core.validate.ValidationAssertions.assertInvalid;
import static wasm.core.validate.ValidationAssertions.assertValid;

import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.binary.ModuleDecoder;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.Opcode;
import wasm.core.text.WatParser;

/**
 * return_call and return_call_indirect: the callee's results must be the caller's, its
 * parameters are popped, and the rest of the block is unreachable; both instructions go
 * through the text format and the binary format (0x12, 0x13).
 */
class TailCallTest {
    private static Module wat(String text) {
        return WatParser.parseModule(text);
    }

    @Test
    void theCalleeMustReturnWhatTheCallerReturns() {
        assertValid(wat("(module (func $f (param i64) (result i32) (return_call $f (i64.const 1))))"));
        assertValid(wat("""
                (module (type $t (func (param i32) (result i32))) (table 1 funcref)
                  (func (param i32) (result i32)
                    (return_call_indirect (type $t) (local.get 0) (i32.const 0))
                    (drop (i64.const 7))))"""));
        // The code after a tail call is unreachable, but still typed.
        assertInvalid(wat("(module (func $f (result i32) (return_call $f) (i64.const 7)))"), "type mismatch");
        assertInvalid(wat("(module (func $g (result i64) (i64.const 0)) (func (result i32) (return_call $g)))"),
                "type mismatch");
        assertInvalid(wat("(module (func $g (result i32) (i32.const 0)) (func (return_call $g)))"), "type mismatch");
        assertInvalid(wat("""
                (module (type $t (func (result i64))) (table 1 funcref)
                  (func (result i32) (return_call_indirect (type $t) (i32.const 0))))"""), "type mismatch");
        assertInvalid(wat("(module (func $g (param i32)) (func (return_call $g (i64.const 1))))"), "type mismatch");
        assertInvalid(wat("(module (func (return_call 7)))"), "unknown function 7");
        assertInvalid(wat("(module (type $t (func)) (func (return_call_indirect (type $t) (i32.const 0))))"),
                "unknown table 0");
    }

    @Test
    void binaryRoundTrip() {
        Module m = wat("""
                (module (type $t (func (param i32) (result i32))) (table $tab 2 funcref)
                  (func $f (param i32) (result i32)
                    (return_call_indirect $tab (type $t) (local.get 0) (i32.const 1)))
                  (func (param i32) (result i32) (return_call $f (local.get 0))))""");
        Module back = ModuleDecoder.decode(ModuleEncoder.encode(m));
        assertEquals(new Instruction.Indexed2(Opcode.RETURN_CALL_INDIRECT, 0, 0), back.codes().get(0).code().get(2));
        assertEquals(List.of(new Instruction.Indexed(Opcode.LOCAL_GET, 0), new Instruction.Indexed(Opcode.RETURN_CALL, 0),
                Instruction.END), back.codes().get(1).code());
        assertValid(back);
    }
}
