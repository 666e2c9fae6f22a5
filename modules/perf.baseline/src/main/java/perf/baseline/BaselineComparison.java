package perf.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Old baseline against new, per workload (matched by name): wall time, module
 * compile time, code size and spill traffic (spills + reloads), with the
 * regressions that pass {@link CompareThresholds}.
 *
 * @param rows one row per workload: the old baseline's order, then workloads only the new one has
 * @param regressions one line per regression, naming the workload
 */
public record BaselineComparison(List<Row> rows, List<String> regressions) {
    /**
     * Copies the lists.
     *
     * @throws NullPointerException when a list or one of its elements is null
     */
    public BaselineComparison {
        rows = List.copyOf(rows);
        regressions = List.copyOf(regressions);
    }

    /**
     * A metric's old and new value; empty where a side has no value.
     *
     * @param oldValue the old baseline's value
     * @param newValue the new baseline's value
     * @param regressed whether the increase passes the threshold
     */
    public record Change(Optional<Long> oldValue, Optional<Long> newValue, boolean regressed) {
        String render() {
            String o = oldValue.map(String::valueOf).orElse("-");
            String n = newValue.map(String::valueOf).orElse("-");
            String delta = "";
            if (oldValue.isPresent() && newValue.isPresent()) {
                long d = newValue.get() - oldValue.get();
                delta = oldValue.get() == 0 ? String.format(Locale.ROOT, " (%+d)", d)
                        : String.format(Locale.ROOT, " (%+.1f%%)", 100.0 * d / oldValue.get());
            }
            return o + " -> " + n + delta + (regressed ? " !" : "");
        }
    }

    /**
     * One workload's comparison.
     *
     * @param name the workload's name
     * @param oldStatus its status in the old baseline ({@link WorkloadStatus#jsonName()}), or {@code -} when absent
     * @param newStatus its status in the new baseline, or {@code -} when absent
     * @param wallMs wall time, milliseconds (compared when both runs exited 0)
     * @param compileUs module compile time, microseconds (compared when both are ok)
     * @param codeSize bytes of machine code (compared when both are ok)
     * @param spills spills plus reloads (compared when both are ok)
     */
    public record Row(String name, String oldStatus, String newStatus, Change wallMs, Change compileUs,
                      Change codeSize, Change spills) {
    }

    /**
     * Whether any regression was found.
     *
     * @return true when {@link #regressions()} is not empty
     */
    public boolean regressed() {
        return !regressions.isEmpty();
    }

