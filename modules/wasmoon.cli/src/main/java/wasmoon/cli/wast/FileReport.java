package wasmoon.cli.wast;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import wasm.core.Feature;
import wasm.core.JitGap;
import wasm.runtime.tooling.JitCoverage;

/**
 * Every command outcome of one script file, in script order, and where the
 * script's defined functions ran (native or interpreted) in its store.
 *
 * @param jitGapFunctions defined functions of the modules strict JIT mode refused for a
 *                        {@link JitGap} (not instantiated, so not in {@code coverage})
 */
public record FileReport(String file, List<CommandResult> results, JitCoverage coverage, long jitGapFunctions) {
    /** No function instantiated: what a script that never created a store reports. */
    public static final JitCoverage NO_FUNCTIONS = new JitCoverage(0, 0, Map.of());

    public FileReport {
        results = List.copyOf(results);
        Objects.requireNonNull(coverage, "coverage");
    }

    public FileReport(String file, List<CommandResult> results, JitCoverage coverage) {
        this(file, results, coverage, 0);
    }

    /** A report of a script that instantiated no function (it did not parse, or had no module). */
    public FileReport(String file, List<CommandResult> results) {
        this(file, results, NO_FUNCTIONS);
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

    /** How many commands were skipped for each unsupported feature. */
    public Map<Feature, Integer> skipsByFeature() {
        return skipsBy(Feature.class, CommandResult::feature);
    }

    /** How many commands strict JIT mode skipped for each JIT gap (every skip names a feature or a gap). */
    public Map<JitGap, Integer> skipsByJitGap() {
        return skipsBy(JitGap.class, CommandResult::jitGap);
    }

    private <K extends Enum<K>> Map<K, Integer> skipsBy(Class<K> type, Function<CommandResult, K> reason) {
        Map<K, Integer> counts = new EnumMap<>(type);
        for (CommandResult r : results) {
            if (r.status() == CommandStatus.SKIPPED && reason.apply(r) != null) {
                counts.merge(reason.apply(r), 1, Integer::sum);
            }
        }
        return counts;
    }

    public List<CommandResult> failures() {
        return results.stream().filter(r -> r.status() == CommandStatus.FAILED).toList();
    }
}
