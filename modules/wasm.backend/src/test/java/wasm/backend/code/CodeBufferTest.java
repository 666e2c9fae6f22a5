package wasm.backend.code;

import wasm.ir.TrapCode;

import java.util.List;

import org.junit.jupiter.api.Test;

import wasm.backend.x64.Cond;
import wasm.backend.x64.X64Assembler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Labels, fixups and side tables of {@link CodeBuffer}, and their layout in a {@link CodeImage}. */
class CodeBufferTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void forwardJumpIsPatchedAtFinish() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        Label target = buf.newLabel();
        a.jmp(target);
        a.nop();
        a.nop();
        a.bind(target);
        a.ret();
        assertArrayEquals(bytes(0xE9, 2, 0, 0, 0, 0x90, 0x90, 0xC3), buf.finish().code());
    }

    @Test
    void backwardJumpInReachIsShort() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        Label top = buf.newLabel();
        a.bind(top);
        a.nop();
        a.jmp(top);
        a.jcc(Cond.NE, top);
        assertArrayEquals(bytes(0x90, 0xEB, 0xFD, 0x75, 0xFB), buf.finish().code());
    }

    @Test
    void backwardJumpOutOfShortReachUsesRel32() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        Label top = buf.newLabel();
        a.bind(top);
        a.nop(130);
        a.jmp(top);
        a.jcc(Cond.L, top);
        byte[] code = buf.finish().code();
        assertEquals(130 + 5 + 6, code.length);
        assertEquals(0xE9, code[130] & 0xFF);
        assertEquals(-(130 + 5), le32(code, 131));
        assertEquals(0x0F, code[135] & 0xFF);
        assertEquals(0x8C, code[136] & 0xFF);
        assertEquals(-(130 + 5 + 6), le32(code, 137));
    }

    @Test
    void forwardConditionalJumpAndCallReferToTheSameLabel() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        Label fn = buf.newLabel();
        a.jcc(Cond.E, fn);  // 0..5
        a.call(fn);         // 6..10
        a.ret();            // 11
        a.bind(fn);         // 12
        a.ret();
        byte[] code = buf.finish().code();
        assertEquals(12 - 6, le32(code, 2));
        assertEquals(12 - 11, le32(code, 7));
    }

    @Test
    void jumpTableEntriesAreOffsetsFromTheTableStart() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        Label caseA = buf.newLabel();
        Label caseB = buf.newLabel();
        a.bind(caseA);
        a.ret();                       // 0
        a.nop(3);
        int table = buf.position();    // 4
        for (Label target : List.of(caseB, caseA)) {
            buf.emitLabelReference(target, FixupKind.REL32, buf.position() - table);
        }
        a.bind(caseB);                 // 12
        a.ret();
        byte[] code = buf.finish().code();
        assertEquals(12 - 4, le32(code, 4));
        assertEquals(0 - 4, le32(code, 8));
    }

    @Test
    void unboundLabelIsAClearError() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        buf.newLabel();
        Label missing = buf.newLabel();
        a.nop();
        a.jmp(missing);
        IllegalStateException e = assertThrows(IllegalStateException.class, buf::finish);
        assertEquals("label L1 referenced at offset 0x2 was never bound", e.getMessage());
    }

    @Test
    void unreferencedUnboundLabelsAreHarmless() {
        CodeBuffer buf = new CodeBuffer();
        buf.newLabel();
        buf.emit8(0xC3);
        assertArrayEquals(bytes(0xC3), buf.finish().code());
    }

    @Test
    void bindingTwiceAndForeignOrStaleLabelsAreErrors() {
        CodeBuffer buf = new CodeBuffer();
        Label l = buf.newLabel();
        buf.bind(l);
        assertThrows(IllegalStateException.class, () -> buf.bind(l));
        CodeBuffer other = new CodeBuffer();
        assertThrows(IllegalArgumentException.class, () -> other.bind(l));
        assertThrows(IllegalArgumentException.class, () -> other.emitLabelReference(l, FixupKind.REL32, -4));
        buf.clear();
        Label fresh = buf.newLabel();
        assertEquals(0, fresh.id());
        assertThrows(IllegalArgumentException.class, () -> buf.bind(l), "a label from before clear() is stale");
        assertFalse(buf.isBound(fresh));
    }

    @Test
    void shortForwardJumpOutOfRangeFailsAtFinish() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        Label far = buf.newLabel();
        a.jmpShort(far);
        a.nop(128);
        a.bind(far);
        IllegalStateException e = assertThrows(IllegalStateException.class, buf::finish);
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void shortForwardJumpAtTheLimitFits() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        Label far = buf.newLabel();
        a.jmpShort(far);
        a.nop(127);
        a.bind(far);
        assertEquals(127, buf.finish().code()[1]);
    }

    @Test
    void bufferGrowsAndEmitsLittleEndian() {
        CodeBuffer buf = new CodeBuffer(16);
        for (int i = 0; i < 1000; i++) {
            buf.emit64(0x0102030405060708L);
        }
        buf.emit16(0xBEEF);
        buf.emit32(0xCAFEBABE);
        byte[] code = buf.finish().code();
        assertEquals(8006, code.length);
        assertEquals(0x08, code[7992]);
        assertEquals(0x01, code[7999]);
        assertEquals(0xEF, code[8000] & 0xFF);
        assertEquals(0xBE, code[8001] & 0xFF);
        assertEquals(0xCAFEBABE, le32(code, 8002));
        buf.patch32(0, 0x11223344);
        assertEquals(0x44, buf.byteAt(0));
    }

    @Test
    void trapSitesAndRelocationsAreSortedSideTables() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        a.nop();
        a.ud2(TrapCode.UNREACHABLE);                        // offset 1
        buf.addTrapSite(0, TrapCode.INT_DIVZ); // recorded later, earlier offset
        a.call(RelocationTarget.function(7));               // field at 4
        FinishedCode f = buf.finish();
        assertEquals(List.of(new TrapSite(0, TrapCode.INT_DIVZ), new TrapSite(1, TrapCode.UNREACHABLE)),
                f.trapSites());
        assertEquals(List.of(new Relocation(4, RelocationKind.PC_REL32, RelocationTarget.function(7), -4)),
                f.relocations());
        assertThrows(IllegalArgumentException.class, () -> buf.addTrapSite(100, TrapCode.UNREACHABLE));
        assertEquals("out of bounds memory access", TrapCode.HEAP_OOB.message());
    }

    @Test
    void codeImageAlignsFunctionsAndRebasesSideTables() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        a.nop();
        a.ud2(TrapCode.UNREACHABLE);
        a.ret();
        FinishedCode first = buf.finish();          // 4 bytes, trap at 1
        buf.clear();
        a.nop();
        a.call(RelocationTarget.function(0));
        a.ud2(TrapCode.INT_OVF);
        FinishedCode second = buf.finish();          // reloc at 2, trap at 6
        CodeImage.Builder b = CodeImage.builder();
        assertEquals(0, b.define(RelocationTarget.function(0), first));
        assertEquals(16, b.define(RelocationTarget.function(1), second));
        assertThrows(IllegalArgumentException.class, () -> b.define(RelocationTarget.function(1), second));
        CodeImage image = b.build();
        assertEquals(16 + second.size(), image.size());
        byte[] code = image.code();
        for (int i = 4; i < 16; i++) {
            assertEquals((byte) 0xCC, code[i], "padding is int3");
        }
        assertEquals(List.of(new TrapSite(1, TrapCode.UNREACHABLE), new TrapSite(22, TrapCode.INT_OVF)),
                image.trapSites());
        assertEquals(18, image.relocations().get(0).offset());
        assertEquals(TrapCode.INT_OVF, image.trapAt(22).orElseThrow());
        assertTrue(image.trapAt(21).isEmpty());
        assertEquals(16, image.offsetOf(RelocationTarget.function(1)));
        assertThrows(IllegalArgumentException.class, () -> image.offsetOf(RelocationTarget.symbol("nope")));
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
