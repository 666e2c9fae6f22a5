package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import perf.metrics.MetricsRecorder;
import wasm.backend.CompileUnsupported;
import wasm.backend.X64Compiler;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.text.ModuleSource;
import wasm.core.text.WastAction;
import wasm.core.text.WastCommand;
import wasm.core.text.WastParser;
import wasm.core.text.WastScript;
import wasm.core.text.WastValue;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.interp.OutOfFuelException;
import wasm.ir.translate.WasmToIr;

/**
 * Every function of the official spec suite (mvp and 2.0 files) goes through
 * the compiler, with the register allocation checker on: it compiles or is
 * CompileUnsupported with a reason, nothing else. Modules whose functions all
 * compile also run their invoke assertions natively against the IR interpreter.
 */
class SpecSuiteCompileTest {

    private static Path suite() {
        Path p = Path.of(System.getProperty("wasm.testsuite", "../../../shared/wasm-testsuite"));
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

    private static Module valid(WastCommand.ModuleCommand mc) {
        try {
            Module m = load(mc.source());
            Validator.validate(m);
            return m;
        } catch (WasmException | IllegalArgumentException e) {
            return null;
        }
    }

    @Test
    void everyFunctionCompilesOrIsUnsupported() throws IOException {
        WasmToIr translator = new WasmToIr();
        int compiled = 0;
        long bytes = 0;
        long nanos = 0;
        Map<String, Integer> unsupported = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        var metrics = MetricsRecorder.disabled().beginModule(1).beginFunction(0, "", 0);
        for (String file : files()) {
            WastScript script = WastParser.parse(Files.readString(suite().resolve(file)), file);
            for (WastCommand cmd : script.commands()) {
                if (!(cmd instanceof WastCommand.ModuleCommand mc)) {
                    continue;
                }
                Module m = valid(mc);
                if (m == null) {
                    continue;
                }
                int imported = m.functionCount() - m.functions().size();
                X64Compiler compiler = new X64Compiler(new ImportingLayout(m.types(), imported), j -> j >= imported, true);
                for (int i = imported; i < m.functionCount(); i++) {
                    try {
                        Function f = translator.translate(m, i);
                        long t0 = System.nanoTime();
                        bytes += compiler.compile(i, f, metrics).size();
                        nanos += System.nanoTime() - t0;
                        compiled++;
                    } catch (CompileUnsupported e) {
                        unsupported.merge(e.reason(), 1, Integer::sum);
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(file + ":" + mc.line() + " func " + i + ": " + e);
                    }
                }
            }
        }
        int total = unsupported.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("spec suite compile: %d functions compiled (%d bytes) in %.1f ms (checker on), %d unsupported%n",
                compiled, bytes, nanos / 1e6, total);
        unsupported.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
        assertTrue(compiled > 2000, "only " + compiled + " functions compiled");
    }

    @Test
    void invokeAssertionsAgreeWithTheInterpreter() throws IOException {
        int compared = 0;
        int modules = 0;
        List<String> failures = new ArrayList<>();
        for (String file : files()) {
            WastScript script = WastParser.parse(Files.readString(suite().resolve(file)), file);
            NativeInstance nat = null;
            ModuleEnvironment env = null;
            try {
                for (WastCommand cmd : script.commands()) {
                    WastAction action = switch (cmd) {
                        case WastCommand.ModuleCommand mc -> {
                            if (nat != null) {
                                nat.close();
                            }
                            nat = null;
                            env = null;
                            Module m = valid(mc);
                            if (m != null && m.imports().isEmpty() && mc.name() == null) {
                                try {
                                    env = new ModuleEnvironment(m, x -> { }, 50_000_000L);
                                } catch (RuntimeException e) {
                                    env = null; // instantiation traps: nothing to run
                                }
                                if (env != null) {
                                    try {
                                        nat = new NativeInstance(m, true);
                                        modules++;
                                    } catch (CompileUnsupported e) {
                                        nat = null;
                                    } catch (RuntimeException e) {
                                        failures.add(file + ":" + mc.line() + ": " + e);
                                        nat = null;
                                    }
                                }
                            }
                            yield null;
                        }
                        case WastCommand.Register r -> {
                            if (nat != null) {
                                nat.close();
                            }
                            nat = null;
                            env = null;
                            yield null;
                        }
                        case WastCommand.Action a -> a.action();
                        case WastCommand.AssertReturn ar -> ar.action();
                        case WastCommand.AssertTrap at -> at.action();
                        default -> null;
                    };
                    if (nat == null || !(action instanceof WastAction.Invoke inv) || inv.moduleName() != null
                            || inv.args().size() > 12) {
                        continue;
                    }
                    long[] args = new long[inv.args().size()];
                    boolean ok = true;
                    for (int k = 0; k < args.length; k++) {
                        if (inv.args().get(k) instanceof WastValue.Num n) {
                            args[k] = n.bits();
                        } else if (inv.args().get(k) instanceof WastValue.RefNull) {
                            args[k] = -1;
                        } else {
                            ok = false;
                        }
                    }
                    if (!ok) {
                        continue;
                    }
                    String where = file + ":" + cmd + " " + inv.field();
                    try {
                        Differential.compare(nat, env, env.export(inv.field()), args);
                        compared++;
                    } catch (OutOfFuelException e) {
                        // the interpreter gave up; nothing to compare
                    } catch (AssertionError | RuntimeException e) {
                        failures.add(file + " " + inv.field() + ": " + e.getMessage());
                    }
                }
            } finally {
                if (nat != null) {
                    nat.close();
                }
            }
        }
        System.out.printf("spec suite native: %d modules fully compiled, %d invocations compared, %d failed%n",
                modules, compared, failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
        assertTrue(compared > 1000, "only " + compared + " invocations compared");
    }

    /** The test layout for a module with imports: import slots first in the function slot array. */
    private static final class ImportingLayout implements wasm.backend.VmctxLayout {
        private final TestLayout base;
        private final int imported;

        ImportingLayout(List<wasm.core.model.FuncType> types, int imported) {
            this.base = new TestLayout(types);
            this.imported = imported;
        }

        @Override public int stackLimit() { return base.stackLimit(); }
        @Override public int trapCode() { return base.trapCode(); }
        @Override public int unwindRsp() { return base.unwindRsp(); }
        @Override public int unwindTarget() { return base.unwindTarget(); }
        @Override public int memoryBase() { return base.memoryBase(); }
        @Override public int memoryLength() { return base.memoryLength(); }
        @Override public int globalCellOffset(int g) { return base.globalCellOffset(g); }
        @Override public int tableOffset(int t) { return base.tableOffset(t); }
        @Override public int funcDirectoryOffset() { return base.funcDirectoryOffset(); }
        @Override public int funcDirEntrySize() { return base.funcDirEntrySize(); }
        @Override public int canonicalSignatureId(int t) { return base.canonicalSignatureId(t); }
        @Override public int importedFunctionCount() { return imported; }
        @Override public int importCodeOffset(int i) { return base.importCodeOffset(i); }
        @Override public int functionCodeOffset(int f) { return base.functionCodeOffset(f); }
        @Override public int helperOffset(wasm.backend.Helper h) { return base.helperOffset(h); }
    }
}
