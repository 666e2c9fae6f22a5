package wasm.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class OpcodeTest {
    @Test
    void everyOpcodeIsFoundByItsEncodingAndMnemonic() {
        Set<String> seen = new HashSet<>();
        for (Opcode op : Opcode.values()) {
            Opcode byCode = switch (op.prefix()) {
                case 0 -> Opcode.fromByte(op.code());
                case 0xFC -> Opcode.fromPrefixedFC(op.code());
                default -> Opcode.fromPrefixedFD(op.code());
            };
            assertSame(op, byCode, op.name());
            if (op != Opcode.SELECT_TYPED) {
                assertSame(op, Opcode.fromText(op.text()), op.name());
                assertEquals(true, seen.add(op.text()), "duplicate mnemonic " + op.text());
            }
        }
        // 2.0 without SIMD, the two tail calls, the 236 fixed-width SIMD instructions, the 20 of relaxed SIMD
        assertEquals(203 + 236 + 20, Opcode.values().length);
    }

    @Test
    void simdLaneCountsAndAccessWidths() {
        assertEquals(16, Opcode.I8X16_EXTRACT_LANE_S.laneCount());
        assertEquals(8, Opcode.I16X8_REPLACE_LANE.laneCount());
        assertEquals(2, Opcode.F64X2_EXTRACT_LANE.laneCount());
        assertEquals(4, Opcode.V128_STORE32_LANE.laneCount());
        assertEquals(16, Opcode.V128_LOAD8_LANE.laneCount());
        assertEquals(0, Opcode.I32X4_ADD.laneCount());
        assertEquals(16, Opcode.V128_LOAD.accessBytes());
        assertEquals(8, Opcode.V128_LOAD16X4_S.accessBytes());
        assertEquals(java.util.List.of(ValType.V128, ValType.I64), Opcode.I64X2_REPLACE_LANE.params());
        assertEquals(0x113, Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S.code());
        assertNull(Opcode.fromPrefixedFD(0x9A));
    }

    @Test
    void signaturesMatchTheSpecForSamples() {
        assertEquals(java.util.List.of(ValType.I32, ValType.I32), Opcode.I32_ADD.params());
        assertEquals(java.util.List.of(ValType.I64), Opcode.I64_EXTEND_I32_U.results());
        assertEquals(java.util.List.of(ValType.I32, ValType.F64), Opcode.F64_STORE.params());
        assertEquals(8, Opcode.I64_LOAD.accessBytes());
        assertEquals(2, Opcode.I32_LOAD16_U.accessBytes());
        assertNull(Opcode.CALL.params());
    }

    @Property
    void unknownSingleBytesHaveNoOpcode(@ForAll @IntRange(min = 0xC5, max = 0xCF) int b) {
        assertNull(Opcode.fromByte(b));
    }
}