    /**
     * Compares two baselines, workload by workload.
     *
     * @param oldSummary the baseline compared against
     * @param newSummary the new baseline
     * @param t the thresholds a change must pass to be a regression
     * @return the rows and the regressions
     */
    public static BaselineComparison compare(BaselineSummary oldSummary, BaselineSummary newSummary,
                                             CompareThresholds t) {
        Map<String, WorkloadResult> olds = new LinkedHashMap<>();
        oldSummary.workloads().forEach(w -> olds.put(w.name(), w));
        Map<String, WorkloadResult> news = new LinkedHashMap<>();
        newSummary.workloads().forEach(w -> news.put(w.name(), w));
        List<String> names = new ArrayList<>(olds.keySet());
        news.keySet().stream().filter(n -> !olds.containsKey(n)).forEach(names::add);
        List<Row> rows = new ArrayList<>();
        List<String> regressions = new ArrayList<>();
        for (String name : names) {
            Optional<WorkloadResult> o = Optional.ofNullable(olds.get(name));
            Optional<WorkloadResult> n = Optional.ofNullable(news.get(name));
            if (o.isPresent() && n.isEmpty()) {
                regressions.add(name + ": missing from the new baseline");
            }
            if (o.isPresent() && n.isPresent() && (o.get().status().ok() && !n.get().status().ok()
                    || ranToTheEnd(o.get()) && !ranToTheEnd(n.get()))) {
                regressions.add(name + ": was " + o.get().status().describe() + ", now " + n.get().status().describe());
            }
            // Timings of a failed run say nothing: wall times are compared when both runs
            // exited 0 (with or without metrics), metrics when both sides are ok.
            boolean bothRan = o.isPresent() && n.isPresent() && ranToTheEnd(o.get()) && ranToTheEnd(n.get());
            boolean bothOk = o.isPresent() && n.isPresent() && o.get().status().ok() && n.get().status().ok();
            Change wall = change(o.filter(BaselineComparison::ranToTheEnd).map(WorkloadResult::wallMs),
                    n.filter(BaselineComparison::ranToTheEnd).map(WorkloadResult::wallMs), bothRan, t.wallPct(),
                    t.wallFloorMs());
            Change compile = change(metric(o, WorkloadMetrics::moduleCompileUs), metric(n, WorkloadMetrics::moduleCompileUs),
                    bothOk, t.compilePct(), t.compileFloorUs());
            Change code = change(metric(o, WorkloadMetrics::codeSize), metric(n, WorkloadMetrics::codeSize), bothOk,
                    t.codeSizePct(), t.codeSizeFloor());
            Change spills = change(metric(o, m -> m.spills() + m.reloads()), metric(n, m -> m.spills() + m.reloads()),
                    bothOk, t.spillsPct(), t.spillsFloor());
            addRegression(regressions, name, "wall time (ms)", wall);
            addRegression(regressions, name, "module compile time (us)", compile);
            addRegression(regressions, name, "code size (bytes)", code);
            addRegression(regressions, name, "spills + reloads", spills);
            rows.add(new Row(name, o.map(w -> w.status().jsonName()).orElse("-"),
                    n.map(w -> w.status().jsonName()).orElse("-"), wall, compile, code, spills));
        }
        return new BaselineComparison(rows, regressions);
    }

    /** The launcher exited 0: the program ran to its end, whatever became of the metrics. */
    static boolean ranToTheEnd(WorkloadResult w) {
        return switch (w.status()) {
            case WorkloadStatus.Ok _ -> true;
            case WorkloadStatus.MissingMetrics _ -> true;
            case WorkloadStatus.InvalidMetrics _ -> true;
            case WorkloadStatus.ExitCode _ -> false;
            case WorkloadStatus.Timeout _ -> false;
            case WorkloadStatus.LaunchFailed _ -> false;
        };
    }

    private static Optional<Long> metric(Optional<WorkloadResult> w, java.util.function.ToLongFunction<WorkloadMetrics> f) {
        return w.filter(r -> r.status().ok()).flatMap(WorkloadResult::metrics).map(f::applyAsLong);
    }

    private static Change change(Optional<Long> o, Optional<Long> n, boolean comparable, double pct, long floor) {
        boolean regressed = comparable && o.isPresent() && n.isPresent()
                && CompareThresholds.exceeds(o.get(), n.get(), pct, floor);
        return new Change(o, n, regressed);
    }

    private static void addRegression(List<String> out, String name, String what, Change c) {
        if (c.regressed()) {
            out.add(name + ": " + what + " " + c.oldValue().orElseThrow() + " -> " + c.newValue().orElseThrow());
        }
    }

    /**
     * The table {@code compare} prints, then its verdict.
     *
     * @return the text, lines ending in newlines
     */
    public String render() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"workload", "status", "wall ms", "compile us", "code bytes", "spills+reloads"});
        for (Row r : rows) {
            cells.add(new String[] {r.name(), r.oldStatus() + " -> " + r.newStatus(), r.wallMs().render(),
                    r.compileUs().render(), r.codeSize().render(), r.spills().render()});
        }
        int[] width = new int[6];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                sb.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", row[i]));
            }
            sb.setLength(sb.length() - (sb.length() - sb.toString().stripTrailing().length()));
            sb.append('\n');
        }
        if (regressions.isEmpty()) {
            sb.append("compare: no regression past the thresholds\n");
        } else {
            sb.append("compare: ").append(regressions.size()).append(" regression(s) past the thresholds:\n");
            regressions.forEach(r -> sb.append("  ").append(r).append('\n'));
        }
        return sb.toString();
    }
}
