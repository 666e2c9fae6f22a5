package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import wasm.core.model.AddressType;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.JitCoverage;

/**
 * WebAssembly 3.0's memories through the public API, in both tiers (the JIT compiles every
 * function natively, which the JIT runs check): a 64-bit memory grown past 4 GiB and accessed above the 4 GiB line, effective
 * addresses that must not wrap, the configurable reservation limit, two memories with
 * their own data segments and memory.copy between them, extended constant expressions
 * in a global initializer and a segment offset, and v128 loads and stores (lane forms
 * included) on a memory other than 0 and on a 64-bit memory.
 */
class WebAssembly3MemoryTest {
    private static final long FOUR_GIB = 1L << 32;

    private static final String MEMORY64 = """
            (module
              (memory (export "mem") i64 1)
              (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
              (func (export "size") (result i64) (memory.size))
              (func (export "store") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
              (func (export "load") (param i64) (result i64) (i64.load (local.get 0)))
              (func (export "loadHigh") (param i64) (result i32) (i32.load offset=0xFFFFFFFFFFFFFFF0 (local.get 0)))
              (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2))))
            """;

    /** Two memories, the second 64-bit, an imported global and extended constants. */
    private static final String TWO_MEMORIES = """
            (module
              (import "env" "base" (global $base i32))
              (memory $a (export "a") 1)
              (memory $b (export "b") i64 1)
              (global $offset i32 (i32.add (global.get $base) (i32.mul (i32.const 4) (i32.const 2))))
              (global (export "derived") i64 (i64.sub (i64.const 100) (i64.const 58)))
              (data (memory $a) (global.get $offset) "\\01\\02\\03\\04")
              (data (memory $b) (i64.add (i64.const 16) (i64.const 16)) "wasm")
              (func (export "readA") (param i32) (result i32) (i32.load8_u $a (local.get 0)))
              (func (export "readB") (param i64) (result i32) (i32.load8_u $b (local.get 0)))
              (func (export "copyBtoA") (param i32 i64 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
              (func (export "sizes") (result i64)
                (i64.add (i64.extend_i32_u (memory.size $a)) (i64.mul (memory.size $b) (i64.const 10)))))
            """;

    /** Three memories: v128 accesses name $b (64-bit, memory 1) and $c (32-bit, memory 2). */
    private static final String VECTOR_MEMORIES = """
            (module
              (memory $a (export "a") 1)
              (memory $b (export "b") i64 1)
              (memory $c (export "c") 1)
              (func (export "growB") (param i64) (result i64) (memory.grow $b (local.get 0)))
              (func (export "storeB") (param i64 i64 i64)
                (v128.store $b (local.get 0) (i64x2.replace_lane 1 (i64x2.splat (local.get 1)) (local.get 2))))
              (func (export "loadHighB") (param i64) (result i64)
                (i64x2.extract_lane 1 (v128.load $b (local.get 0))))
              (func (export "loadFarB") (param i64) (result i64)
                (i64x2.extract_lane 0 (v128.load $b offset=0xFFFFFFFFFFFFFFF0 (local.get 0))))
              (func (export "splatB") (param i64) (result i32)
                (i32x4.extract_lane 3 (v128.load32_splat $b (local.get 0))))
              (func (export "load8LaneB") (param i64) (result i32)
                (i8x16.extract_lane_u 5 (v128.load8_lane $b 5 (local.get 0) (v128.const i64x2 0 0))))
              (func (export "store16LaneB") (param i64 i32)
                (v128.store16_lane $b offset=2 7 (local.get 0) (i16x8.splat (local.get 1))))
              (func (export "store32LaneC") (param i32 i32)
                (v128.store32_lane $c 2 (local.get 0) (i32x4.replace_lane 2 (v128.const i64x2 0 0) (local.get 1))))
              (func (export "load64LaneC") (param i32) (result i64)
                (i64x2.extract_lane 1 (v128.load64_lane $c 1 (local.get 0) (v128.const i64x2 -1 -1))))
              (func (export "zeroC") (param i32) (result i64)
                (i64x2.extract_lane 1 (v128.load32_zero $c (local.get 0)))))
            """;

