package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import wasm.core.binary.ModuleEncoder;
import wasm.core.model.FuncType;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.ValType;
import wasm.core.text.WatParser;
import wasm.runtime.tooling.JitCoverage;

/**
 * The embedding API (Engine, WasmModule, Store, Linker, Caller, Val, MemoryInstance, Trap) in the
 * tier of the test run: surefire runs this class once with the JIT (strict: every function native)
 * and once with the interpreter, so every assertion holds in both tiers.
 */
class EmbeddingApiTest {
    private final Engine engine = Engine.create();
    private final List<Store> stores = new ArrayList<>();

    @AfterEach
    void closeStores() {
        stores.forEach(Store::close);
        engine.close();
    }

    private Store store() {
        Store s = engine.newStore();
        stores.add(s);
        return s;
    }

    private Instance instance(String wat) {
        return new Linker().instantiate(store(), engine.compileText(wat));
    }

    // ---- typed calls ---------------------------------------------------------------------------

    private static final String VALUES = """
            (module
              (func (export "i32") (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
              (func (export "i64") (param i64 i64) (result i64) (i64.sub (local.get 0) (local.get 1)))
              (func (export "f32") (param f32 f32) (result f32) (f32.sub (local.get 0) (local.get 1)))
              (func (export "f64") (param f64 f64) (result f64) (f64.sub (local.get 0) (local.get 1)))
              (func (export "f32id") (param f32) (result f32) (local.get 0))
              (func (export "f64id") (param f64) (result f64) (local.get 0))
              (func (export "ext") (param externref) (result externref) (local.get 0))
              (func (export "fref") (param funcref) (result funcref) (local.get 0))
              (func (export "isnull") (param funcref) (result i32) (ref.is_null (local.get 0)))
              (func (export "pair") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
              (func (export "nothing")))
            """;

    @Test
    void typedCallsOfEveryValueType() {
        Instance in = instance(VALUES);
        assertEquals(-3, in.function("i32").callInt(4, 7));
        assertEquals(Long.MIN_VALUE, in.function("i64").callLong(Long.MAX_VALUE, -1L) + 0 * 0 + Long.MIN_VALUE - Long.MIN_VALUE);
        assertEquals(1.5f, in.function("f32").callFloat(2.0f, 0.5f));
        assertEquals(-0.25, in.function("f64").callDouble(0.25, 0.5));
        assertArrayEquals(new Val[] {Val.i32(Integer.MIN_VALUE)},
                in.function("i32").invoke(Val.i32(Integer.MAX_VALUE), Val.i32(-1)));
        assertArrayEquals(new Val[] {Val.i64(-1L)}, in.function("i64").invoke(Val.i64(0), Val.i64(1)));
        // NaN payloads survive both lanes
        float nan32 = Float.intBitsToFloat(0x7fa00001);
        Val r32 = in.function("f32id").invoke(Val.f32(nan32))[0];
        assertEquals(0x7fa00001, Float.floatToRawIntBits(r32.f32()));
        double nan64 = Double.longBitsToDouble(0x7ff4000000000001L);
        assertEquals(0x7ff4000000000001L, Double.doubleToRawLongBits(in.function("f64id").callDouble(nan64)));
        assertArrayEquals(new long[] {0x7fa00001L}, in.function("f32id").call(0x7fa00001L));
        // references
        assertEquals(new Val.ExternRef(42), in.function("ext").invoke(new Val.ExternRef(42))[0]);
        assertEquals(new Val.ExternRef(Ref.NULL), in.function("ext").invoke(new Val.ExternRef(Ref.NULL))[0]);
        long f = in.function("nothing").ref();
        assertEquals(new Val.FuncRef(f), in.function("fref").invoke(new Val.FuncRef(f))[0]);
        assertEquals(1, in.function("isnull").callInt(new Val.FuncRef(Ref.NULL)));
        assertEquals(0, in.function("isnull").callInt(new Val.FuncRef(f)));
        // several results, no results
        assertArrayEquals(new Val[] {Val.i64(9), Val.i32(7)}, in.function("pair").invoke(Val.i32(7), Val.i64(9)));
        assertArrayEquals(new Val[0], in.function("nothing").invoke());
        in.function("nothing").callVoid();
        assertEquals(ValType.F64, Val.of(ValType.F64, 0).type());
    }

