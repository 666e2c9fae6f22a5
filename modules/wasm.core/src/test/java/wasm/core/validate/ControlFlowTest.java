package wasm.core.validate;

import static wasm.core.validate.TestModule.F32;
import static wasm.core.validate.TestModule.F64;
import static wasm.core.validate.TestModule.I32;
import static wasm.core.validate.TestModule.I64;
import static wasm.core.validate.TestModule.block;
import static wasm.core.validate.TestModule.br;
import static wasm.core.validate.TestModule.brIf;
import static wasm.core.validate.TestModule.brTable;
import static wasm.core.validate.TestModule.else_;
import static wasm.core.validate.TestModule.end;
import static wasm.core.validate.TestModule.f32;
import static wasm.core.validate.TestModule.f64;
import static wasm.core.validate.TestModule.function;
import static wasm.core.validate.TestModule.i32;
import static wasm.core.validate.TestModule.i64;
import static wasm.core.validate.TestModule.if_;
import static wasm.core.validate.TestModule.loop;
import static wasm.core.validate.TestModule.module;
import static wasm.core.validate.TestModule.op;
import static wasm.core.validate.TestModule.result;
import static wasm.core.validate.TestModule.sig;
import static wasm.core.validate.TestModule.typeIndex;
import static wasm.core.validate.ValidationAssertions.assertInvalid;
import static wasm.core.validate.ValidationAssertions.assertValid;

import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.MalformedModuleException;
import wasm.core.model.BlockType;
import wasm.core.model.Opcode;

/** Blocks, loops, ifs, branches and returns: the control-frame half of the algorithm. */
class ControlFlowTest {
    @Test
    void blocksProduceTheirResults() {
        assertValid(function(sig(I32), block(result(I32)), i32(1), end()));
        assertValid(function(sig(), block(BlockType.EMPTY), end(), loop(BlockType.EMPTY), end()));
        assertInvalid(function(sig(I32), block(result(I32)), end()), "type mismatch");
        assertInvalid(function(sig(I32), block(result(I32)), i64(1), end()), "type mismatch");
        assertInvalid(function(sig(), block(BlockType.EMPTY), i32(1), end()), "type mismatch");
        // A block cannot reach operands pushed outside it.
        assertInvalid(function(sig(I32), i32(1), block(result(I32)), end()), "type mismatch");
    }

    @Test
    void multiValueBlocksTakeParamsAndReturnSeveralResults() {
        var m = module();
        int pair = m.type(sig(List.of(I32, I64), List.of(I64, I32)));
        assertValid(m.func(sig(I64, I32), i32(1), i64(2), block(typeIndex(pair)),
                op(Opcode.DROP), op(Opcode.I64_EXTEND_I32_U), i32(3), end()).build());

        var loopModule = module();
        int loopType = loopModule.type(sig(List.of(I32), List.of(I32)));
        // A loop's label takes the loop's params: br_if 0 passes an i32 back to the loop start.
        assertValid(loopModule.func(sig(I32), i32(10), loop(typeIndex(loopType)), i32(1), op(Opcode.I32_SUB),
                i32(0), brIf(0), end()).build());

        var bad = module();
        int badType = bad.type(sig(List.of(I32, I32), List.of(I32)));
        assertInvalid(bad.func(sig(I32), i32(1), block(typeIndex(badType)), op(Opcode.I32_ADD), end()).build(),
                "type mismatch");
        assertInvalid(function(sig(), block(typeIndex(5)), end()), "unknown type 5");
    }

    @Test
    void ifWithoutElseMustPassItsParamsThrough() {
        assertValid(function(sig(I32), i32(1), if_(result(I32)), i32(2), else_(), i32(3), end()));
        assertInvalid(function(sig(I32), i32(1), if_(result(I32)), i32(2), end()), "type mismatch");
        assertInvalid(function(sig(I32), i32(1), if_(result(I32)), i32(2), else_(), end()), "type mismatch");
        assertInvalid(function(sig(), i64(1), if_(BlockType.EMPTY), end()), "type mismatch");
        var m = module();
        int same = m.type(sig(List.of(F32), List.of(F32)));
        assertValid(m.func(sig(F32), f32(1), i32(0), if_(typeIndex(same)), f32(2), op(Opcode.F32_ADD), end())
                .build());
    }

