package wasm.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import wasm.core.UnsupportedFeatureException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.GlobalType;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.TableType;
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
import wasm.runtime.tooling.JitCoverage;

/**
 * Runs the execution commands of an official .wast script against the
 * interpreter (module definitions, register, invoke/get, assert_return,
 * assert_trap, assert_exhaustion, assert_unlinkable, assert_uninstantiable, and the
 * 3.0 script's module definitions and instances). assert_invalid/assert_malformed
 * (custom or not) belong to wasm.core's tests and are skipped here. Collects failures instead of stopping at the first.
 */
final class SpecScriptRunner {
    private final Store store;
    private final Map<String, Instance> named = new HashMap<>();
    private final Map<String, Map<String, Extern>> registered = new HashMap<>();
    private Instance current;
    /** When set, every module is instantiated from what this makes of it (a code cache round trip). */
    private java.util.function.Function<Module, PrecompiledModule> precompile;
    private final Map<String, Module> definitions = new HashMap<>();
    private Module lastDefinition;
    final List<String> failures = new ArrayList<>();
    int passed;
    /** Module commands that need a feature wasmoon lacks (the suite's 2.0 scripts have a few). */
    int skipped;

    SpecScriptRunner(RuntimeOptions options) {
        this.store = new Store(options);
        Map<String, Extern> spectest = new HashMap<>();
        for (String name : new String[] {"print", "print_i32", "print_i64", "print_f32", "print_f64",
                "print_i32_f32", "print_f64_f64"}) {
            String params = switch (name) {
                case "print_i32" -> "i";
                case "print_i64" -> "I";
                case "print_f32" -> "f";
                case "print_f64" -> "F";
                case "print_i32_f32" -> "if";
                case "print_f64_f64" -> "FF";
                default -> "";
            };
            spectest.put(name, store.hostFunction(TestModuleBuilder.sig(params + ":"), a -> new long[0]));
        }
        spectest.put("global_i32", store.global(new GlobalType(ValType.I32, false), 666));
        spectest.put("global_i64", store.global(new GlobalType(ValType.I64, false), 666));
        spectest.put("global_f32", store.global(new GlobalType(ValType.F32, false), Float.floatToRawIntBits(666.6f)));
        spectest.put("global_f64", store.global(new GlobalType(ValType.F64, false), Double.doubleToRawLongBits(666.6)));
        spectest.put("table", store.table(new TableType(ValType.FUNCREF, new Limits(10, 20)), Ref.NULL));
        spectest.put("memory", store.memory(new MemoryType(new Limits(1, 2))));
        registered.put("spectest", spectest);
    }

