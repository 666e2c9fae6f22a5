package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.JitCoverage;
import wasm.runtime.tooling.JitInspector;

/**
 * Accesses whose bounds check a dominating access already made run unchecked in the JIT
 * (RedundantBoundsChecks): the read-modify-write {@code a[i] += x} checks once (fused into one
 * {@code add [mem], x} by the lowering's store_rmw; at -O2 loop_bounds versions the loop), results
 * and traps stay those of the interpreter, and a check made before {@code memory.grow}
 * still covers the accesses after it.
 */
class BoundsCheckElisionTest {
    private static final String WAT = """
            (module
              (memory (export "mem") 1)
              ;; a[i] += x for i in [0, n): one checked read-modify-write per element
              (func (export "addAll") (param $base i32) (param $n i32) (param $x i64)
                (local $p i32)
                (local.set $p (local.get $base))
                (block $done
                  (loop $next
                    (br_if $done (i32.eqz (local.get $n)))
                    (i64.store (local.get $p) (i64.add (i64.load (local.get $p)) (local.get $x)))
                    (local.set $p (i32.add (local.get $p) (i32.const 8)))
                    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                    (br $next))))
              ;; the wide load checks [p, p+8); the narrow store inside it needs no check
              (func (export "narrowAfterWide") (param $p i32) (result i64)
                (local $v i64)
                (local.set $v (i64.load (local.get $p)))
                (i32.store8 offset=7 (local.get $p) (i32.const 0x7f))
                (local.get $v))
              ;; the check before memory.grow still holds after it
              (func (export "acrossGrow") (param $p i32) (result i32)
                (local $v i32)
                (local.set $v (i32.load (local.get $p)))
                (drop (memory.grow (i32.const 1)))
                (i32.store (local.get $p) (i32.add (local.get $v) (i32.const 1)))
                (i32.load (local.get $p))))
            """;

    private static Module module() {
        Module m = WatParser.parseModule(WAT);
        Validator.validate(m);
        return m;
    }

    @Test
    void theReadModifyWriteChecksOnce() {
        Module m = module();
        // a[i] += x is one fused access (store_rmw), checked as the load was (unfused: a checked
        // load and a store proven in bounds by it); addAll's loop (a counter down to zero, a
        // pointer stepping by 8) is versioned at -O2: the unchecked copy's access is in bounds
        String vcode = JitInspector.inspect(m, 0, 2).vcode();
        assertEquals(2, count(vcode, "add_to_memory"), vcode);
        assertEquals(1, count(vcode, "in-bounds"), vcode);
        assertEquals(0, count(vcode, "store"), vcode);
        String unversioned = JitInspector.inspect(m, 0, 1).vcode();
        assertEquals(1, count(unversioned, "add_to_memory"), unversioned);
        assertEquals(0, count(unversioned, "in-bounds"), unversioned);
        String narrow = JitInspector.inspect(m, 1, 2).vcode();
        assertEquals(1, count(narrow, "in-bounds"), narrow);
    }

    @Test
    void bothTiersAgreeOnResultsAndTraps() {
        for (ExecutionTier tier : ExecutionTier.values()) {
            try (Store store = new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(
                    tier == ExecutionTier.JIT))) {
                Module m = module();
                Instance inst = store.instantiate(m, ImportResolver.NONE);
                int n = m.functions().size();
                // The JIT side really is native code (strict mode, and every function counted native).
                assertEquals(tier == ExecutionTier.JIT ? new JitCoverage(n, 0, Map.of()) : new JitCoverage(0, n, Map.of()),
                        JitCoverage.of(store));
                MemoryInstance mem = inst.memory("mem");
                writeI64(mem, 65536 - 16, 40);
                writeI64(mem, 65536 - 8, 1);
                inst.function("addAll").call(65536 - 16, 2, 2);
                assertEquals(42, readI64(mem, 65536 - 16), tier.toString());
                assertEquals(3, readI64(mem, 65536 - 8), tier.toString());
                // The third element lies past the end: the load traps before the store writes.
                Trap t = assertThrows(Trap.class, () -> inst.function("addAll").call(65536 - 16, 3, 1));
                assertEquals("out of bounds memory access", t.getMessage());
                assertEquals(43, readI64(mem, 65536 - 16), tier.toString());
                assertEquals(4, readI64(mem, 65536 - 8), tier.toString());

                assertArrayEquals(new long[] {4}, inst.function("narrowAfterWide").call(65536 - 8), tier.toString());
                assertEquals(0x7f, readI64(mem, 65536 - 8) >>> 56, tier.toString());
                assertEquals("out of bounds memory access", assertThrows(Trap.class,
                        () -> inst.function("narrowAfterWide").call(65536 - 7)).getMessage());
                assertEquals(0x7f, readI64(mem, 65536 - 8) >>> 56, "the store did not happen");

                mem.writeI32(100, 41);
                assertArrayEquals(new long[] {42}, inst.function("acrossGrow").call(100), tier.toString());
                assertEquals(2, mem.pages());
            }
        }
    }

    private static long readI64(MemoryInstance mem, long address) {
        return java.nio.ByteBuffer.wrap(mem.read(address, 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static void writeI64(MemoryInstance mem, long address, long v) {
        mem.write(address, java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            n++;
        }
        return n;
    }
}
