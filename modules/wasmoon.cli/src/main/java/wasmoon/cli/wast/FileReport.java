package wasmoon.cli.wast;

import java.util.List;

/** Every command outcome of one script file, in script order. */
public record FileReport(String file, List<CommandResult> results) {
    public FileReport {
        results = List.copyOf(results);
    }

    public int passed() {
        return count(CommandStatus.PASSED);
    }

    public int failed() {
        return count(CommandStatus.FAILED);
    }

    public int skipped() {
        return count(CommandStatus.SKIPPED);
    }

    public int count(CommandStatus status) {
        int n = 0;
        for (CommandResult r : results) {
            if (r.status() == status) {
                n++;
            }
        }
        return n;
    }

    /** The results that did not pass (failures and skips), in script order. */
    public List<CommandResult> nonPassing() {
        return results.stream().filter(r -> r.status() != CommandStatus.PASSED).toList();
    }

    public List<CommandResult> failures() {
        return results.stream().filter(r -> r.status() == CommandStatus.FAILED).toList();
    }
}
