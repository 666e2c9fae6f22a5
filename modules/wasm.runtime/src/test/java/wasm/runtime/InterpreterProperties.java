package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntBinaryOperator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random-input checks of the interpreter against Java reference semantics,
 * including the translator's fused forms (compare+br_if, compare+if,
 * local.get+const+add) which must agree with the plain instruction sequence.
 */
class InterpreterProperties {
    private static final String[] COMPARISONS = {
        "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u", "i32.le_s", "i32.le_u", "i32.ge_s",
        "i32.ge_u"};

    private static int reference(String cmp, int a, int b) {
        boolean r = switch (cmp) {
            case "i32.eq" -> a == b;
            case "i32.ne" -> a != b;
            case "i32.lt_s" -> a < b;
            case "i32.lt_u" -> Integer.compareUnsigned(a, b) < 0;
            case "i32.gt_s" -> a > b;
            case "i32.gt_u" -> Integer.compareUnsigned(a, b) > 0;
            case "i32.le_s" -> a <= b;
            case "i32.le_u" -> Integer.compareUnsigned(a, b) <= 0;
            case "i32.ge_s" -> a >= b;
            default -> Integer.compareUnsigned(a, b) >= 0;
        };
        return r ? 1 : 0;
    }

    @Provide
    Arbitrary<Integer> interesting() {
        return Arbitraries.oneOf(Arbitraries.integers(),
                Arbitraries.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 2, -2));
    }

    @Property(tries = 150)
    void fusedComparisonsAgreeWithPlainOnes(@ForAll("interesting") int a, @ForAll("interesting") int b) {
        TestModuleBuilder m = new TestModuleBuilder();
        for (String cmp : COMPARISONS) {
            m.exportFunc(cmp + "/plain", "ii:i", "", "local.get 0 local.get 1 " + cmp);
            m.exportFunc(cmp + "/br_if", "ii:i", "",
                    "block @i32 i32.const 1 local.get 0 local.get 1 " + cmp + " br_if 0 drop i32.const 0 end");
            m.exportFunc(cmp + "/if", "ii:i", "",
                    "local.get 0 local.get 1 " + cmp + " if @i32 i32.const 1 else i32.const 0 end");
            m.exportFunc(cmp + "/loop", "ii:i", "",
                    "block loop local.get 0 local.get 1 " + cmp + " br_if 1 i32.const 0 return end end i32.const 1");
        }
        m.exportFunc("eqz/br_if", "i:i", "", "block local.get 0 i32.eqz br_if 0 i32.const 0 return end i32.const 1");
        m.exportFunc("eqz/if", "i:i", "", "local.get 0 i32.eqz if @i32 i32.const 1 else i32.const 0 end");
        Instance inst = m.instantiate();
        for (String cmp : COMPARISONS) {
            int expected = reference(cmp, a, b);
            for (String form : new String[] {"plain", "br_if", "if", "loop"}) {
                assertEquals(expected, inst.function(cmp + "/" + form).call(a, b)[0], cmp + "/" + form);
            }
        }
        assertEquals(a == 0 ? 1 : 0, inst.function("eqz/br_if").call(a)[0]);
        assertEquals(a == 0 ? 1 : 0, inst.function("eqz/if").call(a)[0]);
    }

    @Property(tries = 150)
    void arithmeticMatchesJava(@ForAll("interesting") int a, @ForAll("interesting") int b) {
        TestModuleBuilder m = new TestModuleBuilder();
        String[] ops = {"i32.add", "i32.sub", "i32.mul", "i32.and", "i32.or", "i32.xor", "i32.shl", "i32.shr_s",
            "i32.shr_u", "i32.rotl", "i32.rotr"};
        IntBinaryOperator[] ref = {(x, y) -> x + y, (x, y) -> x - y, (x, y) -> x * y, (x, y) -> x & y,
            (x, y) -> x | y, (x, y) -> x ^ y, (x, y) -> x << y, (x, y) -> x >> y, (x, y) -> x >>> y,
            Integer::rotateLeft, Integer::rotateRight};
        for (String op : ops) {
            m.exportFunc(op, "ii:i", "", "local.get 0 local.get 1 " + op);
        }
        m.exportFunc("addconst", "i:i", "", "local.get 0 i32.const " + b + " i32.add");
        m.exportFunc("subconst", "i:i", "", "local.get 0 i32.const " + b + " i32.sub");
        m.exportFunc("stackconst", "i:i", "", "local.get 0 i32.const 0 i32.add i32.const " + b + " i32.sub");
        m.exportFunc("setget", "ii:i", "i", "local.get 0 local.set 2 local.get 2 local.get 1 local.set 2 local.get 2 i32.add");
        Instance inst = m.instantiate();
        for (int i = 0; i < ops.length; i++) {
            assertEquals(ref[i].applyAsInt(a, b), inst.function(ops[i]).call(a, b)[0], ops[i]);
        }
        assertEquals(a + b, inst.function("addconst").call(a)[0]);
        assertEquals(a - b, inst.function("subconst").call(a)[0]);
        assertEquals(a - b, inst.function("stackconst").call(a)[0]);
        assertEquals(a + b, inst.function("setget").call(a, b)[0]);
    }

    @Property(tries = 100)
    void i64DivisionMatchesJava(@ForAll long a, @ForAll long b) {
        if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
            return;
        }
        TestModuleBuilder m = new TestModuleBuilder();
        m.exportFunc("div", "II:IIII", "", """
                local.get 0 local.get 1 i64.div_s
                local.get 0 local.get 1 i64.div_u
                local.get 0 local.get 1 i64.rem_s
                local.get 0 local.get 1 i64.rem_u""");
        long[] r = m.instantiate().function("div").call(a, b);
        assertEquals(a / b, r[0]);
        assertEquals(Long.divideUnsigned(a, b), r[1]);
        assertEquals(a % b, r[2]);
        assertEquals(Long.remainderUnsigned(a, b), r[3]);
    }
}
