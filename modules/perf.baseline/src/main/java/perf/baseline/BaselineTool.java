package perf.baseline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line behind scripts/collect_perf_baseline.py (and a
 * {@code wasmoon-baseline} launcher):
 *
 * <pre>
 * [capture] [--wasmoon PATH] [--out-dir DIR] [--timeout-sec N] [--subcommand run|test]
 *           [--workload PATH]... [--testsuite DIR] [--repeat N]
 * compare OLD_DIR NEW_DIR [--max-wall-pct P] [--wall-floor-ms N] [--max-compile-pct P]
 *           [--compile-floor-us N] [--max-code-size-pct P] [--code-size-floor N]
 *           [--max-spills-pct P] [--spills-floor N]
 * </pre>
 *
 * Exit codes: capture 0 when every workload is ok, 1 otherwise (the summaries
 * are written either way); compare 0, or 2 when a threshold is passed, 1 when
 * a summary cannot be read; 64 for a usage error.
 */
public final class BaselineTool {
    /** Capture: every workload is ok; compare: no regression. */
    public static final int EXIT_OK = 0;
    /** Capture: a workload failed; compare: a summary cannot be read. */
    public static final int EXIT_FAILED = 1;
    /** Compare: a change passes a threshold. */
    public static final int EXIT_REGRESSION = 2;
    /** A usage error (BSD's EX_USAGE). */
    public static final int EXIT_USAGE = 64;

    static final String USAGE = """
            usage: collect_perf_baseline.py [capture] [--wasmoon PATH] [--out-dir DIR] [--timeout-sec N]
                                            [--subcommand run|test] [--workload PATH]... [--testsuite DIR]
                                            [--repeat N]
                   collect_perf_baseline.py compare OLD_DIR NEW_DIR [--max-wall-pct P] [--wall-floor-ms N]
                                            [--max-compile-pct P] [--compile-floor-us N]
                                            [--max-code-size-pct P] [--code-size-floor N]
                                            [--max-spills-pct P] [--spills-floor N]
            defaults: --wasmoon ./wasmoon --out-dir docs/perf/baselines/latest --timeout-sec 600
                      --subcommand run --repeat 1, workloads examples/{core3,stream,box_easy2,benchmark}.wasm;
                      with --subcommand test: DIR/{const,int_exprs,float_exprs}.wast of the official
                      suite read in place, --testsuite ../shared/wasm-testsuite;
                      every run gets a fresh, empty code cache (cold compiles, the user's cache untouched);
                      compare: wall +25% and +50 ms, compile +25% and +2000 us,
                      code size +5% and +64 bytes, spills+reloads +10% and +8
            """;

    private BaselineTool() {
    }

    /**
     * Runs the tool and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** A usage error: the message goes to stderr with the usage text, exit 64. */
    private static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /**
     * Runs the tool without exiting (tests call this).
     *
     * @param args the command line
     * @param out where progress and the comparison go
     * @param err where errors and the usage go
     * @return one of the {@code EXIT_} codes
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> list = new ArrayList<>(List.of(args));
        try {
            if (!list.isEmpty() && (list.getFirst().equals("--help") || list.getFirst().equals("-h"))) {
                out.print(USAGE);
                return EXIT_OK;
            }
            if (!list.isEmpty() && list.getFirst().equals("compare")) {
                return compare(list.subList(1, list.size()), out, err);
            }
            if (!list.isEmpty() && list.getFirst().equals("capture")) {
                list = list.subList(1, list.size());
            }
            return capture(list, out, err);
        } catch (UsageError e) {
            err.println("perf.baseline: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        }
    }

    /** Splits "--opt=value" and checks that an option has its value. */
    private static final class Args {
        private final List<String> items = new ArrayList<>();
        private int pos;

        Args(List<String> raw) {
            for (String a : raw) {
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 2) {
                    items.add(a.substring(0, eq));
                    items.add(a.substring(eq + 1));
                } else {
                    items.add(a);
                }
            }
        }

        boolean more() {
            return pos < items.size();
        }

        String next() {
            return items.get(pos++);
        }

        String value(String option) throws UsageError {
            if (pos >= items.size()) {
                throw new UsageError(option + " needs a value");
            }
            return items.get(pos++);
        }

