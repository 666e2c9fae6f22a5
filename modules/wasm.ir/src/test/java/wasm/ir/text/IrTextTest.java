package wasm.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.verify.Verifier;

/** The text format: every instruction format round-trips, and bad text is rejected with the line. */
class IrTextTest {
    static final String ALL_FORMATS = """
            function %all(i32, i64, f32, f64) -> i32, i64 {
                type2 = (i32) -> i32
                fn7 = (i32, i32) -> i64

            block0(v0: i64, v1: i32, v2: i64, v3: f32, v4: f64):
                v5 = iconst.i32 -7
                v6 = fconst.f32 0x3f800000
                v7 = fconst.f64 0x7ff8000000000001
                v8 = fcmp.f32 lt v3, v6
                v9 = icmp.i64 uge v2, v2
                v10 = load.i32 v1+4294967295
                v11 = sload8.i64 mem1 v2+18446744073709551615
                store.f64 v4, v1+8
                istore16.i32 mem1 v5, v2
                v12 = global.get.f64 g3
                global.set.f64 g3, v12
                v13 = ref.null
                v14 = ref.func fn9
                v15 = ref.is_null v14
                v16 = table.get table1, v1
                table.set table1, v1, v13
                v17 = table.grow.i32 table0, v13, v1
                v18 = table.size.i64 table1
                table.fill table0, v1, v16, v1
                table.copy table0, table1, v1, v1, v1
                table.init elem4, table1, v1, v1, v1
                elem.drop elem4
                memory.init data2, mem0, v1, v1, v1
                data.drop data2
                memory.copy mem0, mem1, v1, v2, v1
                memory.fill mem1, v2, v1, v2
                v19 = memory.size.i32 mem0
                v20 = memory.grow.i32 mem0, v19
                v21 = call fn7(v1, v5)
                v22 = call_indirect type2, table0, v1(v5)
                v23 = fcvt_to_uint_sat.i64 v3
                v24 = bitcast.i32 v3
                v25 = select.ref v1, v13, v14
                v26 = fcvt_from_uint.f32 v2
                br_table v1, block1(v5), [block1(v22), block2, block1(v8)]

            block1(v30: i32):
                brif v30, block2, block3

            block2:
                trap int_divz

            block3:
                return v30, v21
            }
            """;

    @Test
    void everyFormatRoundTripsAndVerifies() {
        Function f = IrParser.parse(ALL_FORMATS);
        assertEquals(ALL_FORMATS, IrPrinter.print(f));
        Verifier.check(f);
        assertEquals(4294967295L, f.imm(f.valueInst(10)));
        assertEquals(-1L, f.imm(f.valueInst(11)));
        assertEquals(1, f.memoryOf(f.valueInst(11)));
        assertEquals(false, f.isInBounds(f.valueInst(11)));
        assertEquals(IrOpcode.CALL_INDIRECT, f.opcode(f.valueInst(22)));
        assertEquals(Type.REF, f.valueType(25));
    }

    @Test
    void badTextIsRejectedWithItsLine() {
        assertMessage("line 3: unknown instruction frob.i32", "function %f() {\nblock0(v0: i64):\n    v1 = frob.i32 v0\n}\n");
        assertMessage("line 3: iadd needs a type suffix", "function %f() {\nblock0(v0: i64):\n    v1 = iadd v0, v0\n}\n");
        assertMessage("line 3: fadd does not take type i32", "function %f() {\nblock0(v0: i64):\n    v1 = fadd.i32 v0, v0\n}\n");
        assertMessage("line 3: use of undefined value v9", "function %f() -> i64 {\nblock0(v0: i64):\n    return v9\n}\n");
        assertMessage("line 3: branch to undefined block5", "function %f() {\nblock0(v0: i64):\n    jump block5\n}\n");
        assertMessage("line 3: undeclared fn4", "function %f() {\nblock0(v0: i64):\n    call fn4()\n}\n");
        assertMessage("line 3: missing closing brace", "function %f() {\nblock0(v0: i64):\n");
    }

    private static void assertMessage(String expected, String text) {
        IrParseException e = assertThrows(IrParseException.class, () -> IrParser.parse(text));
        assertTrue(e.getMessage().equals(expected), e.getMessage());
    }
}
