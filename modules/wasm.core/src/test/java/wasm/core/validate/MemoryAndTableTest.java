package wasm.core.validate;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static wasm.core.validate.TestModule.EXTERNREF;
import static wasm.core.validate.TestModule.F64;
import static wasm.core.validate.TestModule.FUNCREF;
import static wasm.core.validate.TestModule.I32;
import static wasm.core.validate.TestModule.I64;
import static wasm.core.validate.TestModule.f64;
import static wasm.core.validate.TestModule.i32;
import static wasm.core.validate.TestModule.i64;
import static wasm.core.validate.TestModule.indexed;
import static wasm.core.validate.TestModule.indexed2;
import static wasm.core.validate.TestModule.load;
import static wasm.core.validate.TestModule.module;
import static wasm.core.validate.TestModule.op;
import static wasm.core.validate.TestModule.refNull;
import static wasm.core.validate.TestModule.sig;
import static wasm.core.validate.ValidationAssertions.assertInvalid;
import static wasm.core.validate.ValidationAssertions.assertValid;

import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.model.Opcode;

/** Loads, stores, bulk memory, and table instructions. */
class MemoryAndTableTest {
    @Test
    void loadsAndStoresNeedAMemoryAndAtMostNaturalAlignment() {
        assertValid(module().memory(1).func(sig(I64), i32(0), load(Opcode.I64_LOAD, 3)).build());
        assertValid(module().memory(1).func(sig(I32), i32(0), load(Opcode.I32_LOAD8_U, 0)).build());
        assertValid(module().memory(1).func(sig(), i32(0), f64(1), load(Opcode.F64_STORE, 2)).build());
        assertInvalid(module().memory(1).func(sig(I32), i32(0), load(Opcode.I32_LOAD16_S, 2)).build(),
                "alignment must not be larger than natural");
        assertInvalid(module().memory(1).func(sig(), i32(0), i64(0), load(Opcode.I64_STORE32, 3)).build(),
                "alignment must not be larger than natural");
        assertInvalid(module().memory(1).func(sig(I32), i32(0), load(Opcode.I32_LOAD, 40)).build(),
                "alignment must not be larger than natural");
        assertInvalid(module().func(sig(I32), i32(0), load(Opcode.I32_LOAD, 2)).build(), "unknown memory 0");
        assertInvalid(module().memory(1).func(sig(F64), i64(0), load(Opcode.F64_LOAD, 3)).build(),
                "type mismatch");
        assertInvalid(module().memory(1).func(sig(I32), i32(0),
                new wasm.core.model.Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 0x1_0000_0000L)).build(),
                "offset out of range");
    }

    @Test
    void memorySizeGrowCopyFillNeedAMemory() {
        assertValid(module().memory(1).func(sig(I32), indexed(Opcode.MEMORY_SIZE, 0),
                indexed(Opcode.MEMORY_GROW, 0)).build());
        assertValid(module().importMemory(1, 2)
                .func(sig(), i32(0), i32(0), i32(1), indexed2(Opcode.MEMORY_COPY, 0, 0), i32(0), i32(0), i32(1),
                        indexed(Opcode.MEMORY_FILL, 0)).build());
        assertInvalid(module().func(sig(I32), indexed(Opcode.MEMORY_SIZE, 0)).build(), "unknown memory 0");
        assertInvalid(module().func(sig(), i32(0), i32(0), i32(1), indexed(Opcode.MEMORY_FILL, 0)).build(),
                "unknown memory 0");
        assertInvalid(module().memory(1).func(sig(), i32(0), i64(0), i32(1), indexed(Opcode.MEMORY_FILL, 0)).build(),
                "type mismatch");
        // The 2.0 shape, without a memory index, is not an instruction the readers make.
        assertThrows(wasm.core.MalformedModuleException.class, () -> wasm.core.validate.Validator.validate(
                module().memory(1).func(sig(I32), op(Opcode.MEMORY_SIZE)).build()));
    }

    @Test
    void multipleMemoriesAndSixtyFourBitAddresses() {
        var mem64 = new wasm.core.model.MemoryType(new wasm.core.model.Limits(1, 2), wasm.core.model.AddressType.I64);
        // memory 1 is 64-bit: its addresses, sizes and lengths are i64; copy lengths take the narrower type
        assertValid(module().memory(1).memoryType(mem64).func(sig(I64), indexed(Opcode.MEMORY_SIZE, 1)).build());
        assertValid(module().memory(1).memoryType(mem64).func(sig(I32), i64(8),
                new wasm.core.model.Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 0x1_0000_0000L, 1)).build());
        assertValid(module().memory(1).memoryType(mem64).func(sig(), i32(0), i64(0), i32(4),
                indexed2(Opcode.MEMORY_COPY, 0, 1), i64(0), i64(0), i64(4), indexed2(Opcode.MEMORY_COPY, 1, 1)).build());
        assertInvalid(module().memory(1).memoryType(mem64).func(sig(I32), i32(8),
                new wasm.core.model.Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 0, 1)).build(), "type mismatch");
        assertInvalid(module().memory(1).memoryType(mem64).func(sig(), i32(0), i64(0), i64(4),
                indexed2(Opcode.MEMORY_COPY, 0, 1)).build(), "type mismatch");
        assertInvalid(module().memory(1).func(sig(I32), i32(8),
                new wasm.core.model.Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 0, 1)).build(), "unknown memory 1");
        assertInvalid(module().memory(1).memoryType(mem64).func(sig(), i64(0), i32(0), i64(1),
                indexed(Opcode.MEMORY_FILL, 0)).build(), "type mismatch");
    }

    @Test
    void memoryInitAndDataDropNeedTheSegmentAndADataCountSection() {
        assertValid(module().memory(1).passiveData("abc").withDataCount()
                .func(sig(), i32(0), i32(0), i32(1), indexed2(Opcode.MEMORY_INIT, 0, 0),
                        indexed(Opcode.DATA_DROP, 0)).build());
        assertInvalid(module().memory(1).passiveData("abc").withDataCount()
                .func(sig(), indexed(Opcode.DATA_DROP, 1)).build(), "unknown data segment 1");
        assertInvalid(module().passiveData("abc").withDataCount()
                .func(sig(), i32(0), i32(0), i32(1), indexed2(Opcode.MEMORY_INIT, 0, 0)).build(), "unknown memory 0");
        assertInvalid(module().memory(1).passiveData("abc")
                .func(sig(), indexed(Opcode.DATA_DROP, 0)).build(), "data count section required");
        // With no data segment at all the index error comes first, as the suite expects.
        assertInvalid(module().memory(1).func(sig(), indexed(Opcode.DATA_DROP, 0)).build(),
                "unknown data segment 0");
    }

    @Test
    void tableAccessUsesTheTableElementType() {
        assertValid(module().table(EXTERNREF, 1).table(FUNCREF, 1)
                .func(sig(FUNCREF), i32(0), indexed(Opcode.TABLE_GET, 1)).build());
        assertValid(module().table(EXTERNREF, 1)
                .func(sig(I32), i32(0), refNull(EXTERNREF), indexed(Opcode.TABLE_SET, 0),
                        refNull(EXTERNREF), i32(2), indexed(Opcode.TABLE_GROW, 0), op(Opcode.DROP),
                        i32(0), refNull(EXTERNREF), i32(1), indexed(Opcode.TABLE_FILL, 0),
                        indexed(Opcode.TABLE_SIZE, 0)).build());
        assertInvalid(module().table(EXTERNREF, 1)
                .func(sig(), i32(0), refNull(FUNCREF), indexed(Opcode.TABLE_SET, 0)).build(), "type mismatch");
        assertInvalid(module().table(FUNCREF, 1)
                .func(sig(), i32(1), refNull(FUNCREF), indexed(Opcode.TABLE_GROW, 0), op(Opcode.DROP)).build(),
                "type mismatch");
        assertInvalid(module().func(sig(I32), indexed(Opcode.TABLE_SIZE, 0)).build(), "unknown table 0");
        assertInvalid(module().table(FUNCREF, 1).func(sig(FUNCREF), i32(0), indexed(Opcode.TABLE_GET, 1)).build(),
                "unknown table 1");
    }

    @Test
    void tableCopyAndInitNeedMatchingElementTypes() {
        assertValid(module().table(FUNCREF, 1).table(FUNCREF, 2)
                .func(sig(), i32(0), i32(0), i32(1), indexed2(Opcode.TABLE_COPY, 1, 0)).build());
        assertInvalid(module().table(FUNCREF, 1).table(EXTERNREF, 2)
                .func(sig(), i32(0), i32(0), i32(1), indexed2(Opcode.TABLE_COPY, 1, 0)).build(), "type mismatch");
        assertInvalid(module().table(FUNCREF, 1)
                .func(sig(), i32(0), i32(0), i32(1), indexed2(Opcode.TABLE_COPY, 0, 2)).build(), "unknown table 2");

        var segment = List.of(TestModule.withEnd(refNull(EXTERNREF)));
        assertValid(module().table(EXTERNREF, 1).passiveElem(EXTERNREF, segment)
                .func(sig(), i32(0), i32(0), i32(1), indexed2(Opcode.TABLE_INIT, 0, 0),
                        indexed(Opcode.ELEM_DROP, 0)).build());
        assertInvalid(module().table(FUNCREF, 1).passiveElem(EXTERNREF, segment)
                .func(sig(), i32(0), i32(0), i32(1), indexed2(Opcode.TABLE_INIT, 0, 0)).build(), "type mismatch");
        assertInvalid(module().table(FUNCREF, 1)
                .func(sig(), i32(0), i32(0), i32(1), indexed2(Opcode.TABLE_INIT, 4, 0)).build(),
                "unknown elem segment 4");
        assertInvalid(module().func(sig(), indexed(Opcode.ELEM_DROP, 0)).build(), "unknown elem segment 0");
        assertInvalid(module().table(FUNCREF, 1).passiveElem(EXTERNREF, segment)
                .func(sig(), i32(0), i32(0), i64(1), indexed2(Opcode.TABLE_INIT, 0, 0)).build(), "type mismatch");
        assertInvalid(module().table(FUNCREF, 1).passiveElem(FUNCREF, List.of())
                .func(sig(F64), i32(0), i32(0), i32(1), indexed2(Opcode.TABLE_INIT, 0, 0)).build(),
                "type mismatch");
    }
}
