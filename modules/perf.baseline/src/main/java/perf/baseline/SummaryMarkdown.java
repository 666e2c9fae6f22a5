package perf.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import perf.metrics.Stage;

/**
 * summary.md, rendered by Velocity from {@code summary.md.vm} (this package's
 * resources). The template gets plain maps and lists of ready-formatted
 * strings, so it only lays them out; the stage split is drawn as a text bar
 * per stage.
 */
public final class SummaryMarkdown {
    /** Characters of a full (100 %) stage bar. */
    public static final int BAR_WIDTH = 40;
    private static final String TEMPLATE = "summary.md.vm";

    private SummaryMarkdown() {
    }

    /**
     * The summary.md of {@code s}.
     *
     * @param s the summary
     * @return the Markdown text
     */
    public static String render(BaselineSummary s) {
        RuntimeInstance velocity = new RuntimeInstance();
        Properties p = new Properties();
        // Fail on an undefined reference instead of printing "$name" into the report.
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        velocity.init(p);
        VelocityContext context = new VelocityContext();
        context.put("s", view(s));
        StringWriter out = new StringWriter();
        velocity.evaluate(context, out, TEMPLATE, template());
        return out.toString();
    }

    private static String template() {
        try (InputStream in = SummaryMarkdown.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource perf/baseline/" + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> view(BaselineSummary s) {
        BaselineSummary.Totals t = s.totals();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("wasmoon", s.wasmoon());
        v.put("subcommand", s.subcommand());
        v.put("timeout", Long.toString(s.timeoutSec()));
        v.put("repeat", Integer.toString(s.repeat()));
        v.put("verdict", s.ok() ? "all workloads ok" : t.failed() + " of " + t.workloads() + " workloads failed");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (WorkloadResult w : s.workloads()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", w.name());
            row.put("path", w.path());
            row.put("status", w.status().ok() ? "ok" : "**" + w.status().describe().replace("|", "\\|") + "**");
            row.put("wall", Long.toString(w.wallMs()));
            row.put("runs", w.wallMsRuns().toString());
            row.put("stdout", w.stdoutFileName());
            row.put("stderr", w.stderrFileName());
            row.put("hasMetrics", w.metrics().isPresent());
            if (w.metrics().isPresent()) {
                WorkloadMetrics m = w.metrics().get();
                row.put("compile", ms(m.moduleCompileUs()));
                row.put("functions", m.functions() + " (" + m.jitFunctions() + " jit)");
                row.put("code", Long.toString(m.codeSize()));
                row.put("modes", m.modes().describe());
                row.put("spills", m.spills() + " / " + m.reloads());
                row.put("bars", bars(m.stages()));
                List<Map<String, Object>> fs = new ArrayList<>();
                for (WorkloadMetrics.FunctionCost f : m.slowestFunctions()) {
                    fs.add(Map.of("name", "`" + f.name().replace("`", "'") + "` (" + f.funcIdx() + ")",
                            "ms", ms(f.stageUs()), "code", Long.toString(f.codeSize())));
                }
                row.put("slowFunctions", fs);
                List<Map<String, Object>> ps = new ArrayList<>();
                for (WorkloadMetrics.PassCost pc : m.slowestPasses()) {
                    ps.add(Map.of("name", "`" + pc.name().replace("`", "'") + "`", "ms", ms(pc.durationUs()),
                            "runs", Long.toString(pc.runs())));
                }
                row.put("slowPasses", ps);
            } else {
                row.put("compile", "-");
                row.put("functions", "-");
                row.put("code", "-");
                row.put("modes", "-");
                row.put("spills", "-");
                row.put("bars", List.of());
                row.put("slowFunctions", List.of());
                row.put("slowPasses", List.of());
            }
            rows.add(row);
        }
        v.put("workloads", rows);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("ok", t.ok() + "/" + t.workloads());
        totals.put("wall", Long.toString(t.wallMs()));
        totals.put("compile", ms(t.moduleCompileUs()));
        totals.put("functions", Long.toString(t.functions()));
        totals.put("code", Long.toString(t.codeSize()));
        totals.put("spills", t.spills() + " / " + t.reloads());
        totals.put("bars", bars(t.stages()));
        v.put("totals", totals);
        return v;
    }

    /** One line per stage: name, a bar of '█' for its share of the stage time, the share and the time. */
    static List<String> bars(StageTimes stages) {
        long total = stages.totalUs();
        List<String> lines = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            long us = stages.get(stage);
            double share = total == 0 ? 0 : (double) us / total;
            int cells = (int) Math.round(share * BAR_WIDTH);
            String bar = "█".repeat(cells) + "·".repeat(BAR_WIDTH - cells);
            lines.add(String.format(Locale.ROOT, "%-8s %s %5.1f %%  %s ms", StageTimes.key(stage), bar,
                    share * 100, ms(us)));
        }
        return lines;
    }

    static String ms(long us) {
        return String.format(Locale.ROOT, "%d.%03d", us / 1000, us % 1000);
    }
}