    private static Module parse(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    private static Store store(ExecutionTier tier) {
        return new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(false)
                .withCompilePolicy(CompilePolicy.EAGER));
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void memory64GrowsPastFourGibAndIsAccessedAboveIt(ExecutionTier tier) {
        try (Store store = store(tier)) {
            Instance inst = store.instantiate(parse(MEMORY64), ImportResolver.NONE);
            MemoryInstance mem = inst.memory("mem");
            assertEquals(AddressType.I64, mem.type().addressType());
            // 4 GiB and one more page: only the pages touched below are ever written.
            assertEquals(1L, inst.function("grow").call(FOUR_GIB / 65536)[0]);
            assertEquals(FOUR_GIB / 65536 + 1, inst.function("size").call()[0]);
            assertEquals(FOUR_GIB / 65536 + 1, mem.pageCount());
            assertEquals(FOUR_GIB + 65536, mem.byteSize());
            long high = FOUR_GIB + 0x1234;
            inst.function("store").call(high, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, inst.function("load").call(high)[0]);
            // the host sees the same bytes above the line, and its writes reach the guest
            assertEquals(0x0102030405060708L, mem.readLong(high));
            mem.writeInt(high + 8, 0x7FFF_0001);
            assertEquals(0x7FFF_0001L, inst.function("load").call(high + 8)[0]);
            assertEquals(0L, inst.function("load").call(high - FOUR_GIB)[0], "no aliasing below the 4 GiB line");
            long last = FOUR_GIB + 65536 - 8;
            inst.function("store").call(last, -1L);
            assertEquals(-1L, inst.function("load").call(last)[0]);
            assertTrap(() -> inst.function("load").call(last + 1));
            // address + offset would wrap around 2^64 to a small address: it must trap instead.
            assertTrap(() -> inst.function("loadHigh").call(0x20L));
            assertTrap(() -> inst.function("load").call(-8L));
            assertTrap(() -> inst.function("fill").call(last, 0, 9L));
            assertEquals(-1L, inst.function("grow").call(-1L)[0], "a delta of 2^64-1 pages fails");
            assertEquals(-1L, mem.grow(-1L), "and so does the API's 64-bit grow");
            long before = mem.pageCount();
            assertEquals(before, mem.grow(1L));
            assertEquals(before + 1, mem.pages(), "the int accessor answers while the count fits an int");
            assertAllNative(store, tier);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void memory64ReservesAtMostTheConfiguredLimit(ExecutionTier tier) {
        try (Store store = new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(false)
                .withMemory64Limit(4 * 65536))) {
            Instance inst = store.instantiate(parse(MEMORY64), ImportResolver.NONE);
            assertEquals(1L, inst.function("grow").call(3L)[0]);
            assertEquals(-1L, inst.function("grow").call(1L)[0], "beyond the limit, memory.grow fails");
            assertEquals(4L, inst.function("size").call()[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void memory64MinimumAboveTheLimitIsARefusalNotAnError(ExecutionTier tier) {
        String big = "(module (memory (export \"mem\") i64 5))";
        try (Engine engine = Engine.builder().tier(tier).memory64Limit(4 * 65536).build();
             Store store = engine.newStore()) {
            ResourceLimitException e = assertThrows(ResourceLimitException.class,
                    () -> store.instantiate(engine.compileText(big), ImportResolver.NONE));
            assertEquals("64-bit memory minimum size of 5 pages exceeds the limit of 4 pages"
                    + " (the 64-bit memory limit, 262144 bytes)", e.getMessage());
            // the store stays usable: a memory within the limit instantiates
            Instance inst = store.instantiate(engine.compileText(big.replace("i64 5", "i64 4")), ImportResolver.NONE);
            assertEquals(4L, inst.memory("mem").pageCount());
        }
        // the default limit (16 GiB) refuses a minimum of 2^20 pages (64 GiB) without reserving anything
        try (Store store = store(tier)) {
            assertThrows(ResourceLimitException.class, () -> store.instantiate(
                    parse("(module (memory i64 0x100000))"), ImportResolver.NONE));
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void twoMemoriesWithTheirOwnSegmentsAndExtendedConstants(ExecutionTier tier) {
        try (Store store = store(tier)) {
            GlobalInstance base = store.global(new wasm.core.model.GlobalType(wasm.core.model.ValType.I32, false), 100);
            Instance inst = store.instantiate(parse(TWO_MEMORIES),
                    (module, name) -> module.equals("env") && name.equals("base") ? base : null);
            // data in $a at base + 4 * 2 = 108, in $b at 16 + 16 = 32
            assertEquals(List.of(0L, 1L, 4L), List.of(inst.function("readA").call(107)[0],
                    inst.function("readA").call(108)[0], inst.function("readA").call(111)[0]));
            assertEquals('w', inst.function("readB").call(32L)[0]);
            assertEquals(42L, inst.global("derived").get());
            inst.function("copyBtoA").call(0, 32L, 4);
            assertEquals("wasm", new String(inst.memory("a").read(0, 4), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(0L, inst.function("readB").call(0L)[0], "the source memory is unchanged");
            assertEquals(11L, inst.function("sizes").call()[0]);
            assertTrap(() -> inst.function("copyBtoA").call(65535, 32L, 2));
            assertTrap(() -> inst.function("copyBtoA").call(0, 65535L, 2));
            assertAllNative(store, tier);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void vectorAccessesNameTheirMemoryAndTakeSixtyFourBitAddresses(ExecutionTier tier) {
        try (Store store = store(tier)) {
            Instance inst = store.instantiate(parse(VECTOR_MEMORIES), ImportResolver.NONE);
            MemoryInstance a = inst.memory("a");
            MemoryInstance b = inst.memory("b");
            MemoryInstance c = inst.memory("c");
            // memory 1 is 64-bit: grown past 4 GiB, its v128 accesses land above the line
            assertEquals(1L, inst.function("growB").call(FOUR_GIB / 65536)[0]);
            long high = FOUR_GIB + 0x40;
            inst.function("storeB").call(high, 0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L);
            assertEquals(0x5555_6666_7777_8888L, b.readLong(high + 8));
            assertEquals(0x5555_6666_7777_8888L, inst.function("loadHighB").call(high)[0]);
            assertEquals(0x5555_6666L, inst.function("splatB").call(high + 12)[0]);
            assertEquals(0x33L, inst.function("load8LaneB").call(high + 3)[0]);
            inst.function("store16LaneB").call(high + 0x20, 0xBEEF);
            assertEquals((short) 0xBEEF, b.readShort(high + 0x22));
            assertEquals(0L, b.readLong(0x40) | a.readLong(0x40), "nothing lands below the 4 GiB line or in memory 0");
            long end = b.byteSize();
            assertTrap(() -> inst.function("loadHighB").call(end - 15));
            assertTrap(() -> inst.function("store16LaneB").call(end - 3, 1));
            // address + offset would wrap around 2^64 to 0x10: it must trap instead
            assertTrap(() -> inst.function("loadFarB").call(0x20L));
            // memory 2 is 32-bit: lane stores and loads reach it, not memory 0
            inst.function("store32LaneC").call(100, 0xCAFEBABE);
            assertEquals(0xCAFEBABE, c.readInt(100));
            assertEquals(0, a.readInt(100));
            c.writeLong(200, 0x0123_4567_89AB_CDEFL);
            assertEquals(0x0123_4567_89AB_CDEFL, inst.function("load64LaneC").call(200)[0]);
            assertEquals(0L, inst.function("zeroC").call(200)[0]);
            assertTrap(() -> inst.function("load64LaneC").call(65536 - 7));
            assertTrap(() -> inst.function("store32LaneC").call(-1, 0));
            assertAllNative(store, tier);
        }
    }

    private static final String TABLE64_CALLS = """
            (module
              (type $t (func (result i32)))
              (table $wide i64 3 funcref)
              (table $narrow 1 funcref)
              (elem (table $wide) (i64.const 0) func $seven $eight)
              (func $seven (result i32) (i32.const 7))
              (func $eight (result i32) (i32.const 8))
              (func (export "call") (param i64) (result i32) (call_indirect (type $t) (local.get 0)))
              (func (export "tail") (param i64) (result i32) (return_call_indirect (type $t) (local.get 0)))
              (func (export "call32") (param i32) (result i32) (call_indirect $narrow (type $t) (local.get 0))))
            """;

    /**
     * call_indirect through a 64-bit table: the trap message names the whole i64 index, also at
     * 2^32 and above, where a 32-bit index field would name only its low half (2^32 + 1 as 1).
     */
    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void callIndirectThroughA64BitTableNamesTheWholeIndex(ExecutionTier tier) {
        try (Store store = store(tier)) {
            Instance inst = store.instantiate(parse(TABLE64_CALLS), ImportResolver.NONE);
            for (String f : List.of("call", "tail")) {
                FunctionInstance fn = inst.function(f);
                assertEquals(8L, fn.call(1L)[0]);
                assertEquals("uninitialized element 2", assertThrows(Trap.class, () -> fn.call(2L)).getMessage());
                assertEquals("undefined element 3", assertThrows(Trap.class, () -> fn.call(3L)).getMessage());
                assertEquals("undefined element 4294967297",
                        assertThrows(Trap.class, () -> fn.call(FOUR_GIB + 1)).getMessage());
                assertEquals("undefined element 18446744073709551615",
                        assertThrows(Trap.class, () -> fn.call(-1L)).getMessage());
            }
            // right after a trap with a wide index, an i32 index's message has no stale high half
            assertThrows(Trap.class, () -> inst.function("call").call(-1L));
            assertEquals("undefined element 5",
                    assertThrows(Trap.class, () -> inst.function("call32").call(5)).getMessage());
            assertEquals(7L, inst.function("call").call(0L)[0]);
            assertAllNative(store, tier);
        }
    }

    /** Under the JIT, every function ran natively: the checks above were the JIT's. */
    private static void assertAllNative(Store store, ExecutionTier tier) {
        if (tier == ExecutionTier.JIT) {
            assertEquals(Map.of(), JitCoverage.of(store).fallbackReasons(), JitCoverage.of(store).summary());
            assertTrue(JitCoverage.of(store).nativeFunctions() > 0, JitCoverage.of(store).summary());
        }
    }

    private static void assertTrap(org.junit.jupiter.api.function.Executable e) {
        assertEquals("out of bounds memory access", assertThrows(Trap.class, e).getMessage());
    }
}
