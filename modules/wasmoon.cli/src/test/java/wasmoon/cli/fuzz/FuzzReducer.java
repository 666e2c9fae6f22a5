package wasmoon.cli.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import wasm.core.binary.ModuleDecoder;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;

/**
 * Reduces a finding with binaryen's {@code wasm-reduce}, whose interestingness test is
 * {@link FuzzCheck} (the same outcome line as the original: the same kind of disagreement in
 * the same configuration, or the same crash), then writes the reduced module's regression
 * script ({@link RegressionScript}) to the regression directory.
 */
final class FuzzReducer {
    private static final int CHECK_TIMEOUT_SECONDS = 120;
    private static final int REDUCER_BUDGET = 600;

    private FuzzReducer() {
    }

    /** Reduces {@code finding} (its module.wasm and report.txt) and writes reduced.wasm and the script. */
    static void reduceFinding(FuzzCampaign.Finding finding, FuzzCampaign.Options options, PrintStream log)
            throws IOException, InterruptedException {
        if (finding.kind().equals("rejected")) {
            log.println("fuzz: " + finding.id() + ": nothing to reduce (wasmoon rejects the module)");
            return;
        }
        Path dir = finding.dir();
        List<String> report = Files.readAllLines(dir.resolve("report.txt"), StandardCharsets.UTF_8);
        long seed = Long.parseLong(report.get(1).substring("seed: ".length()).split(" ")[0]);
        Set<FuzzFeature> features = featuresOf(report.get(2));
        Path raw = dir.resolve("module.wasm");
        Path work = dir.resolve("check");
        String expected = FuzzCheck.outcome(Files.readAllBytes(raw), seed, options.configs(), work);
        if (expected.equals("agree") || expected.equals("invalid")) {
            log.println("fuzz: " + finding.id() + ": does not reproduce on its own (" + expected + "); kept as is");
            return;
        }
        Path reduced = dir.resolve("reduced.wasm");
        if (finding.id().startsWith("ttf-")) {
            log.println("fuzz: reducing " + finding.id() + " (" + expected + ") with wasm-reduce ...");
            if (!wasmReduce(raw, reduced, expected, seed, features, options, work, dir, log)) {
                return;
            }
        } else {
            // binaryen 108 cannot read standard reference types: our own reducer.
            log.println("fuzz: reducing " + finding.id() + " (" + expected + ") with ModuleReducer ...");
            boolean inProcess = expected.startsWith("mismatch ");
            ModuleReducer reducer = new ModuleReducer(bytes -> {
                try {
                    return FuzzCheck.outcome(bytes, seed, options.configs(), work, inProcess).equals(expected);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }, REDUCER_BUDGET);
            Module m = reducer.reduce(ModuleDecoder.decode(Files.readAllBytes(raw)));
            Files.write(reduced, ModuleEncoder.encode(m));
            log.println("fuzz: ModuleReducer ran " + reducer.tests() + " tests");
        }
        byte[] bytes = Files.readAllBytes(reduced);
        String after = FuzzCheck.outcome(bytes, seed, options.configs(), work);
        log.println("fuzz: " + finding.id() + " reduced from " + Files.size(raw) + " to " + bytes.length
                + " bytes (" + after + ")");
        writeScript(finding.id(), finding.description(), bytes, seed, options, dir, log);
    }

    private static boolean wasmReduce(Path raw, Path reduced, String expected, long seed, Set<FuzzFeature> features,
                                      FuzzCampaign.Options options, Path work, Path dir, PrintStream log)
            throws IOException, InterruptedException {
        List<String> check = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                FuzzCheck.class.getName(), "--expect", expected, "--seed", Long.toString(seed),
                "--configs", String.join(",", options.configs().stream().map(EngineConfig::label).toList()),
                "--work", work.toString(), dir.resolve("test.wasm").toString()));
        List<String> cmd = new ArrayList<>(List.of("wasm-reduce", raw.toString(),
                "--command=" + String.join(" ", check.stream().map(FuzzReducer::quote).toList()),
                "-t", dir.resolve("test.wasm").toString(), "-w", reduced.toString(),
                "--timeout", Integer.toString(CHECK_TIMEOUT_SECONDS),
                "--extra-flags=" + String.join(" ", FuzzFeature.flags(features))));
        cmd.addAll(FuzzFeature.flags(features));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("wasm-reduce.log").toFile()).start();
        int exit = p.waitFor();
        if (exit != 0 || !Files.exists(reduced)) {
            log.println("fuzz: wasm-reduce failed (exit " + exit + "), see " + dir.resolve("wasm-reduce.log"));
            return false;
        }
        return true;
    }

    /** Writes the regression script of {@code raw} (V8's observations as expectations). */
    static Path writeScript(String id, String description, byte[] raw, long seed, FuzzCampaign.Options options,
                            Path dir, PrintStream log) throws IOException, InterruptedException {
        Module m = ModuleDecoder.decode(raw);
        Instrumenter.Instrumented inst = Instrumenter.instrument(m);
        Path wasm = dir.resolve("script.inst.wasm");
        Files.write(wasm, ModuleEncoder.encode(inst.module()));
        CallPlan plan = CallPlan.of(inst.wrappers(), seed);
        List<BatchFile.Entry> entries = List.of(new BatchFile.Entry(id, wasm, plan.calls()));
        List<String> interp = FuzzWorker.run(Files.readAllBytes(wasm), plan.calls(), EngineConfig.INTERP);
        boolean tiersOnly = FuzzCampaign.tiersOnly(m);
        List<String> nodeLines;
        if (tiersOnly) {
            // node cannot run it: the interpreter's observations are the expectations
            nodeLines = interp.stream().filter(l -> !l.startsWith("detail ")).toList();
        } else {
            nodeLines = FuzzCampaign.nodeRun(entries, dir).call().outputs().get(id);
            if (nodeLines == null) {
                throw new IOException("node did not run the reduced module of " + id);
            }
        }
        String header = "Fuzz finding " + id + " (scripts/fuzz.sh, docs/fuzzing.md): " + description.lines()
                .findFirst().orElse("") + "\nExpected outcomes are " + (tiersOnly ? "the interpreter's (node cannot run "
                + "wide memories)" : "V8's (node)") + "; the module is the reduced one, instrumented.";
        String script = RegressionScript.script(header, inst, plan, nodeLines, interp);
        Files.createDirectories(options.regressionDir());
        Path out = options.regressionDir().resolve(id + ".wast");
        Files.writeString(out, script, StandardCharsets.UTF_8);
        log.println("fuzz: regression script " + out);
        return out;
    }

    private static Set<FuzzFeature> featuresOf(String reportLine) {
        EnumSet<FuzzFeature> s = EnumSet.noneOf(FuzzFeature.class);
        for (FuzzFeature f : FuzzFeature.values()) {
            if (reportLine.contains("--enable-" + f.flag() + ",") || reportLine.contains("--enable-" + f.flag() + "]")) {
                s.add(f);
            }
        }
        return s;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

}
