package wasm.core.validate;

import static wasm.core.validate.TestModule.EXTERNREF;
import static wasm.core.validate.TestModule.F32;
import static wasm.core.validate.TestModule.F64;
import static wasm.core.validate.TestModule.FUNCREF;
import static wasm.core.validate.TestModule.I32;
import static wasm.core.validate.TestModule.I64;
import static wasm.core.validate.TestModule.call;
import static wasm.core.validate.TestModule.callIndirect;
import static wasm.core.validate.TestModule.f32;
import static wasm.core.validate.TestModule.f64;
import static wasm.core.validate.TestModule.function;
import static wasm.core.validate.TestModule.globalGet;
import static wasm.core.validate.TestModule.globalSet;
import static wasm.core.validate.TestModule.i32;
import static wasm.core.validate.TestModule.i64;
import static wasm.core.validate.TestModule.localGet;
import static wasm.core.validate.TestModule.localSet;
import static wasm.core.validate.TestModule.localTee;
import static wasm.core.validate.TestModule.module;
import static wasm.core.validate.TestModule.op;
import static wasm.core.validate.TestModule.refFunc;
import static wasm.core.validate.TestModule.refNull;
import static wasm.core.validate.TestModule.select;
import static wasm.core.validate.TestModule.sig;
import static wasm.core.validate.ValidationAssertions.assertInvalid;
import static wasm.core.validate.ValidationAssertions.assertValid;

import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.model.ExternKind;
import wasm.core.model.Opcode;

/** Typing of straight-line instructions: numeric ops, locals, globals, calls, select, references. */
class InstructionTypingTest {
    @Test
    void numericInstructionsUseTheirFixedSignatures() {
        assertValid(function(sig(I32), i32(1), i32(2), op(Opcode.I32_ADD)));
        assertValid(function(sig(F64), i64(7), op(Opcode.F64_CONVERT_I64_S), f64(1), op(Opcode.F64_MUL)));
        assertValid(function(sig(I32), f32(1), f32(2), op(Opcode.F32_LT)));
        assertInvalid(function(sig(I32), i32(1), i64(2), op(Opcode.I32_ADD)), "type mismatch");
        assertInvalid(function(sig(I64), i32(1), op(Opcode.I64_EXTEND_I32_S), op(Opcode.I64_EXTEND_I32_S)),
                "type mismatch");
    }

    @Test
    void operandStackMustHoldExactlyTheResults() {
        assertInvalid(function(sig(I32)), "type mismatch");
        assertInvalid(function(sig(), i32(1)), "type mismatch");
        assertInvalid(function(sig(I32), i32(1), i32(2)), "type mismatch");
        assertInvalid(function(sig(I32), op(Opcode.I32_EQZ)), "type mismatch");
        assertInvalid(function(sig(I64), i32(0)), "type mismatch");
    }

    @Test
    void unreachableMakesTheStackPolymorphic() {
        assertValid(function(sig(I32), op(Opcode.UNREACHABLE)));
        assertValid(function(sig(I32), op(Opcode.UNREACHABLE), op(Opcode.I32_ADD)));
        assertValid(function(sig(F64), op(Opcode.UNREACHABLE), op(Opcode.DROP), op(Opcode.DROP), f64(0)));
        assertValid(function(sig(I64), i64(1), op(Opcode.RETURN), op(Opcode.I64_CLZ)));
        assertInvalid(function(sig(I64), op(Opcode.RETURN)), "type mismatch");
        // Unknown operands still meet the concrete types pushed after the unreachable point.
        assertInvalid(function(sig(I32), op(Opcode.UNREACHABLE), i64(0), op(Opcode.I32_ADD)), "type mismatch");
        assertInvalid(function(sig(I32), op(Opcode.UNREACHABLE), i64(0)), "type mismatch");
    }

    @Test
    void localsAreParamsThenDeclaredLocals() {
        assertValid(module().func(sig(List.of(I32), List.of(I64)), List.of(I64),
                localGet(0), op(Opcode.DROP), i64(1), localSet(1), localGet(1), localTee(1)).build());
        assertInvalid(module().func(sig(List.of(I32), List.of()), List.of(F32), localGet(2), op(Opcode.DROP))
                .build(), "unknown local 2");
        assertInvalid(module().func(sig(List.of(I32), List.of()), List.of(), f32(0), localSet(0)).build(),
                "type mismatch");
        assertInvalid(function(sig(), i32(0), localTee(-1), op(Opcode.DROP)), "unknown local 4294967295");
    }

