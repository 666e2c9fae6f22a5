package perf.metrics.json;

/**
 * Malformed JSON text. The message names the line, column and character offset
 * of the first offending character.
 */
public final class JsonSyntaxException extends RuntimeException {
    private final int offset;

    public JsonSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** Offset (in chars) of the offending character in the parsed text. */
    public int offset() {
        return offset;
    }
}
