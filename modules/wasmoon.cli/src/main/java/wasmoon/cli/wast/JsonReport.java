package wasmoon.cli.wast;

import java.util.ArrayList;
import java.util.List;
import perf.metrics.json.JsonObjectBuilder;
import perf.metrics.json.JsonValue;
import perf.metrics.json.JsonValue.JsonArray;
import perf.metrics.json.JsonWriter;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.tooling.JitCoverage;

/**
 * The machine-readable report of {@code wasmoon test --json}: totals, the JIT
 * coverage of the run, then per file its counts, its coverage and every
 * command that did not pass (line, kind, status, detail). Keys are always
 * written in this order.
 *
 * <p>{@code jit}: {@code tier} ({@code "jit"} or {@code "interpreter"}),
 * {@code strict}, {@code opt_level}, {@code native_functions},
 * {@code interpreted_functions} and {@code fallback_reasons} (objects
 * {@code {"reason", "count"}}, most frequent first); on the interpreter tier
 * the function counts are those of the interpreter (all interpreted).
 *
 * <p>Written by perf.metrics' JSON writer, the project's one JSON implementation.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String toJson(List<FileReport> reports, RuntimeOptions options) {
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        List<JsonValue> files = new ArrayList<>();
        for (FileReport report : reports) {
            passed += report.passed();
            failed += report.failed();
            skipped += report.skipped();
            List<JsonValue> commands = new ArrayList<>();
            for (CommandResult r : report.nonPassing()) {
                JsonObjectBuilder command = new JsonObjectBuilder()
                        .put("line", r.line())
                        .put("kind", r.kind())
                        .put("status", r.status().label());
                if (r.feature() != null) {
                    command.put("feature", r.feature().label());
                }
                if (r.jitGap() != null) {
                    command.put("jit_gap", r.jitGap().label());
                }
                commands.add(command.put("detail", r.detail()).build());
            }
            files.add(new JsonObjectBuilder()
                    .put("file", report.file())
                    .put("passed", report.passed())
                    .put("failed", report.failed())
                    .put("skipped", report.skipped())
                    .put("native_functions", report.coverage().nativeFunctions())
                    .put("interpreted_functions", report.coverage().interpretedFunctions())
                    .put("commands", new JsonArray(commands))
                    .build());
        }
        JsonValue root = new JsonObjectBuilder()
                .put("passed", passed)
                .put("failed", failed)
                .put("skipped", skipped)
                .put("jit", jit(reports, options))
                .put("files", new JsonArray(files))
                .build();
        // A final newline, so the report is a well-formed text file when redirected.
        return JsonWriter.write(root) + "\n";
    }

    private static JsonValue jit(List<FileReport> reports, RuntimeOptions options) {
        JitCoverage total = SummaryPrinter.totalCoverage(reports);
        List<JsonValue> reasons = new ArrayList<>();
        if (options.tier() == ExecutionTier.JIT) {
            SummaryPrinter.fallbackReasons(total).forEach((reason, count) -> reasons.add(new JsonObjectBuilder()
                    .put("reason", reason)
                    .put("count", count)
                    .build()));
        }
        return new JsonObjectBuilder()
                .put("tier", options.tier() == ExecutionTier.JIT ? "jit" : "interpreter")
                .put("strict", options.jitStrict())
                .put("opt_level", options.optLevel())
                .put("native_functions", total.nativeFunctions())
                .put("interpreted_functions", total.interpretedFunctions())
                .put("fallback_reasons", new JsonArray(reasons))
                .build();
    }
}
