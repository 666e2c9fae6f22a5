package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wasm.backend.jit.WatModules.export;
import static wasm.backend.jit.WatModules.parse;

import org.junit.jupiter.api.Test;
import wasm.core.model.Module;

/**
 * call_indirect records its table index in vmctx's trapDetail field before its checks, so
 * the runtime can say "uninitialized element 2" like the reference interpreter; the trap code
 * itself stays the plain one.
 */
class TrapDetailTest {
    private static final String WAT = """
            (module
              (type $i (func (param i32) (result i32)))
              (type $ii (func (param i32) (result i32 i32)))
              (table 4 funcref)
              (elem (i32.const 0) $inc $pair)
              (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
              (func $pair (param i32) (result i32 i32) local.get 0 local.get 0)
              (func (export "one") (param i32 i32) (result i32)
                local.get 1 local.get 0 call_indirect (type $i))
              (func (export "two") (param i32 i32) (result i32)
                local.get 1 local.get 0 call_indirect (type $ii) i32.add))
            """;

    @Test
    void callIndirectTrapsLeaveTheTableIndexInVmctx() {
        Module m = parse(WAT);
        for (boolean direct : new boolean[] {true, false}) {
            try (NativeInstance nat = new NativeInstance(m, direct)) {
                assertTrue(nat.unsupported.isEmpty(), nat.unsupported.toString());
                int one = export(m, "one");
                int two = export(m, "two");
                assertEquals(new NativeInstance.Outcome(8L, null), nat.invoke(one, 0, 7));
                assertEquals(new NativeInstance.Outcome(null, "uninitialized element"), nat.invoke(one, 2, 7));
                assertEquals(2, nat.trapDetail());
                assertEquals(new NativeInstance.Outcome(null, "undefined element"), nat.invoke(one, 9, 7));
                assertEquals(9, nat.trapDetail());
                assertEquals(new NativeInstance.Outcome(null, "undefined element"), nat.invoke(one, -3, 7));
                assertEquals(-3, nat.trapDetail());
                // the multi-value call_indirect path (ABI v2) records it the same way
                assertEquals(new NativeInstance.Outcome(14L, null), nat.invoke(two, 1, 7));
                assertEquals(new NativeInstance.Outcome(null, "uninitialized element"), nat.invoke(two, 3, 7));
                assertEquals(3, nat.trapDetail());
                assertEquals(new NativeInstance.Outcome(null, "indirect call type mismatch"), nat.invoke(two, 0, 7));
                assertEquals(0, nat.trapDetail());
            }
        }
    }
}
