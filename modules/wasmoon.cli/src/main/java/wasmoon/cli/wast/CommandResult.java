package wasmoon.cli.wast;

import java.util.Objects;

/**
 * The outcome of one script command.
 *
 * @param line   1-based line where the command starts (0 when the whole script failed to parse)
 * @param kind   the command keyword ("module", "assert_return", ...)
 * @param status passed, failed or skipped
 * @param detail for a failure {@code "expected ..., got ..."}; for a skip the reason; empty when passed
 */
public record CommandResult(int line, String kind, CommandStatus status, String detail) {
    public CommandResult {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(status);
        detail = detail == null ? "" : detail;
    }

    static CommandResult passed(int line, String kind) {
        return new CommandResult(line, kind, CommandStatus.PASSED, "");
    }

    static CommandResult failed(int line, String kind, String detail) {
        return new CommandResult(line, kind, CommandStatus.FAILED, detail);
    }

    static CommandResult skipped(int line, String kind, String reason) {
        return new CommandResult(line, kind, CommandStatus.SKIPPED, reason);
    }
}