        long number(String option) throws UsageError {
            String v = value(option);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new UsageError(option + ": not a whole number: " + v);
            }
        }

        double percent(String option) throws UsageError {
            String v = value(option);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new UsageError(option + ": not a number: " + v);
            }
        }
    }

    private static int capture(List<String> raw, PrintStream out, PrintStream err) throws UsageError {
        String wasmoon = CaptureOptions.DEFAULT_WASMOON;
        Path outDir = CaptureOptions.DEFAULT_OUT_DIR;
        long timeout = CaptureOptions.DEFAULT_TIMEOUT_SEC;
        String subcommand = "run";
        String testsuite = CaptureOptions.DEFAULT_TESTSUITE;
        long repeat = 1;
        List<String> workloads = new ArrayList<>();
        Args a = new Args(raw);
        while (a.more()) {
            String opt = a.next();
            switch (opt) {
                case "--wasmoon" -> wasmoon = a.value(opt);
                case "--out-dir" -> outDir = Path.of(a.value(opt));
                case "--timeout-sec" -> timeout = a.number(opt);
                case "--subcommand" -> subcommand = a.value(opt);
                case "--workload" -> workloads.add(a.value(opt));
                case "--testsuite" -> testsuite = a.value(opt);
                case "--repeat" -> repeat = a.number(opt);
                default -> throw new UsageError("unknown argument: " + opt);
            }
        }
        CaptureOptions options;
        try {
            options = new CaptureOptions(wasmoon, outDir, timeout, subcommand,
                    workloads.isEmpty() ? CaptureOptions.defaultWorkloads(subcommand, testsuite) : workloads,
                    (int) Math.min(Integer.MAX_VALUE, repeat));
            WorkloadNames.assign(options.workloads());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        BaselineSummary summary;
        try {
            summary = new BaselineCapture(options, out).capture();
        } catch (IOException e) {
            err.println("perf.baseline: " + e.getMessage());
            return EXIT_FAILED;
        }
        BaselineSummary.Totals t = summary.totals();
        out.println("perf.baseline: " + t.ok() + "/" + t.workloads() + " workloads ok; wrote "
                + outDir.resolve("summary.json") + " and " + outDir.resolve("summary.md"));
        return summary.ok() ? EXIT_OK : EXIT_FAILED;
    }

    private static int compare(List<String> raw, PrintStream out, PrintStream err) throws UsageError {
        CompareThresholds d = CompareThresholds.DEFAULTS;
        double wallPct = d.wallPct(), compilePct = d.compilePct(), codePct = d.codeSizePct(), spillsPct = d.spillsPct();
        long wallFloor = d.wallFloorMs(), compileFloor = d.compileFloorUs(), codeFloor = d.codeSizeFloor();
        long spillsFloor = d.spillsFloor();
        List<String> dirs = new ArrayList<>();
        Args a = new Args(raw);
        while (a.more()) {
            String opt = a.next();
            switch (opt) {
                case "--max-wall-pct" -> wallPct = a.percent(opt);
                case "--wall-floor-ms" -> wallFloor = a.number(opt);
                case "--max-compile-pct" -> compilePct = a.percent(opt);
                case "--compile-floor-us" -> compileFloor = a.number(opt);
                case "--max-code-size-pct" -> codePct = a.percent(opt);
                case "--code-size-floor" -> codeFloor = a.number(opt);
                case "--max-spills-pct" -> spillsPct = a.percent(opt);
                case "--spills-floor" -> spillsFloor = a.number(opt);
                default -> {
                    if (opt.startsWith("--")) {
                        throw new UsageError("unknown argument: " + opt);
                    }
                    dirs.add(opt);
                }
            }
        }
        if (dirs.size() != 2) {
            throw new UsageError("compare needs OLD_DIR and NEW_DIR");
        }
        CompareThresholds thresholds;
        try {
            thresholds = new CompareThresholds(wallPct, wallFloor, compilePct, compileFloor, codePct, codeFloor,
                    spillsPct, spillsFloor);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        BaselineSummary oldSummary, newSummary;
        try {
            oldSummary = readSummary(Path.of(dirs.get(0)));
            newSummary = readSummary(Path.of(dirs.get(1)));
        } catch (IOException | SummaryJson.SummaryFormatException e) {
            err.println("perf.baseline: compare: " + e.getMessage());
            return EXIT_FAILED;
        }
        BaselineComparison c = BaselineComparison.compare(oldSummary, newSummary, thresholds);
        out.print(c.render());
        return c.regressed() ? EXIT_REGRESSION : EXIT_OK;
    }

    private static BaselineSummary readSummary(Path dir) throws IOException {
        Path file = dir.resolve("summary.json");
        try {
            return SummaryJson.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (SummaryJson.SummaryFormatException e) {
            throw new SummaryJson.SummaryFormatException(file + ": " + e.getMessage());
        }
    }
}
