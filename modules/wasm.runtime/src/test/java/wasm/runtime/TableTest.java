package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import wasm.core.model.ExternKind;
import wasm.core.model.Limits;
import wasm.core.model.TableType;
import wasm.core.model.ValType;

/** table.get/set/size/grow/fill/copy/init, elem.drop, element segments, and the table API. */
class TableTest {
    static final String OOB = "out of bounds table access";

    @Test
    void getSetSizeGrowFill() {
        TestModuleBuilder b = new TestModuleBuilder();
        b.table(ValType.EXTERNREF, 2, 5).export("t", ExternKind.TABLE, 0);
        b.exportFunc("get", "i:e", "", "local.get 0 table.get 0");
        b.exportFunc("set", "ie:", "", "local.get 0 local.get 1 table.set 0");
        b.exportFunc("size", ":i", "", "table.size 0");
        b.exportFunc("grow", "ei:i", "", "local.get 0 local.get 1 table.grow 0");
        b.exportFunc("fill", "iei:", "", "local.get 0 local.get 1 local.get 2 table.fill 0");
        Instance m = b.instantiate();
        assertEquals(Ref.NULL, m.function("get").call(1)[0]);
        m.function("set").call(1, 42);
        assertEquals(42, m.function("get").call(1)[0]);
        assertEquals(OOB, assertThrows(Trap.class, () -> m.function("get").call(2)).getMessage());
        assertEquals(OOB, assertThrows(Trap.class, () -> m.function("set").call(-1, 1)).getMessage());
        assertEquals(2, m.function("grow").call(7, 2)[0]);
        assertEquals(4, m.function("size").call()[0]);
        assertEquals(7, m.function("get").call(3)[0]);
        assertEquals(-1, m.function("grow").call(7, 2)[0]);
        assertEquals(-1, m.function("grow").call(7, -16)[0]);
        assertEquals(4, m.function("grow").call(Ref.NULL, 0)[0]);
        m.function("fill").call(1, 9, 3);
        assertEquals(9, m.function("get").call(3)[0]);
        assertEquals(9, m.function("get").call(1)[0]);
        m.function("fill").call(4, 9, 0);
        assertEquals(OOB, assertThrows(Trap.class, () -> m.function("fill").call(5, 9, 0)).getMessage());
        assertEquals(OOB, assertThrows(Trap.class, () -> m.function("fill").call(3, 1, 2)).getMessage());
        assertEquals(9, m.function("get").call(3)[0]);
        TableInstance t = m.table("t");
        assertEquals(4, t.size());
        assertEquals(new TableType(ValType.EXTERNREF, new Limits(4, 5)), t.type());
        t.set(0, 5);
        assertEquals(5, t.get(0));
        assertThrows(Trap.class, () -> t.get(4));
    }

    @Test
    void initCopyAndElemDrop() {
        TestModuleBuilder b = new TestModuleBuilder();
        int f0 = b.exportFunc("f0", ":i", "", "i32.const 100");
        int f1 = b.exportFunc("f1", ":i", "", "i32.const 101");
        int t = b.type(":i");
        b.table(ValType.FUNCREF, 6, Limits.UNBOUNDED);
        b.passiveElem(f0, f1, -1);
        b.exportFunc("init", "iii:", "", "local.get 0 local.get 1 local.get 2 table.init 0 0");
        b.exportFunc("copy", "iii:", "", "local.get 0 local.get 1 local.get 2 table.copy 0 0");
        b.exportFunc("drop", ":", "", "elem.drop 0");
        b.exportFunc("call", "i:i", "", "local.get 0 call_indirect " + t + " 0");
        Instance m = b.instantiate();
        m.function("init").call(1, 0, 3);
        assertEquals(100, m.function("call").call(1)[0]);
        assertEquals(101, m.function("call").call(2)[0]);
        assertEquals("uninitialized element 3", assertThrows(Trap.class, () -> m.function("call").call(3)).getMessage());
        m.function("copy").call(2, 1, 2); // overlapping: [_,f0,f1,null] -> [_,f0,f0,f1]
        assertEquals(100, m.function("call").call(2)[0]);
        assertEquals(101, m.function("call").call(3)[0]);
        assertEquals(OOB, assertThrows(Trap.class, () -> m.function("init").call(5, 0, 2)).getMessage());
        assertEquals(OOB, assertThrows(Trap.class, () -> m.function("init").call(0, 2, 2)).getMessage());
        assertEquals(OOB, assertThrows(Trap.class, () -> m.function("copy").call(5, 0, 2)).getMessage());
        m.function("drop").call();
        m.function("init").call(0, 0, 0);
        assertEquals(OOB, assertThrows(Trap.class, () -> m.function("init").call(0, 0, 1)).getMessage());
    }

    @Test
    void activeElementSegmentOutOfBoundsTrapsAtInstantiationKeepingEarlierSegments() {
        Store store = new Store();
        TableInstance table = store.table(new TableType(ValType.FUNCREF, new Limits(2, 2)), Ref.NULL);
        TestModuleBuilder b = new TestModuleBuilder();
        b.importTable("env", "t", ValType.FUNCREF, 2, Limits.UNBOUNDED);
        int f = b.func(":", "", "");
        b.activeElem(0, "i32.const 0", f);
        b.activeElem(0, "i32.const 1", f, f);
        Trap t = assertThrows(Trap.class, () -> store.instantiate(b.build(), (m, n) -> table));
        assertEquals(OOB, t.getMessage());
        assertEquals(false, table.get(0) == Ref.NULL);
        assertEquals(Ref.NULL, table.get(1));
    }

