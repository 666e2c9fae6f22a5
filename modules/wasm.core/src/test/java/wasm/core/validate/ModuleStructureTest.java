package wasm.core.validate;

import static wasm.core.validate.TestModule.EXTERNREF;
import static wasm.core.validate.TestModule.F32;
import static wasm.core.validate.TestModule.FUNCREF;
import static wasm.core.validate.TestModule.I32;
import static wasm.core.validate.TestModule.I64;
import static wasm.core.validate.TestModule.f32;
import static wasm.core.validate.TestModule.globalGet;
import static wasm.core.validate.TestModule.i32;
import static wasm.core.validate.TestModule.i64;
import static wasm.core.validate.TestModule.localGet;
import static wasm.core.validate.TestModule.module;
import static wasm.core.validate.TestModule.op;
import static wasm.core.validate.TestModule.refFunc;
import static wasm.core.validate.TestModule.refNull;
import static wasm.core.validate.TestModule.sig;
import static wasm.core.validate.ValidationAssertions.assertInvalid;
import static wasm.core.validate.ValidationAssertions.assertValid;

import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.model.ExternKind;
import wasm.core.model.Limits;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.ValType;

/** Module-level rules: limits, constant expressions, segments, start, exports, unsupported features. */
class ModuleStructureTest {
    @Test
    void memoryLimits() {
        assertValid(module().memory(0, 65536).build());
        assertValid(module().memory(65536).build());
        assertInvalid(module().memory(65537).build(), "memory size must be at most 65536 pages (4GiB)");
        assertInvalid(module().memory(0, 65537).build(), "memory size must be at most 65536 pages (4GiB)");
        assertInvalid(module().memory(2, 1).build(), "size minimum must not be greater than maximum");
        assertInvalid(module().importMemory(3, 2).build(), "size minimum must not be greater than maximum");
    }

    @Test
    void tableLimits() {
        assertValid(module().table(FUNCREF, 0xFFFF_FFFFL, 0xFFFF_FFFFL).build());
        assertInvalid(module().table(FUNCREF, 0x1_0000_0000L).build(), "table size must be at most 2^32-1");
        assertInvalid(module().table(EXTERNREF, 10, 9).build(), "size minimum must not be greater than maximum");
        assertValid(module().table(EXTERNREF, 10, Limits.UNBOUNDED).build());
    }

    @Test
    void constantExpressions() {
        assertValid(module().global(I32, false, i32(1)).global(F32, true, f32(2))
                .global(EXTERNREF, false, refNull(EXTERNREF)).build());
        assertInvalid(module().global(I32, false, i32(0), op(Opcode.NOP)).build(), "constant expression required");
        assertInvalid(module().global(I32, false, i32(0), op(Opcode.I32_CLZ)).build(),
                "constant expression required");
        assertInvalid(module().global(F32, false, localGet(0)).build(), "constant expression required");
        assertInvalid(module().global(I32, false, i64(0)).build(), "type mismatch");
        assertInvalid(module().global(I32, false).build(), "type mismatch");
        assertInvalid(module().global(I32, false, i32(0), i32(0)).build(), "type mismatch");
    }

    @Test
    void globalInitializersReadImportedOrEarlierImmutableGlobals() {
        assertValid(module().importGlobal(I64, false).global(I64, false, globalGet(0)).build());
        assertValid(module().global(I32, false, i32(0)).global(I32, false, globalGet(0)).build());
        assertInvalid(module().importGlobal(I32, true).global(I32, false, globalGet(0)).build(),
                "constant expression required");
        assertInvalid(module().global(I32, false, globalGet(0)).build(), "unknown global 0");
        assertInvalid(module().global(I32, false, globalGet(1)).global(I32, false, i32(0)).build(),
                "unknown global 1");
        assertInvalid(module().importGlobal(I64, false).global(I32, false, globalGet(0)).build(), "type mismatch");
    }