    @Test
    void globalsMustExistAndBeMutableToBeSet() {
        var globals = module().importGlobal(I64, false).global(I32, true, i32(0));
        assertValid(globals.func(sig(I64), globalGet(0), i32(1), globalSet(1)).build());
        assertInvalid(module().importGlobal(I64, false).func(sig(), i64(1), globalSet(0)).build(),
                "immutable global");
        assertInvalid(module().global(I32, true, i32(0)).func(sig(), i64(1), globalSet(0)).build(),
                "type mismatch");
        assertInvalid(function(sig(I32), globalGet(0)), "unknown global 0");
        assertInvalid(function(sig(), i32(0), globalSet(3)), "unknown global 3");
    }

    @Test
    void callsPopParamsAndPushResults() {
        var callee = sig(List.of(I32, F32), List.of(I64, I64));
        assertValid(module().importFunc(callee)
                .func(sig(I64), i32(1), f32(2), call(0), op(Opcode.I64_ADD)).build());
        assertInvalid(module().importFunc(callee).func(sig(), f32(2), i32(1), call(0), op(Opcode.DROP),
                op(Opcode.DROP)).build(), "type mismatch");
        assertInvalid(function(sig(), call(1)), "unknown function 1");
    }

    @Test
    void callIndirectNeedsAFuncrefTableAndAType() {
        var m = module().table(FUNCREF, 1);
        int type = m.type(sig(List.of(I32), List.of(I32)));
        assertValid(m.func(sig(I32), i32(5), i32(0), callIndirect(type, 0)).build());
        assertInvalid(module().func(sig(), i32(0), callIndirect(0, 0)).build(), "unknown table 0");
        assertInvalid(module().table(FUNCREF, 1).func(sig(), i32(0), callIndirect(7, 0)).build(),
                "unknown type 7");
        assertInvalid(module().table(EXTERNREF, 1).func(sig(), i32(0), callIndirect(0, 0)).build(),
                "type mismatch");
        assertInvalid(module().table(FUNCREF, 1).func(sig(), i64(0), callIndirect(0, 0)).build(),
                "type mismatch");
    }

    @Test
    void untypedSelectOnlyTakesNumericOperands() {
        assertValid(function(sig(F32), f32(1), f32(2), i32(0), op(Opcode.SELECT)));
        assertValid(function(sig(I64), op(Opcode.UNREACHABLE), op(Opcode.SELECT), op(Opcode.I64_EQZ),
                op(Opcode.I64_EXTEND_I32_U)));
        assertInvalid(function(sig(I32), i32(1), i64(2), i32(0), op(Opcode.SELECT)), "type mismatch");
        assertInvalid(function(sig(FUNCREF), refNull(FUNCREF), refNull(FUNCREF), i32(0), op(Opcode.SELECT)),
                "type mismatch");
        assertInvalid(function(sig(EXTERNREF), op(Opcode.UNREACHABLE), refNull(EXTERNREF), i32(0),
                op(Opcode.SELECT)), "type mismatch");
    }

    @Test
    void typedSelectTakesOneTypeOfAnyKind() {
        assertValid(function(sig(EXTERNREF), refNull(EXTERNREF), refNull(EXTERNREF), i32(0), select(EXTERNREF)));
        assertValid(function(sig(I32), i32(1), i32(2), i32(0), select(I32)));
        assertInvalid(function(sig(I32), i32(1), i64(2), i32(0), select(I32)), "type mismatch");
        assertInvalid(function(sig(), i32(0), new wasm.core.model.Instruction.SelectTyped(List.of())),
                "invalid result arity");
    }

    @Test
    void referenceInstructions() {
        assertValid(function(sig(I32), refNull(EXTERNREF), op(Opcode.REF_IS_NULL)));
        assertValid(function(sig(I32), op(Opcode.UNREACHABLE), op(Opcode.REF_IS_NULL)));
        assertInvalid(function(sig(I32), i32(0), op(Opcode.REF_IS_NULL)), "type mismatch");
        assertInvalid(function(sig(FUNCREF), refNull(EXTERNREF)), "type mismatch");
    }

    @Test
    void refFuncNeedsADeclaredFunction() {
        assertInvalid(module().func(sig(FUNCREF), refFunc(0)).build(), "undeclared function reference");
        assertInvalid(module().func(sig(FUNCREF), refFunc(1)).build(), "unknown function 1");
        // Declared by an element segment of any mode, by an export, or by a global initializer.
        assertValid(module().func(sig(FUNCREF), refFunc(0)).declareElem(0).build());
        assertValid(module().table(FUNCREF, 1).func(sig(FUNCREF), refFunc(0)).activeElem(0, 0).build());
        assertValid(module().func(sig(FUNCREF), refFunc(0)).export("f", ExternKind.FUNC, 0).build());
        assertValid(module().global(FUNCREF, false, refFunc(0)).func(sig(FUNCREF), refFunc(0)).build());
        // The start function is not a declaration.
        assertInvalid(module().func(sig()).func(sig(FUNCREF), refFunc(0)).start(0).build(),
                "undeclared function reference");
    }
}
