package example;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import wasm.core.model.FuncType;
import wasm.core.model.ValType;
import wasm.runtime.Engine;
import wasm.runtime.Instance;
import wasm.runtime.Linker;
import wasm.runtime.Store;
import wasm.runtime.Trap;
import wasm.runtime.Val;
import wasm.runtime.WasmModule;
import wasm.wasi.WasiConfig;
import wasm.wasi.WasiPreview1;

/**
 * wasmoon embedded in a Java program: loads a module, gives it a host function that reads a
 * string from the caller's memory, calls its exports with typed values, catches a trap, stops an
 * endless loop with fuel and with a deadline, and runs a WASI program with its stdout captured.
 * docs/embedding.md shows what it prints.
 */
public final class Main {
    private static final String GUEST = """
            (module
              (import "env" "log" (func $log (param i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "hello from the guest")
              (func (export "greet") (call $log (i32.const 0) (i32.const 20)))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "sumOfSquares") (param i64) (result i64) (local $acc i64)
                (block $done (loop $next
                  (br_if $done (i64.eqz (local.get 0)))
                  (local.set $acc (i64.add (local.get $acc) (i64.mul (local.get 0) (local.get 0))))
                  (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
                  (br $next)))
                (local.get $acc))
              (func (export "average") (param f64 f64) (result f64)
                (f64.div (f64.add (local.get 0) (local.get 1)) (f64.const 2)))
              (func (export "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
            """;

    private static final String ENDLESS = """
            (module (func (export "spin") (loop $forever (br $forever))))
            """;

    private static final String WASI_COMMAND = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello, WASI\\n")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 12))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """;

    public static void main(String[] args) {
        try (Engine engine = Engine.create()) {
            WasmModule module = engine.compileText(GUEST);
            Linker linker = new Linker().func("env", "log",
                    FuncType.of(List.of(ValType.I32, ValType.I32), List.of()), (caller, params) -> {
                        String text = caller.memory().readUtf8(params[0].i32(), params[1].i32());
                        System.out.println("guest says: " + text);
                        return Val.NONE;
                    });
            try (Store store = engine.newStore()) {
                Instance instance = linker.instantiate(store, module);
                instance.function("greet").callVoid();
                System.out.println("add(2, 40) = " + instance.function("add").callInt(2, 40));
                System.out.println("sumOfSquares(10) = " + instance.function("sumOfSquares").callLong(10L));
                System.out.println("average(1.5, 4.0) = "
                        + instance.function("average").invoke(Val.f64(1.5), Val.f64(4.0))[0].f64());
                try {
                    instance.function("divide").callInt(1, 0);
                } catch (Trap trap) {
                    System.out.println("trap: " + trap.kind() + " in " + trap.frames().get(0).functionName()
                            + ": " + trap.getMessage());
                }
            }

            // an endless loop, stopped by fuel (a unit per function entry and loop iteration) ...
            try (Engine metered = Engine.builder().fuel(true).build(); Store store = metered.newStore()) {
                store.setFuel(100_000);
                try {
                    new Linker().instantiate(store, metered.compileText(ENDLESS)).function("spin").callVoid();
                } catch (Trap trap) {
                    System.out.println("fuel: " + trap.kind() + " (" + trap.getMessage() + ")");
                }
            }
            // ... and by a deadline (Store.interrupt() and close() stop it too, from any thread)
            try (Store store = engine.newStore()) {
                store.setDeadline(Duration.ofMillis(100));
                try {
                    new Linker().instantiate(store, engine.compileText(ENDLESS)).function("spin").callVoid();
                } catch (Trap trap) {
                    System.out.println("deadline: " + trap.kind() + " (" + trap.getMessage() + ")");
                }
            }

            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            WasiConfig config = WasiConfig.builder().arg("hello").stdout(stdout).build();
            try (Store store = engine.newStore(); WasiPreview1 wasi = new WasiPreview1(config)) {
                Instance command = wasi.addToLinker(new Linker()).instantiate(store, engine.compileText(WASI_COMMAND));
                int exitCode = wasi.run(command);
                System.out.print("wasi: exit " + exitCode + ", captured stdout: "
                        + stdout.toString(StandardCharsets.UTF_8));
            }
        }
    }
}