    @Test
    void elementSegments() {
        assertValid(module().table(FUNCREF, 2).func(sig()).activeElem(0, 0, 0).build());
        assertInvalid(module().func(sig()).activeElem(0, 0).build(), "unknown table 0");
        assertInvalid(module().table(EXTERNREF, 1).func(sig()).activeElem(0, 0).build(), "type mismatch");
        assertInvalid(module().table(FUNCREF, 1).activeElem(0, 3).build(), "unknown function 3");
        assertInvalid(module().table(FUNCREF, 1).elem(FUNCREF, SegmentMode.ACTIVE, 0, List.of(i64(0)), List.of())
                .build(), "type mismatch");
        assertInvalid(module().table(FUNCREF, 1).elem(FUNCREF, SegmentMode.ACTIVE, 0, List.of(op(Opcode.NOP)),
                List.of()).build(), "constant expression required");
        assertInvalid(module().func(sig())
                .passiveElem(EXTERNREF, List.of(TestModule.withEnd(refFunc(0)))).build(), "type mismatch");
        assertInvalid(module().importGlobal(I32, true).table(FUNCREF, 1)
                .elem(FUNCREF, SegmentMode.ACTIVE, 0, List.of(globalGet(0)), List.of()).build(),
                "constant expression required");
    }

    @Test
    void dataSegments() {
        assertValid(module().memory(1).activeData(0, i32(8), "hi").build());
        assertValid(module().importGlobal(I32, false).memory(1).activeData(0, globalGet(0), "hi").build());
        assertInvalid(module().activeData(0, i32(8), "hi").build(), "unknown memory 0");
        assertInvalid(module().memory(1).activeData(0, i64(8), "hi").build(), "type mismatch");
        assertInvalid(module().memory(1).activeData(0, op(Opcode.UNREACHABLE), "hi").build(),
                "constant expression required");
    }

    @Test
    void startFunction() {
        assertValid(module().func(sig()).start(0).build());
        assertInvalid(module().func(sig()).start(1).build(), "unknown function 1");
        assertInvalid(module().func(sig(I32), i32(0)).start(0).build(),
                "start function must not have parameters or results");
        assertInvalid(module().importFunc(sig(List.of(I32), List.of())).start(0).build(),
                "start function must not have parameters or results");
    }

    @Test
    void exports() {
        assertValid(module().func(sig()).memory(1).table(FUNCREF, 1).global(I32, true, i32(0))
                .export("f", ExternKind.FUNC, 0).export("m", ExternKind.MEMORY, 0)
                .export("t", ExternKind.TABLE, 0).export("g", ExternKind.GLOBAL, 0).build());
        assertInvalid(module().func(sig()).export("a", ExternKind.FUNC, 0).export("a", ExternKind.FUNC, 0).build(),
                "duplicate export name");
        assertInvalid(module().export("a", ExternKind.FUNC, 0).build(), "unknown function 0");
        assertInvalid(module().export("a", ExternKind.TABLE, 0).build(), "unknown table 0");
        assertInvalid(module().export("a", ExternKind.MEMORY, 1).build(), "unknown memory 1");
        assertInvalid(module().importGlobal(I32, false).export("a", ExternKind.GLOBAL, 1).build(),
                "unknown global 1");
    }

    @Test
    void typeIndicesOfFunctionsAndImports() {
        var m = module();
        m.addType(sig());
        var broken = new wasm.core.model.Module(List.of(sig()), List.of(), List.of(3), List.of(), List.of(),
                List.of(), List.of(), java.util.OptionalInt.empty(), List.of(), java.util.OptionalInt.empty(),
                List.of(new wasm.core.model.FunctionBody(List.of(), TestModule.withEnd())), List.of(), null, List.of());
        assertInvalid(broken, "unknown type 3");
        var brokenImport = new wasm.core.model.Module(List.of(), List.of(new wasm.core.model.Import("m", "f",
                new wasm.core.model.ImportDesc.Func(0))), List.of(), List.of(), List.of(), List.of(), List.of(),
                java.util.OptionalInt.empty(), List.of(), java.util.OptionalInt.empty(), List.of(), List.of(), null,
                List.of());
        assertInvalid(brokenImport, "unknown type 0");
        assertValid(m.build());
    }

    @Test
    void extendedConstantExpressions() {
        assertValid(module().global(I32, false, i32(1), i32(2), op(Opcode.I32_MUL)).build());
        assertValid(module().importGlobal(I64, false).global(I64, false, globalGet(0), i64(3), op(Opcode.I64_SUB),
                i64(5), op(Opcode.I64_ADD)).build());
        assertInvalid(module().global(I32, false, i32(1), i64(2), op(Opcode.I32_ADD)).build(), "type mismatch");
        assertInvalid(module().global(I32, false, i32(1), i32(2), op(Opcode.I32_DIV_S)).build(),
                "constant expression required");
        assertInvalid(module().global(I64, false, i64(1), i64(2), op(Opcode.I64_AND)).build(),
                "constant expression required");
    }
}
