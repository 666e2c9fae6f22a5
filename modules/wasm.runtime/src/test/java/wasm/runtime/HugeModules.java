package wasm.runtime;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.validate.Validator;

/**
 * The child JVM of {@link HugeModulesTest} (run with a small heap): builds huge and lying
 * binaries, decodes, validates, instantiates and calls them in the tier named by the first
 * argument, and prints one line per case: {@code case NAME ok DETAIL} or {@code case NAME
 * error CLASS: MESSAGE}, with the heap in use after it. An
 * OutOfMemoryError or any exception other than a {@link WasmException} ends the child with
 * a stack trace and a non-zero exit: the parent fails.
 */
public final class HugeModules {
    private HugeModules() {
    }

    /** The cases by name: each builds its module bytes. */
    static Map<String, Supplier<byte[]>> cases() {
        Map<String, Supplier<byte[]>> c = new LinkedHashMap<>();
        c.put("functions-100000", () -> manyFunctions(100_000, 0));
        c.put("imports-10000", HugeModules::manyImports);
        c.put("locals-50000-in-each-of-20000-bodies", () -> manyFunctions(20_000, 50_000));
        // The JIT compiles every body at instantiation (time in proportion to the locals declared).
        c.put("locals-50000-in-each-of-200-bodies", () -> manyFunctions(200, 50_000));
        c.put("lying-type-count", () -> module(section(1, concat(leb(0xFFFF_FFFFL), new byte[] {0x60}))));
        c.put("lying-function-count", () -> module(section(3, leb(0xFFFF_FFFFL))));
        c.put("lying-body-size", () -> module(typeSection(), section(3, concat(leb(1), leb(0))),
                section(10, concat(leb(1), leb(0xFFFF_FFF0L), new byte[] {0, 0x0b}))));
        c.put("lying-local-count", () -> module(typeSection(), section(3, concat(leb(1), leb(0))),
                section(10, concat(leb(1), leb(8), leb(1), leb(0xFFFF_FFFFL), new byte[] {0x7e, 0x41, 0, 0x0b}))));
        c.put("lying-local-groups", () -> module(typeSection(), section(3, concat(leb(1), leb(0))),
                section(10, concat(leb(1), leb(8), leb(0xFFFF_FFFFL), leb(1), new byte[] {0x7e, 0x41, 0, 0x0b}))));
        c.put("lying-data-length", () -> module(section(5, concat(leb(1), new byte[] {0}, leb(1))),
                section(11, concat(leb(1), new byte[] {0, 0x41, 0, 0x0b}, leb(0xFFFF_FFF0L), new byte[] {1, 2, 3}))));
        c.put("lying-section-size", () -> module(concat(new byte[] {1}, leb(0xFFFF_FFF0L), new byte[] {1, 0x60, 0, 0})));
        c.put("lying-custom-section", () -> module(concat(new byte[] {0}, leb(0x7FFF_FFF0L), leb(4), "name".getBytes())));
        c.put("lying-name-count", () -> module(section(0, concat(leb(4), "name".getBytes(), new byte[] {1},
                leb(6), leb(0xFFFF_FFFFL), leb(0), leb(1), new byte[] {'f'}))));
        c.put("lying-elem-count", () -> module(typeSection(), section(3, concat(leb(1), leb(0))),
                section(4, concat(leb(1), new byte[] {0x70, 0}, leb(1))),
                section(9, concat(leb(1), new byte[] {0, 0x41, 0, 0x0b}, leb(0xFFFF_FFFFL), leb(0))),
                section(10, concat(leb(1), leb(2), new byte[] {0, 0x0b}))));
        c.put("lying-br-table", () -> module(typeSection(), section(3, concat(leb(1), leb(0))),
                section(10, concat(leb(1), leb(12), leb(0), new byte[] {0x41, 0, 0x0e}, leb(0xFFFF_FFFFL),
                        new byte[] {0, 0, 0x0b}))));
        c.put("table-of-4-billion", () -> module(section(4, concat(leb(1), new byte[] {0x70, 0}, leb(0xFFFF_FFFFL)))));
        c.put("memory-of-4-gib", () -> module(section(5, concat(leb(1), new byte[] {0}, leb(65536)))));
        return c;
    }

