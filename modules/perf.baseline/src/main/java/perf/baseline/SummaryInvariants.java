package perf.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import perf.baseline.internal.json.JsonException;
import perf.baseline.internal.json.JsonFields;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsJson;
import perf.metrics.ModuleReport;
import perf.metrics.Stage;
import perf.metrics.json.JsonValue;
import perf.metrics.json.JsonValue.JsonBoolean;

/**
 * The executable invariants of a baseline directory, checked against the
 * files themselves rather than the in-memory model:
 * <ul>
 *   <li>every workload appears once (by name and by path) and its logs exist;</li>
 *   <li>{@code metrics_file} is set exactly when {@code metrics} is, and the file exists;</li>
 *   <li>each workload's {@code metrics} sums equal those recomputed from its metrics file
 *       (read with perf.metrics' reader);</li>
 *   <li>{@code totals} equal the sums over the workloads' metrics files, {@code ok + failed
 *       == workloads}, {@code ok} counts the "ok" statuses, {@code wall_ms} the sum of the
 *       workloads' wall times, and {@code ok} at the top is true exactly when nothing failed.</li>
 * </ul>
 */
public final class SummaryInvariants {
    private SummaryInvariants() {
    }

    /**
     * The violations found in the baseline at dir (empty: all hold).
     *
     * @param dir the baseline's directory, holding summary.json and the workloads' files
     * @return one message per violation
     * @throws IOException when summary.json or a metrics file cannot be read
     *         (a missing metrics file is a violation instead)
     */
    public static List<String> check(Path dir) throws IOException {
        List<String> v = new ArrayList<>();
        JsonFields root;
        try {
            root = JsonFields.parse(Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8),
                    "summary.json");
        } catch (JsonException e) {
            return List.of("summary.json unreadable: " + e.getMessage());
        }
        try {
            long[] sums = new long[8]; // compile, functions, code, slots, spills, reloads, moves, s2s
            long[] stages = new long[Stage.values().length];
            long wall = 0, ok = 0;
            Set<String> names = new HashSet<>();
            Set<String> paths = new HashSet<>();
            List<JsonValue> workloads = root.arr("workloads");
            for (JsonValue item : workloads) {
                JsonFields w = JsonFields.of(item, "workloads[]");
                String name = w.str("name");
                if (!names.add(name)) {
                    v.add("workload name appears twice: " + name);
                }
                if (!paths.add(w.str("path"))) {
                    v.add("workload path appears twice: " + w.str("path"));
                }
                if (w.str("status").equals("ok")) {
                    ok++;
                }
                wall += w.num("wall_ms");
                for (String log : List.of("stdout_log", "stderr_log")) {
                    if (!Files.isRegularFile(dir.resolve(w.str(log)))) {
                        v.add(name + ": " + log + " " + w.str(log) + " is missing");
                    }
                }
                if (w.isNull("metrics") != w.isNull("metrics_file")) {
                    v.add(name + ": metrics and metrics_file must both be set or both be null");
                    continue;
                }
                if (w.isNull("metrics")) {
                    if (w.str("status").equals("ok")) {
                        v.add(name + ": status ok without metrics");
                    }
                    continue;
                }
                Path file = dir.resolve(w.str("metrics_file"));
                if (!Files.isRegularFile(file)) {
                    v.add(name + ": metrics file " + file.getFileName() + " is missing");
                    continue;
                }
                List<ModuleReport> modules = MetricsJson.readDocument(Files.readString(file, StandardCharsets.UTF_8));
                long[] own = new long[8];
                long[] ownStages = new long[Stage.values().length];
                long functions = 0;
                for (ModuleReport m : modules) {
                    own[0] += m.moduleCompileUs();
                    for (FunctionReport f : m.functions()) {
                        functions++;
                        own[2] += f.codeSize();
                        own[3] += f.spillSlots();
                        own[4] += f.spills();
                        own[5] += f.reloads();
                        own[6] += f.regMoves();
                        own[7] += f.spillToSpill();
                        ownStages[Stage.OPTIMIZE.ordinal()] += f.optimizeUs();
                        ownStages[Stage.LOWER.ordinal()] += f.lowerUs();
                        ownStages[Stage.REGALLOC.ordinal()] += f.regallocUs();
                        ownStages[Stage.EMIT.ordinal()] += f.emitUs();
                    }
                }
                own[1] = functions;
                JsonFields m = w.obj("metrics");
                expect(v, name + ".metrics", m, own, ownStages);
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += own[i];
                }
                for (int i = 0; i < stages.length; i++) {
                    stages[i] += ownStages[i];
                }
            }
            JsonFields t = root.obj("totals");
            expect(v, "totals", t, sums, stages);
            equal(v, "totals.workloads", t.num("workloads"), workloads.size());
            equal(v, "totals.ok", t.num("ok"), ok);
            equal(v, "totals.ok + totals.failed", t.num("ok") + t.num("failed"), workloads.size());
            equal(v, "totals.wall_ms", t.num("wall_ms"), wall);
            boolean allOk = ok == workloads.size();
            if (!(root.get("ok") instanceof JsonBoolean(boolean b) && b == allOk)) {
                v.add("ok must be " + allOk);
            }
        } catch (JsonException | perf.metrics.MetricsFormatException e) {
            v.add("unreadable: " + e.getMessage());
        }
        return v;
    }

    private static final String[] SUM_KEYS = {"module_compile_us", "functions", "code_size", "spill_slots", "spills",
        "reloads", "reg_moves", "spill_to_spill"};

    private static void expect(List<String> v, String where, JsonFields o, long[] sums, long[] stages) {
        for (int i = 0; i < SUM_KEYS.length; i++) {
            equal(v, where + "." + SUM_KEYS[i], o.num(SUM_KEYS[i]), sums[i]);
        }
        JsonFields st = o.obj("stage_us");
        for (Stage s : Stage.values()) {
            equal(v, where + ".stage_us." + StageTimes.key(s), st.num(StageTimes.key(s)), stages[s.ordinal()]);
        }
    }

    private static void equal(List<String> v, String what, long actual, long expected) {
        if (actual != expected) {
            v.add(what + " is " + actual + ", the files add up to " + expected);
        }
    }
}
