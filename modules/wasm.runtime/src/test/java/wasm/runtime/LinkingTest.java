package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import wasm.core.model.ExternKind;
import wasm.core.model.GlobalType;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.TableType;
import wasm.core.model.ValType;

/** Import resolution and matching, globals, exports, the start function. */
class LinkingTest {
    static String linkError(TestModuleBuilder b, Store store, Extern provided) {
        return assertThrows(LinkException.class, () -> store.instantiate(b.build(), (m, n) -> provided)).getMessage();
    }

    @Test
    void unknownImport() {
        TestModuleBuilder b = new TestModuleBuilder();
        b.importFunc("env", "f", ":");
        assertEquals("unknown import",
                assertThrows(LinkException.class, () -> new Store().instantiate(b.build(), ImportResolver.NONE))
                        .getMessage());
    }

    @Test
    void functionImportsMustMatchExactly() {
        Store store = new Store();
        FunctionInstance h = store.hostFunction(TestModuleBuilder.sig("i:"), a -> new long[0]);
        TestModuleBuilder b = new TestModuleBuilder();
        b.importFunc("env", "f", "I:");
        assertEquals("incompatible import type", linkError(b, store, h));
        TestModuleBuilder kind = new TestModuleBuilder();
        kind.importGlobal("env", "f", ValType.I32, false);
        assertEquals("incompatible import type", linkError(kind, store, h));
    }

    @Test
    void memoryAndTableLimitsSubtyping() {
        Store store = new Store();
        MemoryInstance mem = store.memory(new MemoryType(new Limits(2, 4)));
        assertEquals(null, tryMemory(store, mem, 1, 4));
        assertEquals(null, tryMemory(store, mem, 2, Limits.UNBOUNDED));
        assertEquals(null, tryMemory(store, mem, 2, 5));
        assertEquals("incompatible import type", tryMemory(store, mem, 3, Limits.UNBOUNDED));
        assertEquals("incompatible import type", tryMemory(store, mem, 1, 3));
        MemoryInstance unbounded = store.memory(new MemoryType(Limits.of(1)));
        assertEquals("incompatible import type", tryMemory(store, unbounded, 1, 10));
        // the current size counts, not the declared minimum
        unbounded.grow(2);
        assertEquals(null, tryMemory(store, unbounded, 3, Limits.UNBOUNDED));

        TableInstance tab = store.table(new TableType(ValType.FUNCREF, new Limits(10, 20)), Ref.NULL);
        TestModuleBuilder ok = new TestModuleBuilder();
        ok.importTable("env", "t", ValType.FUNCREF, 10, 20);
        store.instantiate(ok.build(), (m, n) -> tab);
        TestModuleBuilder big = new TestModuleBuilder();
        big.importTable("env", "t", ValType.FUNCREF, 11, 20);
        assertEquals("incompatible import type", linkError(big, store, tab));
        TestModuleBuilder elem = new TestModuleBuilder();
        elem.importTable("env", "t", ValType.EXTERNREF, 10, 20);
        assertEquals("incompatible import type", linkError(elem, store, tab));
    }

    private static String tryMemory(Store store, MemoryInstance mem, long min, long max) {
        TestModuleBuilder b = new TestModuleBuilder();
        b.importMemory("env", "m", min, max);
        try {
            store.instantiate(b.build(), (m, n) -> mem);
            return null;
        } catch (LinkException e) {
            return e.getMessage();
        }
    }

    @Test
    void globalImportsMatchTypeAndMutability() {
        Store store = new Store();
        GlobalInstance g = store.global(new GlobalType(ValType.I32, true), 5);
        TestModuleBuilder imm = new TestModuleBuilder();
        imm.importGlobal("env", "g", ValType.I32, false);
        assertEquals("incompatible import type", linkError(imm, store, g));
        TestModuleBuilder type = new TestModuleBuilder();
        type.importGlobal("env", "g", ValType.I64, true);
        assertEquals("incompatible import type", linkError(type, store, g));

        TestModuleBuilder b = new TestModuleBuilder();
        int gi = b.importGlobal("env", "g", ValType.I32, true);
        int derived = b.global(ValType.I32, false, "global.get " + gi);
        b.export("derived", ExternKind.GLOBAL, derived);
        b.exportFunc("inc", ":", "", "global.get 0 i32.const 1 i32.add global.set 0");
        b.exportFunc("read", ":i", "", "global.get 0");
        Instance inst = store.instantiate(b.build(), (m, n) -> g);
        assertEquals(5, inst.global("derived").get());
        inst.function("inc").call();
        assertEquals(6, g.get());
        g.set(-1);
        assertEquals(-1, inst.function("read").call()[0]);
        assertThrows(IllegalStateException.class, () -> inst.global("derived").set(1));
    }

