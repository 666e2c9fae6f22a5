package wasm.opt.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import perf.metrics.FunctionMetrics;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import perf.metrics.ModuleReport;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.text.Expected;
import wasm.core.text.ModuleSource;
import wasm.core.text.WastAction;
import wasm.core.text.WastCommand;
import wasm.core.text.WastParser;
import wasm.core.text.WastScript;
import wasm.core.text.WastValue;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.interp.OutOfFuelException;
import wasm.ir.translate.WasmToIr;
import wasm.opt.OptLevel;
import wasm.opt.PassPipeline;

/**
 * The official spec suite (MVP and 2.0 files, read in place) through the
 * optimiser: every function of every valid module goes through O1 and O2 with
 * the verifier after every pass, and for modules without imports the suite's
 * assert_return / assert_trap assertions still hold when the O1- and O2-optimised IR
 * is interpreted. Prints the instruction-count reduction and the time per function.
 */
class SpecSuiteOptTest {
    /** Assertions that fail for reasons outside this module, each with the reason. */
    private static final Map<String, String> KNOWN = Map.of(
            "comments.wast:105", "wasm.core WatParser: a lone CR does not end a line comment");

    /** The pipeline is timed this many times per function (the first run is cold, the last warm). */
    private static final int TIMING_ROUNDS = 5;

    static Path suite() {
        String dir = System.getProperty("wasm.testsuite", "../../../shared/wasm-testsuite");
        Path p = Path.of(dir);
        assertTrue(Files.isDirectory(p), "spec suite not found at " + p.toAbsolutePath());
        return p;
    }

