package wasm.core.binary;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 as the spec defines names: shortest form only, no surrogates,
 * nothing above U+10FFFF. Checked by hand so the rules do not depend on the
 * JDK decoder's replacement behaviour.
 */
final class Utf8 {
    private Utf8() {
    }

    /** The decoded string, or null when {@code b} is not well-formed UTF-8. */
    static String decode(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int cp;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
                cp = c & 0x1F;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                cp = c & 0x0F;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                return null;
            }
            if (i + len > n) {
                return null;
            }
            for (int k = 1; k < len; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return null;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return null;
            }
            i += len;
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] encode(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
