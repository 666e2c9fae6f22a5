package wasmoon.cli.fuzz;

import java.util.ArrayList;
import java.util.List;

import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.text.WatPrinter;

/**
 * Turns a (reduced) fuzz finding into a spec script with V8's observations as the expected
 * outcomes: a {@code fuzzing-support} module that folds every logged value into a digest, the
 * instrumented module, and per call of the plan an assertion on the call and, after it, on
 * {@code fuzz$memhash}, every {@code fuzz$global$K} getter and the log digest. The build
 * runs the script on both tiers with the project's other spec scripts.
 */
final class RegressionScript {
    private static final long FNV64_PRIME = 0x100000001b3L;

    private RegressionScript() {
    }

    /** The logging module of every regression script: the digest of FuzzWorker's log lines. */
    static final String LOGGER = """
            (module $fuzzing-support
              (global $digest (mut i64) (i64.const 0))
              (func $mix (param $tag i64) (param $v i64)
                (global.set $digest (i64.xor (i64.mul (i64.xor (i64.mul (global.get $digest) (i64.const 0x100000001b3))
                  (local.get $tag)) (i64.const 0x100000001b3)) (local.get $v))))
              (func (export "log-i32") (param i32) (call $mix (i64.const 1) (i64.extend_i32_s (local.get 0))))
              (func (export "log-i64") (param i64) (call $mix (i64.const 2) (local.get 0)))
              (func (export "log-f32") (param f32)
                (call $mix (i64.const 3) (if (result i64) (f32.ne (local.get 0) (local.get 0)) (then (i64.const -1))
                  (else (i64.extend_i32_u (i32.reinterpret_f32 (local.get 0)))))))
              (func (export "log-f64") (param f64)
                (call $mix (i64.const 4) (if (result i64) (f64.ne (local.get 0) (local.get 0)) (then (i64.const -1))
                  (else (i64.reinterpret_f64 (local.get 0))))))
              (func (export "log-v128") (param i64 i64)
                (call $mix (i64.const 5) (local.get 0)) (call $mix (i64.const 5) (local.get 1)))
              (func (export "digest") (result i64) (global.get $digest)))
            (register "fuzzing-support" $fuzzing-support)
            """;

