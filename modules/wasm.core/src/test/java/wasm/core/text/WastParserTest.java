package wasm.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wasm.core.Feature;
import wasm.core.MalformedModuleException;
import wasm.core.model.ValType;

/** Every script command form, values and expectations, line numbers and unsupported commands. */
class WastParserTest {

    private static final String SCRIPT = """
            ;; a comment
            (module $M1 (func (export "f") (param i32) (result i32) (local.get 0)))
            (module $B binary "\\00asm" "\\01\\00\\00\\00")
            (module quote "(func)" " (memory 1)")
            (register "m1" $M1)
            (invoke "f" (i32.const -1))
            (get $M1 "g")
            (assert_return (invoke $M1 "f" (i32.const 0x10) (i64.const -2) (f32.const -0.0) (f64.const nan:0x1)
                (ref.null extern) (ref.extern 7))
              (i32.const 16) (f32.const nan:canonical) (f64.const nan:arithmetic) (ref.null func) (ref.extern 3)
              (ref.extern) (ref.func) (either (i32.const 1) (i64.const 2)))
            (assert_trap (invoke "f") "unreachable")
            (assert_trap (module (func unreachable) (start 0)) "unreachable")
            (assert_exhaustion (invoke "f") "call stack exhausted")
            (assert_invalid (module (func (result i32))) "type mismatch")
            (assert_malformed (module quote "(func") "unexpected end")
            (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
            (assert_uninstantiable (module (memory 0) (data (i32.const 1) "a")) "out of bounds memory access")
            (assert_return (invoke "v") (v128.const i32x4 0 0 0 0))
            (assert_return (invoke "v" (v128.const i8x16 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 13 255))
              (v128.const f32x4 nan:canonical -0.0 nan:arithmetic 1)
              (either (v128.const i16x8 1 2 3 4 5 6 7 -8) (v128.const f64x2 inf nan:arithmetic)))
            (assert_return (invoke "v") (ref.i31 1))
            (module definition $D (func))
            (assert_exception (invoke "t"))
            (module $V (func (param v128)))
            (func) (memory 0) (func (export "g"))
            """;