    @Test
    void activeSegmentsAreDroppedAfterInstantiation() {
        TestModuleBuilder b = new TestModuleBuilder();
        int f = b.func(":", "", "");
        b.table(ValType.FUNCREF, 2, 2);
        b.activeElem(0, "i32.const 0", f);
        b.exportFunc("init", ":", "", "i32.const 0 i32.const 0 i32.const 1 table.init 0 0");
        Instance m = b.instantiate();
        assertEquals(OOB, assertThrows(Trap.class, () -> m.function("init").call()).getMessage());
    }

    @Test
    void hostTableGrowRespectsMaximum() {
        Store store = new Store();
        TableInstance t = store.table(new TableType(ValType.EXTERNREF, new Limits(1, 3)), 5);
        assertEquals(5, t.get(0));
        assertEquals(1, t.grow(2, 6));
        assertEquals(6, t.get(2));
        assertEquals(-1, t.grow(1, 6));
    }

    /** Typed element access, and a funcref read from a table called through its store. */
    @Test
    void typedElementsAndCallableFuncrefs() {
        Store store = new Store();
        TestModuleBuilder b = new TestModuleBuilder();
        int seven = b.exportFunc("seven", ":i", "", "i32.const 7");
        int t = b.type(":i");
        b.table(ValType.FUNCREF, 2, 4).export("t", ExternKind.TABLE, 0);
        b.activeElem(0, "i32.const 1", seven);
        b.exportFunc("call", "i:i", "", "local.get 0 call_indirect " + t + " 0");
        Instance m = store.instantiate(b.build(), ImportResolver.NONE);
        TableInstance table = m.table("t");
        assertEquals(new Val.FuncRef(Ref.NULL), table.element(0));
        Val.FuncRef ref = (Val.FuncRef) table.element(1);
        assertEquals(7, store.function(ref).orElseThrow().callInt());
        assertEquals(m.function("seven"), store.function(ref).orElseThrow(), "one handle per function");
        assertTrue(store.function(new Val.FuncRef(Ref.NULL)).isEmpty());
        table.setElement(0, new Val.FuncRef(m.function("seven").ref()));
        assertEquals(7, m.function("call").callInt(0));
        assertEquals(2, table.grow(2, ref));
        assertEquals(7, m.function("call").callInt(3));
        assertEquals(-1, table.grow(1, ref), "past the maximum");
        assertEquals(OOB, assertThrows(Trap.class, () -> table.element(4)).getMessage());
        assertEquals(OOB, assertThrows(Trap.class, () -> table.element(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.setElement(0, new Val.ExternRef(3)));
        assertThrows(IllegalArgumentException.class, () -> table.setElement(0, Val.i32(0)));
        assertThrows(IllegalArgumentException.class, () -> table.grow(-1, ref));
    }

    /**
     * A funcref that names no function of the store never gets in, whichever way a Java caller
     * tries: native call_indirect follows a table's funcref into the function directory without
     * looking, and a bogus one there crashed the JVM (SIGSEGV) before these checks.
     */
    @Test
    void aFuncrefNamingNoFunctionNeverEntersTheStore() {
        long[] bogus = {5, 123_456, 1L << 40, -7};
        Store store = new Store();
        TestModuleBuilder b = new TestModuleBuilder();
        int seven = b.exportFunc("seven", ":i", "", "i32.const 7");
        int t = b.type(":i");
        b.table(ValType.FUNCREF, 2, Limits.UNBOUNDED).export("t", ExternKind.TABLE, 0);
        b.activeElem(0, "i32.const 0", seven);
        b.exportFunc("call", "i:i", "", "local.get 0 call_indirect " + t + " 0");
        b.exportFunc("put", "ir:", "", "local.get 0 local.get 1 table.set 0");
        int g = b.global(ValType.FUNCREF, true, "ref.null func");
        b.export("g", ExternKind.GLOBAL, g);
        Instance m = store.instantiate(b.build(), ImportResolver.NONE);
        TableInstance table = m.table("t");
        GlobalInstance global = m.global("g");
        for (long ref : bogus) {
            if (ref == Ref.NULL) {
                continue;
            }
            String message = "funcref " + ref + " names no function of this store";
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> table.set(1, ref)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> table.grow(1, ref)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> table.setElement(1, new Val.FuncRef(ref))).getMessage());
            assertThrows(IllegalArgumentException.class, () -> store.function(new Val.FuncRef(ref)));
            assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> m.function("put").call(1, ref)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> global.set(ref)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> store.table(new TableType(ValType.FUNCREF, new Limits(1, 1)), ref)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> store.global(new wasm.core.model.GlobalType(ValType.FUNCREF, true), ref)).getMessage());
        }
        // a host function's funcref result is checked too (the call fails, nothing is stored)
        FunctionInstance liar = store.hostFunction(TestModuleBuilder.sig(":r"), a -> new long[] {123_456});
        TestModuleBuilder c = new TestModuleBuilder();
        c.importFunc("env", "liar", ":r");
        c.importTable("env", "t", ValType.FUNCREF, 2, Limits.UNBOUNDED);
        c.exportFunc("store", ":", "", "i32.const 1 call 0 table.set 0");
        Instance user = store.instantiate(c.build(), (module, name) -> name.equals("liar") ? liar : table);
        assertThrows(RuntimeException.class, () -> user.function("store").call());
        assertEquals(Ref.NULL, table.get(1));
        assertEquals("uninitialized element 1", assertThrows(Trap.class, () -> m.function("call").call(1)).getMessage());
        assertEquals(7, m.function("call").callInt(0));
    }
}
