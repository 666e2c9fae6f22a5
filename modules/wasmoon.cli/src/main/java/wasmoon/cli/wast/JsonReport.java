package wasmoon.cli.wast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report of {@code wasmoon test --json}: totals, then per
 * file its counts and every command that did not pass (line, kind, status,
 * detail). Keys are always written in this order.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String toJson(List<FileReport> reports) {
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
            f.put("commands", commands);
            files.add(f);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", passed);
        root.put("failed", failed);
        root.put("skipped", skipped);
        root.put("files", files);
        return JsonWriter.write(root);
    }
}
