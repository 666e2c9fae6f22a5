package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static wasm.runtime.TestModuleBuilder.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** i32 and i64 arithmetic, comparisons, bit operations and sign extension. */
class IntegerOpsTest {
    static long i32(String op, int a, int b) {
        return eval("ii:i", "local.get 0 local.get 1 " + op, a, b);
    }

    static long i64(String op, long a, long b) {
        return eval("II:I", "local.get 0 local.get 1 " + op, a, b);
    }

    static long i64cmp(String op, long a, long b) {
        return eval("II:i", "local.get 0 local.get 1 " + op, a, b);
    }

    static Trap trap(String signature, String code, long... args) {
        return assertThrows(Trap.class, () -> eval(signature, code, args));
    }

    @ParameterizedTest
    @CsvSource({
            "i32.add, 1, 2, 3", "i32.add, 2147483647, 1, -2147483648", "i32.sub, 0, 1, -1",
            "i32.mul, 65536, 65536, 0", "i32.mul, -1, -1, 1",
            "i32.div_s, -7, 2, -3", "i32.div_u, -1, 2, 2147483647", "i32.rem_s, -7, 2, -1",
            "i32.rem_u, -1, 3, 0", "i32.rem_s, -2147483648, -1, 0", "i32.div_s, -2147483648, 1, -2147483648",
            "i32.and, 12, 10, 8", "i32.or, 12, 10, 14", "i32.xor, 12, 10, 6",
            "i32.shl, 1, 33, 2", "i32.shr_s, -8, 1, -4", "i32.shr_u, -8, 1, 2147483644", "i32.shr_s, -1, 63, -1",
            "i32.rotl, -2147483648, 1, 1", "i32.rotr, 1, 1, -2147483648", "i32.rotl, 1, 32, 1",
            "i32.eq, 5, 5, 1", "i32.ne, 5, 5, 0", "i32.lt_s, -1, 0, 1", "i32.lt_u, -1, 0, 0",
            "i32.gt_s, -1, 0, 0", "i32.gt_u, -1, 0, 1", "i32.le_s, 3, 3, 1", "i32.le_u, 4, 3, 0",
            "i32.ge_s, -5, -5, 1", "i32.ge_u, 0, -1, 0"})
    void i32Binary(String op, int a, int b, int expected) {
        assertEquals(expected, i32(op, a, b));
    }

    @ParameterizedTest
    @CsvSource({
            "i64.add, 9223372036854775807, 1, -9223372036854775808", "i64.sub, 0, 1, -1",
            "i64.mul, 4294967296, 4294967296, 0", "i64.div_s, -7, 2, -3", "i64.div_u, -1, 2, 9223372036854775807",
            "i64.rem_s, -9223372036854775808, -1, 0", "i64.rem_u, -1, 10, 5",
            "i64.and, 12, 10, 8", "i64.or, 12, 10, 14", "i64.xor, 12, 10, 6",
            "i64.shl, 1, 65, 2", "i64.shr_s, -8, 1, -4", "i64.shr_u, -1, 60, 15",
            "i64.rotl, -9223372036854775808, 1, 1", "i64.rotr, 1, 1, -9223372036854775808"})
    void i64Binary(String op, long a, long b, long expected) {
        assertEquals(expected, i64(op, a, b));
    }

    @ParameterizedTest
    @CsvSource({"i64.eq, 5, 5, 1", "i64.ne, 5, 5, 0", "i64.lt_s, -1, 0, 1", "i64.lt_u, -1, 0, 0",
            "i64.gt_s, -1, 0, 0", "i64.gt_u, -1, 0, 1", "i64.le_s, 3, 3, 1", "i64.le_u, 4, 3, 0",
            "i64.ge_s, -5, -5, 1", "i64.ge_u, 0, -1, 0"})
    void i64Compare(String op, long a, long b, int expected) {
        assertEquals(expected, i64cmp(op, a, b));
    }

