package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import wasm.core.model.ExternKind;
import wasm.core.model.Limits;

/** Loads and stores of every width, bounds, memory.size/grow, bulk memory and data segments. */
class MemoryTest {
    static final long PAGE = 65536;

    /** One page (max 2) with bytes 0x01..0x08 at address 0; exports f(i32 addr) using {@code code}. */
    static Instance memoryModule(String signature, String code) {
        TestModuleBuilder b = new TestModuleBuilder();
        b.memory(1, 2).export("mem", ExternKind.MEMORY, 0);
        b.activeData("i32.const 0", new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0x88});
        b.exportFunc("f", signature, "", code);
        return b.instantiate();
    }

    @ParameterizedTest
    @CsvSource({
            "i32.load, 0x04030201", "i32.load8_s, 1", "i32.load8_u, 1", "i32.load16_s, 0x0201",
            "i32.load16_u, 0x0201"})
    void i32LoadsAreLittleEndian(String op, String expected) {
        assertEquals((int) Asm.parseInteger(expected), memoryModule(":i", "i32.const 0 " + op).function("f").call()[0]);
    }

    @Test
    void loadsOfEveryWidthAndSign() {
        Instance m = memoryModule("i:I", "local.get 0 i64.load");
        assertEquals(0x8807060504030201L, m.function("f").call(0)[0]);
        assertEquals(0x88070605L, memoryModule("i:I", "local.get 0 i64.load32_u offset=4").function("f").call(0)[0]);
        assertEquals((int) 0x88070605L, memoryModule("i:I", "local.get 0 i64.load32_s offset=4").function("f").call(0)[0]);
        assertEquals(0x88L, memoryModule("i:I", "local.get 0 i64.load8_u").function("f").call(7)[0]);
        assertEquals(-120L, memoryModule("i:I", "local.get 0 i64.load8_s").function("f").call(7)[0]);
        assertEquals(0x8807L, memoryModule("i:I", "local.get 0 i64.load16_u").function("f").call(6)[0]);
        assertEquals((short) 0x8807, memoryModule("i:I", "local.get 0 i64.load16_s").function("f").call(6)[0]);
        assertEquals(-120L, memoryModule("i:i", "local.get 0 i32.load8_s").function("f").call(7)[0]);
        assertEquals(0x88L, memoryModule("i:i", "local.get 0 i32.load8_u").function("f").call(7)[0]);
        assertEquals((short) 0x8807, memoryModule("i:i", "local.get 0 i32.load16_s").function("f").call(6)[0]);
        // unaligned
        assertEquals(0x05040302L, memoryModule("i:i", "local.get 0 i32.load").function("f").call(1)[0]);
        assertEquals(0x05040302L, memoryModule("i:f", "local.get 0 f32.load").function("f").call(1)[0]);
        assertEquals(0x8807060504030201L, memoryModule("i:F", "local.get 0 f64.load").function("f").call(0)[0]);
    }

    @Test
    void storesOfEveryWidth() {
        String code = """
                i32.const 0 i64.const 0 i64.store
                i32.const 0 i64.const 0x1122334455667788 i64.store offset=8
                i32.const 0 i32.const 0xaabbccdd i32.store8 offset=16
                i32.const 0 i32.const 0xaabbccdd i32.store16 offset=17
                i32.const 0 i32.const 0xaabbccdd i32.store offset=19
                i32.const 0 i64.const 0x0102030405 i64.store8 offset=23
                i32.const 0 i64.const 0x0102030405 i64.store16 offset=24
                i32.const 0 i64.const 0x0102030405 i64.store32 offset=26
                i32.const 0 f32.const bits:0x7fa00001 f32.store offset=30
                i32.const 0 f64.const bits:0x7ff4000000000001 f64.store offset=34""";
        Instance m = memoryModule(":", code);
        m.function("f").call();
        byte[] got = m.memory("mem").read(8, 34);
        assertArrayEquals(new byte[] {
                (byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
                (byte) 0xdd, (byte) 0xdd, (byte) 0xcc, (byte) 0xdd, (byte) 0xcc, (byte) 0xbb, (byte) 0xaa,
                0x05, 0x05, 0x04, 0x05, 0x04, 0x03, 0x02,
                0x01, 0x00, (byte) 0xa0, 0x7f,
                0x01, 0, 0, 0, 0, 0, (byte) 0xf4, 0x7f}, got);
    }

    @Test
    void outOfBoundsAccessesTrapAtTheExactBoundary() {
        Instance m = memoryModule("i:i", "local.get 0 i32.load");
        assertEquals(0, m.function("f").call((int) PAGE - 4)[0]);
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> m.function("f").call((int) PAGE - 3)).getMessage());
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> m.function("f").call(-1)).getMessage());
        Instance off = memoryModule("i:i", "local.get 0 i32.load8_u offset=0xffffffff");
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> off.function("f").call(1)).getMessage());
        Instance st = memoryModule("i:", "local.get 0 i64.const 1 i64.store");
        st.function("f").call((int) PAGE - 8);
        assertThrows(Trap.class, () -> st.function("f").call((int) PAGE - 7));
        Instance st16 = memoryModule("i:", "local.get 0 i32.const 1 i32.store16 offset=1");
        assertThrows(Trap.class, () -> st16.function("f").call((int) PAGE - 2));
    }

    @Test
    void growReturnsOldSizeOrMinusOneAndMakesPagesAccessible() {
        TestModuleBuilder b = new TestModuleBuilder();
        b.memory(1, 3).export("mem", ExternKind.MEMORY, 0);
        b.exportFunc("grow", "i:i", "", "local.get 0 memory.grow");
        b.exportFunc("size", ":i", "", "memory.size");
        b.exportFunc("load", "i:i", "", "local.get 0 i32.load");
        b.exportFunc("store", "ii:", "", "local.get 0 local.get 1 i32.store");
        Instance m = b.instantiate();
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> m.function("load").call((int) PAGE)).getMessage());
        assertEquals(1, m.function("grow").call(1)[0]);
        assertEquals(2, m.function("size").call()[0]);
        assertEquals(0, m.function("load").call((int) PAGE)[0]);
        m.function("store").call((int) (2 * PAGE - 4), 77);
        assertEquals(77, m.function("load").call((int) (2 * PAGE - 4))[0]);
        assertEquals(-1, m.function("grow").call(2)[0]);
        assertEquals(-1, m.function("grow").call(-1)[0]);
        assertEquals(2, m.function("grow").call(0)[0]);
        assertEquals(2, m.function("grow").call(1)[0]);
        assertEquals(3, m.memory("mem").pages());
        assertEquals(-1, m.memory("mem").grow(1));
    }

    @Test
    void memoryWithoutMaximumGrowsUpTo65536Pages() {
        Store store = new Store();
        MemoryInstance mem = store.memory(new wasm.core.model.MemoryType(Limits.of(0)));
        assertEquals(0, mem.pages());
        assertThrows(Trap.class, () -> mem.readI32(0));
        assertEquals(0, mem.grow(1));
        mem.writeI32(PAGE - 4, 0x12345678);
        assertEquals(0x12345678, mem.readI32(PAGE - 4));
        assertEquals(-1, mem.grow(65536));
        assertEquals(1, mem.grow(10));
        assertEquals(11, mem.pages());
        store.close();
        assertThrows(Trap.class, () -> mem.readI32(0));
    }

    @Test
    void bulkMemoryFillCopyInitDrop() {
        TestModuleBuilder b = new TestModuleBuilder();
        b.memory(1, 1).export("mem", ExternKind.MEMORY, 0);
        b.passiveData(new byte[] {10, 20, 30, 40});
        b.exportFunc("fill", "iii:", "", "local.get 0 local.get 1 local.get 2 memory.fill");
        b.exportFunc("copy", "iii:", "", "local.get 0 local.get 1 local.get 2 memory.copy");
        b.exportFunc("init", "iii:", "", "local.get 0 local.get 1 local.get 2 memory.init 0");
        b.exportFunc("drop", ":", "", "data.drop 0");
        Instance m = b.instantiate();
        MemoryInstance mem = m.memory("mem");
        m.function("fill").call(0, 0x1ff, 4);
        assertArrayEquals(new byte[] {-1, -1, -1, -1, 0}, mem.read(0, 5));
        m.function("init").call(100, 1, 3);
        assertArrayEquals(new byte[] {20, 30, 40}, mem.read(100, 3));
        // overlapping copies, both directions
        m.function("copy").call(101, 100, 3);
        assertArrayEquals(new byte[] {20, 20, 30, 40}, mem.read(100, 4));
        m.function("copy").call(100, 101, 3);
        assertArrayEquals(new byte[] {20, 30, 40, 40}, mem.read(100, 4));
        // bounds: n = 0 at the end is fine, past the end traps, nothing written on failure
        m.function("fill").call((int) PAGE, 0, 0);
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> m.function("fill").call((int) PAGE + 1, 0, 0)).getMessage());
        assertThrows(Trap.class, () -> m.function("fill").call((int) PAGE - 2, 7, 3));
        assertArrayEquals(new byte[] {0, 0}, mem.read(PAGE - 2, 2));
        assertThrows(Trap.class, () -> m.function("copy").call(0, (int) PAGE - 1, 2));
        assertThrows(Trap.class, () -> m.function("init").call(0, 2, 3));
        assertThrows(Trap.class, () -> m.function("init").call((int) PAGE - 1, 0, 2));
        m.function("init").call(0, 4, 0);
        m.function("drop").call();
        m.function("init").call(0, 0, 0);
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> m.function("init").call(0, 0, 1)).getMessage());
    }

    @Test
    void activeDataSegmentsApplyInOrderAndAFailingOneKeepsEarlierWrites() {
        Store store = new Store();
        MemoryInstance mem = store.memory(new wasm.core.model.MemoryType(new Limits(1, 1)));
        TestModuleBuilder b = new TestModuleBuilder();
        b.importMemory("env", "mem", 1, Limits.UNBOUNDED);
        b.activeData("i32.const 0", new byte[] {1, 2});
        b.activeData("i32.const 65535", new byte[] {3, 4});
        Trap t = assertThrows(Trap.class, () -> store.instantiate(b.build(), (m, n) -> mem));
        assertEquals("out of bounds memory access", t.getMessage());
        assertArrayEquals(new byte[] {1, 2}, mem.read(0, 2));
        assertArrayEquals(new byte[] {0}, mem.read(65535, 1));
    }

    @Test
    void apiAccessIsBoundsChecked() {
        Store store = new Store();
        MemoryInstance mem = store.memory(new wasm.core.model.MemoryType(new Limits(1, 1)));
        mem.write(PAGE - 2, new byte[] {9, 8});
        assertArrayEquals(new byte[] {9, 8}, mem.read(PAGE - 2, 2));
        assertThrows(Trap.class, () -> mem.write(PAGE - 1, new byte[] {1, 2}));
        assertThrows(Trap.class, () -> mem.read(-1, 1));
        assertThrows(Trap.class, () -> mem.readI32(Long.MAX_VALUE));
        assertThrows(Trap.class, () -> mem.writeI32(PAGE - 3, 1));
        assertEquals(0, mem.read(PAGE, 0).length);
    }

    @Test
    void memoryWithZeroMaximumTrapsOnEveryAccess() {
        TestModuleBuilder b = new TestModuleBuilder();
        b.memory(0, 0);
        b.exportFunc("load", "i:i", "", "local.get 0 i32.load8_u");
        b.exportFunc("grow", "i:i", "", "local.get 0 memory.grow");
        Instance m = b.instantiate();
        assertThrows(Trap.class, () -> m.function("load").call(0));
        assertEquals(-1, m.function("grow").call(1)[0]);
        assertEquals(0, m.function("grow").call(0)[0]);
    }
}
