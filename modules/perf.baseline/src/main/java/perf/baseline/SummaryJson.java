package perf.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import perf.baseline.internal.json.Json;
import perf.baseline.internal.json.JsonException;
import perf.metrics.Stage;

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

        public SummaryFormatException(String message) {
            super(message);
        }
    }

    public static String write(BaselineSummary s) {
        List<Json> workloads = new ArrayList<>();
        for (WorkloadResult w : s.workloads()) {
            workloads.add(workload(w));
        }
        return Json.write(Json.object()
                .put("schema_version", BaselineSummary.SCHEMA_VERSION)
                .put("wasmoon", s.wasmoon())
                .put("subcommand", s.subcommand())
                .put("timeout_sec", s.timeoutSec())
                .put("repeat", s.repeat())
                .put("ok", s.ok())
                .put("workloads", Json.array(workloads))
                .put("totals", totals(s.totals()))
                .build());
    }

    private static Json workload(WorkloadResult w) {
        Json.ObjBuilder b = Json.object()
                .put("name", w.name())
                .put("path", w.path())
                .put("status", w.status().jsonName())
                .put("exit_code", w.status() instanceof WorkloadStatus.ExitCode(int code) ? new Json.Num(code)
                        : w.status() instanceof WorkloadStatus.Timeout || w.status() instanceof WorkloadStatus.LaunchFailed
                                ? Json.Null.NULL : new Json.Num(0))
                .put("detail", w.status().describe())
                .put("wall_ms", w.wallMs())
                .put("wall_ms_runs", Json.array(w.wallMsRuns().stream().map(Json.Num::new).toList()))
                .put("metrics_file", w.metrics().isPresent() ? w.metricsFileName() : null)
                .put("stdout_log", w.stdoutFileName())
                .put("stderr_log", w.stderrFileName());
        b.put("metrics", w.metrics().<Json>map(SummaryJson::metrics).orElse(Json.Null.NULL));
        return b.build();
    }

    private static Json metrics(WorkloadMetrics m) {
        List<Json> functions = m.slowestFunctions().stream().<Json>map(f -> Json.object()
                .put("func_idx", f.funcIdx())
                .put("func_name", f.name())
                .put("stage_us", f.stageUs())
                .put("code_size", f.codeSize())
                .build()).toList();
        List<Json> passes = m.slowestPasses().stream().<Json>map(p -> Json.object()
                .put("name", p.name())
                .put("duration_us", p.durationUs())
                .put("runs", p.runs())
                .build()).toList();
        return Json.object()
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
                .put("slowest_functions", Json.array(functions))
                .put("slowest_passes", Json.array(passes))
                .build();
    }

    private static Json stages(StageTimes t) {
        Json.ObjBuilder b = Json.object();
        for (Stage stage : Stage.values()) {
            b.put(StageTimes.key(stage), t.get(stage));
        }
        return b.build();
    }

    private static Json totals(BaselineSummary.Totals t) {
        return Json.object()
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

    /** Reads summary.json, checking that its totals match its workloads. */
    public static BaselineSummary read(String text) {
        try {
            Json.Obj root = Json.asObj(Json.parse(text), "summary.json");
            long version = root.num("schema_version");
            if (version != BaselineSummary.SCHEMA_VERSION) {
                throw new SummaryFormatException("summary.json: schema_version " + version + ", expected "
                        + BaselineSummary.SCHEMA_VERSION);
            }
            List<WorkloadResult> workloads = new ArrayList<>();
            for (Json item : root.arr("workloads")) {
                workloads.add(readWorkload(Json.asObj(item, "workloads[]")));
            }
            BaselineSummary s = new BaselineSummary(root.str("wasmoon"), root.str("subcommand"),
                    root.num("timeout_sec"), (int) root.num("repeat"), workloads);
            if (!Json.write(totals(s.totals())).equals(Json.write(root.obj("totals")))) {
                throw new SummaryFormatException("summary.json: totals do not match the workloads");
            }
            return s;
        } catch (JsonException e) {
            throw new SummaryFormatException(e.getMessage());
        }
    }

    private static WorkloadResult readWorkload(Json.Obj o) {
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
            case Json.Num n -> n.value();
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

    private static WorkloadMetrics readMetrics(Json.Obj m) {
        Json.Obj st = m.obj("stage_us");
        StageTimes stages = new StageTimes(st.num("optimize"), st.num("lower"), st.num("regalloc"), st.num("emit"));
        List<WorkloadMetrics.FunctionCost> functions = new ArrayList<>();
        for (Json j : m.arr("slowest_functions")) {
            Json.Obj f = Json.asObj(j, "slowest_functions[]");
            functions.add(new WorkloadMetrics.FunctionCost((int) f.num("func_idx"), f.str("func_name"),
                    f.num("stage_us"), f.num("code_size")));
        }
        List<WorkloadMetrics.PassCost> passes = new ArrayList<>();
        for (Json j : m.arr("slowest_passes")) {
            Json.Obj p = Json.asObj(j, "slowest_passes[]");
            passes.add(new WorkloadMetrics.PassCost(p.str("name"), p.num("duration_us"), p.num("runs")));
        }
        return new WorkloadMetrics(m.num("modules"), m.num("module_compile_us"), m.num("functions"),
                m.num("expected_functions"), m.num("jit_functions"), m.num("code_size"), m.num("spill_slots"),
                m.num("spills"), m.num("reloads"), m.num("reg_moves"), m.num("spill_to_spill"), stages,
                functions, passes);
    }
}
