package wasmoon.cli.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.validate.Validator;

/**
 * The differential fuzzing campaign (docs/fuzzing.md): modules from {@link TtfModules}
 * (binaryen) and {@link GeneratedModules} (ours), instrumented ({@link Instrumenter}), run
 * under node (V8, the independent reference) and under wasmoon in every {@link EngineConfig},
 * in child processes per batch ({@link IsolatedRun}); every disagreement, JVM crash or hang
 * becomes a finding, reduced ({@link FuzzReducer}) and written as a regression script.
 *
 * <p>Generated modules with wide memories (a 64-bit memory, two memories: issue 13's memory64 and
 * multi-memory, which node 20's V8 runs only behind experimental flags or not at all) are compared
 * among wasmoon's configurations only, the interpreter as the reference ({@link #tiersOnly}); the
 * summary counts them apart.
 *
 * <p>By hand: {@code scripts/fuzz.sh --modules 100000} (the options are in {@link #usage()}).
 */
public final class FuzzCampaign {
    /** Where modules come from. */
    enum Source {
        TTF, GENERATED
    }

    /**
     * A campaign's settings.
     *
     * @param firstSeed      the first seed; module {@code k} uses seed {@code firstSeed + k}
     * @param modules        how many modules
     * @param sources        which generators, taken in turn by seed
     * @param features       the binaryen features ttf modules may use
     * @param simdShare      the share of modules (0 to 1), ttf and generated, that use SIMD, when
     *                       {@code features} has it
     * @param wideShare      the share of generated modules (0 to 1) with wide memories, compared
     *                       among wasmoon's configurations only
     * @param configs        wasmoon's configurations
     * @param batchSize      modules per child process
     * @param workDir        scratch files and findings ({@code findings/ID/})
     * @param reduce         reduce findings and write regression scripts
     * @param regressionDir  where regression scripts go (spec/fuzz)
     * @param progressEvery  print a progress line every this many modules (0: never)
     * @param keep           keep every module's files in the work directory, not only the findings'
     */
    record Options(long firstSeed, int modules, List<Source> sources, Set<FuzzFeature> features,
                   double simdShare, double wideShare, List<EngineConfig> configs, int batchSize, Path workDir, boolean reduce, Path regressionDir,
                   int progressEvery, boolean keep) {
    }

    /** One module that did not pass: its id, what happened, and where its files are. */
    record Finding(String id, String kind, String description, Path dir) {
    }

