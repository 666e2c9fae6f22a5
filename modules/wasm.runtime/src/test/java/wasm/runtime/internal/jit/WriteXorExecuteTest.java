package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.internal.HostFunctionEntity;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.ModuleInstantiator;
import wasm.runtime.internal.RuntimeFunction;
import wasm.runtime.internal.StoreState;

/**
 * W^X, checked from outside: a thread reads /proc/self/maps over and over while a store
 * sets up its engine (stack probe, trampolines, helper thunks), compiles and loads modules
 * (functions, import and upcall thunks, cross-instance thunks) and runs them (host calls,
 * traps); no mapping that wasmoon made may ever be seen writable and executable at once.
 * wasmoon's mappings are told apart by address ({@link JitEngine#codeRanges()}): HotSpot's
 * own code cache is rwx by design and lies elsewhere. The sampler must also have seen
 * wasmoon's code as r-x, so the check cannot pass by looking at the wrong mappings.
 */
class WriteXorExecuteTest {
    private record Mapping(long start, long end, String perms) {
        boolean overlaps(long[] range) {
            return start < range[1] && range[0] < end;
        }
    }

    private static List<Mapping> maps() {
        List<Mapping> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                String[] f = line.split("\\s+", 3);
                String[] range = f[0].split("-");
                out.add(new Mapping(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), f[1]));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read /proc/self/maps", e);
        }
        return out;
    }

    private static Module module(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    @Test
    void noMappingOfWasmoonIsEverWritableAndExecutable() throws Exception {
        Set<Mapping> writableAndExecutable = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<Mapping> executable = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger samples = new AtomicInteger();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!stop.get()) {
                for (Mapping m : maps()) {
                    if (m.perms().contains("x")) {
                        executable.add(m);
                        if (m.perms().contains("w")) {
                            writableAndExecutable.add(m);
                        }
                    }
                }
                samples.incrementAndGet();
            }
        });
        List<long[]> ranges;
        try {
            while (samples.get() == 0) {
                Thread.onSpinWait();
            }
            StoreState store = new StoreState(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true));
            try {
                HostFunctionEntity host = new HostFunctionEntity(
                        new FuncType(List.of(ValType.I32), List.of(ValType.I32)),
                        store.typeId(new FuncType(List.of(ValType.I32), List.of(ValType.I32))),
                        store.nextFunctionAddress(), a -> new long[] {a[0] * 2});
                store.register(host);
                Module callee = module("""
                        (module
                          (import "env" "twice" (func $twice (param i32) (result i32)))
                          (func (export "f") (param i32) (result i32)
                            (i32.add (call $twice (local.get 0)) (i32.const 1)))
                          (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
                        """);
                for (int round = 0; round < 20; round++) {
                    InstanceContext a = ModuleInstantiator.instantiate(store, callee, new Object[] {host});
                    RuntimeFunction f = a.functions[1];
                    // A second module calling the first: a cross-instance thunk.
                    Module caller = module("""
                            (module
                              (import "a" "f" (func $f (param i32) (result i32)))
                              (func (export "g") (param i32) (result i64)
                                (i64.extend_i32_s (call $f (local.get 0)))))
                            """);
                    InstanceContext b = ModuleInstantiator.instantiate(store, caller, new Object[] {f});
                    assertEquals(2L * round + 1, store.invoke(b.functions[1], new long[] {round})[0]);
                    try {
                        store.invoke(a.functions[2], new long[] {1, 0});
                    } catch (wasm.runtime.Trap expected) {
                        assertEquals("integer divide by zero", expected.getMessage());
                    }
                    // Two fresh samples per round, so sampling interleaves with the work however fast it runs.
                    int seen = samples.get();
                    while (samples.get() < seen + 2) {
                        Thread.onSpinWait();
                    }
                }
                ranges = store.jit.codeRanges();
                // Keep sampling a moment with everything loaded, then stop before the store closes.
                int seen = samples.get();
                while (samples.get() < seen + 20) {
                    Thread.onSpinWait();
                }
            } finally {
                stop.set(true);
                sampler.join();
                store.close();
            }
        } finally {
            stop.set(true);
        }
        assertTrue(ranges.size() > 40, "the engine loaded code: " + ranges.size() + " mappings");
        List<String> violations = new ArrayList<>();
        for (Mapping m : writableAndExecutable) {
            for (long[] r : ranges) {
                if (m.overlaps(r)) {
                    violations.add(Long.toHexString(m.start()) + "-" + Long.toHexString(m.end()) + " " + m.perms()
                            + " overlaps wasmoon code at " + Long.toHexString(r[0]));
                }
            }
        }
        assertTrue(violations.isEmpty(), "writable and executable wasmoon mappings: " + violations);
        // The sampler saw wasmoon's code as r-x: it looked where the code is.
        Set<Long> seenExecutable = new HashSet<>();
        for (Mapping m : executable) {
            for (long[] r : ranges) {
                if (m.overlaps(r) && m.perms().startsWith("r-x")) {
                    seenExecutable.add(r[0]);
                }
            }
        }
        assertTrue(seenExecutable.size() * 2 >= ranges.size(), "the sampler saw " + seenExecutable.size() + " of "
                + ranges.size() + " code mappings as r-x (" + samples.get() + " samples)");
    }
}
