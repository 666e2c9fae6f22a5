package wasm.core.text.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wasm.core.MalformedModuleException;
import wasm.core.text.internal.Token.Kind;

/**
 * Splits text-format source into tokens. Whitespace, line comments and nested block
 * comments are dropped; annotations {@code (@id ...)} are taken out of the token
 * stream and returned beside it ({@link Annotation}), each with the index of the
 * token it precedes, so that the module parser can read the ones it knows
 * ({@code @custom}, {@code @name}, {@code @metadata.code.branch_hint}) and check
 * where they stand while every other annotation is ignored.
 *
 * <p>As in the reference interpreter, a maximal run of identifier characters and
 * strings that touch each other is one token; when the run is neither a single
 * string nor a pure identifier-character sequence it is RESERVED, which the
 * parser reports as "unknown operator" (e.g. {@code $l"a"} or {@code "a""b"}).
 *
 * <p>The source is a Java string; bytes that were not valid UTF-8 are expected as
 * unpaired surrogates (see {@link wasm.core.text.ModuleSource.Quote}) and are
 * reported as "malformed UTF-8 encoding" wherever they stand.
 */
public final class Lexer {
    /**
     * One annotation {@code (@id body...)}: its id (without the {@code @}), the position
     * of its {@code (}, the tokens of its body (nested parentheses and annotations
     * included, the closing parenthesis excluded) and the index in the main token list
     * of the token that follows it.
     */
    public record Annotation(String id, Token at, List<Token> body, int tokenIndex) {
        public Annotation {
            body = List.copyOf(body);
        }
    }