    public static void main(String[] args) {
        ExecutionTier tier = ExecutionTier.valueOf(args[0]);
        List<String> names = args.length > 1 ? List.of(args).subList(1, args.length) : new ArrayList<>(cases().keySet());
        Runtime rt = Runtime.getRuntime();
        for (String name : names) {
            byte[] bytes = cases().get(name).get();
            long t0 = System.nanoTime();
            String outcome;
            try (Store store = new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(true))) {
                outcome = "ok " + run(store, bytes);
            } catch (WasmException e) {
                outcome = "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            System.out.println("case " + name + " " + outcome + " [" + bytes.length + " bytes in, heap "
                    + ((rt.totalMemory() - rt.freeMemory()) >> 20) + " of " + (rt.maxMemory() >> 20) + " MiB, "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms]");
        }
    }

    private static String run(Store store, byte[] bytes) {
        Module m = ModuleDecoder.decode(bytes);
        Validator.validate(m);
        FunctionInstance host = store.hostFunction(new FuncType(List.of(ValType.I32), List.of(ValType.I32)),
                a -> new long[] {a[0] + 1});
        Instance inst = store.instantiate(m, (module, name) -> host);
        StringBuilder sb = new StringBuilder();
        int calls = 0;
        long sum = 0;
        for (var e : inst.exports().entrySet()) {
            if (e.getValue() instanceof FunctionInstance f) {
                sum += f.call(f.type().params().isEmpty() ? new long[0] : new long[] {41})[0];
                calls++;
            }
        }
        return sb.append(m.functionCount()).append(" functions, ").append(calls).append(" calls, sum ").append(sum)
                .toString();
    }

    /** {@code n} functions () -> i32 returning their index mod 64, each declaring {@code locals} i64s; every 1000th exported. */
    private static byte[] manyFunctions(int n, int locals) {
        ByteArrayOutputStream funcs = new ByteArrayOutputStream();
        funcs.writeBytes(leb(n));
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        codes.writeBytes(leb(n));
        int exported = 0;
        ByteArrayOutputStream exportEntries = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            funcs.writeBytes(leb(1));
            byte[] body = locals > 0
                    ? concat(leb(1), leb(locals), new byte[] {0x7e, 0x41, (byte) (i & 0x3f), 0x0b})
                    : new byte[] {0, 0x41, (byte) (i & 0x3f), 0x0b};
            codes.writeBytes(leb(body.length));
            codes.writeBytes(body);
            if (i % 1000 == 0 || i == n - 1) {
                byte[] name = ("f" + i).getBytes();
                exportEntries.writeBytes(concat(leb(name.length), name, new byte[] {0}, leb(i)));
                exported++;
            }
        }
        exports.writeBytes(leb(exported));
        exports.writeBytes(exportEntries.toByteArray());
        byte[] types = concat(leb(2), new byte[] {0x60, 1, 0x7f, 1, 0x7f}, new byte[] {0x60, 0, 1, 0x7f});
        return module(section(1, types), section(3, funcs.toByteArray()), section(7, exports.toByteArray()),
                section(10, codes.toByteArray()));
    }

    /** 10,000 imports (i32) -> i32 and a function calling the last one. */
    private static byte[] manyImports() {
        int n = 10_000;
        ByteArrayOutputStream imports = new ByteArrayOutputStream();
        imports.writeBytes(leb(n));
        for (int i = 0; i < n; i++) {
            byte[] name = ("h" + i).getBytes();
            imports.writeBytes(concat(leb(3), "env".getBytes(), leb(name.length), name, new byte[] {0}, leb(0)));
        }
        byte[] types = concat(leb(1), new byte[] {0x60, 1, 0x7f, 1, 0x7f});
        byte[] body = concat(new byte[] {0, 0x20, 0, 0x10}, leb(n - 1), new byte[] {0x0b});
        return module(section(1, types), section(2, imports.toByteArray()), section(3, concat(leb(1), leb(0))),
                section(7, concat(leb(1), leb(1), new byte[] {'f', 0}, leb(n))),
                section(10, concat(leb(1), leb(body.length), body)));
    }

    private static byte[] typeSection() {
        return section(1, concat(leb(1), new byte[] {0x60, 0, 1, 0x7f}));
    }

    private static byte[] module(byte[]... sections) {
        return concat(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, concat(sections));
    }

    private static byte[] section(int id, byte[] body) {
        return concat(new byte[] {(byte) id}, leb(body.length), body);
    }

    static byte[] leb(long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            if (v != 0) {
                b |= 0x80;
            }
            o.write(b);
        } while (v != 0);
        return o.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
