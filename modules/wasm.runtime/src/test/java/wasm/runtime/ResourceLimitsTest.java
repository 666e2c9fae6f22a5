package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.TableType;
import wasm.core.model.ValType;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * The store's {@link ResourceLimits} in both tiers: memory.grow and table.grow answer -1 at
 * the limit (from wasm and from the host), a minimum above a limit and an instantiation past
 * a count fail with {@link ResourceLimitException}, and the store stays usable after either.
 */
class ResourceLimitsTest {
    private static final String GROWER = """
            (module
              (memory (export "mem") 1)
              (table (export "tab") 1 funcref)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "tgrow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
              (func (export "tsize") (result i32) (table.size)))
            """;

    private static Module module(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    private static Store store(ExecutionTier tier, ResourceLimits limits) {
        return new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(true).withLimits(limits));
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void memoryGrowAnswersMinusOneAtTheStoreLimit(ExecutionTier tier) {
        try (Store store = store(tier, ResourceLimits.NONE.withMemoryPages(4))) {
            Instance i = store.instantiate(module(GROWER), ImportResolver.NONE);
            i.function("store").call(65532, 0x12345678);
            assertEquals(1, (int) i.function("grow").call(2)[0]);
            assertEquals(-1, (int) i.function("grow").call(2)[0], "5 pages are past the limit of 4");
            assertEquals(3, (int) i.function("size").call()[0], "a refused grow leaves the size alone");
            assertEquals(0x12345678, (int) i.function("load").call(65532)[0]);
            assertEquals(3, (int) i.function("grow").call(1)[0]);
            assertEquals(-1, (int) i.function("grow").call(1)[0]);
            assertEquals(-1, i.memory("mem").grow(1), "the host API sees the same limit");
            assertEquals(4, i.memory("mem").pages());
            // The last page allowed is usable; one byte past it traps.
            i.function("store").call(4 * 65536 - 4, 7);
            assertEquals(7, (int) i.function("load").call(4 * 65536 - 4)[0]);
            Trap t = assertThrows(Trap.class, () -> i.function("load").call(4 * 65536 - 3));
            assertEquals("out of bounds memory access", t.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void tableGrowAnswersMinusOneAtTheStoreLimit(ExecutionTier tier) {
        try (Store store = store(tier, ResourceLimits.NONE.withTableElements(10))) {
            Instance i = store.instantiate(module(GROWER), ImportResolver.NONE);
            assertEquals(1, (int) i.function("tgrow").call(9)[0]);
            assertEquals(-1, (int) i.function("tgrow").call(1)[0]);
            assertEquals(10, (int) i.function("tsize").call()[0]);
            assertEquals(-1, i.table("tab").grow(1, Ref.NULL));
            assertEquals(10, i.table("tab").size());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void minimaAboveTheLimitsFailInstantiationCleanly(ExecutionTier tier) {
        try (Store store = store(tier, ResourceLimits.NONE.withMemoryPages(16).withTableElements(100))) {
            ResourceLimitException m = assertThrows(ResourceLimitException.class,
                    () -> store.instantiate(module("(module (memory 17))"), ImportResolver.NONE));
            assertEquals("memory minimum size of 17 pages exceeds the limit of 16 pages", m.getMessage());
            ResourceLimitException t = assertThrows(ResourceLimitException.class,
                    () -> store.instantiate(module("(module (table 101 funcref))"), ImportResolver.NONE));
            assertEquals("table minimum size of 101 elements exceeds the limit of 100 elements", t.getMessage());
            assertThrows(ResourceLimitException.class, () -> store.memory(new MemoryType(new Limits(17, 20))));
            assertThrows(ResourceLimitException.class,
                    () -> store.table(new TableType(ValType.FUNCREF, new Limits(101, 200)), Ref.NULL));
            // The store goes on working.
            Instance ok = store.instantiate(module(GROWER), ImportResolver.NONE);
            assertEquals(1, (int) ok.function("grow").call(15)[0]);
            assertEquals(-1, (int) ok.function("grow").call(1)[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionTier.class)
    void instanceMemoryAndTableCountsAreLimited(ExecutionTier tier) {
        Module adder = module("(module (func (export \"f\") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))");
        try (Store store = store(tier, ResourceLimits.NONE.withInstances(3))) {
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(new long[] {k + 1}, store.instantiate(adder, ImportResolver.NONE).function("f").call(k));
            }
            ResourceLimitException e = assertThrows(ResourceLimitException.class,
                    () -> store.instantiate(adder, ImportResolver.NONE));
            assertEquals("instance limit of 3 per store reached", e.getMessage());
        }
        try (Store store = store(tier, ResourceLimits.NONE.withMemories(1).withTables(1))) {
            store.instantiate(module(GROWER), ImportResolver.NONE);
            assertEquals("memory limit of 1 per store reached", assertThrows(ResourceLimitException.class,
                    () -> store.instantiate(module("(module (memory 1))"), ImportResolver.NONE)).getMessage());
            assertEquals("table limit of 1 per store reached", assertThrows(ResourceLimitException.class,
                    () -> store.table(new TableType(ValType.EXTERNREF, Limits.of(0)), Ref.NULL)).getMessage());
            assertTrue(store.instantiate(module("(module (func (export \"g\")))"), ImportResolver.NONE)
                    .function("g").call().length == 0, "a module without memory or table still instantiates");
        }
    }
}
