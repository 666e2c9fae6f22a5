package perf.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsJson;
import perf.metrics.ModuleReport;

/** summary.json and summary.md agree with the per-workload files they summarize. */
class SummaryProperties {

    /** One generated workload: how it ended and the modules its metrics file holds (empty: no file). */
    record Sample(WorkloadStatus status, long wallMs, Optional<List<ModuleReport>> modules) {
    }

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<WorkloadStatus> status = Arbitraries.of(new WorkloadStatus.Ok(), new WorkloadStatus.ExitCode(1),
                new WorkloadStatus.ExitCode(70), new WorkloadStatus.Timeout(5), new WorkloadStatus.MissingMetrics(),
                new WorkloadStatus.InvalidMetrics("malformed JSON"), new WorkloadStatus.LaunchFailed("no such file"));
        Arbitrary<Optional<List<ModuleReport>>> modules = MetricsSamples.module().list().ofMinSize(0).ofMaxSize(3)
                .optional(0.8);
        Arbitrary<Sample> sample = Combinators.combine(status, Arbitraries.longs().between(0, 100_000), modules)
                .as((s, w, m) -> {
                    // Keep the combinations the capture can produce: ok always has metrics,
                    // missing/invalid metrics and launch failures never do.
                    if (s.ok() && m.isEmpty()) {
                        return new Sample(s, w, Optional.of(List.of()));
                    }
                    if (s instanceof WorkloadStatus.MissingMetrics || s instanceof WorkloadStatus.InvalidMetrics
                            || s instanceof WorkloadStatus.LaunchFailed) {
                        return new Sample(s, w, Optional.empty());
                    }
                    return new Sample(s, w, m);
                });
        return sample.list().ofMinSize(1).ofMaxSize(6);
    }

    /** Writes the workloads' files the way a capture does and returns the summary. */
    private static BaselineSummary writeBaseline(Path dir, List<Sample> samples) throws IOException {
        List<WorkloadResult> results = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            String name = "w" + i;
            Files.writeString(dir.resolve(name + ".stdout.log"), "out " + i + "\n");
            Files.writeString(dir.resolve(name + ".stderr.log"), "");
            Optional<WorkloadMetrics> metrics = Optional.empty();
            if (s.modules().isPresent()) {
                String json = s.modules().get().size() == 1 ? MetricsJson.writeModule(s.modules().get().getFirst())
                        : MetricsJson.writeDocument(s.modules().get());
                Path file = dir.resolve(name + ".metrics.json");
                Files.writeString(file, json, StandardCharsets.UTF_8);
                metrics = Optional.of(WorkloadMetrics.of(MetricsJson.readDocument(Files.readString(file))));
            }
            results.add(new WorkloadResult(name, "dir/" + name + ".wasm", s.status(), s.wallMs(),
                    List.of(s.wallMs()), metrics));
        }
        BaselineSummary summary = new BaselineSummary("./wasmoon", "run", 60, 1, results);
        Files.writeString(dir.resolve("summary.json"), SummaryJson.write(summary));
        Files.writeString(dir.resolve("summary.md"), SummaryMarkdown.render(summary));
        return summary;
    }

    @Property(tries = 60)
    void totalsEqualTheSumsOfThePerWorkloadFiles(@ForAll("samples") List<Sample> samples) throws IOException {
        Path dir = Files.createTempDirectory("summary-props");
        try {
            BaselineSummary summary = writeBaseline(dir, samples);
            assertEquals(List.of(), SummaryInvariants.check(dir));
            // and, independently of the files, against the generated reports themselves
            long functions = 0, code = 0, compile = 0, spills = 0;
            for (Sample s : samples) {
                for (ModuleReport m : s.modules().orElse(List.of())) {
                    compile += m.moduleCompileUs();
                    for (FunctionReport f : m.functions()) {
                        functions++;
                        code += f.codeSize();
                        spills += f.spills();
                    }
                }
            }
            BaselineSummary.Totals t = summary.totals();
            assertEquals(functions, t.functions());
            assertEquals(code, t.codeSize());
            assertEquals(compile, t.moduleCompileUs());
            assertEquals(spills, t.spills());
            assertEquals(t.moduleCompileUs() >= t.stages().totalUs(), true, "stage times fit in the compile time");
        } finally {
            deleteTree(dir);
        }
    }

    @Property(tries = 60)
    void everyWorkloadAppearsOnceInBothSummaries(@ForAll("samples") List<Sample> samples) throws IOException {
        Path dir = Files.createTempDirectory("summary-props");
        try {
            BaselineSummary summary = writeBaseline(dir, samples);
            BaselineSummary back = SummaryJson.read(Files.readString(dir.resolve("summary.json")));
            assertEquals(summary, back, "summary.json reads back to the same summary");
            String md = Files.readString(dir.resolve("summary.md"));
            for (WorkloadResult w : summary.workloads()) {
                assertEquals(1, count(md, "| `" + w.name() + "` |"), "table row of " + w.name());
                assertEquals(1, count(md, "## `" + w.name() + "`"), "section of " + w.name());
            }
            assertEquals(summary.ok(), md.contains("**Result: all workloads ok.**"));
            assertTrue(md.contains("regalloc "), "the stage chart is drawn");
        } finally {
            deleteTree(dir);
        }
    }

    @Property(tries = 40)
    void aTamperedTotalIsCaught(@ForAll("samples") List<Sample> samples, @ForAll("bump") long bump)
            throws IOException {
        Path dir = Files.createTempDirectory("summary-props");
        try {
            BaselineSummary summary = writeBaseline(dir, samples);
            String json = Files.readString(dir.resolve("summary.json"));
            long codeSize = summary.totals().codeSize();
            int totals = json.lastIndexOf("\"totals\"");
            String tampered = json.substring(0, totals) + json.substring(totals)
                    .replaceFirst("\"code_size\": " + codeSize + ",", "\"code_size\": " + (codeSize + bump) + ",");
            Files.writeString(dir.resolve("summary.json"), tampered);
            assertFalse(SummaryInvariants.check(dir).isEmpty());
            assertThrows(SummaryJson.SummaryFormatException.class, () -> SummaryJson.read(tampered));
        } finally {
            deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<Long> bump() {
        return Arbitraries.longs().between(1, 1000);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
