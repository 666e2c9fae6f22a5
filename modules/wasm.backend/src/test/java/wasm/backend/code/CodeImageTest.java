package wasm.backend.code;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The image builder's two ways in: one finished function per name, and a block of several pieces
 * under several names (a large module's stubs), laid out alike (16-byte starts, int3 between);
 * and the layout a loaded image keeps, without its bytes.
 */
class CodeImageTest {
    private static final RelocationTarget A = RelocationTarget.symbol("a");
    private static final RelocationTarget B = RelocationTarget.symbol("b");
    private static final RelocationTarget C = RelocationTarget.symbol("c");
    private static final byte INT3 = (byte) 0xCC;

    private static FinishedCode bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return new FinishedCode(out, List.of(), List.of());
    }

    @Test
    void aBlockDefinesEachNameAtItsOffsetAfterTheFunctionsBeforeIt() {
        CodeImage.Builder b = CodeImage.builder();
        assertEquals(0, b.define(A, bytes(1, 2, 3)));
        // two stubs at 0 and 16 of their block, which starts at the next 16-byte boundary
        byte[] block = new byte[20];
        block[0] = 0x11;
        block[16] = 0x22;
        assertEquals(16, b.defineAll(List.of(B, C), new int[] {0, 16}, new FinishedCode(block, List.of(), List.of())));
        CodeImage image = b.build();
        assertEquals(List.of(A, B, C), List.copyOf(image.definitions().keySet()));
        assertEquals(16, image.offsetOf(B));
        assertEquals(32, image.offsetOf(C));
        assertEquals(36, image.size());
        byte[] code = image.code();
        assertArrayEquals(new byte[] {1, 2, 3, INT3, INT3, INT3, INT3, INT3, INT3, INT3, INT3, INT3, INT3, INT3, INT3, INT3},
                java.util.Arrays.copyOf(code, 16));
        assertEquals(0x11, code[16]);
        assertEquals(0x22, code[32]);
    }

    @Test
    void aBlockRefusesOffsetsOutOfOrderOrOutsideItAndNamesTakenBefore() {
        FinishedCode block = bytes(1, 2, 3, 4);
        assertThrows(IllegalArgumentException.class,
                () -> CodeImage.builder().defineAll(List.of(A, B), new int[] {2, 1}, block));
        assertThrows(IllegalArgumentException.class,
                () -> CodeImage.builder().defineAll(List.of(A), new int[] {4}, block));
        assertThrows(IllegalArgumentException.class,
                () -> CodeImage.builder().defineAll(List.of(A, B), new int[] {0}, block));
        CodeImage.Builder b = CodeImage.builder();
        b.define(A, bytes(9));
        assertThrows(IllegalArgumentException.class, () -> b.defineAll(List.of(B, A), new int[] {0, 2}, block));
    }

    @Test
    void aLayoutKeepsEverythingButTheBytes() {
        CodeImage image = CodeImage.of(A, new FinishedCode(new byte[] {1, 2, 3, 4},
                List.of(new TrapSite(2, wasm.ir.TrapCode.UNREACHABLE)), List.of()));
        CodeImage layout = image.layout();
        assertEquals(image.size(), layout.size());
        assertEquals(image.definitions(), layout.definitions());
        assertEquals(image.trapSites(), layout.trapSites());
        assertEquals(image.trapAt(2), layout.trapAt(2));
        assertThrows(IllegalStateException.class, layout::code);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, image.code());
    }
}
