package wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.FunctionInstance;
import wasm.runtime.ImportResolver;
import wasm.runtime.Instance;
import wasm.runtime.LinkException;
import wasm.runtime.Store;

/** The public API on the real interpreter: linking, binding memory, proc_exit, bad pointers. */
class WasiPreview1Test {
    private static final String GUEST = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hi\\n")
              (func (export "write_ok") (result i32)
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 3))
                (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
              (func (export "written") (result i32) (i32.load (i32.const 8)))
              (func (export "write_past_end") (result i32)
                (i32.store (i32.const 0) (i32.const 65530))
                (i32.store (i32.const 4) (i32.const 100))
                (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
              (func (export "result_past_end") (result i32)
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 3))
                (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 65534)))
              (func (export "_start") (call $exit (i32.const 7)) unreachable))
            """;

    private static Module module(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    private static WasiPreview1 wasi(ByteArrayOutputStream out) {
        return new WasiPreview1(WasiConfig.builder().stdout(out).build());
    }

    @Test
    void writesThroughTheInstanceMemory() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Store store = new Store(); WasiPreview1 wasi = wasi(out)) {
            Instance instance = store.instantiate(module(GUEST), wasi.imports(store));
            wasi.bind(instance);
            assertEquals(0, (int) instance.function("write_ok").call()[0]);
            assertEquals(3, (int) instance.function("written").call()[0]);
            assertEquals("hi\n", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void badGuestPointersAreEfaultNotACrash() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Store store = new Store(); WasiPreview1 wasi = wasi(out)) {
            Instance instance = store.instantiate(module(GUEST), wasi.imports(store));
            wasi.bind(instance);
            assertEquals(21, (int) instance.function("write_past_end").call()[0]);
            assertEquals(21, (int) instance.function("result_past_end").call()[0]);
            assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing written when a pointer is bad");
        }
    }

    @Test
    void procExitUnwindsThroughTheInterpreterUnchanged() {
        try (Store store = new Store(); WasiPreview1 wasi = wasi(new ByteArrayOutputStream())) {
            Instance instance = store.instantiate(module(GUEST), wasi.imports(store));
            wasi.bind(instance);
            WasiExit exit = assertThrows(WasiExit.class, () -> instance.function("_start").call());
            assertEquals(7, exit.code());
            assertEquals(7, wasi.run(instance));
            // The store stays usable after the unwind.
            assertEquals(0, (int) instance.function("write_ok").call()[0]);
        }
    }

    @Test
    void unknownWasiNamesAndWrongSignaturesDoNotLink() {
        try (Store store = new Store(); WasiPreview1 wasi = wasi(new ByteArrayOutputStream())) {
            LinkException unknown = assertThrows(LinkException.class, () -> store.instantiate(module("""
                    (module (import "wasi_snapshot_preview1" "fd_bogus" (func (param i32) (result i32))))
                    """), wasi.imports(store)));
            assertEquals("unknown import", unknown.getMessage());
            LinkException wrongType = assertThrows(LinkException.class, () -> store.instantiate(module("""
                    (module (import "wasi_snapshot_preview1" "fd_close" (func (param i64) (result i32))))
                    """), wasi.imports(store)));
            assertEquals("incompatible import type", wrongType.getMessage());
        }
    }

    @Test
    void otherModulesGoToTheFallbackResolver() {
        try (Store store = new Store(); WasiPreview1 wasi = wasi(new ByteArrayOutputStream())) {
            FunctionInstance answer = store.hostFunction(
                    new wasm.core.model.FuncType(java.util.List.of(), java.util.List.of(wasm.core.model.ValType.I32)),
                    args -> new long[] {42});
            ImportResolver env = (m, n) -> m.equals("env") && n.equals("answer") ? answer : null;
            ImportResolver both = wasi.imports(store, env);
            Instance instance = store.instantiate(module("""
                    (module
                      (import "env" "answer" (func $a (result i32)))
                      (import "wasi_snapshot_preview1" "sched_yield" (func $y (result i32)))
                      (func (export "f") (result i32) (i32.add (call $a) (call $y))))
                    """), both);
            assertEquals(42, (int) instance.function("f").call()[0]);
            assertSame(both.resolve("wasi_snapshot_preview1", "fd_write"),
                    both.resolve("wasi_snapshot_preview1", "fd_write"), "one host function per name");
        }
    }

    @Test
    void aGuestWithoutMemoryGetsEfault() {
        try (Store store = new Store(); WasiPreview1 wasi = wasi(new ByteArrayOutputStream())) {
            Instance instance = store.instantiate(module("""
                    (module
                      (import "wasi_snapshot_preview1" "args_sizes_get" (func $s (param i32 i32) (result i32)))
                      (func (export "f") (result i32) (call $s (i32.const 0) (i32.const 4))))
                    """), wasi.imports(store));
            wasi.bind(instance);
            assertEquals(21, (int) instance.function("f").call()[0]);
        }
    }
}
