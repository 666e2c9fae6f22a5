package wasmoon.cli.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.validate.Validator;
import wasm.runtime.Extern;
import wasm.runtime.FunctionInstance;
import wasm.runtime.Instance;
import wasm.runtime.LinkException;
import wasm.runtime.MemoryInstance;
import wasm.runtime.Store;
import wasm.runtime.Trap;

/**
 * The wasmoon side of the differential fuzzer, run in a child JVM per batch so that a JVM
 * crash costs one batch, not the campaign: for every module of a {@link BatchFile} and every
 * {@link EngineConfig} named, prints {@code begin ID CONFIG}, the observations in
 * run-node.mjs's line format, and {@code end ID CONFIG}. Lines starting with {@code detail}
 * say what V8 cannot show (exact trap messages, NaN bits passed to the logging imports);
 * only wasmoon's configurations are compared on them.
 *
 * <p>usage: {@code FuzzWorker BATCH_FILE CONFIG[,CONFIG...]}
 */
public final class FuzzWorker {
    private FuzzWorker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FuzzWorker BATCH_FILE interp,jit-O0,jit-O1,jit-O2");
            System.exit(2);
        }
        BatchFile batch = BatchFile.read(java.nio.file.Path.of(args[0]));
        List<EngineConfig> configs = new ArrayList<>();
        for (String c : args[1].split(",")) {
            configs.add(EngineConfig.byLabel(c));
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        for (BatchFile.Entry e : batch.entries()) {
            byte[] bytes = Files.readAllBytes(e.wasm());
            for (EngineConfig c : configs) {
                out.println("begin " + e.id() + " " + c.label());
                out.flush();
                for (String line : run(bytes, e.calls(), c)) {
                    out.println(line);
                }
                out.println("end " + e.id() + " " + c.label());
                out.flush();
            }
        }
        out.flush();
    }

    /** Runs one module in one configuration and returns the observation lines. */
    static List<String> run(byte[] bytes, List<CallPlan.Call> calls, EngineConfig config) {
        return run(bytes, calls, config.options(), 0);
    }

    /**
     * Runs one module with {@code options} and returns the observation lines; with {@code fuel}
     * above 0 (and fuel metering on in {@code options}) the store gets that much fuel, so that a
     * mutant whose loops lost their hang limit still ends ("all fuel consumed").
     */
    static List<String> run(byte[] bytes, List<CallPlan.Call> calls, wasm.runtime.RuntimeOptions options, long fuel) {
        List<String> lines = new ArrayList<>();
        Module m;
        try {
            m = ModuleDecoder.decode(bytes);
            Validator.validate(m);
        } catch (WasmException ex) {
            lines.add("inst compile-error");
            lines.add("detail " + oneLine(ex.getMessage()));
            return lines;
        }
        try (Store store = new Store(options)) {
            if (fuel > 0) {
                store.setFuel(fuel);
            }
            Instance instance;
            try {
                instance = store.instantiate(m, (module, name) -> logImport(store, module, name, lines));
            } catch (LinkException ex) {
                lines.add("inst link-error");
                return lines;
            } catch (Trap t) {
                String kind = trapKind(t.getMessage());
                lines.add(kind == null ? "inst exhausted" : "inst trap " + kind);
                lines.add("detail " + oneLine(t.getMessage()));
                return lines;
            } catch (RuntimeException | Error ex) {
                lines.add("inst internal-error " + ex.getClass().getName() + ": " + oneLine(ex.getMessage()));
                return lines;
            }
            lines.add("inst ok");
            observeGlobals(instance, lines);
            for (CallPlan.Call call : calls) {
                FunctionInstance f = instance.function(call.name());
                FuncType type = f.type();
                long[] args = call.args().clone();
                try {
                    long[] results = f.call(args);
                    StringBuilder sb = new StringBuilder("call ").append(call.name()).append(" ok");
                    for (int i = 0; i < results.length; i++) {
                        sb.append(' ').append(type.results().get(i) == ValType.I64 ? results[i] : (int) results[i]);
                    }
                    lines.add(sb.toString());
                } catch (Trap t) {
                    String kind = trapKind(t.getMessage());
                    if (kind == null) {
                        lines.add("call " + call.name() + " exhausted");
                        break;
                    }
                    lines.add("call " + call.name() + " trap " + kind);
                    lines.add("detail " + oneLine(t.getMessage()));
                } catch (RuntimeException | Error ex) {
                    lines.add("call " + call.name() + " internal-error " + ex.getClass().getName() + ": "
                            + oneLine(ex.getMessage()));
                    break;
                }
                observeGlobals(instance, lines);
            }
            observeMemory(instance, lines);
        }
        return lines;
    }

    private static Extern logImport(Store store, String module, String name, List<String> lines) {
        if (!module.equals("fuzzing-support")) {
            return null;
        }
        return switch (name) {
            case "log-i32" -> store.hostFunction(FuncType.of(List.of(ValType.I32), List.of()), a -> {
                lines.add("log i32 " + (int) a[0]);
                return new long[0];
            });
            case "log-i64" -> store.hostFunction(FuncType.of(List.of(ValType.I64), List.of()), a -> {
                lines.add("log i64 " + a[0]);
                return new long[0];
            });
            case "log-f32" -> store.hostFunction(FuncType.of(List.of(ValType.F32), List.of()), a -> {
                int bits = (int) a[0];
                if (Float.isNaN(Float.intBitsToFloat(bits))) {
                    lines.add("log f32 nan");
                    lines.add("detail nan 0x" + Integer.toHexString(bits));
                } else {
                    lines.add("log f32 0x" + Integer.toHexString(bits));
                }
                return new long[0];
            });
            case "log-f64" -> store.hostFunction(FuncType.of(List.of(ValType.F64), List.of()), a -> {
                if (Double.isNaN(Double.longBitsToDouble(a[0]))) {
                    lines.add("log f64 nan");
                    lines.add("detail nan 0x" + Long.toHexString(a[0]));
                } else {
                    lines.add("log f64 0x" + Long.toHexString(a[0]));
                }
                return new long[0];
            });
            // Instrumenter retyped log-v128 to its two i64 halves (JavaScript cannot take a v128).
            case Instrumenter.LOG_V128 -> store.hostFunction(FuncType.of(List.of(ValType.I64, ValType.I64), List.of()),
                    a -> {
                        lines.add("log v128 " + a[0] + " " + a[1]);
                        return new long[0];
                    });
            default -> null;
        };
    }

    /** {@code memory PAGES HASH} for memory 0 (as run-node.mjs prints it), {@code memoryK ...} for the others. */
    private static void observeMemory(Instance instance, List<String> lines) {
        if (instance.export(Instrumenter.MEMORY_EXPORT) instanceof MemoryInstance mem) {
            lines.add("memory " + pagesAndHash(mem));
        }
        for (int k = 1; instance.export(Instrumenter.MEMORY_EXPORT + k) instanceof MemoryInstance mem; k++) {
            lines.add("memory" + k + " " + pagesAndHash(mem));
        }
    }

    private static String pagesAndHash(MemoryInstance mem) {
        byte[] bytes = mem.read(0, Math.toIntExact(mem.byteSize()));
        return mem.pages() + " " + Integer.toHexString(Instrumenter.memoryHash(bytes));
    }

    private static void observeGlobals(Instance instance, List<String> lines) {
        for (int k = 0; ; k++) {
            if (!(instance.export(Instrumenter.GLOBAL_PREFIX + k) instanceof FunctionInstance getter)
                    || !getter.type().params().isEmpty()) {
                // (a getter takes no parameters; one that does comes from a mutated module)
                break;
            }
            // One value, or two i64 halves for a v128 global.
            long[] v = getter.call();
            StringBuilder sb = new StringBuilder("global ").append(k);
            for (int i = 0; i < v.length; i++) {
                sb.append(' ').append(getter.type().results().get(i) == ValType.I64 ? v[i] : (int) v[i]);
            }
            lines.add(sb.toString());
        }
    }

    /**
     * The trap kind shared with run-node.mjs, or null for "call stack exhausted" (a resource
     * limit: engines legitimately differ in how deep they go).
     */
    static String trapKind(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("call stack exhausted")) {
            return null;
        }
        if (m.startsWith("unreachable")) {
            return "unreachable";
        }
        if (m.startsWith("out of bounds memory access")) {
            return "memory-oob";
        }
        if (m.startsWith("integer divide by zero")) {
            return "div-zero";
        }
        if (m.startsWith("integer overflow") || m.startsWith("invalid conversion to integer")) {
            // V8 says "float unrepresentable in integer range" for both traps of a float-to-int
            // truncation (NaN, out of range), the spec "invalid conversion" and "integer overflow".
            return "overflow-or-conversion";
        }
        if (m.startsWith("undefined element") || m.startsWith("out of bounds table access")) {
            return "table-oob";
        }
        if (m.startsWith("uninitialized element") || m.startsWith("indirect call type mismatch")) {
            return "indirect-call";
        }
        return "other:" + m.replace(' ', '_');
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ');
    }
}
