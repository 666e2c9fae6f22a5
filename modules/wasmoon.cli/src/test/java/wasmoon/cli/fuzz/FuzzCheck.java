package wasmoon.cli.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.validate.Validator;

/**
 * Runs one raw module the way the campaign does (instrumented, node and wasmoon in child
 * processes; node not at all for a module {@linkplain FuzzCampaign#tiersOnly compared among
 * wasmoon's configurations only}) and says what happened, as one line: {@code agree}, {@code mismatch SIGNATURE},
 * {@code crash CONFIG}, {@code hang CONFIG} or {@code invalid}. The reducer's interestingness
 * test: {@code FuzzCheck --expect LINE ...} prints {@code interesting} and exits 1 when the
 * outcome is LINE, else prints {@code boring} and exits 0 (wasm-reduce keeps a reduction
 * when the output and exit code stay those of the original).
 *
 * <p>usage: {@code FuzzCheck [--expect LINE] --seed N --configs interp,jit-O2 --work DIR FILE}
 */
public final class FuzzCheck {
    private FuzzCheck() {
    }

    /** The outcome line for {@code raw} (module bytes) with the plan of {@code seed}, wasmoon in a child JVM. */
    static String outcome(byte[] raw, long seed, List<EngineConfig> configs, Path work)
            throws IOException, InterruptedException {
        return outcome(raw, seed, configs, work, false);
    }

    /**
     * The outcome line; with {@code inProcess}, wasmoon runs in this JVM (fast, for reducing a
     * mismatch; a crash or a hang needs the child JVM).
     */
    static String outcome(byte[] raw, long seed, List<EngineConfig> configs, Path work, boolean inProcess)
            throws IOException, InterruptedException {
        Module m;
        try {
            m = ModuleDecoder.decode(raw);
            Validator.validate(m);
        } catch (WasmException | StackOverflowError e) {
            return "invalid";
        }
        Instrumenter.Instrumented inst = Instrumenter.instrument(m);
        Files.createDirectories(work);
        Path wasm = work.resolve("check.inst.wasm");
        Files.write(wasm, ModuleEncoder.encode(inst.module()));
        List<BatchFile.Entry> entries = List.of(new BatchFile.Entry("check", wasm, CallPlan.of(inst.wrappers(), seed).calls()));
        boolean tiersOnly = FuzzCampaign.tiersOnly(m);
        IsolatedRun.Results node = tiersOnly ? null : FuzzCampaign.nodeRun(entries, work).call();
        IsolatedRun.Results ours;
        if (inProcess) {
            Map<String, List<String>> outputs = new java.util.HashMap<>();
            byte[] bytes = Files.readAllBytes(wasm);
            for (EngineConfig c : configs) {
                outputs.put("check " + c.label(), FuzzWorker.run(bytes, entries.get(0).calls(), c));
            }
            ours = new IsolatedRun.Results(outputs, List.of());
        } else {
            ours = FuzzCampaign.wasmoonRun(entries, configs, work).call();
        }
        for (IsolatedRun.Failure f : ours.failures()) {
            String key = f.key();
            return f.kind() + " " + (key.contains(" ") ? key.substring(key.indexOf(' ') + 1) : "?");
        }
        List<String> nodeLines = tiersOnly ? List.of() : node.outputs().get("check");
        if (nodeLines == null) {
            return "invalid";
        }
        Map<EngineConfig, List<String>> byConfig = new EnumMap<>(EngineConfig.class);
        for (EngineConfig c : configs) {
            byConfig.put(c, ours.outputs().get("check " + c.label()));
        }
        return switch (tiersOnly ? Verdict.compareTiers(byConfig) : Verdict.compare(nodeLines, byConfig)) {
            case Verdict.Agree a -> "agree";
            case Verdict.Mismatch mm -> "mismatch " + mm.signature();
        };
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String expect = null;
        long seed = 0;
        List<EngineConfig> configs = EngineConfig.ALL;
        Path work = Path.of("target/fuzz-check");
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--expect" -> expect = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--configs" -> {
                    List<EngineConfig> cs = new ArrayList<>();
                    for (String c : args[++i].split(",")) {
                        cs.add(EngineConfig.byLabel(c));
                    }
                    configs = cs;
                }
                case "--work" -> work = Path.of(args[++i]);
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) {
            System.err.println("usage: FuzzCheck [--expect LINE] --seed N --configs C,... --work DIR FILE");
            System.exit(2);
        }
        String outcome = outcome(Files.readAllBytes(file), seed, configs, work);
        if (expect == null) {
            System.out.println(outcome);
            System.exit(0);
        }
        boolean interesting = outcome.equals(expect);
        System.out.println(interesting ? "interesting" : "boring");
        System.exit(interesting ? 1 : 0);
    }
}
