package wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import wasm.runtime.Engine;
import wasm.runtime.Instance;
import wasm.runtime.Linker;
import wasm.runtime.Store;
import wasm.runtime.Trap;
import wasm.runtime.TrapKind;
import wasm.runtime.WasmModule;

/**
 * WASI preview 1 added to a {@link Linker} in one call: the system calls reach the calling
 * instance's memory through the Caller (exported or not, no bind step), each instance its own,
 * and proc_exit ends {@link WasiPreview1#run} with its code. Runs in both tiers.
 */
class WasiLinkerTest {
    /** Writes its argument count and "hello <n>" to stdout, then exits with n; memory not exported. */
    private static final String COMMAND = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
              (memory 1)
              (data (i32.const 16) "hello 0\\n")
              (func (export "_start")
                (drop (call $sizes (i32.const 100) (i32.const 104)))
                (i32.store8 (i32.const 22) (i32.add (i32.const 48) (i32.load (i32.const 100))))
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 8))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                (call $exit (i32.load (i32.const 100)))))
            """;

    @Test
    void aCommandRunsWithCapturedStdout() {
        try (Engine engine = Engine.create()) {
            WasmModule module = engine.compileText(COMMAND);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            WasiConfig config = WasiConfig.builder().args(List.of("cmd", "a", "b")).stdout(out).build();
            try (Store store = engine.newStore(); WasiPreview1 wasi = new WasiPreview1(config)) {
                Linker linker = wasi.addToLinker(new Linker());
                Instance first = linker.instantiate(store, module);
                assertEquals(3, wasi.run(first));
                Instance second = linker.instantiate(store, module);
                second.defaultMemory().orElseThrow().writeUtf8(16, "HELLO");
                assertEquals(3, wasi.run(second));
                assertEquals(3, wasi.run(first));
            }
            assertEquals("hello 3\nHELLO 3\nhello 3\n", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void otherImportsComeFromTheSameLinker() {
        try (Engine engine = Engine.create(); Store store = engine.newStore();
             WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().build())) {
            IllegalStateException boom = new IllegalStateException("boom");
            Linker linker = wasi.addToLinker(new Linker()).func("env", "fail", () -> {
                throw boom;
            });
            Instance in = linker.instantiate(store, engine.compileText("""
                    (module (import "env" "fail" (func $fail))
                      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                      (func (export "_start") (call $fail)))
                    """));
            Trap t = assertThrows(Trap.class, () -> wasi.run(in));
            assertEquals(TrapKind.HOST, t.kind());
            assertSame(boom, t.getCause());
        }
    }
}
