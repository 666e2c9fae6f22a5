package wasmoon.cli.wast;

import java.util.Objects;
import wasm.core.Feature;

/**
 * The outcome of one script command.
 *
 * @param line    1-based line where the command starts (0 when the whole script failed to parse)
 * @param kind    the command keyword ("module", "assert_return", ...)
 * @param status  passed, failed or skipped
 * @param detail  for a failure {@code "expected ..., got ..."}; for a skip the reason; empty when passed
 * @param feature for a skip, the unsupported feature it needs; null otherwise (a skip always has one)
 */
public record CommandResult(int line, String kind, CommandStatus status, String detail, Feature feature) {
    public CommandResult {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(status);
        detail = detail == null ? "" : detail;
        if ((status == CommandStatus.SKIPPED) != (feature != null)) {
            throw new IllegalArgumentException("a skip, and only a skip, names its feature: " + status + " " + feature);
        }
    }

    static CommandResult passed(int line, String kind) {
        return new CommandResult(line, kind, CommandStatus.PASSED, "", null);
    }

    static CommandResult failed(int line, String kind, String detail) {
        return new CommandResult(line, kind, CommandStatus.FAILED, detail, null);
    }

    static CommandResult skipped(int line, String kind, Feature feature, String reason) {
        return new CommandResult(line, kind, CommandStatus.SKIPPED, reason, Objects.requireNonNull(feature));
    }
}
