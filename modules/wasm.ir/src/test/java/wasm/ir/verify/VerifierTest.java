package wasm.ir.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.ir.Function;
import wasm.ir.text.IrParser;

/** The verifier names the block and instruction of each broken invariant. */
class VerifierTest {
    private static List<String> errors(String body) {
        Function f = IrParser.parse("function %f(i32) -> i32 {\n" + body + "}\n");
        return Verifier.verify(f);
    }

    private static void assertError(String expected, String body) {
        List<String> errors = errors(body);
        assertTrue(errors.contains(expected), "expected <" + expected + "> in " + errors);
    }

    @Test
    void wellFormedFunctionHasNoErrors() {
        assertEquals(List.of(), errors("""
                block0(v0: i64, v1: i32):
                    brif v1, block1(v1), block2
                block1(v2: i32):
                    return v2
                block2:
                    jump block1(v1)
                """));
    }

    @Test
    void tailCallsEndTheBlockWithTheFunctionsResults() {
        assertEquals(List.of(), errors("""
                    fn3 = (i32) -> i32
                block0(v0: i64, v1: i32):
                    return_call fn3(v1)
                """));
        assertError("block0: `return_call fn3(v1)`: tail call of fn3 returning [i64] from a function returning [i32]", """
                    fn3 = (i32) -> i64
                block0(v0: i64, v1: i32):
                    return_call fn3(v1)
                """);
        assertError("block0: `return_call fn3(v1)`: terminator before the end of the block", """
                    fn3 = (i32) -> i32
                block0(v0: i64, v1: i32):
                    return_call fn3(v1)
                    return v1
                """);
        assertError("block0: `return_call_indirect type0, table0, v1(v0)`: argument 0 has type i64, expected i32", """
                    type0 = (i32) -> i32
                block0(v0: i64, v1: i32):
                    return_call_indirect type0, table0, v1(v0)
                """);
    }

    @Test
    void operandTypes() {
        assertError("block0: `v2 = iadd.i64 v1, v0`: operand 0 has type i32, expected i64", """
                block0(v0: i64, v1: i32):
                    v2 = iadd.i64 v1, v0
                    return v1
                """);
        assertError("block0: `v2 = fcvt_to_sint.i32 v1`: operand 0 has type i32, expected a float", """
                block0(v0: i64, v1: i32):
                    v2 = fcvt_to_sint.i32 v1
                    return v2
                """);
    }

    @Test
    void vectorLanesAndShapes() {
        assertError("block0: `v4 = vextractlane.i32x4 v3, 4`: lane 4 out of range for i32x4", """
                block0(v0: i64, v1: i32):
                    v2 = iconst.i64 0
                    v3 = vconcat v2, v2
                    v4 = vextractlane.i32x4 v3, 4
                    return v4
                """);
        assertError("block0: `v3 = vsplat.i32x4 v2`: operand 0 has type i64, expected i32", """
                block0(v0: i64, v1: i32):
                    v2 = iconst.i64 0
                    v3 = vsplat.i32x4 v2
                    return v1
                """);
        // a lane shape is never the type of a value
        Function f = IrParser.parse("function %f(i32) -> i32 {\nblock0(v0: i64, v1: i32):\n    return v1\n}\n");
        f.appendBlockParam(f.entryBlock(), wasm.ir.Type.I8X16);
        assertTrue(Verifier.verify(f).stream().anyMatch(e -> e.contains("has the lane shape")), Verifier.verify(f)
                .toString());
    }

    @Test
    void terminators() {
        assertError("block0: does not end with a terminator (last is `v2 = iadd.i32 v1, v1`)", """
                block0(v0: i64, v1: i32):
                    v2 = iadd.i32 v1, v1
                """);
        assertError("block0: `return v1`: terminator before the end of the block", """
                block0(v0: i64, v1: i32):
                    return v1
                    return v1
                """);
    }

    @Test
    void branchArgumentsMatchBlockParams() {
        assertError("block0: `jump block1`: passes 0 arguments to block1, which has 1 params", """
                block0(v0: i64, v1: i32):
                    jump block1
                block1(v2: i32):
                    return v2
                """);
        assertError("block0: `jump block1(v0)`: argument 0 to block1 has type i64, param v2 has i32", """
                block0(v0: i64, v1: i32):
                    jump block1(v0)
                block1(v2: i32):
                    return v2
                """);
    }

    @Test
    void signatureAndEntry() {
        assertError("block0: entry param 1 has type i64, signature says i32", """
                block0(v0: i64, v1: i64):
                    v2 = ireduce.i32 v1
                    return v2
                """);
        assertError("block0: `return v0`: return value 0 has type i64, expected i32", """
                block0(v0: i64, v1: i32):
                    return v0
                """);
    }

    @Test
    void usesMustBeDominated() {
        assertError("block3: `return v3`: use of v3 is not dominated by its definition in block1", """
                block0(v0: i64, v1: i32):
                    brif v1, block1, block2
                block1:
                    v3 = iconst.i32 1
                    jump block3
                block2:
                    jump block3
                block3:
                    return v3
                """);
        assertError("block0: `v2 = iadd.i32 v3, v1`: uses v3 before its definition", """
                block0(v0: i64, v1: i32):
                    v2 = iadd.i32 v3, v1
                    v3 = iconst.i32 1
                    return v2
                """);
    }

    @Test
    void checkThrowsWithEveryError() {
        Function f = IrParser.parse("function %g(i32) -> i32 {\nblock0(v0: i64, v1: i32):\n    return v0\n}\n");
        VerifierException e = assertThrows(VerifierException.class, () -> Verifier.check(f));
        assertTrue(e.getMessage().startsWith("IR verification of %g failed:"), e.getMessage());
        assertEquals(1, e.errors().size());
    }
}
