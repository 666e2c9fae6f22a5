package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import perf.metrics.MetricsRecorder;
import wasm.backend.CompileUnsupported;
import wasm.backend.CpuFeatures;
import wasm.backend.CpuFeatures.Feature;
import wasm.backend.X64Compiler;
import wasm.core.model.Module;
import wasm.core.text.WastAction;
import wasm.core.text.WastCommand;
import wasm.core.text.WastScript;
import wasm.core.text.WastValue;
import wasm.ir.Function;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.interp.OutOfFuelException;
import wasm.ir.testing.SpecSuite;
import wasm.ir.translate.WasmToIr;

/**
 * Every function of the official spec suite (mvp and 2.0 files) goes through
 * the compiler, with the register allocation checker on: it compiles or is
 * CompileUnsupported with a reason, nothing else. Modules whose functions all
 * compile also run their invoke assertions natively against the IR interpreter,
 * compiled for this machine's CPU features, for the SSE2 baseline, and without
 * each optional feature alone (over the scripts using what it affects).
 */
class SpecSuiteCompileTest {

    @Test
    void everyFunctionCompilesOrIsUnsupported() throws IOException {
        WasmToIr translator = new WasmToIr();
        int compiled = 0;
        long bytes = 0;
        long nanos = 0;
        Map<String, Integer> unsupported = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        var metrics = MetricsRecorder.disabled().beginModule(1).beginFunction(0, "", 0);
        for (String file : SpecSuite.files()) {
            for (WastCommand cmd : SpecSuite.script(file).commands()) {
                if (!(cmd instanceof WastCommand.ModuleCommand mc)) {
                    continue;
                }
                Module m = SpecSuite.validModule(mc).orElse(null);
                if (m == null) {
                    continue;
                }
                int imported = m.functionCount() - m.functions().size();
                X64Compiler compiler = new X64Compiler(new TestLayout(m.types(), imported), j -> j >= imported, true);
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

    /**
     * This machine's CPU features and the SSE2 baseline over the whole suite; each optional
     * feature the compiler uses switched off alone over the scripts that use what it affects.
     */
    static Stream<Arguments> featureSets() {
        CpuFeatures host = CpuFeatures.host();
        List<String> all = List.of("");
        return Stream.of(
                Arguments.of("cpu features " + host.key(), host, all),
                Arguments.of("sse2 baseline", CpuFeatures.baseline(), all),
                Arguments.of("without lzcnt", host.without(EnumSet.of(Feature.LZCNT)), List.of(".clz")),
                Arguments.of("without bmi1", host.without(EnumSet.of(Feature.BMI1)), List.of(".ctz")),
                Arguments.of("without popcnt", host.without(EnumSet.of(Feature.POPCNT)), List.of(".popcnt")),
                Arguments.of("without sse41", host.without(EnumSet.of(Feature.SSE41)),
                        List.of(".ceil", ".floor", ".trunc", ".nearest")),
                // the i64x2 signed comparisons without pcmpgtq
                Arguments.of("without sse42", host.without(EnumSet.of(Feature.SSE42)), List.of("i64x2")),
                // vector code in legacy SSE encodings (two-operand, blendv's mask in xmm0)
                Arguments.of("without avx", host.without(EnumSet.of(Feature.AVX, Feature.AVX2)), List.of("v128")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("featureSets")
    void invokeAssertionsAgreeWithTheInterpreter(String name, CpuFeatures features, List<String> words)
            throws IOException {
        int compared = 0;
        int modules = 0;
        List<String> failures = new ArrayList<>();
        for (String file : SpecSuite.files()) {
            String text = Files.readString(SpecSuite.root().resolve(file));
            if (words.stream().noneMatch(text::contains)) {
                continue;
            }
            WastScript script = SpecSuite.script(file);
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
                            Module m = SpecSuite.validModule(mc).orElse(null);
                            if (m != null && m.imports().isEmpty() && mc.name() == null) {
                                try {
                                    env = new ModuleEnvironment(m, x -> { }, 50_000_000L);
                                } catch (RuntimeException e) {
                                    env = null; // instantiation traps: nothing to run
                                }
                                if (env != null) {
                                    try {
                                        nat = new NativeInstance(m, true, null, features);
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
                    // the interpreter's encoding: two longs per v128
                    long[] args = new long[2 * inv.args().size()];
                    int n = 0;
                    boolean ok = true;
                    for (WastValue arg : inv.args()) {
                        switch (arg) {
                            case WastValue.Num num -> args[n++] = num.bits();
                            case WastValue.RefNull r -> args[n++] = -1;
                            case WastValue.V128 v -> {
                                args[n++] = v.lo();
                                args[n++] = v.hi();
                            }
                            default -> ok = false;
                        }
                    }
                    args = java.util.Arrays.copyOf(args, n);
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
        System.out.printf("spec suite native (%s): %d modules fully compiled, %d invocations compared, %d failed%n",
                name, modules, compared, failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
        int enough = words.equals(List.of("")) ? 1000 : 300;
        assertTrue(compared > enough, "only " + compared + " invocations compared");
    }
}