    @Test
    void parsesEveryCommandForm() {
        WastScript s = WastParser.parse(SCRIPT, "all.wast");
        assertEquals("all.wast", s.fileName());
        List<WastCommand> c = s.commands();
        assertEquals(21, c.size());

        var m1 = assertInstanceOf(WastCommand.ModuleCommand.class, c.get(0));
        assertEquals(2, m1.line());
        assertEquals("$M1", m1.name());
        assertEquals(new ModuleSource.Text(
                "(module $M1 (func (export \"f\") (param i32) (result i32) (local.get 0)))"), m1.source());

        var b = assertInstanceOf(WastCommand.ModuleCommand.class, c.get(1));
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0},
                assertInstanceOf(ModuleSource.Binary.class, b.source()).bytes());
        assertEquals(new ModuleSource.Quote("(func) (memory 1)"),
                ((WastCommand.ModuleCommand) c.get(2)).source());

        assertEquals(new WastCommand.Register(5, "m1", "$M1"), c.get(3));
        assertEquals(new WastCommand.Action(6, new WastAction.Invoke(null, "f",
                List.of(new WastValue.Num(ValType.I32, 0xFFFFFFFFL)))), c.get(4));
        assertEquals(new WastCommand.Action(7, new WastAction.Get("$M1", "g")), c.get(5));

        var ret = assertInstanceOf(WastCommand.AssertReturn.class, c.get(6));
        assertEquals(8, ret.line());
        assertEquals(new WastAction.Invoke("$M1", "f", List.of(new WastValue.Num(ValType.I32, 16),
                new WastValue.Num(ValType.I64, -2), new WastValue.Num(ValType.F32, 0x80000000L),
                new WastValue.Num(ValType.F64, 0x7ff0000000000001L), new WastValue.RefNull(ValType.EXTERNREF),
                new WastValue.RefExtern(7))), ret.action());
        assertEquals(List.of(new Expected.Exact(new WastValue.Num(ValType.I32, 16)),
                new Expected.CanonicalNan(ValType.F32), new Expected.ArithmeticNan(ValType.F64),
                new Expected.Exact(new WastValue.RefNull(ValType.FUNCREF)),
                new Expected.Exact(new WastValue.RefExtern(3)), new Expected.AnyRefExtern(), new Expected.AnyRefFunc(),
                new Expected.Either(List.of(new Expected.Exact(new WastValue.Num(ValType.I32, 1)),
                        new Expected.Exact(new WastValue.Num(ValType.I64, 2))))), ret.expected());

        var trap = assertInstanceOf(WastCommand.AssertTrap.class, c.get(7));
        assertEquals("unreachable", trap.message());
        assertEquals(null, trap.module());
        var trapModule = assertInstanceOf(WastCommand.AssertTrap.class, c.get(8));
        assertEquals(null, trapModule.action());
        assertEquals(new ModuleSource.Text("(module (func unreachable) (start 0))"), trapModule.module());
        assertEquals("call stack exhausted", assertInstanceOf(WastCommand.AssertExhaustion.class, c.get(9)).message());
        assertEquals("type mismatch", assertInstanceOf(WastCommand.AssertInvalid.class, c.get(10)).message());
        var malformed = assertInstanceOf(WastCommand.AssertMalformed.class, c.get(11));
        assertEquals(new ModuleSource.Quote("(func"), malformed.module());
        assertEquals("unknown import", assertInstanceOf(WastCommand.AssertUnlinkable.class, c.get(12)).message());
        assertEquals(18, assertInstanceOf(WastCommand.AssertUninstantiable.class, c.get(13)).line());

        assertEquals(new WastCommand.AssertReturn(19, new WastAction.Invoke(null, "v", List.of()),
                List.of(new Expected.Exact(new WastValue.V128(0, 0)))), c.get(14));
        // i8x16 lanes take signed and unsigned literals; lane 0 is the low byte of lo.
        var v128 = assertInstanceOf(WastCommand.AssertReturn.class, c.get(15));
        assertEquals(new WastAction.Invoke(null, "v", List.of(new WastValue.V128(0x06050403020100FFL,
                0xFF0D0C0B0A090807L))), v128.action());
        assertEquals(List.of(new Expected.V128Lanes(ValType.F32, List.of(new Expected.CanonicalNan(ValType.F32),
                        new Expected.Exact(new WastValue.Num(ValType.F32, 0x80000000L)),
                        new Expected.ArithmeticNan(ValType.F32),
                        new Expected.Exact(new WastValue.Num(ValType.F32, 0x3F800000L)))),
                new Expected.Either(List.of(
                        new Expected.Exact(new WastValue.V128(0x0004000300020001L, 0xFFF8000700060005L)),
                        new Expected.V128Lanes(ValType.F64, List.of(
                                new Expected.Exact(new WastValue.Num(ValType.F64, 0x7FF0000000000000L)),
                                new Expected.ArithmeticNan(ValType.F64)))))), v128.expected());
        assertEquals(new WastCommand.Unsupported(23, "assert_return", Feature.GC,
                "unsupported feature: gc (ref.i31 at 23:30)"), c.get(16));
        // The definition's text keeps its positions: the keyword is blanked out, not cut.
        assertEquals(new WastCommand.ModuleDefinition(24, "$D",
                new ModuleSource.Text("(module            $D (func))")), c.get(17));
        assertEquals(new WastCommand.Unsupported(25, "assert_exception", Feature.EXCEPTIONS,
                "unsupported feature: exceptions (assert_exception at 25:2)"), c.get(18));
        // A module is parsed when it runs: the runner finds that it needs SIMD, under its name.
        assertEquals(new WastCommand.ModuleCommand(26, "$V", new ModuleSource.Text("(module $V (func (param v128)))")),
                c.get(19));

        var inline = assertInstanceOf(WastCommand.ModuleCommand.class, c.get(20));
        assertEquals(new ModuleSource.Text("(func) (memory 0) (func (export \"g\"))"), inline.source());
        assertEquals(2, WatParser.parseModule(((ModuleSource.Text) inline.source()).source()).functions().size());
    }

    @Test
    void scriptFormsOfThe30Suite() {
        List<WastCommand> c = WastParser.parse("""
                (module instance $I $M)
                (module instance)
                (module definition binary "\\00asm" "\\01\\00\\00\\00")
                (assert_return (invoke "f") (ref.null))
                (assert_malformed_custom (module quote "(@custom)") "x")
                (assert_invalid_custom (module) "y")
                """, "t.wast").commands();
        assertEquals(new WastCommand.ModuleInstance(1, "$I", "$M"), c.get(0));
        assertEquals(new WastCommand.ModuleInstance(2, null, null), c.get(1));
        var definition = assertInstanceOf(WastCommand.ModuleDefinition.class, c.get(2));
        assertEquals(null, definition.name());
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0},
                assertInstanceOf(ModuleSource.Binary.class, definition.source()).bytes());
        assertEquals(List.of(new Expected.AnyRefNull()),
                assertInstanceOf(WastCommand.AssertReturn.class, c.get(3)).expected());
        assertEquals(new WastCommand.AssertMalformedCustom(5, new ModuleSource.Quote("(@custom)"), "x"), c.get(4));
        assertEquals(new WastCommand.AssertInvalidCustom(6, new ModuleSource.Text("(module)"), "y"), c.get(5));
    }

    @Test
    void laterScriptSyntaxNamesItsFeature() {
        List<WastCommand> c = WastParser.parse("""
                (assert_return (invoke "f") (ref.null any))
                (invoke "f" (ref.i31 1))
                (assert_exception (invoke "t"))
                """, "t.wast").commands();
        assertEquals(List.of(Feature.GC, Feature.GC, Feature.EXCEPTIONS),
                c.stream().map(u -> assertInstanceOf(WastCommand.Unsupported.class, u).feature()).toList());
    }

    @Test
    void quotedBytesThatAreNotUtf8ReachTheModuleParserAsMalformed() {
        var quote = assertInstanceOf(ModuleSource.Quote.class, assertInstanceOf(WastCommand.AssertMalformed.class,
                WastParser.parse("(assert_malformed (module quote \"(@a \\80)\") \"x\")", "t.wast").commands()
                        .get(0)).module());
        var e = assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(quote.text()));
        assertTrue(e.getMessage().startsWith("malformed UTF-8 encoding"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"(assert_retrun (invoke \"f\"))", "(invoke \"f\" (i32.konst 1))",
        "(assert_return (invoke \"f\") (ref.null bogus))", "(assert_return (call \"f\"))",
        "(assert_return (invoke \"f\") (ref.func 3))"})
    void anyOtherSyntaxErrorFailsTheScript(String command) {
        // Never an unsupported (skipped) command: a typo or a parser bug must not pass as a skip.
        assertThrows(MalformedModuleException.class, () -> WastParser.parse("(module)\n" + command, "t.wast"));
    }

    @Test
    void quoteModulesParseWhetherOrNotTheyRepeatTheModuleKeyword() {
        var fields = WatParser.parseModule("(module (func (nop)))");
        assertEquals(fields, WatParser.parseModule("(module " + "(module (func (nop)))" + ")"));
    }
}
