package wasm.core.text.internal;

/**
 * One lexical token of the text format. {@code start}/{@code end} are char
 * offsets into the source; {@code line}/{@code col} are 1-based. For strings,
 * {@code bytes} holds the decoded contents (escapes resolved, characters as
 * UTF-8); otherwise it is null.
 */
public record Token(Kind kind, String text, int start, int end, int line, int col, byte[] bytes) {

    /** Token classes of the spec's lexical grammar. */
    public enum Kind {
        LPAREN, RPAREN, STRING, ID, KEYWORD,
        /** A run of idchars and strings that forms no valid token ("unknown operator" when used). */
        RESERVED,
        EOF
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    public boolean isKeyword(String word) {
        return kind == Kind.KEYWORD && text.equals(word);
    }

    public String position() {
        return line + ":" + col;
    }

    @Override
    public String toString() {
        return kind + "(" + text + ")@" + position();
    }
}
