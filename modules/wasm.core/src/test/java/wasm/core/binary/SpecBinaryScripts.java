package wasm.core.binary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls the {@code (module binary "...")} forms out of the official .wast
 * scripts, with the assertion around them. A small scanner of our own so these
 * tests do not depend on the text parser being finished.
 */
final class SpecBinaryScripts {
    static final Path SUITE = Path.of("/work/shared/wasm-testsuite");

    /** One binary module: where it is, the assertion around it (or "module"), and its expected message. */
    record BinaryModule(String file, int line, String assertion, byte[] bytes, String expectedMessage) {
        @Override
        public String toString() {
            return file + ":" + line + " " + assertion + (expectedMessage == null ? "" : " \"" + expectedMessage + "\"");
        }
    }

    private SpecBinaryScripts() {
    }

    /** Suite files of the given groups ("mvp", "2.0", "simd", "3.0+"), from FILES.tsv. */
    static List<Path> files(String... groups) {
        List<Path> out = new ArrayList<>();
        try {
            for (String row : Files.readAllLines(SUITE.resolve("FILES.tsv"))) {
                String[] cols = row.split("\t");
                if (cols.length < 2 || cols[0].equals("path")) {
                    continue;
                }
                for (String g : groups) {
                    if (cols[1].equals(g)) {
                        out.add(SUITE.resolve(cols[0]));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<BinaryModule> binaryModules(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<BinaryModule> out = new ArrayList<>();
        new Scanner(file.getFileName().toString(), text, out).run();
        return out;
    }

    /** A tokenizer over s-expressions that remembers the enclosing top-level command. */
    private static final class Scanner {
        private final String file;
        private final String s;
        private final List<BinaryModule> out;
        private int i;

        Scanner(String file, String s, List<BinaryModule> out) {
            this.file = file;
            this.s = s;
            this.out = out;
        }

        void run() {
            while (true) {
                skipSpace();
                if (i >= s.length()) {
                    return;
                }
                if (s.charAt(i) == '(') {
                    command();
                } else {
                    i++;
                }
            }
        }

        /** A top-level command: "(module ...)" or "(assert_x (module ...) ...)". */
        private void command() {
            int start = i;
            i++;
            String head = atom();
            if (head.equals("module")) {
                i = start;
                moduleForm("module", start);
                return;
            }
            skipSpace();
            if (head.startsWith("assert_") && i < s.length() && s.charAt(i) == '(') {
                int modStart = i;
                int save = i;
                i++;
                String inner = atom();
                i = save;
                if (inner.equals("module")) {
                    BinaryModule m = moduleForm(head, modStart);
                    // The expected message is the last string before the closing paren.
                    String msg = null;
                    while (true) {
                        skipSpace();
                        char c = s.charAt(i);
                        if (c == ')') {
                            i++;
                            break;
                        }
                        if (c == '"') {
                            msg = new String(string(), java.nio.charset.StandardCharsets.UTF_8);
                        } else if (c == '(') {
                            skipForm();
                        } else {
                            atom();
                        }
                    }
                    if (m != null) {
                        out.add(new BinaryModule(m.file(), m.line(), head, m.bytes(), msg));
                    }
                    return;
                }
            }
            i = start;
            skipForm();
        }

        /** Reads a (module ...) form at i; records it when it is a binary module at top level. */
        private BinaryModule moduleForm(String assertion, int start) {
            i = start + 1;
            atom(); // module
            skipSpace();
            if (s.startsWith("definition", i) || s.startsWith("instance", i)) {
                String w = atom();
                if (w.equals("instance")) {
                    skipRest();
                    return null;
                }
                skipSpace();
            }
            if (i < s.length() && s.charAt(i) == '$') {
                atom();
                skipSpace();
            }
            if (!s.startsWith("binary", i)) {
                skipRest();
                return null;
            }
            atom();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (true) {
                skipSpace();
                char c = s.charAt(i);
                if (c == ')') {
                    i++;
                    break;
                }
                bytes.writeBytes(string());
            }
            BinaryModule m = new BinaryModule(file, line(start), assertion, bytes.toByteArray(), null);
            if (assertion.equals("module")) {
                out.add(m);
            }
            return m;
        }

        private void skipRest() {
            int depth = 1;
            while (depth > 0) {
                skipSpace();
                char c = s.charAt(i);
                if (c == '(') {
                    depth++;
                    i++;
                } else if (c == ')') {
                    depth--;
                    i++;
                } else if (c == '"') {
                    string();
                } else {
                    i++;
                }
            }
        }

        private void skipForm() {
            i++;
            skipRest();
        }

        private int line(int pos) {
            int n = 1;
            for (int k = 0; k < pos; k++) {
                if (s.charAt(k) == '\n') {
                    n++;
                }
            }
            return n;
        }

        private String atom() {
            int st = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '('
                    && s.charAt(i) != ')' && s.charAt(i) != '"') {
                i++;
            }
            return s.substring(st, i);
        }

        private byte[] string() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toByteArray();
                }
                if (c != '\\') {
                    String chars = Character.isHighSurrogate(c) ? new String(new char[] {c, s.charAt(i++)})
                            : String.valueOf(c);
                    b.writeBytes(chars.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.write('\n');
                    case 't' -> b.write('\t');
                    case 'r' -> b.write('\r');
                    case '"' -> b.write('"');
                    case '\'' -> b.write('\'');
                    case '\\' -> b.write('\\');
                    case 'u' -> {
                        int close = s.indexOf('}', i);
                        int cp = Integer.parseInt(s.substring(i + 1, close), 16);
                        b.writeBytes(new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        i = close + 1;
                    }
                    default -> {
                        b.write(Integer.parseInt(s.substring(i - 1, i + 1), 16));
                        i++;
                    }
                }
            }
        }

        private void skipSpace() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith(";;", i)) {
                    int nl = s.indexOf('\n', i);
                    i = nl < 0 ? s.length() : nl + 1;
                } else if (s.startsWith("(;", i)) {
                    int depth = 0;
                    do {
                        if (s.startsWith("(;", i)) {
                            depth++;
                            i += 2;
                        } else if (s.startsWith(";)", i)) {
                            depth--;
                            i += 2;
                        } else {
                            i++;
                        }
                    } while (depth > 0);
                } else {
                    return;
                }
            }
        }
    }
}