    @Test
    void wrongArityAndTypesAreRefusedAlike() {
        Instance in = instance(VALUES);
        FunctionInstance i32 = in.function("i32");
        List<Runnable> wrong = List.of(
                () -> i32.call(1),
                () -> i32.call(1, 2, 3),
                () -> i32.call(),
                () -> i32.invoke(Val.i32(1)),
                () -> i32.invoke(Val.i32(1), Val.i64(2)),
                () -> i32.invoke(Val.i32(1), null),
                () -> i32.callInt(1, 2L),
                () -> i32.callInt(1, 2.0),
                () -> i32.callInt(1),
                () -> i32.callLong(1, 2),
                () -> i32.callVoid(1, 2),
                () -> in.function("f32").callFloat(1.0, 2.0),
                () -> in.function("nothing").call(5),
                () -> in.function("nope"),
                () -> in.memory("i32"),
                () -> Val.i32(3).i64(),
                () -> Val.f64(1).f32());
        for (Runnable r : wrong) {
            assertThrows(IllegalArgumentException.class, r::run);
        }
        // the function still works afterwards
        assertEquals(1, i32.callInt(3, 2));
    }

    /**
     * A v128 is {@link Val.V128} in the typed lanes and two longs (low half first) in the raw one,
     * in both directions: calls, host functions and globals. On the JIT (strict: every function
     * native) host functions are reached through upcall thunks that spill whole xmm registers and,
     * past eight vector arguments, two stack slots per v128.
     */
    @Test
    void v128ValuesAreTwoLongs() {
        List<ValType> tenVectors = java.util.Collections.nCopies(10, ValType.V128);
        try (Engine simd = Engine.builder().build(); Store store = simd.newStore()) {
            Linker linker = new Linker().func("env", "swap",
                    FuncType.of(List.of(ValType.V128, ValType.I32), List.of(ValType.I32, ValType.V128)),
                    (caller, args) -> {
                        Val.V128 v = (Val.V128) args[0];
                        return new Val[] {Val.i32(args[1].i32() + 1), Val.v128(v.hi(), v.lo())};
                    }).func("env", "last", FuncType.of(tenVectors, List.of(ValType.V128)), (caller, args) -> {
                        Val.V128 v9 = (Val.V128) args[9];
                        Val.V128 v8 = (Val.V128) args[8];
                        return new Val[] {Val.v128(v9.lo() + v8.lo(), v9.hi() + ((Val.V128) args[7]).hi())};
                    });
            Instance in = linker.instantiate(store, simd.compileText("""
                    (module
                      (import "env" "swap" (func $swap (param v128 i32) (result i32 v128)))
                      (import "env" "last" (func $last (param v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
                        (result v128)))
                      (global (export "g") (mut v128) (v128.const i64x2 1 2))
                      (func (export "add") (param v128 v128) (result v128) (i64x2.add (local.get 0) (local.get 1)))
                      (func (export "lane1") (param i32 v128) (result i32) (i32x4.extract_lane 1 (local.get 1)))
                      (func (export "viaHost") (param v128) (result i32 v128)
                        (call $swap (local.get 0) (i32.const 41)))
                      (func (export "tenViaHost") (param v128) (result v128)
                        (call $last (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0)
                          (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0)
                          (v128.const i64x2 7 70) (v128.const i64x2 8 80) (local.get 0))))
                    """));
            assertArrayEquals(new long[] {108, 1070}, in.function("tenViaHost").call(100, 1000));
            Val a = Val.v128(0x0000_0002_0000_0001L, -1L);
            Val b = Val.v128(1L, 1L);
            assertArrayEquals(new Val[] {Val.v128(0x0000_0002_0000_0002L, 0L)}, in.function("add").invoke(a, b));
            assertArrayEquals(new long[] {0x0000_0002_0000_0002L, 0L},
                    in.function("add").call(0x0000_0002_0000_0001L, -1L, 1L, 1L));
            assertArrayEquals(new Val[] {Val.i32(42), Val.v128(-1L, 0x0000_0002_0000_0001L)},
                    in.function("viaHost").invoke(a));
            assertArrayEquals(new long[] {42, 5, 6}, in.function("viaHost").call(6, 5));
            assertEquals(2, in.function("lane1").callInt(7, a));
            assertThrows(IllegalArgumentException.class, () -> in.function("add").call(1, 2, 3));
            assertThrows(IllegalArgumentException.class, () -> in.function("add").invoke(a, Val.i64(1)));
            assertThrows(IllegalArgumentException.class, () -> in.function("lane1").callInt(7, Val.i32(1)));
            assertThrows(IllegalStateException.class, a::bits);
            assertThrows(IllegalArgumentException.class, () -> Val.of(ValType.V128, 0));
            GlobalInstance g = in.global("g");
            assertEquals(Val.v128(1, 2), g.value());
            g.set(Val.v128(3, 4));
            assertArrayEquals(new long[] {3, 4}, g.getV128());
            assertThrows(IllegalArgumentException.class, () -> g.set(Val.i64(3)));
        }
    }

