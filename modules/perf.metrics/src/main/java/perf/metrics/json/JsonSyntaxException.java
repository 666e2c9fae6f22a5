package perf.metrics.json;

/**
 * Malformed JSON text. The message names the line, column and character offset
 * of the first offending character.
 */
public final class JsonSyntaxException extends RuntimeException {
    /** Offset (in chars) of the offending character. */
    private final int offset;

    /**
     * A syntax error at {@code offset}.
     *
     * @param message what is wrong, with the line and column
     * @param offset the offending character's offset in chars
     */
    public JsonSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /**
     * Offset (in chars) of the offending character in the parsed text.
     *
     * @return the offset, from 0
     */
    public int offset() {
        return offset;
    }
}