    @Test
    void globalsOfEveryTypeInitialiseFromConstants() {
        TestModuleBuilder b = new TestModuleBuilder();
        int f = b.func(":", "", "");
        b.export("i32", ExternKind.GLOBAL, b.global(ValType.I32, false, "i32.const -7"));
        b.export("i64", ExternKind.GLOBAL, b.global(ValType.I64, true, "i64.const 0x123456789"));
        b.export("f32", ExternKind.GLOBAL, b.global(ValType.F32, false, "f32.const -1"));
        b.export("f64", ExternKind.GLOBAL, b.global(ValType.F64, false, "f64.const 0.5"));
        b.export("ref", ExternKind.GLOBAL, b.global(ValType.FUNCREF, false, "ref.func " + f));
        b.export("null", ExternKind.GLOBAL, b.global(ValType.EXTERNREF, true, "ref.null extern"));
        b.export("fn", ExternKind.FUNC, f);
        Instance inst = b.instantiate();
        assertEquals(-7, inst.global("i32").get());
        assertEquals(0x123456789L, inst.global("i64").get());
        assertEquals(0xbf800000L, inst.global("f32").get());
        assertEquals(Double.doubleToRawLongBits(0.5), inst.global("f64").get());
        assertEquals(inst.function("fn").ref(), inst.global("ref").get());
        assertEquals(Ref.NULL, inst.global("null").get());
        assertEquals(List.of("fn", "i32", "i64", "f32", "f64", "ref", "null").stream().sorted().toList(),
                inst.exports().keySet().stream().sorted().toList());
        assertEquals(List.of("i32", "i64", "f32", "f64", "ref", "null", "fn"), List.copyOf(inst.exports().keySet()));
    }

    @Test
    void exportLookupErrors() {
        TestModuleBuilder b = new TestModuleBuilder();
        b.exportFunc("f", ":", "", "");
        Instance inst = b.instantiate();
        assertEquals(null, inst.export("nope"));
        assertThrows(IllegalArgumentException.class, () -> inst.function("nope"));
        assertThrows(IllegalArgumentException.class, () -> inst.memory("f"));
        assertSame(inst.function("f"), inst.export("f"));
    }

    @Test
    void startFunctionRunsAfterSegmentsAndItsTrapFailsInstantiation() {
        Store store = new Store();
        GlobalInstance g = store.global(new GlobalType(ValType.I32, true), 0);
        TestModuleBuilder b = new TestModuleBuilder();
        b.importGlobal("env", "g", ValType.I32, true);
        b.memory(1, 1);
        b.activeData("i32.const 8", new byte[] {42});
        int start = b.func(":", "", "i32.const 8 i32.load8_u global.set 0");
        b.start(start);
        store.instantiate(b.build(), (m, n) -> g);
        assertEquals(42, g.get());

        TestModuleBuilder bad = new TestModuleBuilder();
        bad.start(bad.func(":", "", "unreachable"));
        assertEquals("unreachable", assertThrows(Trap.class, () -> store.instantiate(bad.build(), ImportResolver.NONE))
                .getMessage());
    }

    @Test
    void instancesShareMemoriesAndFunctions() {
        Store store = new Store();
        TestModuleBuilder a = new TestModuleBuilder();
        a.memory(1, 2).export("mem", ExternKind.MEMORY, 0);
        a.exportFunc("store", "ii:", "", "local.get 0 local.get 1 i32.store");
        a.exportFunc("grow", ":i", "", "i32.const 1 memory.grow");
        Instance ia = store.instantiate(a.build(), ImportResolver.NONE);

        TestModuleBuilder b = new TestModuleBuilder();
        b.importMemory("a", "mem", 1, 2);
        int grow = b.importFunc("a", "grow", ":i");
        b.exportFunc("load", "i:i", "", "local.get 0 i32.load");
        // grows through module a, then accesses the new page through its own view
        b.exportFunc("growThenLoad", ":i", "", "call " + grow + " drop i32.const 65536 i32.load");
        Instance ib = store.instantiate(b.build(), (m, n) -> ia.export(n));
        ia.function("store").call(16, 1234);
        assertEquals(1234, ib.function("load").call(16)[0]);
        assertEquals(0, ib.function("growThenLoad").call()[0]);
        assertEquals(2, ia.memory("mem").pages());
    }
}