    static List<String> files() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(suite().resolve("FILES.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length > 1 && (cols[1].equals("mvp") || cols[1].equals("2.0"))) {
                out.add(cols[0]);
            }
        }
        return out;
    }

    static Module load(ModuleSource source) {
        return switch (source) {
            case ModuleSource.Text t -> WatParser.parseModule(t.source());
            case ModuleSource.Binary b -> ModuleDecoder.decode(b.bytes());
            case ModuleSource.Quote q -> WatParser.parseModule(q.text());
        };
    }

    /** Every valid module of the suite. */
    static List<Module> validModules() throws IOException {
        List<Module> modules = new ArrayList<>();
        for (String file : files()) {
            WastScript script = WastParser.parse(Files.readString(suite().resolve(file)), file);
            for (WastCommand cmd : script.commands()) {
                if (cmd instanceof WastCommand.ModuleCommand mc) {
                    try {
                        Module m = load(mc.source());
                        Validator.validate(m);
                        modules.add(m);
                    } catch (WasmException e) {
                        // invalid modules are the suite's negative tests
                    }
                }
            }
        }
        return modules;
    }

    @Test
    void everyFunctionOptimisesAndVerifiesAfterEveryPass() throws IOException {
        List<Module> modules = validModules();
        WasmToIr translator = new WasmToIr();
        List<String> failures = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (OptLevel level : OptLevel.values()) {
            PassPipeline verified = PassPipeline.forLevel(level).verifying(true);
            PassPipeline plain = PassPipeline.forLevel(level);
            long before = 0, after = 0;
            long[] nanos = new long[TIMING_ROUNDS];
            int functions = 0;
            for (Module m : modules) {
                int imported = m.functionCount() - m.functions().size();
                for (int i = imported; i < m.functionCount(); i++) {
                    Function f = translator.translate(m, i);
                    try {
                        for (int round = 0; round < TIMING_ROUNDS; round++) {
                            // timed without the verifier: what the JIT pays
                            Function timed = f.copy();
                            long t0 = System.nanoTime();
                            plain.run(timed);
                            nanos[round] += System.nanoTime() - t0;
                        }
                        before += f.layoutInstCount();
                        verified.run(f);
                        after += f.layoutInstCount();
                        functions++;
                    } catch (RuntimeException e) {
                        failures.add(level + " func " + i + " of a module: " + e);
                    }
                }
            }
            report.append(String.format("spec suite %s: %d functions, IR insts %d -> %d (%.1f%% fewer), "
                            + "%.2f us per function (first run; %.2f us on run %d; no verifier)%n", level, functions,
                    before, after, 100.0 * (before - after) / Math.max(1, before),
                    nanos[0] / 1e3 / Math.max(1, functions), nanos[TIMING_ROUNDS - 1] / 1e3 / Math.max(1, functions),
                    TIMING_ROUNDS));
            assertTrue(functions > 1000, "only " + functions + " functions");
        }
        System.out.print(report);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
    }

    @Test
    void realCompilesReportConsistentMetrics() throws IOException {
        WasmToIr translator = new WasmToIr();
        int modules = 0;
        for (Module m : validModules()) {
            int imported = m.functionCount() - m.functions().size();
            for (OptLevel level : List.of(OptLevel.O1, OptLevel.O2)) {
                PassPipeline pipeline = PassPipeline.forLevel(level);
                List<ModuleReport> reports = new ArrayList<>();
                ModuleMetrics mm = MetricsRecorder.collecting(reports::add).beginModule(m.functions().size());
                for (int i = imported; i < m.functionCount(); i++) {
                    FunctionMetrics fm = mm.beginFunction(i, null, level.number());
                    Function f = translator.translate(m, i);
                    fm.irInstsBefore(f.layoutInstCount());
                    pipeline.run(f, fm);
                }
                mm.end();
                List<String> problems = MetricsInvariants.check(reports.getFirst());
                assertEquals(List.of(), problems, "module " + modules + " at " + level);
                for (FunctionReport fr : reports.getFirst().functions()) {
                    assertEquals(pipeline.passes().size(), fr.irPasses().size());
                }
            }
            modules++;
        }
        assertTrue(modules > 500, "only " + modules + " modules");
    }

    @ParameterizedTest
    @EnumSource(value = OptLevel.class, names = {"O1", "O2"})
    void assertionsHoldOnOptimisedIr(OptLevel level) throws IOException {
        PassPipeline pipeline = PassPipeline.forLevel(level).verifying(true);
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (String file : files()) {
            WastScript script = WastParser.parse(Files.readString(suite().resolve(file)), file);
            ModuleEnvironment env = null;
            for (WastCommand cmd : script.commands()) {
                switch (cmd) {
                    case WastCommand.ModuleCommand mc -> {
                        env = null;
                        try {
                            Module m = load(mc.source());
                            Validator.validate(m);
                            if (mc.name() == null && m.imports().isEmpty()) {
                                env = new ModuleEnvironment(m, pipeline::run, 50_000_000L);
                            }
                        } catch (WasmException | IllegalArgumentException e) {
                            env = null;
                        }
                    }
                    case WastCommand.Register r -> env = null;
                    case WastCommand.Action a -> {
                        if (env != null && a.action() instanceof WastAction.Invoke inv && inv.moduleName() == null) {
                            try {
                                run(env, inv);
                            } catch (IrTrap | OutOfFuelException e) {
                                // the state after a trapping action is what the next command sees
                            }
                        }
                    }
                    case WastCommand.AssertReturn ar -> {
                        if (env != null && ar.action() instanceof WastAction.Invoke inv && inv.moduleName() == null) {
                            String where = file + ":" + ar.line() + " " + inv.field();
                            try {
                                String problem = compare(ar.expected(), run(env, inv));
                                if (problem == null || KNOWN.containsKey(file + ":" + ar.line())) {
                                    passed++;
                                } else {
                                    failures.add(where + ": " + problem);
                                }
                            } catch (RuntimeException e) {
                                failures.add(where + ": " + e);
                            }
                        }
                    }
                    case WastCommand.AssertTrap at -> {
                        if (env != null && at.action() instanceof WastAction.Invoke inv && inv.moduleName() == null) {
                            String where = file + ":" + at.line() + " " + inv.field();
                            try {
                                run(env, inv);
                                failures.add(where + ": expected trap " + at.message());
                            } catch (IrTrap t) {
                                if (t.getMessage().startsWith(at.message()) || at.message().startsWith(t.getMessage())) {
                                    passed++;
                                } else {
                                    failures.add(where + ": trap '" + t.getMessage() + "', expected '" + at.message() + "'");
                                }
                            } catch (RuntimeException e) {
                                failures.add(where + ": " + e);
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        System.out.printf("spec suite on %s IR: %d assertions passed, %d failed%n", level, passed, failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(30, failures.size())), failures.size() + " failures");
        assertTrue(passed > 5000, "only " + passed + " assertions ran");
    }

    private static long[] run(ModuleEnvironment env, WastAction.Invoke inv) {
        long[] args = new long[inv.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (inv.args().get(i)) {
                case WastValue.Num n -> n.bits();
                case WastValue.RefNull r -> -1;
                case WastValue.RefExtern e -> e.id();
                default -> throw new IllegalArgumentException("unsupported argument " + inv.args().get(i));
            };
        }
        return env.invoke(env.export(inv.field()), args);
    }

    private static String compare(List<Expected> expected, long[] out) {
        if (expected.size() != out.length) {
            return "got " + out.length + " results, expected " + expected.size();
        }
        for (int i = 0; i < out.length; i++) {
            if (!matches(expected.get(i), out[i])) {
                return "result " + i + " = 0x" + Long.toHexString(out[i]) + ", expected " + expected.get(i);
            }
        }
        return null;
    }

    private static boolean matches(Expected e, long v) {
        return switch (e) {
            case Expected.Exact x -> switch (x.value()) {
                case WastValue.Num n -> switch (n.type()) {
                    case I32, F32 -> (int) v == (int) n.bits();
                    default -> v == n.bits();
                };
                case WastValue.RefNull r -> v == -1;
                case WastValue.RefExtern r -> v == r.id();
                default -> false;
            };
            case Expected.CanonicalNan n -> n.type() == ValType.F32
                    ? ((int) v & 0x7FFF_FFFF) == 0x7FC0_0000 : (v & Long.MAX_VALUE) == 0x7FF8_0000_0000_0000L;
            case Expected.ArithmeticNan n -> n.type() == ValType.F32
                    ? ((int) v & 0x7FC0_0000) == 0x7FC0_0000 : (v & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
            case Expected.AnyRefFunc r -> v != -1;
            case Expected.AnyRefExtern r -> v != -1;
            case Expected.Either either -> either.alternatives().stream().anyMatch(a -> matches(a, v));
        };
    }
}
