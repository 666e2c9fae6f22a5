package perf.metrics;

/**
 * A metrics document that is not valid JSON or does not match the schema. The
 * message says where: a line/column position for malformed JSON, a path such
 * as {@code functions[3].code_size} for schema errors.
 */
public final class MetricsFormatException extends RuntimeException {
    public MetricsFormatException(String message) {
        super(message);
    }

    public MetricsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
