package wasm.core.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wasm.core.binary.Bin.body;
import static wasm.core.binary.Bin.module;
import static wasm.core.binary.Bin.section;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wasm.core.MalformedModuleException;
import wasm.core.Feature;
import wasm.core.UnsupportedFeatureException;
import wasm.core.model.AddressType;
import wasm.core.model.BlockType;
import wasm.core.model.CustomSection;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Global;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.core.model.ValType;

class ModuleDecoderTest {
    private static final String TYPE_VOID = section(1, "01 60 00 00");
    private static final String ONE_FUNC = section(3, "01 00");

    private static Module decode(byte[] b) {
        return ModuleDecoder.decode(b);
    }

    private static void assertMalformed(String message, byte[] b) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> decode(b));
        assertEquals(message, e.getMessage());
    }

    private static void assertUnsupported(Feature feature, byte[] b) {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> decode(b));
        assertEquals(feature, e.feature(), e.getMessage());
        assertTrue(e.getMessage().startsWith("unsupported feature: " + feature.label() + " ("), e.getMessage());
    }

    private static List<Instruction> codeOf(String instructions) {
        Module m = decode(module(TYPE_VOID, ONE_FUNC, section(12, "00"),
                section(10, "01" + body("00" + instructions))));
        return m.codes().get(0).code();
    }

    @Test
    void emptyModule() {
        assertEquals(Module.empty(), decode(module()));
    }

    @Test
    void typeSection() {
        Module m = decode(module(section(1, "02 60 02 7f 7e 01 7d 60 00 02 70 6f")));
        assertEquals(List.of(FuncType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.F32)),
                FuncType.of(List.of(), List.of(ValType.FUNCREF, ValType.EXTERNREF))), m.types());
    }

    @Test
    void importSectionAllKinds() {
        Module m = decode(module(TYPE_VOID, section(2,
                "04"
                        + "01 6d 01 66 00 00"          // m.f func type 0
                        + "01 6d 01 74 01 70 01 01 05" // m.t table funcref 1..5
                        + "01 6d 01 6d 02 00 02"       // m.m memory 2
                        + "01 6d 01 67 03 7e 01")));   // m.g global mut i64
        assertEquals(List.of(
                new Import("m", "f", new ImportDesc.Func(0)),
                new Import("m", "t", new ImportDesc.Table(new TableType(ValType.FUNCREF, new Limits(1, 5)))),
                new Import("m", "m", new ImportDesc.Memory(new MemoryType(Limits.of(2)))),
                new Import("m", "g", new ImportDesc.Global(new GlobalType(ValType.I64, true)))), m.imports());
    }

    @Test
    void functionTableMemoryGlobalExportStart() {
        Module m = decode(module(TYPE_VOID, ONE_FUNC,
                section(4, "01 6f 00 03"),
                section(5, "01 01 01 80 02"),
                section(6, "01 7f 00 41 2a 0b"),
                section(7, "02 01 66 00 00 01 6d 02 00"),
                section(8, "00"),
                section(10, "01" + body("00 0b"))));
        assertEquals(List.of(0), m.functions());
        assertEquals(List.of(new TableType(ValType.EXTERNREF, Limits.of(3))), m.tables());
        assertEquals(List.of(new MemoryType(new Limits(1, 256))), m.memories());
        assertEquals(List.of(new Global(new GlobalType(ValType.I32, false),
                List.of(new Instruction.I32Const(42), Instruction.END))), m.globals());
        assertEquals(List.of(new Export("f", ExternKind.FUNC, 0), new Export("m", ExternKind.MEMORY, 0)),
                m.exports());
        assertEquals(OptionalInt.of(0), m.start());
        assertEquals(List.of(new FunctionBody(List.of(), List.of(Instruction.END))), m.codes());
    }

    @Test
    void allEightElementEncodingsNormalise() {
        List<Instruction> off = List.of(new Instruction.I32Const(1), Instruction.END);
        List<Instruction> f0 = List.of(new Instruction.Indexed(Opcode.REF_FUNC, 0), Instruction.END);
        List<Instruction> nul = List.of(new Instruction.RefNull(ValType.FUNCREF), Instruction.END);
        List<Instruction> nulExt = List.of(new Instruction.RefNull(ValType.EXTERNREF), Instruction.END);
        Module m = decode(module(TYPE_VOID, ONE_FUNC, section(4, "02 70 00 01 6f 00 01"), section(9, "08"
                + "00 41 01 0b 01 00"          // 0: active table 0, func indices
                + "01 00 01 00"                // 1: passive, elemkind, func indices
                + "02 01 41 01 0b 00 01 00"    // 2: active table 1, elemkind, func indices
                + "03 00 01 00"                // 3: declarative
                + "04 41 01 0b 02 d2 00 0b d0 70 0b" // 4: active table 0, expressions
                + "05 6f 01 d0 6f 0b"          // 5: passive externref expressions
                + "06 01 41 01 0b 70 01 d2 00 0b" // 6: active table 1, funcref expressions
                + "07 70 01 d2 00 0b"),        // 7: declarative expressions
                section(10, "01" + body("00 0b"))));
        assertEquals(List.of(
                new ElementSegment(ValType.FUNCREF, List.of(f0), SegmentMode.ACTIVE, 0, off),
                new ElementSegment(ValType.FUNCREF, List.of(f0), SegmentMode.PASSIVE, 0, List.of()),
                new ElementSegment(ValType.FUNCREF, List.of(f0), SegmentMode.ACTIVE, 1, off),
                new ElementSegment(ValType.FUNCREF, List.of(f0), SegmentMode.DECLARATIVE, 0, List.of()),
                new ElementSegment(ValType.FUNCREF, List.of(f0, nul), SegmentMode.ACTIVE, 0, off),
                new ElementSegment(ValType.EXTERNREF, List.of(nulExt), SegmentMode.PASSIVE, 0, List.of()),
                new ElementSegment(ValType.FUNCREF, List.of(f0), SegmentMode.ACTIVE, 1, off),
                new ElementSegment(ValType.FUNCREF, List.of(f0), SegmentMode.DECLARATIVE, 0, List.of())),
                m.elements());
        // the compact encoding and the expression encoding of the same segment are one model
        assertEquals(m.elements().get(2), m.elements().get(6));
    }

    @Test
    void dataSegmentsDataCountAndCustomSections() {
        Module m = decode(module(section(5, "01 00 01"), section(12, "03"),
                section(0, "03 61 62 63 01 02"),
                section(11, "03 00 41 08 0b 02 68 69 01 00 02 00 41 00 0b 01 ff"),
                section(0, "01 7a")));
        assertEquals(OptionalInt.of(3), m.dataCount());
        assertEquals(List.of(
                new DataSegment("hi".getBytes(), SegmentMode.ACTIVE, 0,
                        List.of(new Instruction.I32Const(8), Instruction.END)),
                new DataSegment(new byte[0], SegmentMode.PASSIVE, 0, List.of()),
                new DataSegment(new byte[] {(byte) 0xff}, SegmentMode.ACTIVE, 0,
                        List.of(new Instruction.I32Const(0), Instruction.END))), m.datas());
        assertEquals(List.of(new CustomSection("abc", new byte[] {1, 2}), new CustomSection("z", new byte[0])),
                m.customSections());
    }

    @Test
    void nameSectionDecodesModuleFunctionAndLocalNames() {
        // subsections: 0 module "mod", 1 functions {0:"f"}, 2 locals {0:{0:"x",1:"y"}}, 7 unknown (skipped)
        String names = "04 6e 61 6d 65"
                + "00 04 03 6d 6f 64"
                + "01 04 01 00 01 66"
                + "02 09 01 00 02 00 01 78 01 01 79"
                + "07 01 00";
        Module m = decode(module(TYPE_VOID, ONE_FUNC, section(10, "01" + body("00 0b")), section(0, names)));
        assertEquals(new NameSection("mod", Map.of(0, "f"), Map.of(0, Map.of(0, "x", 1, "y"))), m.names());
        assertEquals(List.of(), m.customSections());
        assertEquals("f", m.functionName(0));
    }

    @Test
    void malformedNameSectionIsKeptVerbatimAndDoesNotFailTheModule() {
        // function name subsection claims 5 entries but holds one; then a bad UTF-8 module name
        for (String payload : List.of("01 04 05 00 01 66", "00 02 01 ff", "01 05 02 01 00 00 00", "ff")) {
            byte[] bytes = module(section(0, "04 6e 61 6d 65" + payload));
            Module m = decode(bytes);
            assertEquals(NameSection.EMPTY, m.names());
            assertEquals(1, m.customSections().size());
            assertEquals("name", m.customSections().get(0).name());
        }
    }

    @Test
    void customSectionNameMustBeUtf8() {
        assertMalformed("malformed UTF-8 encoding", module(section(0, "02 c0 80")));
    }

    @Test
    void instructionsWithEveryImmediateKind() {
        List<Instruction> code = codeOf(
                "02 40 03 7f 04 00 05 0b 0b 0b"   // block, loop i32, if typeidx 0, else
                        + "0c 01 0d 00 0e 02 00 01 02"    // br, br_if, br_table
                        + "10 00 11 00 00"                 // call, call_indirect
                        + "1c 01 7e 20 00 23 01 25 02"     // select t, local.get, global.get, table.get
                        + "28 02 10 37 03 8080808010"       // i32.load align=4 offset=16, i64.store offset 2^32
                        + "3f 00 40 00"                    // memory.size, memory.grow
                        + "41 7f 42 80 01 43 00 00 c0 7f 44 01 00 00 00 00 00 f8 7f"
                        + "d0 6f d1 d2 03"
                        + "fc 00 fc 08 05 00 fc 09 05 fc 0a 00 00 fc 0b 00 fc 0c 01 02 fc 0d 01 fc 0e 03 04"
                        + "fc 0f 01 fc 10 01 fc 11 01 0b");
        List<Instruction> expected = List.of(
                new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY),
                new Instruction.Block(Opcode.LOOP, new BlockType.Value(ValType.I32)),
                new Instruction.Block(Opcode.IF, new BlockType.TypeIndex(0)),
                Instruction.plain(Opcode.ELSE), Instruction.END, Instruction.END, Instruction.END,
                new Instruction.Indexed(Opcode.BR, 1), new Instruction.Indexed(Opcode.BR_IF, 0),
                new Instruction.BrTable(List.of(0, 1), 2),
                new Instruction.Indexed(Opcode.CALL, 0), new Instruction.Indexed2(Opcode.CALL_INDIRECT, 0, 0),
                new Instruction.SelectTyped(List.of(ValType.I64)), new Instruction.Indexed(Opcode.LOCAL_GET, 0),
                new Instruction.Indexed(Opcode.GLOBAL_GET, 1), new Instruction.Indexed(Opcode.TABLE_GET, 2),
                new Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 16),
                new Instruction.MemoryAccess(Opcode.I64_STORE, 3, 0x1_0000_0000L),
                new Instruction.Indexed(Opcode.MEMORY_SIZE, 0), new Instruction.Indexed(Opcode.MEMORY_GROW, 0),
                new Instruction.I32Const(-1), new Instruction.I64Const(128),
                new Instruction.F32Const(0x7fc00000), new Instruction.F64Const(0x7ff8000000000001L),
                new Instruction.RefNull(ValType.EXTERNREF), Instruction.plain(Opcode.REF_IS_NULL),
                new Instruction.Indexed(Opcode.REF_FUNC, 3),
                Instruction.plain(Opcode.I32_TRUNC_SAT_F32_S), new Instruction.Indexed2(Opcode.MEMORY_INIT, 5, 0),
                new Instruction.Indexed(Opcode.DATA_DROP, 5), new Instruction.Indexed2(Opcode.MEMORY_COPY, 0, 0),
                new Instruction.Indexed(Opcode.MEMORY_FILL, 0), new Instruction.Indexed2(Opcode.TABLE_INIT, 1, 2),
                new Instruction.Indexed(Opcode.ELEM_DROP, 1), new Instruction.Indexed2(Opcode.TABLE_COPY, 3, 4),
                new Instruction.Indexed(Opcode.TABLE_GROW, 1), new Instruction.Indexed(Opcode.TABLE_SIZE, 1),
                new Instruction.Indexed(Opcode.TABLE_FILL, 1), Instruction.END);
        assertEquals(expected, code);
        // without the data count section, memory.init and data.drop make the module malformed
        assertMalformed("data count section required",
                module(TYPE_VOID, ONE_FUNC, section(10, "01" + body("00 fc 09 00 0b"))));
    }

    @Test
    void localsAreExpandedInOrder() {
        Module m = decode(module(TYPE_VOID, ONE_FUNC, section(10, "01" + body("03 02 7f 00 7e 01 6f 0b"))));
        assertEquals(List.of(ValType.I32, ValType.I32, ValType.EXTERNREF), m.codes().get(0).locals());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "unexpected end|",
        "unexpected end|0061",
        "magic header not detected|0061736e01000000",
        "unexpected end|0061736d0100",
        "unknown binary version|0061736d02000000",
        "malformed section id|0061736d01000000 0e0100",
        "unexpected end of section or function|0061736d01000000 01",
        "length out of bounds|0061736d01000000 010501",
        "section size mismatch|0061736d01000000 0102 0000",
        "unexpected content after last section|0061736d01000000 010100 010100",
        "unexpected content after last section|0061736d01000000 030100 010100",
        "unexpected content after last section|0061736d01000000 0a0100 0c0100",
        "malformed function type|0061736d01000000 0104 01610000",
        "malformed reference type|0061736d01000000 0105 0160010000",
        "malformed import kind|0061736d01000000 0204 01000005",
        "malformed export kind|0061736d01000000 0704 01000500",
        "malformed limits flags|0061736d01000000 0503 010800",
        "malformed mutability|0061736d01000000 0606 017f02410b",
        "malformed reference type|0061736d01000000 0404 01410000",
        "malformed elements segment kind|0061736d01000000 0902 0108",
        "malformed element kind|0061736d01000000 0904 01010100",
        "malformed data segment kind|0061736d01000000 0b02 0103",
        "integer representation too long|0061736d01000000 0109 0160808080808000 00",
        "integer too large|0061736d01000000 0107 01608080808010",
        "function and code section have inconsistent lengths|0061736d01000000 010401600000 030201 00",
        "data count and data section have inconsistent lengths|0061736d01000000 0c0101",
        "malformed UTF-8 encoding|0061736d01000000 0208 01 02c0af 00 0000",
    })
    void malformedHeaderAndSections(String message, String hex) {
        assertMalformed(message, Bin.hex(hex == null ? "" : hex));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "illegal opcode ff|00 ff 0b",
        "illegal opcode fc 12|00 fc 12 0b",
        "illegal opcode 27|00 27 0b",
        "END opcode expected|00 05 0b",
        "END opcode expected|00 02 40 05 0b 0b",
        "END opcode expected|00 04 40 05 05 0b 0b",
        "malformed memop flags|00 41 00 28 80 01 00 1a 0b",
        "too many locals|02 ffffffff0f 7f 02 7e 0b",
        "too many locals|01 d18603 7f 0b",
        "integer too large|01 8080808010 7f 0b",
        "malformed reference type|00 d0 7f 0b",
        "integer representation too long|00 41 8080808080 00 0b",
        "integer too large|00 41 80808080 70 0b",
        "integer representation too long|00 42 80808080808080808080 00 0b",
        "integer too large|00 42 808080808080808080 02 0b",
    })
    void malformedFunctionBodies(String message, String bodyHex) {
        assertMalformed(message, module(TYPE_VOID, ONE_FUNC, section(10, "01" + body(bodyHex))));
    }

    @Test
    void missingEndAtTheEndOfTheInputIsAnUnexpectedEnd() {
        assertMalformed("unexpected end of section or function", module(TYPE_VOID, ONE_FUNC, "0a 05 01 03 00 41 00"));
    }

    @Test
    void lengthsLargerThanTheInputAreRejectedBeforeAllocating() {
        // a type vector claiming 2^32-1 entries, a data segment claiming 2 GB
        assertMalformed("length out of bounds", module("01 06 ffffffff0f 00"));
        assertMalformed("length out of bounds", module(section(5, "01 00 01"), "0b 0b 01 01 ffffffff07 00 00 00 00 00"));
    }

    @Test
    void memory64AndMultipleMemories() {
        // limits flags 0x04/0x05: a 64-bit memory or table, bounds as u64
        Module m = ModuleDecoder.decode(module(section(4, "01 70 05 00 ffffffffffffffffff01"),
                section(5, "02 05 01 808080808020 00 00")));
        assertEquals(new TableType(ValType.FUNCREF, new Limits(0, Long.MAX_VALUE), AddressType.I64), m.tables().get(0));
        assertEquals(new MemoryType(new Limits(1, 1L << 40), AddressType.I64), m.memories().get(0));
        assertEquals(new MemoryType(new Limits(0, Limits.UNBOUNDED)), m.memories().get(1));
        // memory.size 1; i32.load with flag bit 6: memory 1, offset 2^33; memory.copy 1 0; memory.init 0 1
        Module code = ModuleDecoder.decode(module(TYPE_VOID, ONE_FUNC, section(5, "02 00 01 04 01"),
                section(12, "01"), section(10, "01" + body("00 3f 01 1a 41 00 28 42 01 8080808020 1a "
                        + "41 00 41 00 41 00 fc 0a 01 00 41 00 41 00 41 00 fc 08 00 01 0b")),
                section(11, "01 01 00")));
        assertEquals(List.of(new Instruction.Indexed(Opcode.MEMORY_SIZE, 1), Instruction.plain(Opcode.DROP),
                new Instruction.I32Const(0), new Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 1L << 33, 1)),
                code.codes().get(0).code().subList(0, 4));
        assertEquals(new Instruction.Indexed2(Opcode.MEMORY_COPY, 1, 0), code.codes().get(0).code().get(8));
        assertEquals(new Instruction.Indexed2(Opcode.MEMORY_INIT, 0, 1), code.codes().get(0).code().get(12));
        assertMalformed("malformed limits flags", module(section(4, "01 70 02 00")));
    }

    @Test
    void laterProposalsAreReportedAsUnsupported() {
        assertUnsupported(Feature.EXCEPTIONS, module(TYPE_VOID, ONE_FUNC, section(10, "01" + body("00 0a 0b"))));
        assertUnsupported(Feature.EXCEPTIONS, module("0d 01 00"));
        // return_call_ref is a tail call of typed function references: reported as those.
        assertUnsupported(Feature.FUNCTION_REFERENCES,
                module(TYPE_VOID, ONE_FUNC, section(10, "01" + body("00 15 00 0b"))));
        assertUnsupported(Feature.FUNCTION_REFERENCES, module(section(1, "01 60 01 64 70 00")));
        assertUnsupported(Feature.GC, module(section(1, "01 4e 00")));
        assertUnsupported(Feature.GC, module(TYPE_VOID, ONE_FUNC, section(10, "01" + body("00 fb 00 0b"))));
        assertUnsupported(Feature.THREADS, module(TYPE_VOID, ONE_FUNC, section(10, "01" + body("00 fe 00 0b"))));
        assertUnsupported(Feature.THREADS, module(section(5, "01 03 01 02")));
        assertUnsupported(Feature.THREADS, module(section(5, "01 07 01 02")));
    }

    @Test
    void malformedWinsOverAnUnsupportedInstructionSeenEarlier() {
        // throw_ref (3.0) followed by a missing end: the spec decoder reports the missing end
        assertMalformed("unexpected end of section or function",
                module(TYPE_VOID, ONE_FUNC, "0a 04 01 02 00 0a"));
    }

    @Test
    void memargWithExplicitMemoryZeroIsAccepted() {
        List<Instruction> code = codeOf("41 00 28 42 00 04 1a 0b");
        assertEquals(new Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 4), code.get(1));
    }

    @Test
    void deepNestingNeedsNoRecursion() {
        int depth = 200_000;
        String code = "02 40".repeat(depth) + "0b".repeat(depth) + "0b";
        Module m = decode(module(TYPE_VOID, ONE_FUNC, section(10, "01" + body("00" + code))));
        assertEquals(2 * depth + 1, m.codes().get(0).code().size());
        // and unclosed deep nesting is an unexpected end, not a stack overflow
        assertMalformed("unexpected end of section or function",
                module(TYPE_VOID, ONE_FUNC, section(10, "01" + body("00" + "03 40".repeat(depth)))));
    }

    @Test
    void localsBeyondOurLimitAreTooMany() {
        String fine = Bin.leb(ModuleDecoder.MAX_LOCALS);
        assertEquals(ModuleDecoder.MAX_LOCALS, decode(module(TYPE_VOID, ONE_FUNC,
                section(10, "01" + body("01" + fine + "7f 0b")))).codes().get(0).locals().size());
        assertMalformed("too many locals", module(TYPE_VOID, ONE_FUNC,
                section(10, "01" + body("02" + fine + "7f 01 7e 0b"))));
    }

    @Test
    void lyingCountsFailWithoutHugeAllocations() {
        // 100 000 bytes of input whose vectors each claim almost all of them
        String pad = "00".repeat(100_000);
        assertMalformed("malformed function type", module("01 " + Bin.leb(100_004) + " " + Bin.leb(99_990) + pad));
        assertMalformed("unexpected end of section or function", module("03 " + Bin.leb(100_004) + " "
                + Bin.leb(100_003) + pad));
    }
    @Test
    void hasSectionReadsTheHeadersAlone() {
        String memory = section(5, "01 00 01");
        byte[] withMemory = module(TYPE_VOID, ONE_FUNC, memory, section(10, "01" + body("00 0b")));
        assertTrue(ModuleDecoder.hasSection(withMemory, 5));
        assertTrue(ModuleDecoder.hasSection(withMemory, 10));
        assertFalse(ModuleDecoder.hasSection(withMemory, 2));
        assertFalse(ModuleDecoder.hasSection(module(), 5));
        // nothing past the headers is decoded: a body that would not decode does not matter
        assertTrue(ModuleDecoder.hasSection(module(TYPE_VOID, ONE_FUNC, section(10, "01 03 00 ff ff"), memory), 5));
    }

    @Test
    void hasSectionAnswersFalseForWhatIsNotAModule() {
        assertFalse(ModuleDecoder.hasSection(new byte[0], 1));
        assertFalse(ModuleDecoder.hasSection(Bin.hex("00 61 73 6d"), 1));
        assertFalse(ModuleDecoder.hasSection(Bin.hex("00 61 73 6d 02 00 00 00 01 01 00"), 1));
        assertFalse(ModuleDecoder.hasSection(Bin.hex("01 61 73 6d 01 00 00 00 01 01 00"), 1));
        // a section that claims more bytes than there are ends the scan before the later header
        assertFalse(ModuleDecoder.hasSection(module("01 7f 00", section(5, "01 00 01")), 5));
        assertFalse(ModuleDecoder.hasSection(module("01"), 1)); // a header without its size
    }
}