    // ---- host functions and the caller ---------------------------------------------------------

    private static final String GREETER = """
            (module
              (import "env" "log" (func $log (param i32 i32)))
              (import "env" "twice" (func $twice (param i32) (result i32)))
              (import "env" "mix" (func $mix (param i64 f32 f64) (result f64)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello, host")
              (func (export "greet") (call $log (i32.const 16) (i32.const 11)))
              (func (export "callTwice") (param i32) (result i32) (call $twice (local.get 0)))
              (func (export "callMix") (result f64) (call $mix (i64.const 3) (f32.const 0.5) (f64.const 0.25)))
              (func (export "secret") (result i32) (i32.const 1234)))
            """;

    @Test
    void hostFunctionsReachTheCallersMemoryAndExports() {
        List<String> logged = new ArrayList<>();
        AtomicReference<Caller> seen = new AtomicReference<>();
        Linker linker = new Linker()
                .func("env", "log", FuncType.of(List.of(ValType.I32, ValType.I32), List.of()), (caller, args) -> {
                    seen.set(caller);
                    logged.add(caller.memory().readUtf8(args[0].i32(), args[1].i32())
                            + " " + caller.function("secret").callInt());
                    return Val.NONE;
                })
                .funcI32("env", "twice", x -> 2 * x)
                .funcRaw("env", "mix", FuncType.of(List.of(ValType.I64, ValType.F32, ValType.F64), List.of(ValType.F64)),
                        (caller, raw) -> new long[] {Double.doubleToRawLongBits(raw[0]
                                + Float.intBitsToFloat((int) raw[1]) + Double.longBitsToDouble(raw[2]))});
        Store store = store();
        WasmModule module = engine.compileText(GREETER);
        Instance a = linker.instantiate(store, module);
        Instance b = linker.instantiate(store, module);
        b.memory("memory").writeUtf8(16, "HELLO, HOST");
        a.function("greet").callVoid();
        assertSame(a, seen.get().instance());
        b.function("greet").callVoid();
        assertSame(b, seen.get().instance());
        assertEquals(List.of("hello, host 1234", "HELLO, HOST 1234"), logged);
        assertEquals(42, a.function("callTwice").callInt(21));
        assertEquals(3.75, a.function("callMix").callDouble());
    }

    @Test
    void theStartFunctionsHostCallsSeeTheirInstance() {
        List<Integer> seen = new ArrayList<>();
        Linker linker = new Linker().func("env", "peek", FuncType.of(List.of(ValType.I32), List.of()),
                (caller, args) -> {
                    seen.add(caller.memory().readInt(args[0].i32()));
                    return Val.NONE;
                });
        linker.instantiate(store(), engine.compileText("""
                (module (import "env" "peek" (func $peek (param i32)))
                  (memory 1) (data (i32.const 8) "\\2a\\00\\00\\00")
                  (func $start (call $peek (i32.const 8))) (start $start))
                """));
        assertEquals(List.of(42), seen);
    }

    @Test
    void instancesAreAliasedAndExternsDefined() {
        Store store = store();
        Instance lib = new Linker().instantiate(store, engine.compileText("""
                (module (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                  (global (export "base") i32 (i32.const 100)))
                """));
        MemoryInstance shared = store.memory(new MemoryType(new Limits(1, 2)));
        Linker linker = new Linker().instance("lib", lib).define("env", "mem", shared);
        Instance user = linker.instantiate(store, engine.compileText("""
                (module (import "lib" "inc" (func $inc (param i32) (result i32)))
                  (import "lib" "base" (global $base i32))
                  (import "env" "mem" (memory 1))
                  (func (export "run") (result i32)
                    (i32.store (i32.const 0) (call $inc (global.get $base)))
                    (i32.load (i32.const 0))))
                """));
        assertEquals(101, user.function("run").callInt());
        assertEquals(101, shared.readInt(0));
        GlobalInstance base = lib.global("base");
        assertEquals(Val.i32(100), base.value());
        assertThrows(IllegalStateException.class, () -> base.set(Val.i32(1)));
        GlobalInstance mutable = store.global(new wasm.core.model.GlobalType(ValType.F64, true), 0);
        mutable.set(Val.f64(2.5));
        assertEquals(2.5, mutable.value().f64());
        assertThrows(IllegalArgumentException.class, () -> mutable.set(Val.f32(1)));
        LinkException unknown = assertThrows(LinkException.class, () -> new Linker().instantiate(store,
                engine.compileText("(module (import \"lib\" \"inc\" (func)))")));
        assertTrue(unknown.getMessage().startsWith("unknown import lib.inc"), unknown.getMessage());
        assertThrows(LinkException.class, () -> new Linker().instance("lib", lib).instantiate(store,
                engine.compileText("(module (import \"lib\" \"inc\" (func (param i64))))")));
        assertThrows(IllegalArgumentException.class, () -> linker.funcI32("lib", "inc", x -> x));
    }

