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
            Opcode byCode = op.prefix() == 0 ? Opcode.fromByte(op.code()) : Opcode.fromPrefixedFC(op.code());
            assertSame(op, byCode, op.name());
            if (op != Opcode.SELECT_TYPED) {
                assertSame(op, Opcode.fromText(op.text()), op.name());
                assertEquals(true, seen.add(op.text()), "duplicate mnemonic " + op.text());
            }
        }
        assertEquals(201, Opcode.values().length);
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
