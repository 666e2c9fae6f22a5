package wasmoon.cli;

/**
 * The command was well formed but its input could not be used (missing file,
 * malformed or invalid module, unknown import, trap): one line on stderr, exit
 * code 1. The cause, when there is one, is shown only with {@code --verbose}.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
