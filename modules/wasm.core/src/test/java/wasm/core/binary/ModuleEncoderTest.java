package wasm.core.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import wasm.core.model.CustomSection;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.ValType;

class ModuleEncoderTest {
    private static final List<Instruction> OFFSET = List.of(new Instruction.I32Const(0), Instruction.END);

    private static Module with(List<ElementSegment> elements, List<DataSegment> datas, NameSection names,
                               List<CustomSection> customs) {
        return new Module(List.of(FuncType.of(List.of(), List.of())), List.of(), List.of(0), List.of(), List.of(),
                List.of(), List.of(), OptionalInt.empty(), elements, OptionalInt.empty(),
                List.of(new FunctionBody(List.of(ValType.I32, ValType.I32, ValType.F64),
                        List.of(new Instruction.I32Const(-129), Instruction.plain(Opcode.DROP), Instruction.END))),
                datas, names, customs);
    }

    @Test
    void canonicalBytesForASmallModule() {
        byte[] bytes = ModuleEncoder.encode(with(List.of(), List.of(), NameSection.EMPTY, List.of()));
        assertArrayEquals(Bin.module(
                "01 04 01 60 00 00",
                "03 02 01 00",
                "0a 0c 01 0a 02 02 7f 01 7c 41 ff 7e 1a 0b"), bytes);
    }

    @Test
    void elementSegmentsUseTheCompactEncodingOnlyForPlainFunctionIndices() {
        List<Instruction> ref0 = List.of(new Instruction.Indexed(Opcode.REF_FUNC, 0), Instruction.END);
        List<Instruction> nul = List.of(new Instruction.RefNull(ValType.FUNCREF), Instruction.END);
        Module m = with(List.of(
                new ElementSegment(ValType.FUNCREF, List.of(ref0), SegmentMode.ACTIVE, 0, OFFSET),
                new ElementSegment(ValType.FUNCREF, List.of(ref0, nul), SegmentMode.ACTIVE, 0, OFFSET),
                new ElementSegment(ValType.FUNCREF, List.of(ref0), SegmentMode.ACTIVE, 2, OFFSET),
                new ElementSegment(ValType.EXTERNREF, List.of(), SegmentMode.ACTIVE, 0, OFFSET),
                new ElementSegment(ValType.FUNCREF, List.of(ref0), SegmentMode.PASSIVE, 0, List.of()),
                new ElementSegment(ValType.FUNCREF, List.of(ref0), SegmentMode.DECLARATIVE, 0, List.of())),
                List.of(), NameSection.EMPTY, List.of());
        byte[] bytes = ModuleEncoder.encode(m);
        String hex = java.util.HexFormat.of().formatHex(bytes);
        assertEquals(true, hex.contains("092906" // element section: 0x29 bytes, 6 segments
                + "00 41000b 01 00".replace(" ", "")
                + "04 41000b 02 d2000b d0700b".replace(" ", "")
                + "02 02 41000b 00 01 00".replace(" ", "")
                + "06 00 41000b 6f 00".replace(" ", "")
                + "01 00 01 00".replace(" ", "")
                + "03 00 01 00".replace(" ", "")), hex);
        assertEquals(m, ModuleDecoder.decode(bytes));
    }

    @Test
    void namesThenCustomSectionsComeLast() {
        Module m = with(List.of(), List.of(new DataSegment(new byte[] {7}, SegmentMode.PASSIVE, 0, List.of())),
                new NameSection("m", Map.of(0, "f"), Map.of()), List.of(new CustomSection("extra", new byte[] {1})));
        byte[] bytes = ModuleEncoder.encode(m);
        String hex = java.util.HexFormat.of().formatHex(bytes);
        String data = "0b0401010107";
        String name = "00" + "0f" + "046e616d65" + "0002016d" + "0104010001" + "66";
        String extra = "0007" + "056578747261" + "01";
        assertEquals(true, hex.endsWith(data + name + extra), hex);
        assertEquals(m, ModuleDecoder.decode(bytes));
    }

    @Test
    void instructionsWhoseRecordDoesNotFitTheOpcodeAreRejected() {
        Module m = with(List.of(), List.of(), NameSection.EMPTY, List.of());
        Module bad = new Module(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(),
                m.exports(), m.start(), m.elements(), m.dataCount(),
                List.of(new FunctionBody(List.of(), List.of(Instruction.plain(Opcode.CALL), Instruction.END))),
                m.datas(), m.names(), m.customSections());
        assertThrows(IllegalArgumentException.class, () -> ModuleEncoder.encode(bad));
    }
}
