package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import perf.metrics.FunctionReport;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleReport;
import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.JitCoverage;

/**
 * The JIT tier through the public API with the real compiler: tier
 * selection, per-function fallback and strict mode, coverage, compile
 * metrics, host calls and exceptions crossing native frames, re-entrancy, and
 * state (memory length, globals, tables) shared by both tiers.
 */
class JitTierTest {
    private static Module parse(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    private static Store jitStore() {
        return new Store(RuntimeOptions.defaults().withTier(ExecutionTier.JIT));
    }

    /** Everything native, $pair (two results) included since JIT ABI v2. */
    private static final String MIXED = """
            (module
              (memory (export "mem") 1 4)
              (global $g (export "g") (mut i32) (i32.const 5))
              (table (export "tab") 2 funcref)
              (elem (i32.const 0) $half $twice)
              (type $ii (func (param i32) (result i32)))
              (data $passive "abc")
              (func $half (param i32) (result i32)
                (data.drop $passive)
                (i32.div_s (local.get 0) (i32.const 2)))
              (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "viaTable") (param i32 i32) (result i32)
                (call_indirect (type $ii) (local.get 0) (local.get 1)))
              (func (export "half") (param i32) (result i32) (call $half (local.get 0)))
              (func (export "bump") (result i32)
                (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              (func $pair (export "pair") (param i32) (result i32 i32) (local.get 0) (i32.const 9)))
            """;

    @Test
    void mixedTiersShareCallsGlobalsTablesAndMemory() {
        try (Store store = jitStore()) {
            Instance inst = store.instantiate(parse(MIXED), ImportResolver.NONE);
            JitCoverage c = JitCoverage.of(store);
            assertEquals(new JitCoverage(9, 0, Map.of()), c);
            assertArrayEquals(new long[] {4, 9}, inst.function("pair").call(4));
            assertEquals(21, inst.function("half").call(42)[0]);
            assertEquals(21, inst.function("viaTable").call(42, 0)[0]);
            assertEquals(84, inst.function("viaTable").call(42, 1)[0]);
            assertEquals("undefined element 2",
                    assertThrows(Trap.class, () -> inst.function("viaTable").call(1, 2)).getMessage());
            // The host changes the table; native call_indirect sees it.
            inst.table("tab").set(0, inst.table("tab").get(1));
            assertEquals(84, inst.function("viaTable").call(42, 0)[0]);
            inst.table("tab").set(0, Ref.NULL);
            assertEquals("uninitialized element 0",
                    assertThrows(Trap.class, () -> inst.function("viaTable").call(1, 0)).getMessage());
            // Globals: native writes, the API reads, and the other way round.
            assertEquals(6, inst.function("bump").call()[0]);
            inst.global("g").set(100);
            assertEquals(101, inst.function("bump").call()[0]);
            assertEquals(101, inst.global("g").get());
            // Memory: native grow updates the length for native bounds checks and the API.
            assertEquals("out of bounds memory access",
                    assertThrows(Trap.class, () -> inst.function("load").call(65536)).getMessage());
            assertEquals(1, inst.function("grow").call(2)[0]);
            assertEquals(3, inst.function("size").call()[0]);
            assertEquals(3, inst.memory("mem").pages());
            inst.memory("mem").writeI32(3 * 65536 - 4, 77);
            assertEquals(77, inst.function("load").call(3 * 65536 - 4)[0]);
            // The API grows; native code sees the new length.
            assertEquals(3, inst.memory("mem").grow(1));
            assertEquals(0, inst.function("load").call(4 * 65536 - 4)[0]);
            assertEquals(-1, inst.function("grow").call(1)[0]);
        }
    }

    @Test
    void strictModeAcceptsMultiValueFunctions() {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true))) {
            Instance inst = store.instantiate(parse(MIXED), ImportResolver.NONE);
            assertEquals(new JitCoverage(9, 0, Map.of()), JitCoverage.of(store));
            assertArrayEquals(new long[] {-4, 9}, inst.function("pair").call(-4));
        }
    }

    /**
     * Host functions with several results called from native code (the upcall thunk hands the
     * caller's results area to the Java side), and a native multi-result function of another
     * instance (the cross-instance thunk passes the area through).
     */
    @Test
    void hostAndCrossInstanceCallsWithSeveralResults() {
        String lib = """
                (module
                  (import "env" "h" (func $h (param i32 f64) (result f64 i32 i64)))
                  (func $viaHost (export "viaHost") (param i32 f64) (result i64 f64 i32)
                    (local $d f64) (local $i i32) (local $l i64)
                    (call $h (local.get 0) (local.get 1))
                    (local.set $l) (local.set $i) (local.set $d)
                    (i64.add (local.get $l) (i64.const 1)) (f64.neg (local.get $d)) (i32.mul (local.get $i) (i32.const 2)))
                  (func (export "three") (param i32) (result i32 f32 i64)
                    (local.get 0) (f32.const 2.5) (i64.const -1)))
                """;
        String user = """
                (module
                  (import "lib" "three" (func $three (param i32) (result i32 f32 i64)))
                  (import "lib" "viaHost" (func $viaHost (param i32 f64) (result i64 f64 i32)))
                  (func (export "sum") (param i32) (result i64)
                    (local $f f32) (local $l i64)
                    (call $three (local.get 0)) (local.set $l) (local.set $f)
                    (i64.extend_i32_s) (local.get $l) (i64.add)
                    (i64.trunc_f32_s (local.get $f)) (i64.add))
                  (func (export "both") (param i32) (result i64 f64 i32 i32 f32 i64)
                    (call $viaHost (local.get 0) (f64.const 0.5)) (call $three (local.get 0))))
                """;
        try (Store store = jitStore()) {
            FuncType ht = new FuncType(List.of(ValType.I32, ValType.F64), List.of(ValType.F64, ValType.I32, ValType.I64));
            FunctionInstance h = store.hostFunction(ht, a -> new long[] {
                Double.doubleToRawLongBits(Double.longBitsToDouble(a[1]) * 2), (int) a[0] + 1, (long) a[0] << 33});
            Instance li = store.instantiate(parse(lib), (m, n) -> h);
            Instance ui = store.instantiate(parse(user), (m, n) -> li.function(n));
            assertEquals(new JitCoverage(4, 0, Map.of()), JitCoverage.of(store));
            assertArrayEquals(new long[] {(7L << 33) + 1, Double.doubleToRawLongBits(-3.0), 16},
                    li.function("viaHost").call(7, Double.doubleToRawLongBits(1.5)));
            assertArrayEquals(new long[] {-3 - 1 + 2}, ui.function("sum").call(-3));
            assertArrayEquals(new long[] {(5L << 33) + 1, Double.doubleToRawLongBits(-1.0), 12, 5,
                Float.floatToRawIntBits(2.5f), -1}, ui.function("both").call(5));
        }
    }

    /**
     * call_indirect's traps name the table index like the reference interpreter, also when the
     * trapping function belongs to another instance than the one called from Java (the index is
     * in the trapping vmctx; the landing pad copies it for the runtime).
     */
    @Test
    void elementTrapsNameTheIndexAcrossInstances() {
        String lib = """
                (module
                  (type $i (func (param i32) (result i32)))
                  (table 8 funcref)
                  (elem (i32.const 1) $inc)
                  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                  (func (export "pick") (param i32) (result i32)
                    (call_indirect (type $i) (i32.const 41) (local.get 0))))
                """;
        String user = """
                (module
                  (import "lib" "pick" (func $pick (param i32) (result i32)))
                  (func (export "go") (param i32) (result i32) (call $pick (local.get 0)))
                  (func (export "stop") unreachable))
                """;
        try (Store store = jitStore()) {
            Instance li = store.instantiate(parse(lib), ImportResolver.NONE);
            Instance ui = store.instantiate(parse(user), (m, n) -> li.function(n));
            assertEquals(new JitCoverage(4, 0, Map.of()), JitCoverage.of(store));
            assertEquals(42, ui.function("go").call(1)[0]);
            assertEquals("uninitialized element 5",
                    assertThrows(Trap.class, () -> ui.function("go").call(5)).getMessage());
            assertEquals("undefined element 8",
                    assertThrows(Trap.class, () -> ui.function("go").call(8)).getMessage());
            assertEquals("undefined element 4294967295",
                    assertThrows(Trap.class, () -> li.function("pick").call(-1)).getMessage());
            assertEquals("unreachable", assertThrows(Trap.class, () -> ui.function("stop").call()).getMessage());
        }
    }

    /** Stack-passed parameters (7 integer, 9 float) next to the results area, through both thunks. */
    @Test
    void severalResultsWithStackPassedParameters() {
        String params = "i32 i64 i32 i64 i32 i64 i32 f64 f64 f64 f64 f64 f64 f64 f64 f32";
        String lib = "(module (import \"env\" \"h\" (func $h (param " + params + ") (result i64 f32 i32)))"
                + " (func (export \"f\") (param " + params + ") (result i64 f32 i32)"
                + " (call $h (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)"
                + " (local.get 6) (local.get 7) (local.get 8) (local.get 9) (local.get 10) (local.get 11)"
                + " (local.get 12) (local.get 13) (local.get 14) (local.get 15))))";
        String user = "(module (import \"lib\" \"f\" (func $f (param " + params + ") (result i64 f32 i32)))"
                + " (func (export \"g\") (param i32) (result i32 i64 f32) (local $i i32) (local $l i64) (local $s f32)"
                + " (call $f (local.get 0) (i64.const 2) (i32.const 3) (i64.const 4) (i32.const 5) (i64.const 6)"
                + " (i32.const 7) (f64.const 8) (f64.const 9) (f64.const 10) (f64.const 11) (f64.const 12)"
                + " (f64.const 13) (f64.const 14) (f64.const 15.5) (f32.const 16.25))"
                + " (local.set $i) (local.set $s) (local.set $l)"
                + " (i32.add (local.get $i) (i32.const 1)) (local.get $l) (local.get $s)))";
        try (Store store = jitStore()) {
            List<ValType> ps = parse(lib).types().get(0).params();
            FunctionInstance h = store.hostFunction(new FuncType(ps, List.of(ValType.I64, ValType.F32, ValType.I32)),
                    a -> new long[] {a[1] + a[3] + a[5] + (long) Double.longBitsToDouble(a[14]),
                        Float.floatToRawIntBits(Float.intBitsToFloat((int) a[15]) * 2), (int) a[0] + (int) a[6]});
            Instance li = store.instantiate(parse(lib), (m, n) -> h);
            Instance ui = store.instantiate(parse(user), (m, n) -> li.function(n));
            assertEquals(new JitCoverage(2, 0, Map.of()), JitCoverage.of(store));
            // h(-1, 2, 3, 4, 5, 6, 7, 8.0 .. 15.5, 16.25) = (2+4+6+15, 32.5f, -1+7); g adds 1 to the i32
            assertArrayEquals(new long[] {7, 27, Float.floatToRawIntBits(32.5f)}, ui.function("g").call(-1));
        }
    }

    @Test
    void interpreterTierInterpretsEverything() {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.INTERPRETER))) {
            Instance inst = store.instantiate(parse(MIXED), ImportResolver.NONE);
            assertEquals(21, inst.function("viaTable").call(42, 0)[0]);
            assertEquals(new JitCoverage(0, 9, Map.of()), JitCoverage.of(store));
        }
    }

    @Test
    void metricsHaveOneFunctionPerDefinedFunction() {
        List<ModuleReport> reports = new ArrayList<>();
        RuntimeOptions o = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withOptLevel(1)
                .withCompilePolicy(CompilePolicy.EAGER)
                .withMetrics(MetricsRecorder.collecting(reports::add));
        try (Store store = new Store(o)) {
            store.instantiate(parse(MIXED), ImportResolver.NONE);
        }
        assertEquals(1, reports.size());
        ModuleReport r = reports.getFirst();
        assertEquals(9, r.expectedFunctions());
        assertEquals(9, r.functions().size());
        FunctionReport pair = r.functions().get(8);
        assertEquals(8, pair.funcIdx());
        assertEquals("pair", pair.funcName());
        assertEquals(1, pair.optLevel());
        assertEquals(perf.metrics.Tier.JIT, pair.tier());
        FunctionReport twice = r.functions().get(1);
        assertEquals(perf.metrics.Tier.JIT, twice.tier());
        assertTrue(twice.codeSize() > 0, twice.toString());
    }

    @Test
    void hostExceptionsAndTrapsPassThroughNativeCodeUnchanged() {
        String wat = """
                (module
                  (import "env" "h" (func $h (param i32) (result i32)))
                  (func (export "f") (param i32) (result i32) (i32.add (call $h (local.get 0)) (i32.const 1))))
                """;
        try (Store store = jitStore()) {
            IllegalStateException custom = new IllegalStateException("custom");
            Trap trap = new Trap("integer overflow");
            FunctionInstance h = store.hostFunction(new FuncType(List.of(ValType.I32), List.of(ValType.I32)), a -> {
                return switch ((int) a[0]) {
                    case 1 -> throw custom;
                    case 2 -> throw trap;
                    default -> new long[] {a[0] * 3};
                };
            });
            Instance inst = store.instantiate(parse(wat), (m, n) -> h);
            assertEquals(1, JitCoverage.of(store).nativeFunctions());
            assertEquals(16, inst.function("f").call(5)[0]);
            assertSame(custom, assertThrows(IllegalStateException.class, () -> inst.function("f").call(1)));
            assertSame(trap, assertThrows(Trap.class, () -> inst.function("f").call(2)));
            assertEquals(-2, inst.function("f").call(-1)[0]);
        }
    }

    @Test
    void reentrantCallsAndRecursionThroughTheHostExhaustCleanly() {
        String wat = """
                (module
                  (import "env" "h" (func $h (param i32) (result i32)))
                  (func (export "f") (param i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                      (else (i32.add (call $h (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))
                """;
        try (Store store = jitStore()) {
            AtomicReference<FunctionInstance> f = new AtomicReference<>();
            FunctionInstance h = store.hostFunction(new FuncType(List.of(ValType.I32), List.of(ValType.I32)),
                    a -> f.get().call(a[0]));
            Instance inst = store.instantiate(parse(wat), (m, n) -> h);
            f.set(inst.function("f"));
            assertEquals(200, f.get().call(200)[0]);
            Trap t = assertThrows(Trap.class, () -> f.get().call(100_000_000));
            assertEquals("call stack exhausted", t.getMessage());
            assertEquals(50, f.get().call(50)[0]);
        }
    }

    @Test
    void deepNativeRecursionTrapsAndTheStoreStaysUsable() {
        String wat = """
                (module
                  (func $r (export "r") (param i64) (result i64)
                    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                      (else (i64.add (call $r (i64.sub (local.get 0) (i64.const 1))) (i64.const 1))))))
                """;
        try (Store store = jitStore()) {
            Instance inst = store.instantiate(parse(wat), ImportResolver.NONE);
            assertEquals(100_000, inst.function("r").call(100_000)[0]);
            for (int i = 0; i < 3; i++) {
                assertEquals("call stack exhausted",
                        assertThrows(Trap.class, () -> inst.function("r").call(1L << 40)).getMessage());
            }
            assertArrayEquals(new long[] {7}, inst.function("r").call(7));
        }
    }

    @Test
    void unclosedStoresAreCleanedAndTheirThreadsEnd() throws InterruptedException {
        Module m = parse("(module (func (export \"f\") (result i32) (i32.const 1)))");
        for (int i = 0; i < 20; i++) {
            Store s = jitStore();
            assertEquals(1, s.instantiate(m, ImportResolver.NONE).function("f").call()[0]);
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        long alive;
        do {
            System.gc();
            Thread.sleep(100);
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("wasmoon-wasm") && t.isAlive()).count();
        } while (alive > 5 && System.nanoTime() < deadline);
        assertTrue(alive <= 5, alive + " wasm threads still alive");
    }

    @Test
    void closedStoreRefusesCalls() {
        Store store = jitStore();
        Instance inst = store.instantiate(parse("(module (func (export \"f\") (result i32) (i32.const 1)))"),
                ImportResolver.NONE);
        assertEquals(1, inst.function("f").call()[0]);
        store.close();
        assertThrows(IllegalStateException.class, () -> inst.function("f").call());
    }
}
