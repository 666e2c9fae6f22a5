package wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import wasm.core.model.FuncType;
import wasm.core.model.ValType;
import wasm.runtime.CodeCacheException;
import wasm.runtime.CompilePolicy;
import wasm.runtime.Engine;
import wasm.runtime.Instance;
import wasm.runtime.Linker;
import wasm.runtime.MemoryInstance;
import wasm.runtime.Store;
import wasm.runtime.Trap;
import wasm.runtime.TrapKind;
import wasm.runtime.Val;
import wasm.runtime.WasmModule;

/**
 * The examples of docs/embedding.md, compiled and run: every {@code java} block of the guide is
 * the body of one {@code // guide:NAME} region below (compared after removing indentation), and
 * each region's output is what the guide says it prints. A guide edit that no longer compiles or
 * prints something else fails here.
 */
class EmbeddingGuideTest {
    private static final Path GUIDE = Path.of("../../docs/embedding.md");
    private static final Path SELF = Path.of("src/test/java/wasm/wasi/EmbeddingGuideTest.java");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    static void quickStart(PrintStream out) {
        // guide:quick-start
        Engine engine = Engine.create();
        WasmModule module = engine.compileText("""
                (module
                  (import "env" "log" (func $log (param i32 i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "hello from wasm")
                  (func (export "add") (param i32 i32) (result i32)
                    (i32.add (local.get 0) (local.get 1)))
                  (func (export "greet") (call $log (i32.const 0) (i32.const 15))))
                """);
        Linker linker = new Linker()
                .func("env", "log", FuncType.of(List.of(ValType.I32, ValType.I32), List.of()), (caller, args) -> {
                    String s = caller.memory().readUtf8(args[0].i32(), args[1].i32());
                    out.println("guest says: " + s);
                    return Val.NONE;
                });
        try (Store store = engine.newStore()) {
            Instance instance = linker.instantiate(store, module);
            out.println("add(2, 40) = " + instance.function("add").callInt(2, 40));
            instance.function("greet").callVoid();
        }
        // end:quick-start
    }

    static void values(PrintStream out) {
        Engine engine = Engine.create();
        try (Store store = engine.newStore()) {
            Instance instance = new Linker().instantiate(store, engine.compileText("""
                    (module (func (export "scale") (param f64 i64) (result f64)
                      (f64.mul (local.get 0) (f64.convert_i64_s (local.get 1)))))
                    """));
            // guide:values
            var scale = instance.function("scale");          // resolve once, call many times
            double d = scale.callDouble(1.5, 4L);             // Java numbers: Double -> f64, Long -> i64
            Val[] r = scale.invoke(Val.f64(1.5), Val.i64(4)); // typed values
            long[] raw = scale.call(Double.doubleToRawLongBits(1.5), 4L); // the raw lane: bits, no boxing
            out.println(d + " " + r[0].f64() + " " + Double.longBitsToDouble(raw[0]));
            try {
                scale.callDouble(1.5, 4);                     // an Integer where an i64 is expected
            } catch (IllegalArgumentException e) {
                out.println(e.getMessage());
            }
            // end:values
        }
    }

    static void memory(PrintStream out) {
        Engine engine = Engine.create();
        try (Store store = engine.newStore()) {
            Instance instance = new Linker().instantiate(store, engine.compileText("(module (memory (export \"memory\") 1 4))"));
            // guide:memory
            MemoryInstance memory = instance.memory("memory");
            memory.writeInt(0, 42);
            memory.writeDouble(8, 2.5);
            int n = memory.writeUtf8(16, "grüße");
            out.println(memory.readInt(0) + " " + memory.readDouble(8) + " " + memory.readUtf8(16, n));
            byte[] bytes = new byte[4];
            memory.read(0, bytes, 0, 4);                      // bulk copies: arrays and ByteBuffers
            var segment = memory.segment();                   // a MemorySegment of the current size
            out.println(segment.byteSize() + " bytes, " + memory.pages() + " page, grow -> " + memory.grow(1));
            try {
                memory.readLong(memory.byteSize() - 4);       // every access is bounds-checked
            } catch (Trap t) {
                out.println(t.kind() + ": " + t.getMessage());
            }
            // end:memory
        }
    }

    static void traps(PrintStream out) {
        Engine engine = Engine.create();
        try (Store store = engine.newStore()) {
            // guide:traps
            Linker linker = new Linker().funcI32("env", "check", x -> {
                if (x < 0) {
                    throw new IllegalArgumentException("negative: " + x);
                }
                return x;
            });
            Instance instance = linker.instantiate(store, engine.compileText("""
                    (module (import "env" "check" (func $check (param i32) (result i32)))
                      (func (export "divide") (param i32 i32) (result i32)
                        (i32.div_s (local.get 0) (local.get 1)))
                      (func (export "checked") (param i32) (result i32) (call $check (local.get 0))))
                    """));
            try {
                instance.function("divide").callInt(1, 0);
            } catch (Trap t) {
                out.println(t.kind() + " in " + t.frames().get(0).functionName() + ": " + t.getMessage());
            }
            try {
                instance.function("checked").callInt(-1);
            } catch (Trap t) {
                out.println(t.kind() + " caused by " + t.getCause());  // the host's exception, unchanged
            }
            // end:traps
        }
    }

