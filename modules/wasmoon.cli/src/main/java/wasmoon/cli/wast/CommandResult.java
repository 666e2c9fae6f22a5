package wasmoon.cli.wast;

import java.util.Objects;
import wasm.core.Feature;
import wasm.core.JitGap;

/**
 * The outcome of one script command.
 *
 * @param line    1-based line where the command starts (0 when the whole script failed to parse)
 * @param kind    the command keyword ("module", "assert_return", ...)
 * @param status  passed, failed or skipped
 * @param detail  for a failure {@code "expected ..., got ..."}; for a skip the reason; empty when passed
 * @param feature for a skip, the unsupported feature it needs; null otherwise
 * @param jitGap  for a skip in strict JIT mode, the feature the JIT does not compile yet that its module
 *                needs; null otherwise (a skip names a feature or a JIT gap, exactly one)
 */
public record CommandResult(int line, String kind, CommandStatus status, String detail, Feature feature,
                            JitGap jitGap) {
    public CommandResult {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(status);
        detail = detail == null ? "" : detail;
        boolean named = feature != null || jitGap != null;
        if ((status == CommandStatus.SKIPPED) != named || feature != null && jitGap != null) {
            throw new IllegalArgumentException("a skip, and only a skip, names its feature or JIT gap, one of them: "
                    + status + " " + feature + " " + jitGap);
        }
    }

    public CommandResult(int line, String kind, CommandStatus status, String detail, Feature feature) {
        this(line, kind, status, detail, feature, null);
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

    /** Skipped in strict JIT mode: the module needs {@code gap}, which the JIT does not compile yet. */
    static CommandResult skippedForJit(int line, String kind, JitGap gap, String reason) {
        return new CommandResult(line, kind, CommandStatus.SKIPPED, reason, null, Objects.requireNonNull(gap));
    }
}
