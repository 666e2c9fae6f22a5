package wasm.core.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wasm.core.MalformedModuleException;
import wasm.core.internal.ByteReader;

class Leb128AndUtf8Test {

    private static ByteReader reader(String hex) {
        return new ByteReader(Bin.hex(hex));
    }

    @ParameterizedTest
    @CsvSource({
        "00, 0", "7f, 127", "8001, 128", "ffffffff0f, 4294967295", "8080808000, 0",
        "e58e26, 624485", "80808080 0f, 4026531840",
    })
    void unsigned32(String hex, long expected) {
        ByteReader r = reader(hex);
        assertEquals(expected, r.unsigned(32));
        assertEquals(true, r.atEnd());
    }

    @ParameterizedTest
    @CsvSource({
        "00, 0", "7f, -1", "40, -64", "3f, 63", "c000, 64", "bf7f, -65", "ffffffff07, 2147483647",
        "8080808078, -2147483648", "ffffffff7f, -1",
    })
    void signed32(String hex, long expected) {
        assertEquals(expected, reader(hex).signed(32));
    }

    @ParameterizedTest
    @CsvSource({
        "ffffffffffffffff ff00, 9223372036854775807", "8080808080808080807f, -9223372036854775808",
        "ffffffffffffffffff7f, -1", "7f, -1",
    })
    void signed64(String hex, long expected) {
        assertEquals(expected, reader(hex).signed(64));
    }

    @ParameterizedTest
    @CsvSource({
        "808080808000, integer representation too long",   // six bytes for a u32
        "8080808010, integer too large",                    // bit 32 set
        "ffffffff1f, integer too large",
        "80, unexpected end of section or function",
    })
    void unsigned32Errors(String hex, String message) {
        assertEquals(message, assertThrows(MalformedModuleException.class, () -> reader(hex).unsigned(32))
                .getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "ffffffffff7f, integer representation too long",
        "ffffffff0f, integer too large",     // sign bits inconsistent: positive with bit 31 set
        "8080808070, integer too large",     // negative with the top unused bits not all ones
        "8080808078, ok",
    })
    void signed32Errors(String hex, String message) {
        if (message.equals("ok")) {
            reader(hex).signed(32);
            return;
        }
        assertEquals(message, assertThrows(MalformedModuleException.class, () -> reader(hex).signed(32))
                .getMessage());
    }

    @Test
    void signed64RejectsInconsistentTopBits() {
        assertEquals("integer too large", assertThrows(MalformedModuleException.class,
                () -> reader("ffffffffffffffffff01").signed(64)).getMessage());
        assertEquals("integer too large", assertThrows(MalformedModuleException.class,
                () -> reader("80808080808080808002").signed(64)).getMessage());
        assertEquals("integer too large", assertThrows(MalformedModuleException.class,
                () -> reader("80808080808080808002").unsigned(64)).getMessage());
    }

    @Property
    void signedRoundTrip(@ForAll long v) {
        ByteWriter w = new ByteWriter();
        w.signed(v);
        ByteReader r = new ByteReader(w.toByteArray());
        assertEquals(v, r.signed(64));
        assertEquals(true, r.atEnd());
    }

    @Property
    void signed32RoundTrip(@ForAll int v) {
        ByteWriter w = new ByteWriter();
        w.signed(v);
        assertEquals(v, new ByteReader(w.toByteArray()).s32());
    }

    @Property
    void unsignedRoundTripIsShortest(@ForAll long v) {
        ByteWriter w = new ByteWriter();
        w.unsigned(v);
        byte[] b = w.toByteArray();
        assertEquals(v, new ByteReader(b).unsigned(64));
        int bits = 64 - Long.numberOfLeadingZeros(v);
        assertEquals(Math.max(1, (bits + 6) / 7), b.length);
    }

    @Test
    void utf8AcceptsWellFormedText() {
        for (String s : new String[] {"", "abc", "\u00e9", "\u20ac", "\ud83d\ude00", "\u0000", "\uffff",
            "\ud7ff", "\ue000", "\udbff\udfff"}) {
            assertEquals(s, Utf8.decode(s.getBytes(StandardCharsets.UTF_8)));
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8.encode(s));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "80", "bf", "c0 80", "c1 bf", "c2", "c2 41", "e0 80 80", "e0 9f bf", "ed a0 80", "ed bf bf",
        "f0 80 80 80", "f0 8f bf bf", "f4 90 80 80", "f5 80 80 80", "f8 88 80 80 80", "fe", "ff",
        "e1 80", "f1 80 80", "61 80",
    })
    void utf8RejectsMalformedSequences(String hex) {
        assertNull(Utf8.decode(Bin.hex(hex)));
    }

    @Test
    void malformedNamesReportTheSpecMessage() {
        byte[] m = Bin.module(Bin.section(7, "01 02 ed a0 00 00"));
        assertEquals("malformed UTF-8 encoding",
                assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(m)).getMessage());
    }
}
