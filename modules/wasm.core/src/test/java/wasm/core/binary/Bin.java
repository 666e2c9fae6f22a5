package wasm.core.binary;

import java.io.ByteArrayOutputStream;

/** Builds test binaries from hex strings ("00 61 73 6d", spaces ignored) and section helpers. */
final class Bin {
    static final String HEADER = "0061736d 01000000";

    private Bin() {
    }

    static byte[] hex(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) {
            String h = p.replaceAll("\\s+", "");
            if (h.length() % 2 != 0) {
                throw new IllegalArgumentException("odd hex: " + p);
            }
            for (int i = 0; i < h.length(); i += 2) {
                out.write(Integer.parseInt(h.substring(i, i + 2), 16));
            }
        }
        return out.toByteArray();
    }

    /** A module: the header followed by the given hex parts. */
    static byte[] module(String... sections) {
        String[] all = new String[sections.length + 1];
        all[0] = HEADER;
        System.arraycopy(sections, 0, all, 1, sections.length);
        return hex(all);
    }

    /** A section with its id and size computed from the hex content. */
    static String section(int id, String content) {
        int n = content.replaceAll("\\s+", "").length() / 2;
        return String.format("%02x", id) + leb(n) + content;
    }

    static String leb(long v) {
        StringBuilder sb = new StringBuilder();
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            if (v != 0) {
                b |= 0x80;
            }
            sb.append(String.format("%02x", b));
        } while (v != 0);
        return sb.toString();
    }

    /** A function body of the code section: size, then locals vector and code. */
    static String body(String localsAndCode) {
        int n = localsAndCode.replaceAll("\\s+", "").length() / 2;
        return leb(n) + localsAndCode;
    }
}
