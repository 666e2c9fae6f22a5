package perf.metrics;

/**
 * A metrics document that is not valid JSON or does not match the schema. The
 * message says where: a line/column position for malformed JSON, a path such
 * as {@code functions[3].code_size} for schema errors.
 */
public final class MetricsFormatException extends RuntimeException {
    /**
     * A format error.
     *
     * @param message what is wrong, and where
     */
    public MetricsFormatException(String message) {
        super(message);
    }

    /**
     * A format error with its cause.
     *
     * @param message what is wrong, and where
     * @param cause the underlying failure
     */
    public MetricsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
