package wasmoon.cli.wast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wasm.runtime.ExecutionTier;
import wasm.runtime.JitCoverage;
import wasm.runtime.RuntimeOptions;

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
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String toJson(List<FileReport> reports, RuntimeOptions options) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        List<Object> files = new ArrayList<>();
        for (FileReport report : reports) {
            passed += report.passed();
            failed += report.failed();
            skipped += report.skipped();
            List<Object> commands = new ArrayList<>();
            for (CommandResult r : report.nonPassing()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("line", r.line());
                c.put("kind", r.kind());
                c.put("status", r.status().label());
                c.put("detail", r.detail());
                commands.add(c);
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", report.file());
            f.put("passed", report.passed());
            f.put("failed", report.failed());
            f.put("skipped", report.skipped());
            f.put("native_functions", report.coverage().nativeFunctions());
            f.put("interpreted_functions", report.coverage().interpretedFunctions());
            f.put("commands", commands);
            files.add(f);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", passed);
        root.put("failed", failed);
        root.put("skipped", skipped);
        root.put("jit", jit(reports, options));
        root.put("files", files);
        return JsonWriter.write(root);
    }

    private static Map<String, Object> jit(List<FileReport> reports, RuntimeOptions options) {
        JitCoverage total = SummaryPrinter.totalCoverage(reports);
        List<Object> reasons = new ArrayList<>();
        SummaryPrinter.fallbackReasons(total).forEach((reason, count) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("reason", reason);
            r.put("count", count);
            reasons.add(r);
        });
        Map<String, Object> jit = new LinkedHashMap<>();
        jit.put("tier", options.tier() == ExecutionTier.JIT ? "jit" : "interpreter");
        jit.put("strict", options.jitStrict());
        jit.put("opt_level", options.optLevel());
        jit.put("native_functions", total.nativeFunctions());
        jit.put("interpreted_functions", total.interpretedFunctions());
        jit.put("fallback_reasons", options.tier() == ExecutionTier.JIT ? reasons : List.of());
        return jit;
    }
}