    // ---- memory --------------------------------------------------------------------------------

    @Test
    void memoryAccessIsCheckedAtTheBounds() {
        Instance in = instance("""
                (module (memory (export "memory") 1 3)
                  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0))))
                """);
        MemoryInstance m = in.memory("memory");
        long end = m.byteSize();
        assertEquals(65536, end);
        m.writeLong(end - 8, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, m.readLong(end - 8));
        assertEquals(0x0102030405060708L, in.function("load64").callLong((int) (end - 8)));
        assertEquals(0x08, m.readByte(end - 8));
        assertEquals(0x01020304, m.readInt(end - 4));
        assertEquals(0x0102, m.readShort(end - 2));
        m.writeFloat(0, 1.5f);
        assertEquals(1.5f, m.readFloat(0));
        m.writeDouble(8, -2.25);
        assertEquals(-2.25, m.readDouble(8));
        m.writeShort(16, (short) -2);
        assertEquals(-2, m.readShort(16));
        m.writeByte(end - 1, (byte) 7);
        for (Runnable r : List.<Runnable>of(() -> m.readLong(end - 7), () -> m.readInt(end - 3),
                () -> m.readShort(end - 1), () -> m.readByte(end), () -> m.writeDouble(end - 4, 1),
                () -> m.readFloat(-1), () -> m.read(end - 2, new byte[4], 0, 3), () -> m.readUtf8(end - 1, 2),
                () -> m.write(end, ByteBuffer.allocate(1)), () -> m.writeUtf8(end - 1, "ab"),
                () -> m.readCString(end - 1, 10))) {
            Trap t = assertThrows(Trap.class, r::run);
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> m.read(0, new byte[4], 2, 3));
        // strings and bulk copies
        int n = m.writeUtf8(100, "grüße\0tail");
        assertEquals("grüße\0tail".getBytes(StandardCharsets.UTF_8).length, n);
        assertEquals("grüße", m.readCString(100, 64));
        assertEquals("grüße\0tail", m.readUtf8(100, n));
        byte[] buf = new byte[8];
        m.read(100, buf, 2, 4);
        assertArrayEquals(new byte[] {0, 0, 'g', 'r', (byte) 0xC3, (byte) 0xBC, 0, 0}, buf);
        ByteBuffer bb = ByteBuffer.allocateDirect(6).order(ByteOrder.LITTLE_ENDIAN);
        m.read(100, bb);
        assertEquals(6, bb.position());
        bb.flip();
        m.write(200, bb);
        assertEquals("grüß", m.readUtf8(200, 6));
        m.write(300, new byte[] {1, 2, 3, 4}, 1, 2);
        assertArrayEquals(new byte[] {2, 3, 0}, m.read(300, 3));
        // a MemorySegment view, then grow
        var seg = m.segment();
        assertEquals(end, seg.byteSize());
        assertEquals(2, seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 300));
        assertEquals(1, m.grow(1));
        assertEquals(2, m.pages());
        assertEquals(2 * 65536, m.byteSize());
        m.writeInt(end, 5);
        assertEquals(5, m.readInt(end));
        assertEquals(-1, m.grow(2));
        // after close: the memory has size 0 (accesses trap) and views are refused, never dangling
        in.store().close();
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, assertThrows(Trap.class, () -> m.readInt(0)).kind());
        assertThrows(IllegalStateException.class, m::segment);
        assertThrows(IllegalStateException.class, () -> seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, () -> in.function("load64").callLong(0));
    }

    // ---- traps ---------------------------------------------------------------------------------

    private static final String TRAPS = """
            (module
              (type $v (func))
              (type $i (func (result i32)))
              (table 2 funcref)
              (elem (i32.const 0) $nothing)
              (memory 1)
              (func $nothing)
              (func $unreachable (export "unreachable") unreachable)
              (func $inner (export "memory") (drop (i32.load (i32.const 65535))))
              (func $outer (export "nested") (call $inner))
              (func (export "table") (drop (table.get 0 (i32.const 5))))
              (func (export "undefined") (call_indirect (type $v) (i32.const 7)))
              (func (export "uninitialized") (call_indirect (type $v) (i32.const 1)))
              (func (export "mismatch") (drop (call_indirect (type $i) (i32.const 0))))
              (func (export "div") (result i32) (i32.div_s (i32.const 1) (i32.const 0)))
              (func (export "overflow") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
              (func (export "conversion") (result i32) (i32.trunc_f64_s (f64.const nan)))
              (func $deep (export "stack") (call $deep)))
            """;

    @Test
    void trapsOfEachKind() {
        Instance in = instance(TRAPS);
        Map<String, TrapKind> kinds = Map.ofEntries(
                Map.entry("unreachable", TrapKind.UNREACHABLE),
                Map.entry("memory", TrapKind.MEMORY_OUT_OF_BOUNDS),
                Map.entry("nested", TrapKind.MEMORY_OUT_OF_BOUNDS),
                Map.entry("table", TrapKind.TABLE_OUT_OF_BOUNDS),
                Map.entry("undefined", TrapKind.UNDEFINED_ELEMENT),
                Map.entry("uninitialized", TrapKind.UNINITIALIZED_ELEMENT),
                Map.entry("mismatch", TrapKind.INDIRECT_CALL_TYPE_MISMATCH),
                Map.entry("div", TrapKind.INTEGER_DIVIDE_BY_ZERO),
                Map.entry("overflow", TrapKind.INTEGER_OVERFLOW),
                Map.entry("conversion", TrapKind.INVALID_CONVERSION),
                Map.entry("stack", TrapKind.STACK_EXHAUSTED));
        kinds.forEach((name, kind) -> {
            Trap t = assertThrows(Trap.class, () -> in.function(name).call(), name);
            assertEquals(kind, t.kind(), name + ": " + t.getMessage());
            assertTrue(t.getMessage().startsWith(kind.message()), t.getMessage());
            // the backtrace ends in the called export and starts in the trapping function (its
            // export name: no name section here); the optimizing tier at -O2 inlines "memory" into
            // "nested", the baseline code a tiered first call runs does not
            List<String> frames = t.frames().stream().map(Trap.Frame::functionName).toList();
            assertEquals(name, frames.getLast(), t.describe());
            String innermost = name.equals("nested") && !firstCallInlines(engine) ? "memory" : name;
            assertEquals(innermost, frames.getFirst(), t.describe());
            assertEquals(name.equals("stack") ? 64 : name.equals(innermost) ? 1 : 2, frames.size(), t.describe());
        });
        // the store stays usable after traps
        assertThrows(Trap.class, () -> in.function("div").call());
        in.function("table").getClass();
    }

    @Test
    void hostExceptionsKeepTheirCauseAndTrapsPassThrough() {
        IllegalStateException boom = new IllegalStateException("boom");
        Trap own = new Trap(TrapKind.UNREACHABLE, "unreachable: the host says so", null);
        Linker linker = new Linker()
                .func("env", "boom", () -> {
                    throw boom;
                })
                .funcI32("env", "trap", () -> {
                    throw own;
                });
        Instance in = linker.instantiate(store(), engine.compileText("""
                (module (import "env" "boom" (func $boom)) (import "env" "trap" (func $trap (result i32)))
                  (func (export "callBoom") (call $boom))
                  (func (export "callTrap") (result i32) (call $trap)))
                """));
        Trap t = assertThrows(Trap.class, () -> in.function("callBoom").call());
        assertEquals(TrapKind.HOST, t.kind());
        assertSame(boom, t.getCause());
        assertTrue(t.getMessage().contains("env.boom"), t.getMessage());
        assertSame(own, assertThrows(Trap.class, () -> in.function("callTrap").call()));
        // a host function breaking its own type is a host failure too
        Instance bad = new Linker().func("env", "f", FuncType.of(List.of(), List.of(ValType.I32)),
                        (caller, args) -> new Val[] {Val.i64(1)})
                .instantiate(store(), engine.compileText("""
                        (module (import "env" "f" (func $f (result i32))) (func (export "g") (result i32) (call $f)))
                        """));
        Trap wrongResult = assertThrows(Trap.class, () -> bad.function("g").call());
        assertEquals(TrapKind.HOST, wrongResult.kind());
        assertInstanceOf(IllegalStateException.class, wrongResult.getCause());
    }

    /**
     * The JIT's fallback and backtraces: without SSE4.1 a function with vector instructions runs in
     * the interpreter inside a JIT store (called from native code through an upcall); a trap in it
     * keeps its kind and its frame, then its native caller's. -O1, so the caller keeps a frame of
     * its own. (The CPU feature is turned off through its system property for this test alone.)
     */
    @Test
    void aTrapInAnInterpretedV128FunctionKeepsItsKindAndBacktrace() {
        String saved = System.getProperty(wasm.backend.CpuFeatures.DISABLE_PROPERTY);
        System.setProperty(wasm.backend.CpuFeatures.DISABLE_PROPERTY, "sse41");
        try (Engine o1 = Engine.builder().optLevel(1).jitStrict(false).build(); Store store = o1.newStore()) {
            Instance in = new Linker().instantiate(store, o1.compileText("""
                    (module
                      (func $vec (param i32) (result i32)
                        (if (i32.eqz (local.get 0)) (then unreachable))
                        (i32x4.extract_lane 0 (i32x4.splat (local.get 0))))
                      (func (export "outer") (param i32) (result i32) (i32.add (call $vec (local.get 0)) (i32.const 1))))
                    """));
            assertEquals(6, in.function("outer").callInt(5));
            Trap t = assertThrows(Trap.class, () -> in.function("outer").callInt(0));
            assertEquals(TrapKind.UNREACHABLE, t.kind());
            assertEquals(List.of(0, 1), t.frames().stream().map(Trap.Frame::functionIndex).toList(), t.describe());
            if (o1.tier() == ExecutionTier.JIT) {
                assertEquals(1, JitCoverage.of(store).interpretedFunctions(), JitCoverage.of(store).summary());
                assertEquals(Map.of("SIMD needs SSE4.1 and SSSE3", 1L), JitCoverage.of(store).fallbackReasons());
            }
        } finally {
            if (saved == null) {
                System.clearProperty(wasm.backend.CpuFeatures.DISABLE_PROPERTY);
            } else {
                System.setProperty(wasm.backend.CpuFeatures.DISABLE_PROPERTY, saved);
            }
        }
    }

    @Test
    void trapsCarryABacktraceWithNameSectionNames() {
        Module parsed = WatParser.parseModule("""
                (module (memory 1)
                  (func $leaf (param i32) (result i32) (i32.load (local.get 0)))
                  (func $middle (param i32) (result i32) (call $leaf (local.get 0)))
                  (func (export "top") (param i32) (result i32) (call $middle (local.get 0))))
                """);
        Module named = new Module(parsed.types(), parsed.imports(), parsed.functions(), parsed.tables(),
                parsed.memories(), parsed.globals(), parsed.exports(), parsed.start(), parsed.elements(),
                parsed.dataCount(), parsed.codes(), parsed.datas(),
                new NameSection("demo", Map.of(0, "leaf", 1, "middle", 2, "top"), Map.of()), List.of());
        byte[] bytes = ModuleEncoder.encode(named);
        // -O1: no inlining, so every wasm frame is a machine frame in the JIT tier
        try (Engine o1 = Engine.builder().optLevel(1).build(); Store store = o1.newStore()) {
            WasmModule module = o1.compile(bytes);
            assertEquals("demo", module.name().orElseThrow());
            Instance in = new Linker().instantiate(store, module);
            assertEquals(0, in.function("top").callInt(0));
            Trap t = assertThrows(Trap.class, () -> in.function("top").callInt(70000));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
            assertEquals(List.of(new Trap.Frame("demo", 0, "leaf"), new Trap.Frame("demo", 1, "middle"),
                    new Trap.Frame("demo", 2, "top")), t.frames(), t.describe());
            assertTrue(t.describe().contains("demo!leaf (func 0)"), t.describe());
        }
        // the baseline code of a tiered first call keeps every frame
        Instance in = new Linker().instantiate(store(), engine.compile(bytes));
        Trap t = assertThrows(Trap.class, () -> in.function("top").callInt(70000));
        assertEquals(firstCallInlines(engine) ? List.of(new Trap.Frame("demo", 2, "top"))
                : List.of(new Trap.Frame("demo", 0, "leaf"), new Trap.Frame("demo", 1, "middle"),
                        new Trap.Frame("demo", 2, "top")), t.frames(), t.describe());
        // -O2 inlines leaf and middle into top: the JIT's frames are the machine's, innermost top
        try (Engine lazy = Engine.builder().compilePolicy(CompilePolicy.LAZY).build(); Store store = lazy.newStore()) {
            Instance optimized = new Linker().instantiate(store, lazy.compile(bytes));
            Trap o = assertThrows(Trap.class, () -> optimized.function("top").callInt(70000));
            assertEquals(firstCallInlines(lazy) ? List.of(new Trap.Frame("demo", 2, "top"))
                : List.of(new Trap.Frame("demo", 0, "leaf"), new Trap.Frame("demo", 1, "middle"),
                        new Trap.Frame("demo", 2, "top")), o.frames(), o.describe());
        }
    }

    /** Whether an engine's first call of a function runs the optimizing tier's code (-O2: inlined callees). */
    private static boolean firstCallInlines(Engine e) {
        CompilePolicy p = e.options().compilePolicy();
        return e.tier() == ExecutionTier.JIT && e.options().optLevel() >= 2
                && (p == CompilePolicy.LAZY || p == CompilePolicy.EAGER);
    }

    @Test
    void backtracesCrossHostFunctionsAndRecursion() {
        Module parsed = WatParser.parseModule("""
                (module (import "env" "reenter" (func $reenter (param i32)))
                  (func $down (export "down") (param i32)
                    (if (i32.eqz (local.get 0)) (then (call $reenter (i32.const 0)) (unreachable)))
                    (call $down (i32.sub (local.get 0) (i32.const 1))))
                  (func $fail (export "fail") (param i32) (unreachable)))
                """);
        Module named = new Module(parsed.types(), parsed.imports(), parsed.functions(), parsed.tables(),
                parsed.memories(), parsed.globals(), parsed.exports(), parsed.start(), parsed.elements(),
                parsed.dataCount(), parsed.codes(), parsed.datas(),
                new NameSection(null, Map.of(1, "down", 2, "fail"), Map.of()), List.of());
        WasmModule module = engine.compile(ModuleEncoder.encode(named));
        Linker linker = new Linker().func("env", "reenter", FuncType.of(List.of(ValType.I32), List.of()),
                (caller, args) -> {
                    caller.function("fail").callVoid(7);
                    return Val.NONE;
                });
        Instance in = linker.instantiate(store(), module);
        Trap t = assertThrows(Trap.class, () -> in.function("down").callVoid(3));
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        // fail (inner call), then down x4 (recursion stays a call at every level)
        List<String> names = t.frames().stream().map(Trap.Frame::functionName).toList();
        assertEquals(List.of("fail", "down", "down", "down", "down"), names, t.describe());
    }

    // ---- stopping runaway code -----------------------------------------------------------------

    private static final String RUNAWAY = """
            (module
              (import "env" "stop" (func $stop))
              (func $spin (export "spin") (loop $l (br $l)))
              (func (export "count") (param i32) (result i32)
                (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                (local.get 0))
              (func (export "outer") (call $spin))
              ;; asks for the interruption from inside the loop (the host function), so the
              ;; stop lands on the back edge in a nested frame whatever the machine's speed
              (func $stopping (export "stopping") (loop $l (call $stop) (br $l)))
              (func (export "stopOuter") (call $stopping)))
            """;

    /** RUNAWAY linked with env.stop interrupting {@code store}. */
    private static Instance runaway(Engine engine, Store store) {
        return new Linker().func("env", "stop", store::interrupt).instantiate(store, engine.compileText(RUNAWAY));
    }

    /**
     * Fuel and interruption through the embedding API, in the run's tier: running out of fuel is a
     * trap of kind OUT_OF_FUEL, an interrupt or a deadline one of kind INTERRUPTED, each with the
     * spec-style message and a backtrace ending in the called export; the store stays usable.
     */
    @Test
    void fuelAndInterruptionEndCallsWithTheirKindsAndBacktraces() {
        // -O1: no inlining, so the looping function has a frame of its own in the JIT too
        try (Engine metered = Engine.builder().options(engine.options()).optLevel(1).fuel(true).build();
             Store store = metered.newStore()) {
            Instance in = runaway(metered, store);
            store.setFuel(10);
            assertEquals(0, in.function("count").callInt(5)); // its entry and 4 iterations
            assertEquals(5, store.fuel());
            Trap t = assertThrows(Trap.class, () -> in.function("outer").callVoid());
            assertEquals(TrapKind.OUT_OF_FUEL, t.kind(), t.describe());
            assertEquals("all fuel consumed", t.getMessage());
            assertEquals(List.of("spin", "outer"), t.frames().stream().map(Trap.Frame::functionName).toList(),
                    t.describe());
            assertEquals(0, store.fuel());
            store.setFuel(100);
            assertEquals(0, in.function("count").callInt(3));
            assertEquals(97, store.fuel());
        }
        try (Engine o1 = Engine.builder().options(engine.options()).optLevel(1).build(); Store store = o1.newStore()) {
            Instance in = runaway(o1, store);
            assertThrows(IllegalStateException.class, () -> store.setFuel(1), "no fuel metering");
            store.interrupt(); // no call running: the next call stops at its first poll
            Trap interrupted = assertThrows(Trap.class, () -> in.function("outer").callVoid());
            assertEquals(TrapKind.INTERRUPTED, interrupted.kind(), interrupted.describe());
            assertEquals("interrupted", interrupted.getMessage());
            assertEquals("outer", interrupted.frames().getLast().functionName(), interrupted.describe());
            assertEquals(2, in.function("count").callInt(2) + 2, "the interrupt ended with the call it stopped");
            // interrupted in a loop two frames deep: the backtrace has both
            Trap nested = assertThrows(Trap.class, () -> in.function("stopOuter").callVoid());
            assertEquals(TrapKind.INTERRUPTED, nested.kind(), nested.describe());
            assertEquals(List.of("stopping", "stopOuter"),
                    nested.frames().stream().map(Trap.Frame::functionName).toList(), nested.describe());
            // a deadline: the loop may or may not have started when it passes (a loaded machine)
            store.setDeadline(java.time.Duration.ofMillis(20));
            Trap late = assertThrows(Trap.class, () -> in.function("outer").callVoid());
            assertEquals(TrapKind.INTERRUPTED, late.kind(), late.describe());
            assertEquals("outer", late.frames().getLast().functionName(), late.describe());
            assertEquals(TrapKind.INTERRUPTED, assertThrows(Trap.class, () -> in.function("count").callInt(2)).kind(),
                    "past the deadline every call stops");
            store.clearDeadline();
            assertEquals(0, in.function("count").callInt(2));
        }
    }

    // ---- engine and module ---------------------------------------------------------------------

    @Test
    void aModuleIsCompiledOnceAndSharedByStores() throws CodeCacheException {
        Engine eager = Engine.builder().compilePolicy(CompilePolicy.EAGER).build();
        WasmModule module = eager.compileText(GREETER);
        assertEquals(eager.tier() == ExecutionTier.JIT ? 4 : 0, module.compiledFunctions());
        assertEquals(List.of(
                new ImportType("env", "log", new ExternType.Func(FuncType.of(List.of(ValType.I32, ValType.I32), List.of()))),
                new ImportType("env", "twice", new ExternType.Func(FuncType.of(List.of(ValType.I32), List.of(ValType.I32)))),
                new ImportType("env", "mix", new ExternType.Func(FuncType.of(List.of(ValType.I64, ValType.F32, ValType.F64),
                        List.of(ValType.F64))))), module.imports());
        assertEquals(List.of(
                new ExportType("memory", new ExternType.Memory(new MemoryType(new Limits(1, Limits.UNBOUNDED)))),
                new ExportType("greet", new ExternType.Func(FuncType.of(List.of(), List.of()))),
                new ExportType("callTwice", new ExternType.Func(FuncType.of(List.of(ValType.I32), List.of(ValType.I32)))),
                new ExportType("callMix", new ExternType.Func(FuncType.of(List.of(), List.of(ValType.F64)))),
                new ExportType("secret", new ExternType.Func(FuncType.of(List.of(), List.of(ValType.I32))))),
                module.exports());
        Linker linker = new Linker()
                .func("env", "log", FuncType.of(List.of(ValType.I32, ValType.I32), List.of()), (c, a) -> Val.NONE)
                .funcI32("env", "twice", x -> x + x)
                .funcRaw("env", "mix", FuncType.of(List.of(ValType.I64, ValType.F32, ValType.F64), List.of(ValType.F64)),
                        (c, a) -> new long[] {Double.doubleToRawLongBits(1.0)});
        try (Store s1 = eager.newStore(); Store s2 = eager.newStore()) {
            Instance a = linker.instantiate(s1, module);
            Instance b = linker.instantiate(s2, module);
            assertNotSame(a.memory("memory"), b.memory("memory"));
            assertEquals(1234, a.function("secret").callInt());
            s1.close();
            assertEquals(10, b.function("callTwice").callInt(5)); // the shared code outlives s1
            if (eager.tier() == ExecutionTier.JIT) {
                assertEquals(0, JitCoverage.of(s2).interpretedFunctions(), JitCoverage.of(s2).summary());
            }
        }
        // serialize and deserialize: the same module, its code included
        WasmModule back = eager.deserialize(module.serialize());
        assertEquals(module.exports(), back.exports());
        assertEquals(module.compiledFunctions(), back.compiledFunctions());
        try (Store s = eager.newStore()) {
            assertEquals(1234, linker.instantiate(s, back).function("secret").callInt());
        }
        eager.close();
        assertThrows(IllegalStateException.class, () -> eager.compileText("(module)"));
        assertThrows(IllegalStateException.class, eager::newStore);
    }

    @Test
    void aClosedStoreRefusesUse() {
        Store s = store();
        WasmModule m = engine.compileText("(module (func (export \"f\") (result i32) (i32.const 1)))");
        Instance in = new Linker().instantiate(s, m);
        s.close();
        assertThrows(IllegalStateException.class, () -> in.function("f").call());
        assertThrows(IllegalStateException.class, () -> new Linker().instantiate(s, m));
    }
}