    /** The tokens (ending with EOF) and the annotations in source order. */
    public record Tokens(List<Token> tokens, List<Annotation> annotations) {
    }

    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String src) {
        this.src = src;
    }

    /** Tokenizes {@code source}, dropping annotations; the list always ends with an EOF token. */
    public static List<Token> tokenize(String source) {
        return new Lexer(source).run().tokens();
    }

    /** Tokenizes {@code source}, keeping the annotations beside the tokens. */
    public static Tokens tokenizeWithAnnotations(String source) {
        return new Lexer(source).run();
    }

    /** True for the characters the spec allows in keywords, numbers and identifiers. */
    public static boolean isIdChar(char c) {
        if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            return true;
        }
        return "!#$%&'*+-./:<=>?@\\^_`|~".indexOf(c) >= 0;
    }

    private MalformedModuleException error(String msg, int l, int c) {
        return new MalformedModuleException(msg + " at " + l + ":" + c);
    }

    private Tokens run() {
        List<Token> out = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        // The annotation being read; annotations nested in it are part of its body.
        OpenAnnotation open = null;
        while (true) {
            skipBlank();
            if (pos >= src.length()) {
                if (open != null) {
                    throw error("unclosed annotation", open.at.line(), open.at.col());
                }
                out.add(new Token(Kind.EOF, "", pos, pos, line, pos - lineStart + 1, null));
                return new Tokens(out, annotations);
            }
            Token t = next();
            if (open == null) {
                if (t.kind() == Kind.LPAREN && pos < src.length() && src.charAt(pos) == '@') {
                    pos++;
                    open = new OpenAnnotation(annotationId(t), t, out.size());
                } else {
                    out.add(t);
                }
            } else if (t.kind() == Kind.RPAREN && open.depth == 0) {
                annotations.add(new Annotation(open.id, open.at, open.body, open.tokenIndex));
                open = null;
            } else {
                // A nested "(@..." is only a parenthesis here: its id is not checked.
                open.depth += t.kind() == Kind.LPAREN ? 1 : t.kind() == Kind.RPAREN ? -1 : 0;
                open.body.add(t);
            }
        }
    }

    /** An annotation whose closing parenthesis has not been read yet. */
    private static final class OpenAnnotation {
        final String id;
        final Token at;
        final int tokenIndex;
        final List<Token> body = new ArrayList<>();
        int depth;

        OpenAnnotation(String id, Token at, int tokenIndex) {
            this.id = id;
            this.at = at;
            this.tokenIndex = tokenIndex;
        }
    }

    /**
     * The id right after {@code (@}: identifier characters, or a string holding a
     * non-empty, well-formed UTF-8 name; anything else is an "empty annotation id".
     */
    private String annotationId(Token open) {
        int start = pos;
        if (pos < src.length() && src.charAt(pos) == '"') {
            byte[] bytes;
            try {
                bytes = readString(open.line(), open.col());
            } catch (MalformedModuleException e) {
                throw error("empty annotation id", open.line(), open.col());
            }
            if (bytes.length == 0) {
                throw error("empty annotation id", open.line(), open.col());
            }
            return utf8Name(bytes, open.line(), open.col());
        }
        while (pos < src.length() && isIdChar(src.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("empty annotation id", open.line(), open.col());
        }
        return src.substring(start, pos);
    }

    private String utf8Name(byte[] bytes, int l, int col) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw error("malformed UTF-8 encoding", l, col);
        }
    }

    /**
     * Throws "malformed UTF-8 encoding" when the char at pos is an unpaired surrogate (a
     * source byte that was not UTF-8, see the class comment); a surrogate pair is fine.
     */
    private void checkEncoding() {
        char c = src.charAt(pos);
        if (!Character.isSurrogate(c)) {
            return;
        }
        boolean pair = Character.isHighSurrogate(c) && pos + 1 < src.length()
                && Character.isLowSurrogate(src.charAt(pos + 1));
        boolean second = Character.isLowSurrogate(c) && pos > 0 && Character.isHighSurrogate(src.charAt(pos - 1));
        if (!pair && !second) {
            throw error("malformed UTF-8 encoding", line, pos - lineStart + 1);
        }
    }

    private void newline() {
        line++;
        lineStart = pos;
    }

    /** Consumes one newline at pos (LF, CR or CR LF) and counts it as one line. */
    private void skipNewline() {
        if (src.charAt(pos) == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        newline();
    }

    private void skipBlank() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n' || c == '\r') {
                skipNewline();
            } else if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == ';' && pos + 1 < src.length() && src.charAt(pos + 1) == ';') {
                // The spec's newline is LF, CR or CR LF: a line comment ends at any of them.
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    checkEncoding();
                    pos++;
                }
            } else if (c == '(' && pos + 1 < src.length() && src.charAt(pos + 1) == ';') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int l = line;
        int c = pos - lineStart + 1;
        int depth = 0;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == '(' && pos + 1 < src.length() && src.charAt(pos + 1) == ';') {
                depth++;
                pos += 2;
            } else if (ch == ';' && pos + 1 < src.length() && src.charAt(pos + 1) == ')') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else if (ch == '\n' || ch == '\r') {
                skipNewline();
            } else {
                checkEncoding();
                pos++;
            }
        }
        throw error("unclosed comment", l, c);
    }

    private Token next() {
        int start = pos;
        int l = line;
        int col = pos - lineStart + 1;
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            return new Token(Kind.LPAREN, "(", start, pos, l, col, null);
        }
        if (c == ')') {
            pos++;
            return new Token(Kind.RPAREN, ")", start, pos, l, col, null);
        }
        int strings = 0;
        boolean idchars = false;
        boolean other = false;
        byte[] bytes = null;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == '"') {
                if (pos == start + 1 && c == '$') {
                    // $"...": a string that does not lex leaves a lone '$', an empty identifier.
                    try {
                        bytes = readString(l, col);
                    } catch (MalformedModuleException e) {
                        throw error("empty identifier", l, col);
                    }
                } else {
                    bytes = readString(l, col);
                }
                strings++;
            } else if (isIdChar(ch)) {
                idchars = true;
                pos++;
            } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '(' || ch == ')'
                    || ch == ';' && pos + 1 < src.length() && src.charAt(pos + 1) == ';') {
                break;
            } else {
                checkEncoding();
                if (ch < 0x20 || ch >= 0x7f) {
                    throw error("illegal character", line, pos - lineStart + 1);
                }
                other = true;
                pos++;
            }
        }
        String text = src.substring(start, pos);
        if (strings == 1 && !other && text.charAt(0) == '$' && text.charAt(1) == '"' && text.endsWith("\"")) {
            // $"..." names an identifier by a string (same identifier as the plain $name form).
            if (bytes.length == 0) {
                throw error("empty identifier", l, col);
            }
            return new Token(Kind.ID, "$" + utf8Name(bytes, l, col), start, pos, l, col, null);
        }
        if (text.equals("$")) {
            throw error("empty identifier", l, col);
        }
        if (strings == 1 && !idchars && !other) {
            return new Token(Kind.STRING, text, start, pos, l, col, bytes);
        }
        if (strings == 0 && !other) {
            if (text.charAt(0) == '$' && text.length() > 1) {
                return new Token(Kind.ID, text, start, pos, l, col, null);
            }
            if (text.charAt(0) != '$') {
                return new Token(Kind.KEYWORD, text, start, pos, l, col, null);
            }
        }
        return new Token(Kind.RESERVED, text, start, pos, l, col, null);
    }

    /** Reads a string starting at the opening quote; returns its bytes. */
    private byte[] readString(int l, int col) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw error("unclosed string", l, col);
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toByteArray();
            }
            if (c == '\n' || c < 0x20 || c == 0x7f) {
                throw error("illegal control character in string", line, pos - lineStart + 1);
            }
            if (c == '\\') {
                if (pos + 1 >= src.length()) {
                    throw error("unclosed string", l, col);
                }
                char e = src.charAt(pos + 1);
                switch (e) {
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case 'r' -> out.write('\r');
                    case '"' -> out.write('"');
                    case '\'' -> out.write('\'');
                    case '\\' -> out.write('\\');
                    case 'u' -> {
                        int close = src.indexOf('}', pos);
                        if (pos + 2 >= src.length() || src.charAt(pos + 2) != '{' || close < 0) {
                            throw error("illegal escape", line, pos - lineStart + 1);
                        }
                        String hex = src.substring(pos + 3, close).replace("_", "");
                        int cp;
                        try {
                            cp = hex.length() > 8 ? -1 : (int) Long.parseLong(hex, 16);
                        } catch (NumberFormatException ex) {
                            cp = -1;
                        }
                        if (cp < 0 || cp > 0x10FFFF || cp >= 0xD800 && cp < 0xE000) {
                            throw error("malformed UTF-8 encoding", line, pos - lineStart + 1);
                        }
                        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                        pos = close + 1;
                        continue;
                    }
                    default -> {
                        int h1 = pos + 2 < src.length() ? Character.digit(e, 16) : -1;
                        int h2 = pos + 2 < src.length() ? Character.digit(src.charAt(pos + 2), 16) : -1;
                        if (h1 < 0 || h2 < 0) {
                            throw error("illegal escape", line, pos - lineStart + 1);
                        }
                        out.write(h1 * 16 + h2);
                        pos += 3;
                        continue;
                    }
                }
                pos += 2;
                continue;
            }
            checkEncoding();
            int cp = src.codePointAt(pos);
            out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            pos += Character.charCount(cp);
        }
    }
}
