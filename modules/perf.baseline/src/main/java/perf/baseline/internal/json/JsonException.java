package perf.baseline.internal.json;

/** summary.json is not what this version writes: a syntax error or a wrong shape. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