    @Test
    void branchesTargetLabelsByDepth() {
        assertValid(function(sig(I32), block(result(I32)), i32(1), br(0), end()));
        assertValid(function(sig(I32), i32(1), br(0)));
        assertValid(function(sig(F64), block(result(F64)), f64(1), i32(0), brIf(0), end()));
        assertInvalid(function(sig(), block(BlockType.EMPTY), br(2), end()), "unknown label 2");
        assertInvalid(function(sig(I32), block(result(I32)), i64(1), br(0), end()), "type mismatch");
        assertInvalid(function(sig(I32), block(result(I32)), i32(1), brIf(0), end()), "type mismatch");
        // After br the rest of the block is unreachable and may look ill-typed.
        assertValid(function(sig(I32), block(result(I32)), i32(1), br(0), op(Opcode.I64_ADD), op(Opcode.DROP),
                end()));
    }

    @Test
    void brTableLabelsMustAgreeOnArity() {
        assertValid(function(sig(I32), block(result(I32)), block(result(I32)), i32(7), i32(0), brTable(1, 0),
                end(), end()));
        assertInvalid(function(sig(I32), block(result(I32)), block(BlockType.EMPTY), i32(7), i32(0),
                brTable(1, 0), end(), end()), "type mismatch");
        assertInvalid(function(sig(), block(BlockType.EMPTY), i32(0), brTable(0, 3), end()), "unknown label 3");
        assertInvalid(function(sig(), block(BlockType.EMPTY), i64(0), brTable(0), end()), "type mismatch");
    }

    @Test
    void brTableAcceptsUnknownOperandsForLabelsOfDifferentTypes() {
        // Unknown operands match both an i32 label and an f32 label of the same arity.
        assertValid(function(sig(), block(result(F32)), block(result(I32)), op(Opcode.UNREACHABLE),
                brTable(1, 0), end(), op(Opcode.DROP), f32(0), end(), op(Opcode.DROP)));
        // A concrete operand must match every label.
        assertInvalid(function(sig(), block(result(F32)), block(result(I32)), op(Opcode.UNREACHABLE), i32(0),
                i32(0), brTable(1, 0), end(), op(Opcode.DROP), f32(0), end(), op(Opcode.DROP)), "type mismatch");
    }

    @Test
    void returnChecksTheFunctionResults() {
        assertValid(function(sig(I64), block(BlockType.EMPTY), i64(1), op(Opcode.RETURN), end(), i64(2)));
        assertInvalid(function(sig(I64), i32(1), op(Opcode.RETURN)), "type mismatch");
    }

    @Test
    void structuralDefectsOfHandBuiltModelsAreReportedAsMalformed() {
        var missingEnd = new wasm.core.model.Module(List.of(sig()), List.of(), List.of(0), List.of(), List.of(),
                List.of(), List.of(), java.util.OptionalInt.empty(), List.of(), java.util.OptionalInt.empty(),
                List.of(new wasm.core.model.FunctionBody(List.of(), List.of(op(Opcode.NOP)))), List.of(), null,
                List.of());
        org.junit.jupiter.api.Assertions.assertThrows(MalformedModuleException.class,
                () -> Validator.validate(missingEnd));
        org.junit.jupiter.api.Assertions.assertThrows(MalformedModuleException.class,
                () -> Validator.validate(function(sig(), else_())));
        org.junit.jupiter.api.Assertions.assertThrows(MalformedModuleException.class,
                () -> Validator.validate(function(sig(), end(), op(Opcode.NOP))));
        org.junit.jupiter.api.Assertions.assertThrows(MalformedModuleException.class,
                () -> Validator.validate(function(sig(), op(Opcode.I32_CONST), op(Opcode.DROP))));
    }
}