    /** A campaign's figures. */
    record Summary(int modules, long calls, int mismatches, int crashes, int hangs, int inconclusive,
                   int nodeFailures, long millis, long prepareMillis, long runMillis, List<Finding> findings,
                   Map<Source, Integer> bySource, int simdModules, int vectorModules, long vectorCalls,
                   int wideModules) {
        String line() {
            return String.format(Locale.ROOT,
                    "fuzz: %d modules (%s; simd enabled in %d, v128 code in %d; wide memories in %d, tiers only), "
                            + "%d calls (%d with a v128), %d mismatches, "
                            + "%d crashes, %d hangs, %d inconclusive (stack exhausted), %d node failures, "
                            + "%.1f s (%.1f modules/s; generating %.0f%%, running %.0f%%)",
                    modules, bySource.entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT)
                            + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse(""),
                    simdModules, vectorModules, wideModules, calls, vectorCalls, mismatches, crashes, hangs, inconclusive, nodeFailures, millis / 1000.0,
                    millis == 0 ? 0.0 : modules * 1000.0 / millis, millis == 0 ? 0.0 : prepareMillis * 100.0 / millis,
                    millis == 0 ? 0.0 : runMillis * 100.0 / millis);
        }
    }

    private static final int SILENCE_SECONDS = 120;
    /** The share of ttf modules with SIMD in a campaign by hand, unless {@code --simd} says otherwise. */
    static final double DEFAULT_SIMD_SHARE = 0.5;
    /** The share of generated modules with wide memories in a campaign by hand, unless {@code --wide} says otherwise. */
    static final double DEFAULT_WIDE_SHARE = 0.2;

    private final Options options;
    private final PrintStream log;
    private int modules;
    private long calls;
    private int mismatches;
    private int crashes;
    private int hangs;
    private int inconclusive;
    private int nodeFailures;
    private int simdModules;
    private int vectorModules;
    private long vectorCalls;
    private int wideModules;
    private long prepareNanos;
    private long runNanos;
    private long startNanos;
    private int batchCounter;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Source, Integer> bySource = new EnumMap<>(Source.class);

    FuzzCampaign(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /**
     * A module ready to run: its id, seed, source, features, raw and instrumented binaries and
     * plan, whether its code uses v128 at all (binaryen may enable SIMD and use none) and how
     * many planned calls pass or return a v128, and whether it runs without node ({@link #tiersOnly}).
     */
    record Prepared(String id, long seed, Source source, Set<FuzzFeature> features, Path raw, Path instrumented,
                    CallPlan plan, boolean vector, int vectorCalls, boolean tiersOnly) {
    }

    /**
     * Whether {@code m} is compared among wasmoon's configurations only: it has a 64-bit memory or
     * several memories, which node 20 (V8 11.3) cannot run without experimental flags (memory64) or
     * at all (multi-memory).
     */
    static boolean tiersOnly(Module m) {
        return m.memoryCount() > 1 || (m.memoryCount() == 1 && m.allMemories().get(0).is64());
    }

    /** The memories of generated module {@code seed}: wide for the share {@code wideShare}, drawn apart from SIMD. */
    static GeneratedModules.Memories memoriesOf(long seed, double wideShare) {
        SplittableRandom r = new SplittableRandom(seed * 137 + 29);
        if (r.nextDouble() >= wideShare) {
            return GeneratedModules.Memories.ONE_32;
        }
        return r.nextBoolean() ? GeneratedModules.Memories.ONE_64 : GeneratedModules.Memories.TWO;
    }

    Summary run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        startNanos = start;
        Files.createDirectories(options.workDir());
        // Three threads: node and wasmoon run a batch while this thread prepares the next one.
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            Running running = null;
            for (int first = 0; first < options.modules(); first += options.batchSize()) {
                int n = Math.min(options.batchSize(), options.modules() - first);
                List<Prepared> batch = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int k = first; k < first + n; k++) {
                    Prepared p = prepare(options.firstSeed() + k);
                    if (p != null) {
                        batch.add(p);
                    }
                }
                prepareNanos += System.nanoTime() - t0;
                if (running != null) {
                    finish(running);
                }
                running = startBatch(batch, options.firstSeed() + first, n, pool);
            }
            if (running != null) {
                finish(running);
            }
        }
        return summary(start);
    }

    private Summary summary(long start) {
        return new Summary(modules, calls, mismatches, crashes, hangs, inconclusive, nodeFailures,
                (System.nanoTime() - start) / 1_000_000, prepareNanos / 1_000_000, runNanos / 1_000_000,
                List.copyOf(findings), new EnumMap<>(bySource), simdModules, vectorModules, vectorCalls, wideModules);
    }

    static Source sourceOf(long seed, List<Source> sources) {
        return sources.get((int) Math.floorMod(seed, (long) sources.size()));
    }

    /** Generates and instruments the module of {@code seed}; null (and a finding) when wasmoon rejects it. */
    Prepared prepare(long seed) throws IOException, InterruptedException {
        Source source = sourceOf(seed, options.sources());
        String id = (source == Source.TTF ? "ttf-" : "gen-") + seed;
        Path raw = options.workDir().resolve(id + ".wasm");
        Set<FuzzFeature> features = EnumSet.noneOf(FuzzFeature.class);
        if (source == Source.TTF) {
            features = TtfModules.features(seed, options.features(), options.simdShare());
            TtfModules.generate(seed, features, options.workDir(), raw);
        } else {
            boolean simd = TtfModules.withSimd(seed, options.features(), options.simdShare());
            if (simd) {
                features = EnumSet.of(FuzzFeature.SIMD);
            }
            GeneratedModules.Memories memories = memoriesOf(seed, options.wideShare());
            if (memories == GeneratedModules.Memories.ONE_64) {
                features.add(FuzzFeature.MEMORY64);
            } else if (memories == GeneratedModules.Memories.TWO) {
                features.add(FuzzFeature.MULTI_MEMORY);
            }
            Files.write(raw, GeneratedModules.generate(seed, simd, memories));
        }
        Module m;
        try {
            m = ModuleDecoder.decode(Files.readAllBytes(raw));
            Validator.validate(m);
        } catch (WasmException e) {
            mismatches++;
            record(new Prepared(id, seed, source, features, raw, null, null, false, 0, false), "rejected",
                    "wasmoon rejects a module its generator made valid: " + e.getMessage(), List.of());
            return null;
        }
        Instrumenter.Instrumented inst = Instrumenter.instrument(m);
        Path instrumented = options.workDir().resolve(id + ".inst.wasm");
        Files.write(instrumented, ModuleEncoder.encode(inst.module()));
        CallPlan plan = CallPlan.of(inst.wrappers(), seed);
        Set<String> vectorWrappers = new java.util.HashSet<>();
        for (Instrumenter.Wrapper w : inst.wrappers()) {
            if (w.originalType().params().contains(ValType.V128) || w.originalType().results().contains(ValType.V128)) {
                vectorWrappers.add(w.name());
            }
        }
        int vectorCalls = (int) plan.calls().stream().filter(c -> vectorWrappers.contains(c.name())).count();
        return new Prepared(id, seed, source, features, raw, instrumented, plan, usesV128(m), vectorCalls,
                tiersOnly(m));
    }

    /** Whether {@code m} has a v128 anywhere: a SIMD instruction, or a v128 in a type, global or local. */
    static boolean usesV128(Module m) {
        return m.types().stream().anyMatch(t -> t.params().contains(ValType.V128) || t.results().contains(ValType.V128))
                || m.allGlobals().stream().anyMatch(g -> g.type() == ValType.V128)
                || m.codes().stream().anyMatch(c -> c.locals().contains(ValType.V128)
                        || c.code().stream().anyMatch(in -> in.opcode().isSimd()));
    }

    /** A batch whose children run: its modules, how many seeds it covers, and the two runs. */
    private record Running(List<Prepared> batch, long firstSeed, int seeds, Future<IsolatedRun.Results> node,
                           Future<IsolatedRun.Results> ours, long startNanos) {
    }

    private Running startBatch(List<Prepared> batch, long firstSeed, int seeds, ExecutorService pool) {
        List<BatchFile.Entry> entries = new ArrayList<>();
        List<BatchFile.Entry> nodeEntries = new ArrayList<>();
        for (Prepared p : batch) {
            BatchFile.Entry e = new BatchFile.Entry(p.id(), p.instrumented(), p.plan().calls());
            entries.add(e);
            if (!p.tiersOnly()) {
                nodeEntries.add(e);
            }
        }
        // Each batch has its own batch files: the next one is written while this one runs.
        Path dir = options.workDir().resolve("batch-" + (batchCounter++ % 2));
        BatchRun nodeRun = nodeRun(nodeEntries, dir);
        BatchRun ourRun = wasmoonRun(entries, options.configs(), dir);
        return new Running(batch, firstSeed, seeds, pool.submit(() -> {
            Files.createDirectories(dir);
            return nodeRun.call();
        }), pool.submit(() -> {
            Files.createDirectories(dir);
            return ourRun.call();
        }), System.nanoTime());
    }

    private void finish(Running running) throws IOException, InterruptedException {
        IsolatedRun.Results nodeResults;
        IsolatedRun.Results ourResults;
        try {
            nodeResults = running.node().get();
            ourResults = running.ours().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("a fuzz batch could not run", e.getCause());
        }
        runNanos += System.nanoTime() - running.startNanos();
        List<Prepared> batch = running.batch();
        Map<String, Prepared> byId = new LinkedHashMap<>();
        for (Prepared p : batch) {
            byId.put(p.id(), p);
        }
        for (IsolatedRun.Failure f : nodeResults.failures()) {
            nodeFailures++;
            log.println("fuzz: node failed (" + f.kind() + ", exit " + f.exitCode() + ") on " + f.id()
                    + "; the module is left out");
        }
        java.util.Set<String> crashed = new java.util.HashSet<>();
        for (IsolatedRun.Failure f : ourResults.failures()) {
            crashed.add(f.id());
            Prepared p = byId.get(f.id());
            if (f.kind().equals("hang")) {
                hangs++;
            } else {
                crashes++;
            }
            Path dir = record(p, f.kind(), "wasmoon " + (f.kind().equals("hang")
                    ? "stopped answering (" + SILENCE_SECONDS + " s) running " + f.key()
                    : "'s JVM died (exit " + f.exitCode() + ") running " + f.key()), f.output());
            if (f.errorLog() != null) {
                Files.move(f.errorLog(), dir.resolve(f.errorLog().getFileName()));
            }
        }
        for (Prepared p : batch) {
            simdModules += p.features().contains(FuzzFeature.SIMD) ? 1 : 0;
            vectorModules += p.vector() ? 1 : 0;
            wideModules += p.tiersOnly() ? 1 : 0;
            List<String> nodeLines = p.tiersOnly() ? List.of() : nodeResults.outputs().get(p.id());
            if (nodeLines == null || crashed.contains(p.id())) {
                continue;
            }
            vectorCalls += p.vectorCalls();
            Map<EngineConfig, List<String>> oursByConfig = new EnumMap<>(EngineConfig.class);
            for (EngineConfig c : options.configs()) {
                oursByConfig.put(c, ourResults.outputs().get(p.id() + " " + c.label()));
            }
            Verdict v = p.tiersOnly() ? Verdict.compareTiers(oursByConfig) : Verdict.compare(nodeLines, oursByConfig);
            calls += v.calls();
            switch (v) {
                case Verdict.Agree a -> {
                    if (a.truncated()) {
                        inconclusive++;
                    }
                    if (!options.keep()) {
                        Files.deleteIfExists(p.raw());
                        Files.deleteIfExists(p.instrumented());
                    }
                }
                case Verdict.Mismatch m -> {
                    mismatches++;
                    List<String> report = new ArrayList<>(List.of(p.tiersOnly() ? "node: (not run: tiers only)" : "node:"));
                    nodeLines.forEach(l -> report.add("  " + l));
                    oursByConfig.forEach((c, lines) -> {
                        report.add(c.label() + ":");
                        lines.forEach(l -> report.add("  " + l));
                    });
                    record(p, "mismatch", m.describe() + "\nsignature: " + m.signature(), report);
                }
            }
        }
        int before = modules;
        modules += running.seeds();
        for (int k = 0; k < running.seeds(); k++) {
            bySource.merge(sourceOf(running.firstSeed() + k, options.sources()), 1, Integer::sum);
        }
        if (options.progressEvery() > 0 && modules / options.progressEvery() != before / options.progressEvery()) {
            log.println(summary(startNanos).line());
        }
    }

    private Path record(Prepared p, String kind, String description, List<String> output) throws IOException {
        Path dir = options.workDir().resolve("findings").resolve(p.id());
        Files.createDirectories(dir);
        Files.copy(p.raw(), dir.resolve("module.wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> lines = new ArrayList<>();
        lines.add("id: " + p.id());
        lines.add("seed: " + p.seed() + " (" + p.source().name().toLowerCase(Locale.ROOT) + ")");
        lines.add("features: " + FuzzFeature.flags(p.features()));
        lines.add("kind: " + kind);
        lines.add(description);
        lines.addAll(output);
        Files.write(dir.resolve("report.txt"), lines, StandardCharsets.UTF_8);
        findings.add(new Finding(p.id(), kind, description, dir));
        log.println("fuzz: FINDING " + kind + " " + p.id() + ": " + description.lines().findFirst().orElse("")
                + " (" + dir + ")");
        return dir;
    }

    /** A batch run in a child process. */
    @FunctionalInterface
    interface BatchRun {
        IsolatedRun.Results call() throws IOException, InterruptedException;
    }

    static BatchRun nodeRun(List<BatchFile.Entry> entries, Path workDir) {
        Path script = FuzzPaths.nodeRunner();
        return () -> IsolatedRun.run(entries, 1, workDir, "node",
                batch -> List.of("node", "--no-warnings", "--stack-size=900", script.toString(), batch.toString()),
                SILENCE_SECONDS);
    }

    static BatchRun wasmoonRun(List<BatchFile.Entry> entries, List<EngineConfig> configs,
                                                    Path workDir) {
        String labels = String.join(",", configs.stream().map(EngineConfig::label).toList());
        return () -> IsolatedRun.run(entries, configs.size(), workDir, "wasmoon",
                batch -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-Xss16m", "-Xmx1g", "-XX:+UseSerialGC",
                        "-XX:ErrorFile=" + workDir.resolve("hs_err_pid%p.log"),
                        "-cp", System.getProperty("java.class.path"),
                        FuzzWorker.class.getName(), batch.toString(), labels),
                SILENCE_SECONDS);
    }

    static String usage() {
        return """
                usage: FuzzCampaign [--seed N] [--modules N] [--batch N] [--sources ttf,gen]
                                    [--features sign-ext,...] [--simd SHARE] [--wide SHARE] [--configs interp,jit-O0,jit-O1,jit-O2]
                                    [--work DIR] [--no-reduce] [--regressions DIR] [--progress N] [--keep]
                       FuzzCampaign --reduce-findings DIR [--configs ...] [--regressions DIR]
                """;
    }

    /** Reduces the findings a campaign left in {@code findingsDir} (one directory each, with report.txt). */
    private static void reduceFindings(Path findingsDir, Options o) throws IOException, InterruptedException {
        List<Path> dirs;
        try (var list = Files.list(findingsDir)) {
            dirs = list.filter(d -> Files.isRegularFile(d.resolve("report.txt"))).sorted().toList();
        }
        for (Path d : dirs) {
            List<String> report = Files.readAllLines(d.resolve("report.txt"), StandardCharsets.UTF_8);
            FuzzReducer.reduceFinding(new Finding(d.getFileName().toString(),
                    report.get(3).substring("kind: ".length()), report.get(4), d), o, System.out);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long seed = 1;
        int count = 1000;
        int batch = 100;
        List<Source> sources = List.of(Source.TTF, Source.GENERATED);
        Set<FuzzFeature> features = FuzzFeature.ttfFeatures();
        double simdShare = DEFAULT_SIMD_SHARE;
        double wideShare = DEFAULT_WIDE_SHARE;
        List<EngineConfig> configs = EngineConfig.ALL;
        Path work = Path.of("target/fuzz");
        boolean reduce = true;
        Path regressions = FuzzPaths.regressionDir();
        int progress = 100;
        boolean keep = false;
        Path reduceDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--seed" -> seed = Long.parseLong(v);
                case "--modules" -> count = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--sources" -> sources = java.util.Arrays.stream(v.split(","))
                        .map(s -> s.equals("gen") ? Source.GENERATED : Source.valueOf(s.toUpperCase(Locale.ROOT)))
                        .toList();
                case "--features" -> features = FuzzFeature.parse(v);
                case "--simd" -> {
                    simdShare = Double.parseDouble(v);
                    if (!(simdShare >= 0 && simdShare <= 1)) {
                        System.err.println("fuzz: --simd takes the share of SIMD modules, 0 to 1: " + v);
                        System.exit(2);
                    }
                }
                case "--wide" -> {
                    wideShare = Double.parseDouble(v);
                    if (!(wideShare >= 0 && wideShare <= 1)) {
                        System.err.println("fuzz: --wide takes the share of generated modules with wide memories, 0 to 1: " + v);
                        System.exit(2);
                    }
                }
                case "--configs" -> configs = java.util.Arrays.stream(v.split(",")).map(EngineConfig::byLabel).toList();
                case "--work" -> work = Path.of(v);
                case "--regressions" -> regressions = Path.of(v);
                case "--progress" -> progress = Integer.parseInt(v);
                case "--reduce-findings" -> reduceDir = Path.of(v);
                case "--keep" -> {
                    keep = true;
                    i--;
                }
                case "--no-reduce" -> {
                    reduce = false;
                    i--;
                }
                default -> {
                    System.err.print(usage());
                    System.exit(2);
                }
            }
            i++;
        }
        if (wideShare > 0 && !configs.contains(EngineConfig.INTERP)) {
            System.err.println("fuzz: modules with wide memories are compared with the interpreter: add interp to --configs"
                    + " or give --wide 0");
            System.exit(2);
        }
        Options o = new Options(seed, count, sources, features, simdShare, wideShare, configs, batch, work.toAbsolutePath(), reduce,
                regressions, progress, keep);
        if (reduceDir != null) {
            reduceFindings(reduceDir, o);
            return;
        }
        System.out.println("fuzz: seeds " + seed + ".." + (seed + count - 1) + ", sources " + sources
                + ", ttf features " + FuzzFeature.flags(features)
                + (features.contains(FuzzFeature.SIMD) ? " (simd in " + Math.round(simdShare * 100) + "% of them)" : "")
                + ", wide memories in " + Math.round(wideShare * 100) + "% of the generated modules (tiers only)"
                + ", configs "
                + configs.stream().map(EngineConfig::label).toList() + ", work " + o.workDir());
        FuzzCampaign campaign = new FuzzCampaign(o, System.out);
        Summary s = campaign.run();
        if (reduce) {
            for (Finding f : s.findings()) {
                FuzzReducer.reduceFinding(f, o, System.out);
            }
        }
        System.out.println(s.line());
        System.exit(s.findings().isEmpty() ? 0 : 1);
    }
}
