package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import wasm.core.model.ExternKind;
import wasm.core.model.ValType;

/** call, call_indirect and its traps, recursion limits, host functions and re-entrancy. */
class CallTest {
    private static final String FAC = """
            local.get 0 i64.eqz
            if @i64 i64.const 1
            else local.get 0 local.get 0 i64.const 1 i64.sub call 0 i64.mul end""";

    @Test
    void recursiveFactorial() {
        TestModuleBuilder b = new TestModuleBuilder();
        b.exportFunc("fac", "I:I", "", FAC);
        assertEquals(2432902008176640000L, b.instantiate().function("fac").call(20)[0]);
    }

    @Test
    void fibonacci() {
        TestModuleBuilder b = new TestModuleBuilder();
        b.exportFunc("fib", "i:i", "", """
                local.get 0 i32.const 2 i32.lt_u
                if @i32 local.get 0
                else local.get 0 i32.const 1 i32.sub call 0 local.get 0 i32.const 2 i32.sub call 0 i32.add end""");
        assertEquals(6765, b.instantiate().function("fib").call(20)[0]);
    }

    @Test
    void deepRecursionExhaustsTheCallStackAndStoreStaysUsable() {
        TestModuleBuilder b = new TestModuleBuilder();
        b.exportFunc("runaway", ":", "", "call 0");
        b.exportFunc("deep", "i:i", "", """
                local.get 0 i32.eqz if @i32 i32.const 0
                else local.get 0 i32.const 1 i32.sub call 1 i32.const 1 i32.add end""");
        Instance inst = b.instantiate();
        Trap t = assertThrows(Trap.class, () -> inst.function("runaway").call());
        assertEquals("call stack exhausted", t.getMessage());
        // 50k frames is fine (no Java recursion), and the store works after the trap.
        assertEquals(50_000, inst.function("deep").call(50_000)[0]);
        assertEquals("call stack exhausted",
                assertThrows(Trap.class, () -> inst.function("deep").call(10_000_000)).getMessage());
        assertEquals(3, inst.function("deep").call(3)[0]);
    }

    @Test
    void callIndirectDispatchesAndTraps() {
        TestModuleBuilder b = new TestModuleBuilder();
        int t = b.type("i:i");
        b.type(":I");
        int inc = b.func("i:i", "", "local.get 0 i32.const 1 i32.add");
        int dbl = b.func("i:i", "", "local.get 0 i32.const 2 i32.mul");
        int other = b.func(":I", "", "i64.const 1");
        b.table(ValType.FUNCREF, 4, 4).activeElem(0, "i32.const 0", inc, dbl, other);
        b.exportFunc("call", "ii:i", "", "local.get 1 local.get 0 call_indirect " + t + " 0");
        Instance inst = b.instantiate();
        FunctionInstance call = inst.function("call");
        assertEquals(11, call.call(0, 10)[0]);
        assertEquals(20, call.call(1, 10)[0]);
        assertEquals("indirect call type mismatch", assertThrows(Trap.class, () -> call.call(2, 0)).getMessage());
        assertEquals("uninitialized element 3", assertThrows(Trap.class, () -> call.call(3, 0)).getMessage());
        assertEquals("undefined element 4", assertThrows(Trap.class, () -> call.call(4, 0)).getMessage());
        assertEquals("undefined element 4294967295", assertThrows(Trap.class, () -> call.call(-1, 0)).getMessage());
    }

    @Test
    void callIndirectMatchesSignaturesStructurallyAcrossModules() {
        Store store = new Store();
        TestModuleBuilder a = new TestModuleBuilder();
        int f = a.exportFunc("f", "I:I", "", "local.get 0 i64.const 3 i64.add");
        a.table(ValType.FUNCREF, 1, 1).activeElem(0, "i32.const 0", f);
        a.export("tab", ExternKind.TABLE, 0);
        Instance ia = store.instantiate(a.build(), ImportResolver.NONE);

        TestModuleBuilder b = new TestModuleBuilder();
        b.type("ff:f"); // shift type indices so they differ from module a
        int t = b.type("I:I");
        b.importTable("a", "tab", ValType.FUNCREF, 1, 1);
        b.exportFunc("g", "I:I", "", "local.get 0 i32.const 0 call_indirect " + t + " 0");
        Instance ib = store.instantiate(b.build(), (m, n) -> ia.export(n));
        assertEquals(10, ib.function("g").call(7)[0]);
    }