    /**
     * The script for {@code instrumented} given the plan and node's observation lines of it
     * ({@code interp}'s lines supply exact trap messages where V8 gives only the kind).
     */
    static String script(String header, Instrumenter.Instrumented instrumented, CallPlan plan, List<String> node,
                         List<String> interp) {
        StringBuilder sb = new StringBuilder();
        header.lines().forEach(l -> sb.append(";; ").append(l).append('\n'));
        sb.append(LOGGER);
        Module m = instrumented.module();
        String text = WatPrinter.print(m).replaceFirst("^\\(module", "(module \\$fuzzed");
        int calls = 0;
        long digest = 0;
        List<String> trapMessages = new ArrayList<>();
        for (int i = 0; i < interp.size(); i++) {
            if (interp.get(i).contains(" trap ") && i + 1 < interp.size() && interp.get(i + 1).startsWith("detail ")) {
                trapMessages.add(interp.get(i + 1).substring(7));
            } else if (interp.get(i).contains(" trap ")) {
                trapMessages.add(null);
            }
        }
        int trapIndex = 0;
        boolean moduleWritten = false;
        for (String line : node) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "inst" -> {
                    if (f[1].equals("ok")) {
                        sb.append(text);
                        moduleWritten = true;
                    } else if (f[1].equals("trap")) {
                        String msg = message(f[2], trapIndex < trapMessages.size() ? trapMessages.get(trapIndex++) : null);
                        sb.append("(assert_trap ").append(text.replaceFirst("^\\(module \\$fuzzed", "(module"))
                                .append(" \"").append(msg).append("\")\n");
                        return sb.toString();
                    } else {
                        throw new IllegalArgumentException("no regression script for a module that does not instantiate: "
                                + line);
                    }
                }
                case "log" -> {
                    digest = mix(digest, f[1], f[2]);
                    if (f[1].equals("v128")) {
                        digest = mix(digest, f[1], f[3]);
                    }
                }
                case "call" -> {
                    if (f[2].equals("exhausted")) {
                        return sb.toString();
                    }
                    CallPlan.Call call = plan.calls().get(calls++);
                    String invoke = invoke(call);
                    if (f[2].equals("ok")) {
                        List<ValType> results = wrapperResults(instrumented, call.name());
                        sb.append("(assert_return ").append(invoke);
                        for (int k = 3; k < f.length; k++) {
                            sb.append(' ').append(constant(results.get(k - 3), Long.parseLong(f[k])));
                        }
                        sb.append(")\n");
                    } else {
                        String msg = message(f[3], trapIndex < trapMessages.size() ? trapMessages.get(trapIndex++) : null);
                        sb.append("(assert_trap ").append(invoke).append(" \"").append(msg).append("\")\n");
                    }
                    sb.append("(assert_return (invoke $fuzzing-support \"digest\") (i64.const ").append(digest)
                            .append("))\n");
                }
                case "memory" -> {
                    if (calls > 0 || moduleWritten) {
                        sb.append("(assert_return (invoke $fuzzed \"").append(Instrumenter.MEMHASH_EXPORT)
                                .append("\") (i32.const ").append((int) Long.parseLong(f[2], 16)).append("))\n");
                    }
                }
                case "global" -> {
                    String getter = Instrumenter.GLOBAL_PREFIX + f[1];
                    List<ValType> types = wrapperResults(instrumented, getter);
                    sb.append("(assert_return (invoke $fuzzed \"").append(getter).append("\")");
                    for (int k = 2; k < f.length; k++) {
                        sb.append(' ').append(constant(types.get(k - 2), Long.parseLong(f[k])));
                    }
                    sb.append(")\n");
                }
                default -> {
                }
            }
        }
        return sb.toString();
    }

    private static String invoke(CallPlan.Call call) {
        StringBuilder sb = new StringBuilder("(invoke $fuzzed \"").append(call.name()).append('"');
        for (int i = 0; i < call.args().length; i++) {
            sb.append(' ').append(constant(call.signature().charAt(i) == 'I' ? ValType.I64 : ValType.I32,
                    call.args()[i]));
        }
        return sb.append(')').toString();
    }

    private static String constant(ValType t, long v) {
        return t == ValType.I64 ? "(i64.const " + v + ")" : "(i32.const " + (int) v + ")";
    }

    private static List<ValType> wrapperResults(Instrumenter.Instrumented inst, String exportName) {
        Module m = inst.module();
        for (var e : m.exports()) {
            if (e.name().equals(exportName)) {
                return m.functionType(e.index()).results();
            }
        }
        throw new IllegalArgumentException("no export " + exportName);
    }

    /** The spec message for a trap kind; the interpreter's own message when it has one. */
    private static String message(String kind, String interpMessage) {
        if (interpMessage != null && FuzzWorker.trapKind(interpMessage) != null
                && FuzzWorker.trapKind(interpMessage).equals(kind)) {
            return interpMessage.replaceAll(" \\d+$", "");
        }
        return switch (kind) {
            case "unreachable" -> "unreachable";
            case "memory-oob" -> "out of bounds memory access";
            case "div-zero" -> "integer divide by zero";
            case "overflow-or-conversion" -> "integer overflow";
            case "table-oob" -> "out of bounds table access";
            case "indirect-call" -> "indirect call type mismatch";
            default -> throw new IllegalArgumentException("unknown trap kind " + kind);
        };
    }

    /**
     * The logger module's digest after one more logged value (FuzzWorker's log line fields; a
     * v128 line's two halves are mixed one after the other).
     */
    static long mix(long digest, String type, String value) {
        long tag;
        long v;
        switch (type) {
            case "i32" -> {
                tag = 1;
                v = Integer.parseInt(value);
            }
            case "i64" -> {
                tag = 2;
                v = Long.parseLong(value);
            }
            case "f32" -> {
                tag = 3;
                v = value.equals("nan") ? -1 : Long.parseLong(value.substring(2), 16);
            }
            case "v128" -> {
                tag = 5;
                v = Long.parseLong(value);
            }
            default -> {
                tag = 4;
                v = value.equals("nan") ? -1 : Long.parseUnsignedLong(value.substring(2), 16);
            }
        }
        return ((digest * FNV64_PRIME) ^ tag) * FNV64_PRIME ^ v;
    }
}