    @Test
    void unaryBitOps() {
        assertEquals(32, eval(":i", "i32.const 0 i32.clz"));
        assertEquals(0, eval(":i", "i32.const -1 i32.clz"));
        assertEquals(32, eval(":i", "i32.const 0 i32.ctz"));
        assertEquals(31, eval(":i", "i32.const 0x80000000 i32.ctz"));
        assertEquals(32, eval(":i", "i32.const -1 i32.popcnt"));
        assertEquals(64, eval(":I", "i64.const 0 i64.clz"));
        assertEquals(64, eval(":I", "i64.const 0 i64.ctz"));
        assertEquals(63, eval(":I", "i64.const 1 i64.clz"));
        assertEquals(64, eval(":I", "i64.const -1 i64.popcnt"));
        assertEquals(1, eval(":i", "i32.const 0 i32.eqz"));
        assertEquals(0, eval(":i", "i32.const 7 i32.eqz"));
        assertEquals(1, eval(":i", "i64.const 0 i64.eqz"));
        assertEquals(0, eval(":i", "i64.const 0x100000000 i64.eqz"));
    }

    @Test
    void signExtensionAndWrap() {
        assertEquals(-128, eval(":i", "i32.const 0x80 i32.extend8_s"));
        assertEquals(127, eval(":i", "i32.const 0x17f i32.extend8_s"));
        assertEquals(-32768, eval(":i", "i32.const 0x8000 i32.extend16_s"));
        assertEquals(-1, eval(":I", "i64.const 0xff i64.extend8_s"));
        assertEquals(-32768, eval(":I", "i64.const 0x8000 i64.extend16_s"));
        assertEquals(-2147483648L, eval(":I", "i64.const 0x80000000 i64.extend32_s"));
        assertEquals(0x7fffffffL, eval(":I", "i64.const 0x1237fffffff i64.extend32_s"));
        assertEquals(-1, eval(":I", "i32.const -1 i64.extend_i32_s"));
        assertEquals(0xffffffffL, eval(":I", "i32.const -1 i64.extend_i32_u"));
        assertEquals(-1, eval(":i", "i64.const 0x7fffffffffffffff i32.wrap_i64"));
        assertEquals(0x89abcdef, eval(":i", "i64.const 0x0123456789abcdef i32.wrap_i64"));
    }

    @Test
    void i32ResultsAreSignExtendedAtTheApi() {
        assertEquals(-1L, eval(":i", "i32.const 0xffffffff"));
        assertEquals(-2147483648L, eval(":i", "i32.const 0x7fffffff i32.const 1 i32.add"));
    }

    @Test
    void divisionTraps() {
        assertEquals("integer divide by zero", trap(":i", "i32.const 1 i32.const 0 i32.div_s").getMessage());
        assertEquals("integer divide by zero", trap(":i", "i32.const 1 i32.const 0 i32.div_u").getMessage());
        assertEquals("integer divide by zero", trap(":i", "i32.const 1 i32.const 0 i32.rem_s").getMessage());
        assertEquals("integer divide by zero", trap(":i", "i32.const 1 i32.const 0 i32.rem_u").getMessage());
        assertEquals("integer overflow", trap(":i", "i32.const 0x80000000 i32.const -1 i32.div_s").getMessage());
        assertEquals("integer divide by zero", trap(":I", "i64.const 1 i64.const 0 i64.div_s").getMessage());
        assertEquals("integer divide by zero", trap(":I", "i64.const 1 i64.const 0 i64.div_u").getMessage());
        assertEquals("integer divide by zero", trap(":I", "i64.const 1 i64.const 0 i64.rem_s").getMessage());
        assertEquals("integer divide by zero", trap(":I", "i64.const 1 i64.const 0 i64.rem_u").getMessage());
        assertEquals("integer overflow",
                trap(":I", "i64.const 0x8000000000000000 i64.const -1 i64.div_s").getMessage());
    }
}