    @Test
    void hostFunctionsReceiveNormalisedArgumentsAndReturnResults() {
        Store store = new Store();
        FunctionInstance add = store.hostFunction(TestModuleBuilder.sig("iI:I"), args -> new long[] {args[0] + args[1]});
        TestModuleBuilder b = new TestModuleBuilder();
        int imp = b.importFunc("env", "add", "iI:I");
        b.exportFunc("f", ":I", "", "i32.const -1 i64.const 10 call " + imp);
        Instance inst = store.instantiate(b.build(), (m, n) -> m.equals("env") && n.equals("add") ? add : null);
        assertEquals(9, inst.function("f").call()[0]);
        assertArrayEquals(new long[] {5}, add.call(2, 3));
    }

    @Test
    void hostFunctionsCanCallBackIntoWasm() {
        Store store = new Store();
        AtomicReference<FunctionInstance> wasmFac = new AtomicReference<>();
        // host "mul_fac(n)" = n * fac(n-1) computed by calling back into wasm
        FunctionInstance host = store.hostFunction(TestModuleBuilder.sig("I:I"),
                args -> new long[] {args[0] * wasmFac.get().call(args[0] - 1)[0]});
        TestModuleBuilder b = new TestModuleBuilder();
        int imp = b.importFunc("env", "h", "I:I");
        b.exportFunc("fac", "I:I", "", """
                local.get 0 i64.eqz
                if @i64 i64.const 1
                else local.get 0 call %d end""".formatted(imp));
        Instance inst = store.instantiate(b.build(), (m, n) -> host);
        wasmFac.set(inst.function("fac"));
        assertEquals(3628800, inst.function("fac").call(10)[0]);
    }

    @Test
    void trapInNestedCallThroughHostUnwindsCleanly() {
        Store store = new Store();
        AtomicReference<Instance> self = new AtomicReference<>();
        FunctionInstance host = store.hostFunction(TestModuleBuilder.sig("i:i"),
                args -> self.get().function("div").call(10, args[0]));
        TestModuleBuilder b = new TestModuleBuilder();
        int imp = b.importFunc("env", "h", "i:i");
        b.exportFunc("div", "ii:i", "", "local.get 0 local.get 1 i32.div_s");
        b.exportFunc("outer", "i:i", "", "i32.const 1000 local.get 0 call " + imp + " i32.add");
        Instance inst = store.instantiate(b.build(), (m, n) -> host);
        self.set(inst);
        assertEquals(1005, inst.function("outer").call(2)[0]);
        assertEquals("integer divide by zero",
                assertThrows(Trap.class, () -> inst.function("outer").call(0)).getMessage());
        assertEquals(1002, inst.function("outer").call(5)[0]);
    }

    @Test
    void hostTrapPropagates() {
        Store store = new Store();
        FunctionInstance host = store.hostFunction(TestModuleBuilder.sig(":"), args -> {
            throw new Trap("host says no");
        });
        TestModuleBuilder b = new TestModuleBuilder();
        int imp = b.importFunc("env", "h", ":");
        b.exportFunc("f", ":i", "", "call " + imp + " i32.const 1");
        Instance inst = store.instantiate(b.build(), (m, n) -> host);
        assertEquals("host says no", assertThrows(Trap.class, () -> inst.function("f").call()).getMessage());
    }

    @Test
    void refFuncValuesAreStoreAddresses() {
        TestModuleBuilder b = new TestModuleBuilder();
        int f = b.exportFunc("f", ":i", "", "i32.const 42");
        b.declarativeElem(f);
        b.exportFunc("ref", ":r", "", "ref.func " + f);
        b.exportFunc("isnull", ":i", "", "ref.func " + f + " ref.is_null ref.null func ref.is_null i32.add");
        Instance inst = b.instantiate();
        assertEquals(inst.function("f").ref(), inst.function("ref").call()[0]);
        assertEquals(1, inst.function("isnull").call()[0]);
    }
}