    static SpecScriptRunner run(String source, String fileName) {
        return run(source, fileName, RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER));
    }

    static SpecScriptRunner run(String source, String fileName, RuntimeOptions options) {
        return run(source, fileName, options, null);
    }

    /** As {@link #run(String, String, RuntimeOptions)}, instantiating {@code precompile}'s result for each module. */
    static SpecScriptRunner run(String source, String fileName, RuntimeOptions options,
                                java.util.function.Function<Module, PrecompiledModule> precompile) {
        WastScript script = WastParser.parse(source, fileName);
        SpecScriptRunner r = new SpecScriptRunner(options);
        r.precompile = precompile;
        try {
            for (WastCommand c : script.commands()) {
                try {
                    r.execute(c);
                } catch (UnsupportedFeatureException e) {
                    r.skipped++;
                } catch (RuntimeException | StackOverflowError e) {
                    r.failures.add(fileName + ":" + c.line() + ": " + e);
                }
            }
            r.coverage = JitCoverage.of(r.store);
            r.tiers = wasm.runtime.tooling.TierCounts.of(r.store);
        } finally {
            r.store.close();
        }
        return r;
    }

    /** Native versus interpreted functions of the script's modules. */
    JitCoverage coverage;
    wasm.runtime.tooling.TierCounts tiers;

    private Module load(ModuleSource src) {
        Module m = switch (src) {
            case ModuleSource.Text t -> WatParser.parseModule(t.source());
            case ModuleSource.Binary b -> ModuleDecoder.decode(b.bytes());
            case ModuleSource.Quote q -> WatParser.parseModule(q.text());
        };
        Validator.validate(m);
        return m;
    }

    private Instance instantiate(Module m) {
        ImportResolver imports = (mod, name) -> {
            Map<String, Extern> exports = registered.get(mod);
            return exports == null ? null : exports.get(name);
        };
        return precompile == null ? store.instantiate(m, imports) : store.instantiate(precompile.apply(m), imports);
    }

    private void fail(WastCommand c, String msg) {
        failures.add(c.line() + ": " + msg);
    }

    private void execute(WastCommand c) {
        switch (c) {
            case WastCommand.ModuleCommand m -> {
                Instance instance;
                try {
                    Module module = load(m.source());
                    lastDefinition = module;
                    instance = instantiate(module);
                    passed++;
                } catch (UnsupportedFeatureException e) {
                    // A module of a later proposal: commands that use it fail (no module), never pass.
                    instance = null;
                    skipped++;
                }
                current = instance;
                if (m.name() != null) {
                    named.put(m.name(), instance);
                }
            }
            case WastCommand.Register r -> {
                Instance i = r.moduleName() == null ? current : named.get(r.moduleName());
                registered.put(r.as(), i.exports());
            }
            case WastCommand.Action a -> {
                perform(a.action());
                passed++;
            }
            case WastCommand.AssertReturn ar -> {
                long[] got = perform(ar.action());
                List<Expected> exp = ar.expected();
                boolean ok = got.length == exp.size();
                for (int i = 0; ok && i < got.length; i++) {
                    ok = matches(exp.get(i), got[i]);
                }
                if (ok) {
                    passed++;
                } else {
                    fail(c, "assert_return " + describe(ar.action()) + " expected " + exp + " got "
                            + java.util.Arrays.toString(hex(got)));
                }
            }
            case WastCommand.AssertTrap at -> {
                try {
                    if (at.action() != null) {
                        perform(at.action());
                    } else {
                        instantiate(load(at.module()));
                    }
                    fail(c, "expected trap \"" + at.message() + "\" but completed");
                } catch (Trap t) {
                    checkMessage(c, at.message(), t);
                }
            }
            case WastCommand.AssertExhaustion ae -> {
                try {
                    perform(ae.action());
                    fail(c, "expected exhaustion but completed");
                } catch (Trap t) {
                    checkMessage(c, ae.message(), t);
                }
            }
            case WastCommand.AssertUnlinkable au -> {
                try {
                    instantiate(load(au.module()));
                    fail(c, "expected unlinkable \"" + au.message() + "\"");
                } catch (LinkException e) {
                    checkMessage(c, au.message(), e);
                }
            }
            case WastCommand.AssertUninstantiable au -> {
                try {
                    instantiate(load(au.module()));
                    fail(c, "expected uninstantiable \"" + au.message() + "\"");
                } catch (Trap e) {
                    checkMessage(c, au.message(), e);
                }
            }
            case WastCommand.ModuleDefinition d -> {
                Module m = load(d.source());
                lastDefinition = m;
                if (d.name() != null) {
                    definitions.put(d.name(), m);
                }
                passed++;
            }
            case WastCommand.ModuleInstance mi -> {
                Instance instance = instantiate(mi.definition() == null ? lastDefinition
                        : definitions.get(mi.definition()));
                current = instance;
                if (mi.instance() != null) {
                    named.put(mi.instance(), instance);
                }
                passed++;
            }
            case WastCommand.AssertInvalid ai -> {
            }
            case WastCommand.AssertMalformed am -> {
            }
            case WastCommand.AssertInvalidCustom ai -> {
            }
            case WastCommand.AssertMalformedCustom am -> {
            }
            case WastCommand.Unsupported u -> {
            }
        }
    }

    private static String[] hex(long[] v) {
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = "0x" + Long.toHexString(v[i]);
        }
        return s;
    }

    private static String describe(WastAction a) {
        return switch (a) {
            case WastAction.Invoke i -> "invoke \"" + i.field() + "\" " + i.args();
            case WastAction.Get g -> "get \"" + g.field() + "\"";
        };
    }

    private void checkMessage(WastCommand c, String expected, Exception e) {
        String got = e.getMessage();
        if (got != null && (got.startsWith(expected) || expected.startsWith(got))) {
            passed++;
        } else {
            fail(c, "expected \"" + expected + "\" got \"" + got + "\"");
        }
    }

    private long[] perform(WastAction a) {
        Instance inst = a.moduleName() == null ? current : named.get(a.moduleName());
        return switch (a) {
            case WastAction.Invoke i -> {
                long[] args = new long[i.args().size()];
                for (int k = 0; k < args.length; k++) {
                    args[k] = value(i.args().get(k));
                }
                FunctionInstance f = inst.function(i.field());
                yield f.call(args);
            }
            case WastAction.Get g -> new long[] {inst.global(g.field()).get()};
        };
    }

    private static long value(WastValue v) {
        return switch (v) {
            case WastValue.Num n -> switch (n.type()) {
                case I32 -> (int) n.bits();
                case F32 -> n.bits() & 0xFFFFFFFFL;
                default -> n.bits();
            };
            case WastValue.RefNull r -> Ref.NULL;
            case WastValue.RefExtern e -> e.id();
            case WastValue.V128 x -> throw new IllegalArgumentException("v128 arguments: the CLI's runner has them");
        };
    }

    private static boolean matches(Expected e, long got) {
        return switch (e) {
            case Expected.Exact x -> switch (x.value()) {
                case WastValue.Num n -> switch (n.type()) {
                    case I32, F32 -> (int) n.bits() == (int) got;
                    default -> n.bits() == got;
                };
                case WastValue.RefNull r -> got == Ref.NULL;
                case WastValue.RefExtern r -> got == r.id();
                case WastValue.V128 v -> false;
            };
            case Expected.V128Lanes l -> false;
            case Expected.CanonicalNan n -> n.type() == ValType.F32
                    ? ((int) got & 0x7fffffff) == 0x7fc00000
                    : (got & Long.MAX_VALUE) == 0x7ff8000000000000L;
            case Expected.ArithmeticNan n -> n.type() == ValType.F32
                    ? ((int) got & 0x7fc00000) == 0x7fc00000
                    : (got & 0x7ff8000000000000L) == 0x7ff8000000000000L;
            case Expected.AnyRefFunc f -> got != Ref.NULL;
            case Expected.AnyRefExtern f -> got != Ref.NULL;
            case Expected.AnyRefNull f -> got == Ref.NULL;
            case Expected.Either either -> either.alternatives().stream().anyMatch(alt -> matches(alt, got));
        };
    }
}