    static void limits(PrintStream out) {
        // guide:limits
        String spin = "(module (func (export \"spin\") (loop $l (br $l))))";
        Engine metered = Engine.builder().fuel(true).build();
        try (Store store = metered.newStore()) {
            var run = new Linker().instantiate(store, metered.compileText(spin)).function("spin");
            store.setFuel(1_000_000);                         // a unit per function entry and loop iteration
            try {
                run.callVoid();
            } catch (Trap t) {
                out.println(t.kind() + ": " + t.getMessage() + ", fuel left " + store.fuel());
            }
        }
        Engine engine = Engine.create();
        try (Store store = engine.newStore()) {
            var run = new Linker().instantiate(store, engine.compileText(spin)).function("spin");
            store.setDeadline(Duration.ofMillis(50));         // or store.interrupt() from any thread
            try {
                run.callVoid();
            } catch (Trap t) {
                out.println(t.kind() + " in " + t.frames().get(0).functionName() + ": " + t.getMessage());
            }
        }
        // end:limits
    }

    static void wasi(PrintStream out) {
        Engine engine = Engine.create();
        // guide:wasi
        WasmModule command = engine.compileText("""
                (module
                  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 16) "hello, WASI\\n")
                  (func (export "_start")
                    (i32.store (i32.const 0) (i32.const 16))
                    (i32.store (i32.const 4) (i32.const 12))
                    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
                """);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().arg("hello").stdout(stdout).build();
        try (Store store = engine.newStore(); WasiPreview1 wasi = new WasiPreview1(config)) {
            Instance instance = wasi.addToLinker(new Linker()).instantiate(store, command);
            int exitCode = wasi.run(instance);
            out.print("exit " + exitCode + ", stdout: " + stdout.toString(StandardCharsets.UTF_8));
        }
        // end:wasi
    }

    static void engines(PrintStream out) throws CodeCacheException {
        // guide:engines
        try (Engine engine = Engine.builder().optLevel(2).compilePolicy(CompilePolicy.EAGER).build()) {
            WasmModule module = engine.compileText("(module (func (export \"one\") (result i32) (i32.const 1)))");
            out.println(module.exports());
            byte[] cwasm = module.serialize();                // the code too, in the JIT tier
            WasmModule again = engine.deserialize(cwasm);
            try (Store a = engine.newStore(); Store b = engine.newStore()) {   // one module, many stores
                int sum = new Linker().instantiate(a, module).function("one").callInt()
                        + new Linker().instantiate(b, again).function("one").callInt();
                out.println("sum " + sum);
            }
        }
        // end:engines
    }

    /** What each example prints, as the guide shows it. */
    private static final Map<String, String> PRINTS = new LinkedHashMap<>();

    static {
        PRINTS.put("quick-start", "add(2, 40) = 42\nguest says: hello from wasm\n");
        PRINTS.put("values", "6.0 6.0 6.0\nargument 1 must be i64, got Integer 4\n");
        PRINTS.put("memory", "42 2.5 grüße\n65536 bytes, 1 page, grow -> 1\n"
                + "MEMORY_OUT_OF_BOUNDS: out of bounds memory access\n");
        PRINTS.put("traps", "INTEGER_DIVIDE_BY_ZERO in divide: integer divide by zero\n"
                + "HOST caused by java.lang.IllegalArgumentException: negative: -1\n");
        PRINTS.put("limits", "OUT_OF_FUEL: all fuel consumed, fuel left 0\nINTERRUPTED in spin: interrupted\n");
        PRINTS.put("wasi", "exit 0, stdout: hello, WASI\n");
        PRINTS.put("engines", "[ExportType[name=one, type=Func[type=[] -> [i32]]]]\nsum 2\n");
    }

    @Test
    void examplesPrintWhatTheGuideSays() throws Exception {
        Map<String, ThrowingRunnable> run = Map.of(
                "quick-start", () -> quickStart(out), "values", () -> values(out), "memory", () -> memory(out),
                "traps", () -> traps(out), "limits", () -> limits(out), "wasi", () -> wasi(out),
                "engines", () -> engines(out));
        for (Map.Entry<String, String> e : PRINTS.entrySet()) {
            printed.reset();
            run.get(e.getKey()).run();
            assertEquals(e.getValue(), printed.toString(StandardCharsets.UTF_8), e.getKey());
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void everyJavaBlockOfTheGuideIsARegionHere() throws IOException {
        Map<String, String> regions = regions(Files.readString(SELF));
        assertEquals(PRINTS.keySet(), regions.keySet());
        String guide = Files.readString(GUIDE);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        while (m.find()) {
            blocks.add(dedent(m.group(1)));
        }
        List<String> missing = new ArrayList<>(regions.keySet());
        for (String block : blocks) {
            String name = regions.entrySet().stream().filter(r -> r.getValue().equals(block)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (name == null) {
                fail("a java block of docs/embedding.md is no example of EmbeddingGuideTest:\n" + block);
            }
            missing.remove(name);
        }
        assertTrue(missing.isEmpty(), "examples the guide does not show: " + missing);
        // and the guide shows what they print
        for (Map.Entry<String, String> e : PRINTS.entrySet()) {
            assertTrue(guide.contains("```text\n" + e.getValue() + "```"), "the guide does not show the output of "
                    + e.getKey() + ":\n" + e.getValue());
        }
    }

    private static Map<String, String> regions(String source) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("// guide:([a-z-]+)\\n(.*?)\\n\\s*// end:\\1", Pattern.DOTALL).matcher(source);
        while (m.find()) {
            out.put(m.group(1), dedent(m.group(2) + "\n"));
        }
        return out;
    }

    /** Removes the indentation common to the non-blank lines. */
    static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString();
    }
}
