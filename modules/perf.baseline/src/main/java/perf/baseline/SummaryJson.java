package perf.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import perf.baseline.internal.json.JsonException;
import perf.baseline.internal.json.JsonFields;
import perf.metrics.Stage;
import perf.metrics.json.JsonObjectBuilder;
import perf.metrics.json.JsonValue;
import perf.metrics.json.JsonValue.JsonArray;
import perf.metrics.json.JsonValue.JsonInteger;
import perf.metrics.json.JsonValue.JsonNull;
import perf.metrics.json.JsonWriter;

/**
 * summary.json: written with keys in a fixed order (documented in
 * docs/perf/baselines.md), read back by {@code compare}. The totals are
 * derived data: the reader recomputes them and rejects a file whose totals
 * disagree with its workloads.
 */
public final class SummaryJson {
    private SummaryJson() {
    }

    /** summary.json cannot be read: bad syntax, wrong shape, or totals that disagree with the workloads. */
    public static final class SummaryFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * A format error.
         *
         * @param message what is wrong, and where
         */
        public SummaryFormatException(String message) {
            super(message);
        }
    }

    /**
     * The summary.json of {@code s}.
     *
     * @param s the summary
     * @return the JSON text
     */
    public static String write(BaselineSummary s) {
        List<JsonValue> workloads = new ArrayList<>();
        for (WorkloadResult w : s.workloads()) {
            workloads.add(workload(w));
        }
        return document(new JsonObjectBuilder()
                .put("schema_version", BaselineSummary.SCHEMA_VERSION)
                .put("wasmoon", s.wasmoon())
                .put("subcommand", s.subcommand())
                .put("timeout_sec", s.timeoutSec())
                .put("repeat", s.repeat())
                .put("ok", s.ok())
                .put("workloads", new JsonArray(workloads))
                .put("totals", totals(s.totals()))
                .build());
    }

    /** Pretty-printed with a final newline, so baselines diff well. */
    private static String document(JsonValue root) {
        return JsonWriter.write(root) + "\n";
    }

    private static JsonValue workload(WorkloadResult w) {
        JsonObjectBuilder b = new JsonObjectBuilder()
                .put("name", w.name())
                .put("path", w.path())
                .put("status", w.status().jsonName())
                .put("exit_code", w.status() instanceof WorkloadStatus.ExitCode(int code) ? new JsonInteger(code)
                        : w.status() instanceof WorkloadStatus.Timeout || w.status() instanceof WorkloadStatus.LaunchFailed
                                ? JsonNull.INSTANCE : new JsonInteger(0))
                .put("detail", w.status().describe())
                .put("wall_ms", w.wallMs())
                .put("wall_ms_runs", new JsonArray(w.wallMsRuns().stream().<JsonValue>map(JsonInteger::new).toList()))
                .put("metrics_file", w.metrics().isPresent() ? w.metricsFileName() : null)
                .put("stdout_log", w.stdoutFileName())
                .put("stderr_log", w.stderrFileName());
        b.put("metrics", w.metrics().<JsonValue>map(SummaryJson::metrics).orElse(JsonNull.INSTANCE));
        return b.build();
    }

    private static JsonValue metrics(WorkloadMetrics m) {
        List<JsonValue> functions = m.slowestFunctions().stream().<JsonValue>map(f -> new JsonObjectBuilder()
                .put("func_idx", f.funcIdx())
                .put("func_name", f.name())
                .put("stage_us", f.stageUs())
                .put("code_size", f.codeSize())
                .build()).toList();
        List<JsonValue> passes = m.slowestPasses().stream().<JsonValue>map(p -> new JsonObjectBuilder()
                .put("name", p.name())
                .put("duration_us", p.durationUs())
                .put("runs", p.runs())
                .build()).toList();
        return new JsonObjectBuilder()
                .put("modules", m.modules())
                .put("module_compile_us", m.moduleCompileUs())
                .put("functions", m.functions())
                .put("expected_functions", m.expectedFunctions())
                .put("jit_functions", m.jitFunctions())
                .put("code_size", m.codeSize())
                .put("spill_slots", m.spillSlots())
                .put("spills", m.spills())
                .put("reloads", m.reloads())
                .put("reg_moves", m.regMoves())
                .put("spill_to_spill", m.spillToSpill())
                .put("stage_us", stages(m.stages()))
                .put("compile_modes", new JsonObjectBuilder()
                        .put("eager", m.modes().eager())
                        .put("lazy", m.modes().lazy())
                        .put("cached", m.modes().cached())
                        .put("uncompiled", m.modes().uncompiled())
                        .put("baseline", m.modes().baseline())
                        .put("tier_up", m.modes().tierUp())
                        .put("osr", m.modes().osr())
                        .build())
                .put("slowest_functions", new JsonArray(functions))
                .put("slowest_passes", new JsonArray(passes))
                .build();
    }

    private static JsonValue stages(StageTimes t) {
        JsonObjectBuilder b = new JsonObjectBuilder();
        for (Stage stage : Stage.values()) {
            b.put(StageTimes.key(stage), t.get(stage));
        }
        return b.build();
    }

    private static JsonValue totals(BaselineSummary.Totals t) {
        return new JsonObjectBuilder()
                .put("workloads", t.workloads())
                .put("ok", t.ok())
                .put("failed", t.failed())
                .put("wall_ms", t.wallMs())
                .put("module_compile_us", t.moduleCompileUs())
                .put("functions", t.functions())
                .put("code_size", t.codeSize())
                .put("spill_slots", t.spillSlots())
                .put("spills", t.spills())
                .put("reloads", t.reloads())
                .put("reg_moves", t.regMoves())
                .put("spill_to_spill", t.spillToSpill())
                .put("stage_us", stages(t.stages()))
                .build();
    }

    /**
     * Reads summary.json, checking that its totals match its workloads.
     *
     * @param text the file's text
     * @return the summary
     * @throws SummaryFormatException when the text is not JSON, not that shape, or its totals disagree
     */
    public static BaselineSummary read(String text) {
        try {
            JsonFields root = JsonFields.parse(text, "summary.json");
            long version = root.num("schema_version");
            if (version != BaselineSummary.SCHEMA_VERSION) {
                throw new SummaryFormatException("summary.json: schema_version " + version + ", expected "
                        + BaselineSummary.SCHEMA_VERSION);
            }
            List<WorkloadResult> workloads = new ArrayList<>();
            for (JsonValue item : root.arr("workloads")) {
                workloads.add(readWorkload(JsonFields.of(item, "workloads[]")));
            }
            BaselineSummary s = new BaselineSummary(root.str("wasmoon"), root.str("subcommand"),
                    root.num("timeout_sec"), (int) root.num("repeat"), workloads);
            if (!JsonWriter.write(totals(s.totals())).equals(JsonWriter.write(root.obj("totals").object()))) {
                throw new SummaryFormatException("summary.json: totals do not match the workloads");
            }
            return s;
        } catch (JsonException e) {
            throw new SummaryFormatException(e.getMessage());
        }
    }

    private static WorkloadResult readWorkload(JsonFields o) {
        String status = o.str("status");
        String detail = o.str("detail");
        WorkloadStatus st = switch (status) {
            case "ok" -> new WorkloadStatus.Ok();
            case "exit_code" -> new WorkloadStatus.ExitCode((int) o.num("exit_code"));
            case "timeout" -> new WorkloadStatus.Timeout(afterNumber(detail));
            case "missing_metrics" -> new WorkloadStatus.MissingMetrics();
            case "invalid_metrics" -> new WorkloadStatus.InvalidMetrics(afterColon(detail));
            case "launch_failed" -> new WorkloadStatus.LaunchFailed(afterColon(detail));
            default -> throw new JsonException("unknown status \"" + status + "\"");
        };
        List<Long> runs = o.arr("wall_ms_runs").stream().map(j -> switch (j) {
            case JsonInteger n -> n.value();
            default -> throw new JsonException("wall_ms_runs: expected numbers");
        }).toList();
        Optional<WorkloadMetrics> metrics = o.isNull("metrics") ? Optional.empty()
                : Optional.of(readMetrics(o.obj("metrics")));
        return new WorkloadResult(o.str("name"), o.str("path"), st, o.num("wall_ms"), runs, metrics);
    }

    private static long afterNumber(String detail) {
        String digits = detail.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static String afterColon(String detail) {
        int i = detail.indexOf(": ");
        return i < 0 ? detail : detail.substring(i + 2);
    }

    private static WorkloadMetrics readMetrics(JsonFields m) {
        JsonFields st = m.obj("stage_us");
        StageTimes stages = new StageTimes(st.num("optimize"), st.num("lower"), st.num("regalloc"), st.num("emit"));
        List<WorkloadMetrics.FunctionCost> functions = new ArrayList<>();
        for (JsonValue j : m.arr("slowest_functions")) {
            JsonFields f = JsonFields.of(j, "slowest_functions[]");
            functions.add(new WorkloadMetrics.FunctionCost((int) f.num("func_idx"), f.str("func_name"),
                    f.num("stage_us"), f.num("code_size")));
        }
        List<WorkloadMetrics.PassCost> passes = new ArrayList<>();
        for (JsonValue j : m.arr("slowest_passes")) {
            JsonFields p = JsonFields.of(j, "slowest_passes[]");
            passes.add(new WorkloadMetrics.PassCost(p.str("name"), p.num("duration_us"), p.num("runs")));
        }
        return new WorkloadMetrics(m.num("modules"), m.num("module_compile_us"), m.num("functions"),
                m.num("expected_functions"), m.num("jit_functions"), m.num("code_size"), m.num("spill_slots"),
                m.num("spills"), m.num("reloads"), m.num("reg_moves"), m.num("spill_to_spill"), stages,
                functions, passes, modes(m));
    }

    /** compile_modes, absent from summaries written before lazy compilation (then: all eager). */
    private static WorkloadMetrics.CompileModes modes(JsonFields m) {
        if (!m.object().members().containsKey("compile_modes")) {
            return new WorkloadMetrics.CompileModes(m.num("functions"), 0, 0, 0, 0, 0, 0);
        }
        JsonFields c = m.obj("compile_modes");
        // baseline and tier_up: absent from summaries written before tiered compilation, osr from
        // those written before on-stack replacement (then: 0)
        boolean tiered = c.object().members().containsKey("baseline");
        boolean osr = c.object().members().containsKey("osr");
        return new WorkloadMetrics.CompileModes(c.num("eager"), c.num("lazy"), c.num("cached"), c.num("uncompiled"),
                tiered ? c.num("baseline") : 0, tiered ? c.num("tier_up") : 0, osr ? c.num("osr") : 0);
    }
}
