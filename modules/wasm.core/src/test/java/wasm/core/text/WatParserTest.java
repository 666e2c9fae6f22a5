package wasm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wasm.core.Feature;
import wasm.core.InvalidModuleException;
import wasm.core.MalformedModuleException;
import wasm.core.UnsupportedFeatureException;
import wasm.core.model.BlockType;
import wasm.core.model.CustomSection;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.core.model.ValType;

/** The text parser against hand-built models: abbreviations, literals and errors. */
class WatParserTest {
    private static final Instruction END = Instruction.END;

    private static List<Instruction> code(String body) {
        return WatParser.parseModule("(module (memory 1) (table 1 funcref) (func " + body + "))").codes().get(0)
                .code();
    }

    private static Instruction.I32Const i32(int v) {
        return new Instruction.I32Const(v);
    }

    private static String error(String text) {
        return assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(text)).getMessage();
    }

    @Test
    void bareFieldsAndModuleWrapperAreEquivalent() {
        assertEquals(WatParser.parseModule("(func (result i32) i32.const 1)"),
                WatParser.parseModule("(module $m (func (result i32) i32.const 1))"));
    }

    @Test
    void foldedAndFlatInstructionsGiveTheSameCode() {
        List<Instruction> flat = code("(result i32) i32.const 1 i32.const 2 i32.add");
        List<Instruction> folded = code("(result i32) (i32.add (i32.const 1) (i32.const 2))");
        assertEquals(flat, folded);
        assertEquals(List.of(i32(1), i32(2), Instruction.plain(Opcode.I32_ADD), END), flat);
    }

    @Test
    void foldedIfPutsTheConditionFirstAndDropsAnEmptyElse() {
        List<Instruction> c = code("(if (i32.const 1) (then nop) (else))");
        assertEquals(List.of(i32(1), new Instruction.Block(Opcode.IF, BlockType.EMPTY), Instruction.plain(Opcode.NOP),
                END, END), c);
        List<Instruction> withElse = code("(if $l (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))"
                + " drop");
        assertEquals(List.of(i32(1), new Instruction.Block(Opcode.IF, new BlockType.Value(ValType.I32)), i32(2),
                Instruction.plain(Opcode.ELSE), i32(3), END, Instruction.plain(Opcode.DROP), END), withElse);
    }

    @Test
    void labelsResolveToDepthsWithShadowing() {
        List<Instruction> c = code("(block $a (block $b (loop $a (br $a) (br $b) (br 2) (br_if $a (i32.const 0)))))");
        assertEquals(new Instruction.Indexed(Opcode.BR, 0), c.get(3));
        assertEquals(new Instruction.Indexed(Opcode.BR, 1), c.get(4));
        assertEquals(new Instruction.Indexed(Opcode.BR, 2), c.get(5));
        assertEquals(new Instruction.Indexed(Opcode.BR_IF, 0), c.get(7));
        List<Instruction> t = code("block $x block $y i32.const 0 br_table $x $y 0 end $y end $x");
        assertEquals(new Instruction.BrTable(List.of(1, 0), 0), t.get(3));
    }

    @Test
    void localsAndParamsShareOneIndexSpace() {
        List<Instruction> c = code("(param $p i32) (param f32) (local $x i64) (local f64) (local $y i32) "
                + "(drop (local.get $p)) (drop (local.get $x)) (drop (local.get $y)) (local.set 1 (f32.const 0))");
        assertEquals(new Instruction.Indexed(Opcode.LOCAL_GET, 0), c.get(0));
        assertEquals(new Instruction.Indexed(Opcode.LOCAL_GET, 2), c.get(2));
        assertEquals(new Instruction.Indexed(Opcode.LOCAL_GET, 4), c.get(4));
        assertEquals(new Instruction.Indexed(Opcode.LOCAL_SET, 1), c.get(7));
        Module m = WatParser.parseModule("(func (param $p i32) (param f32) (local $x i64) (local f64 i32))");
        assertEquals(List.of(ValType.I64, ValType.F64, ValType.I32), m.codes().get(0).locals());
    }

    @Test
    void implicitTypesAreAppendedAfterExplicitOnesInTextOrder() {
        Module m = WatParser.parseModule("""
                (func (param i32))
                (type $t (func (result i32)))
                (func (type $t) (i32.const 0))
                (func (block (param i64) (result i64 i64) unreachable) )
                (func (param i32))
                (func (call_indirect (param f32) (i32.const 0)))
                """);
        assertEquals(List.of(FuncType.of(List.of(), List.of(ValType.I32)),
                FuncType.of(List.of(ValType.I32), List.of()),
                FuncType.of(List.of(), List.of()),
                FuncType.of(List.of(ValType.I64), List.of(ValType.I64, ValType.I64)),
                FuncType.of(List.of(ValType.F32), List.of())), m.types());
        assertEquals(List.of(1, 0, 2, 1, 2), m.functions());
        assertEquals(new Instruction.Block(Opcode.BLOCK, new BlockType.TypeIndex(3)), m.codes().get(2).code().get(0));
        assertEquals(new Instruction.Indexed2(Opcode.CALL_INDIRECT, 4, 0), m.codes().get(4).code().get(1));
    }

    @Test
    void blockTypesUseTheShortFormWhenPossible() {
        Module m = WatParser.parseModule("(type $v (func (result f64))) (func (block (type $v) unreachable) (block"
                + " (result i32) unreachable) (block unreachable))");
        List<Instruction> c = m.codes().get(0).code();
        assertEquals(new Instruction.Block(Opcode.BLOCK, new BlockType.Value(ValType.F64)), c.get(0));
        assertEquals(new Instruction.Block(Opcode.BLOCK, new BlockType.Value(ValType.I32)), c.get(3));
        assertEquals(new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY), c.get(6));
        assertEquals(1, m.types().size() - 1, "only the function's own [] -> [] type is added");
    }

    @Test
    void inlineImportsAndExports() {
        Module m = WatParser.parseModule("""
                (func $f (export "f1") (export "f2") (import "m" "f") (param i32))
                (table $t (export "t") (import "m" "t") 1 2 funcref)
                (memory $mem (import "m" "mem") 1)
                (global $g (export "g") (import "m" "g") (mut i64))
                (global (export "h") f32 (f32.const 1))
                (func (export "k") (call $f (global.get $g) (i32.wrap_i64)))
                """);
        assertEquals(List.of(new Import("m", "f", new ImportDesc.Func(0)),
                new Import("m", "t", new ImportDesc.Table(new TableType(ValType.FUNCREF, new Limits(1, 2)))),
                new Import("m", "mem", new ImportDesc.Memory(new MemoryType(Limits.of(1)))),
                new Import("m", "g", new ImportDesc.Global(new GlobalType(ValType.I64, true)))), m.imports());
        assertEquals(List.of(new Export("f1", ExternKind.FUNC, 0), new Export("f2", ExternKind.FUNC, 0),
                new Export("t", ExternKind.TABLE, 0), new Export("g", ExternKind.GLOBAL, 0),
                new Export("h", ExternKind.GLOBAL, 1), new Export("k", ExternKind.FUNC, 1)), m.exports());
        assertEquals(List.of(new Instruction.F32Const(0x3f800000), END), m.globals().get(0).init());
    }

    @Test
    void tableWithInlineElementsAndMemoryWithInlineData() {
        Module m = WatParser.parseModule("""
                (func $a) (func $b)
                (table $t funcref (elem $b $a $b))
                (memory (data "ab" "c"))
                (table externref (elem (ref.null extern)))
                """);
        assertEquals(List.of(new TableType(ValType.FUNCREF, new Limits(3, 3)),
                new TableType(ValType.EXTERNREF, new Limits(1, 1))), m.tables());
        assertEquals(List.of(new MemoryType(new Limits(1, 1))), m.memories());
        List<Instruction> zero = List.of(i32(0), END);
        assertEquals(new ElementSegment(ValType.FUNCREF, List.of(refFunc(1), refFunc(0), refFunc(1)),
                SegmentMode.ACTIVE, 0, zero), m.elements().get(0));
        assertEquals(new ElementSegment(ValType.EXTERNREF, List.of(List.of(new Instruction.RefNull(ValType.EXTERNREF),
                END)), SegmentMode.ACTIVE, 1, zero), m.elements().get(1));
        assertEquals(new DataSegment("abc".getBytes(), SegmentMode.ACTIVE, 0, zero), m.datas().get(0));
    }

    private static List<Instruction> refFunc(int f) {
        return List.of(new Instruction.Indexed(Opcode.REF_FUNC, f), END);
    }

    @Test
    void elementSegmentForms() {
        Module m = WatParser.parseModule("""
                (table $t 10 funcref) (func $f) (func $g)
                (elem (i32.const 1) $f $g)
                (elem $e (table $t) (offset (i32.const 2)) func $g)
                (elem func $f)
                (elem declare func $g)
                (elem funcref (item ref.func $f) (ref.null func))
                (elem (table 0) (i32.const 3) funcref (item (ref.func 1)))
                (func (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop 2))
                """);
        List<ElementSegment> e = m.elements();
        assertEquals(new ElementSegment(ValType.FUNCREF, List.of(refFunc(0), refFunc(1)), SegmentMode.ACTIVE, 0,
                List.of(i32(1), END)), e.get(0));
        assertEquals(new ElementSegment(ValType.FUNCREF, List.of(refFunc(1)), SegmentMode.ACTIVE, 0,
                List.of(i32(2), END)), e.get(1));
        assertEquals(SegmentMode.PASSIVE, e.get(2).mode());
        assertEquals(SegmentMode.DECLARATIVE, e.get(3).mode());
        assertEquals(List.of(refFunc(0), List.of(new Instruction.RefNull(ValType.FUNCREF), END)), e.get(4).items());
        assertEquals(List.of(i32(3), END), e.get(5).offset());
        List<Instruction> c = m.codes().get(2).code();
        assertEquals(new Instruction.Indexed2(Opcode.TABLE_INIT, 1, 0), c.get(3));
        assertEquals(new Instruction.Indexed(Opcode.ELEM_DROP, 2), c.get(4));
    }

    @Test
    void dataSegmentFormsAndDataCount() {
        Module m = WatParser.parseModule("""
                (memory $m 1)
                (data (i32.const 0) "a\\n\\t\\\\\\'\\"\\00\\ff\\u{1F600}")
                (data $d (memory $m) (offset i32.const 8) "x")
                (data $p "p")
                (func (data.drop $p) (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0)))
                """);
        byte[] expected = {'a', '\n', '\t', '\\', '\'', '"', 0, (byte) 0xff, (byte) 0xF0, (byte) 0x9F, (byte) 0x98,
                (byte) 0x80};
        assertEquals(new DataSegment(expected, SegmentMode.ACTIVE, 0, List.of(i32(0), END)), m.datas().get(0));
        assertEquals(List.of(i32(8), END), m.datas().get(1).offset());
        assertEquals(SegmentMode.PASSIVE, m.datas().get(2).mode());
        assertEquals(OptionalInt.of(3), m.dataCount());
        assertEquals(new Instruction.Indexed(Opcode.DATA_DROP, 2), m.codes().get(0).code().get(0));
        assertEquals(new Instruction.Indexed2(Opcode.MEMORY_INIT, 1, 0), m.codes().get(0).code().get(4));
        assertEquals(OptionalInt.empty(), WatParser.parseModule("(memory 1) (data (i32.const 0) \"\")").dataCount());
    }

    @Test
    void memoryArguments() {
        List<Instruction> c = code("(drop (i32.load (i32.const 0))) (drop (i64.load16_s offset=0x10 align=1 (i32.const 0)))"
                + " (f64.store offset=4294967295 (i32.const 0) (f64.const 0))");
        assertEquals(new Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 0), c.get(1));
        assertEquals(new Instruction.MemoryAccess(Opcode.I64_LOAD16_S, 0, 16), c.get(4));
        assertEquals(new Instruction.MemoryAccess(Opcode.F64_STORE, 3, 4294967295L), c.get(8));
        assertTrue(error("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))").startsWith("alignment must be a power of two at 1:"));
    }

    @Test
    void otherImmediates() {
        Module m = WatParser.parseModule("""
                (table $a 1 funcref) (table $b 1 externref) (global $g (mut i32) (i32.const 0))
                (func (param externref) (result i32)
                  (table.set $b (i32.const 0) (local.get 0))
                  (table.copy $a $a (i32.const 0) (i32.const 0) (i32.const 0))
                  (drop (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)))
                  (drop (ref.is_null (ref.null func)))
                  (drop (table.size $b)) (global.set $g (memory.size))
                  (table.grow 1 (ref.null extern) (i32.const 1)))
                (memory 1)
                """);
        List<Instruction> c = m.codes().get(0).code();
        assertEquals(new Instruction.Indexed(Opcode.TABLE_SET, 1), c.get(2));
        assertEquals(new Instruction.Indexed2(Opcode.TABLE_COPY, 0, 0), c.get(6));
        assertEquals(new Instruction.SelectTyped(List.of(ValType.I32)), c.get(10));
        assertEquals(new Instruction.RefNull(ValType.FUNCREF), c.get(12));
        assertEquals(new Instruction.Indexed(Opcode.TABLE_SIZE, 1), c.get(15));
        assertEquals(new Instruction.Indexed(Opcode.MEMORY_SIZE, 0), c.get(17));
        assertEquals(new Instruction.Indexed(Opcode.GLOBAL_SET, 0), c.get(18));
        assertEquals(new Instruction.Indexed(Opcode.TABLE_GROW, 1), c.get(21));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0", "-1 | -1", "0xffffffff | -1", "-0x80000000 | -2147483648", "4_294_967_295 | -1",
        "+2147483647 | 2147483647", "0x1_0 | 16"})
    void i32Literals(String literal, int value) {
        assertEquals(List.of(i32(value), Instruction.plain(Opcode.DROP), END), code("(drop (i32.const " + literal + "))"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0x7fffffffffffffff | 9223372036854775807", "-0x8000000000000000 | -9223372036854775808",
        "18446744073709551615 | -1", "1_000 | 1000"})
    void i64Literals(String literal, long value) {
        assertEquals(new Instruction.I64Const(value), code("(drop (i64.const " + literal + "))").get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 00000000", "-0 | 80000000", "1 | 3f800000", "0x1p-149 | 00000001", "0x1.fffffep127 | 7f7fffff",
        "inf | 7f800000", "-inf | ff800000", "nan | 7fc00000", "-nan | ffc00000", "nan:0x1 | 7f800001",
        "-nan:0x7fffff | ffffffff", "0.1 | 3dcccccd", "1e-45 | 00000001", "0x1.000001p0 | 3f800000",
        "0x1.0000010000000000001p0 | 3f800001", "0x1.000003p0 | 3f800002", "1.0e10 | 501502f9",
        "0x1.fffffefffffffffp127 | 7f7fffff", "3.4028235e38 | 7f7fffff", "1_0.0_1e0_1 | 42c83333",
        "0x0.0000_02p-126 | 00000001",
        "0x1p-150 | 00000000", "0x1.0000000000001p-150 | 00000001"})
    void f32Literals(String literal, String bitsHex) {
        assertEquals(new Instruction.F32Const(Integer.parseUnsignedInt(bitsHex, 16)),
                code("(drop (f32.const " + literal + "))").get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0000000000000000", "-0.0 | 8000000000000000", "0.1 | 3fb999999999999a",
        "0x1p-1074 | 0000000000000001", "0x1.fffffffffffffp1023 | 7fefffffffffffff", "nan | 7ff8000000000000",
        "nan:0xfffffffffffff | 7fffffffffffffff", "1e308 | 7fe1ccf385ebc8a0", "4.9e-324 | 0000000000000001",
        "2.2250738585072011e-308 | 000fffffffffffff", "0x1.00000000000008p0 | 3ff0000000000000",
        "0x1.00000000000018p0 | 3ff0000000000002"})
    void f64Literals(String literal, String bitsHex) {
        assertEquals(new Instruction.F64Const(Long.parseUnsignedLong(bitsHex, 16)),
                code("(drop (f64.const " + literal + "))").get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(func (i32.const 0x100000000) drop) | i32 constant out of range",
        "(func (i32.const -2147483649) drop) | i32 constant out of range",
        "(func (i64.const 18446744073709551616) drop) | i64 constant out of range",
        "(func (f32.const 0x1p128) drop) | constant out of range",
        "(func (f32.const 1e39) drop) | constant out of range",
        "(func (f64.const 1e309) drop) | constant out of range",
        "(func (f32.const nan:0x0) drop) | constant out of range",
        "(func (f32.const nan:0x800000) drop) | constant out of range",
        "(func (i32.const 0x) drop) | unknown operator",
        "(func (f32.const .0) drop) | unknown operator",
        "(func (f32.const 0x0pA) drop) | unknown operator",
        "(func (i32.const) drop) | unexpected token",
        "(func (result f32) (f32.const nan:arithmetic)) | unexpected token",
        "(func (drop (i32.const0))) | unknown operator",
        "(func br 0drop) | unknown operator",
        "(func (block $l (br_table 0$l))) | unknown operator",
        "(func (block $l (br_table $l0))) | unknown label",
        "(data $l\"a\") | unknown operator",
        "(func block end $l) | mismatching label",
        "(func block $a end $b) | mismatching label",
        "(func (br $nowhere)) | unknown label",
        "(func (call $nowhere)) | unknown function",
        "(func (global.get $nowhere)) | unknown global",
        "(func (local.get $nowhere)) | unknown local",
        "(func (type $nowhere)) | unknown type",
        "(func $f) (func $f) | duplicate func",
        "(func (param $x i32) (local $x i32)) | duplicate local",
        "(type $t (func)) (func (type $t) (param i32)) | inline function type",
        "(func (block (param $x i32))) | unexpected token",
        "(func (result i32) (param i32)) | unexpected token",
        "(func) (import \"\" \"\" (func)) | import after function",
        "(global i32 (i32.const 0)) (import \"\" \"\" (memory 1)) | import after global",
        "(func) (start 0) (start 0) | multiple start sections",
        "(func (export \"\\80\")) | malformed UTF-8 encoding",
        "(func (nop) | unexpected end",
        "(func (foo)) | unknown operator",
        "(func) (func)) | unexpected token",
        "(memory 1) (func (drop (i32.load align=0 (i32.const 0)))) | alignment"})
    void malformedTextIsRejectedWithTheSpecWording(String text, String message) {
        String msg = error(text);
        assertTrue(msg.startsWith(message) && msg.matches(".* at \\d+:\\d+"), msg);
    }

    @Test
    void errorPositionsAreLineAndColumn() {
        assertEquals("unknown operator i32.foo at 3:5", error("(module\n  (func\n    i32.foo))"));
    }

    @Test
    void commentsAndAnnotationsAreSkipped() {
        Module m = WatParser.parseModule("""
                ;; line comment
                (module (; block (; nested ;) comment ;)
                  (@x "x" (bla "(" ) (@) (@ y))
                  (func (@x "f") nop ;; trailing
                  ))
                """);
        assertEquals(List.of(Instruction.plain(Opcode.NOP), END), m.codes().get(0).code());
        assertEquals(NameSection.EMPTY, m.names());
        assertEquals(List.of(), m.customSections());
    }

    @Test
    void customAndNameAnnotationsGiveSectionsAndNames() {
        Module m = WatParser.parseModule("""
                (module $m (@name "Modul")
                  (@custom "a" "x" "yz")
                  (func $f (@name "λ") (param i32)
                    local.get 0 (@metadata.code.branch_hint "\\01") if end)
                  (@custom "b" (after func)))
                """);
        assertEquals(List.of(new CustomSection("a", "xyz".getBytes(StandardCharsets.UTF_8)),
                new CustomSection("b", new byte[0])), m.customSections());
        assertEquals(new NameSection("Modul", Map.of(0, "λ"), Map.of()), m.names());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(module (@custom 4)) | @custom annotation: missing section name at 1:9",
        "(module (@custom \"a\" (before types))) | @custom annotation: malformed section kind at 1:9",
        "(module (func (@custom \"a\"))) | misplaced @custom annotation at 1:15",
        "(module (func) (@name \"M\")) | misplaced @name annotation at 1:16",
        "(module (@metadata.code.branch_hint \"\\01\")) | @metadata.code.branch_hint annotation: not in a function at 1:9",
        // a syntax error of the module itself is reported before any annotation's
        "(module (@custom 4) (func (foo))) | unknown operator foo at 1:28"})
    void malformedCustomAnnotations(String text, String message) {
        assertEquals(message, error(text));
    }

    @Test
    void aBranchHintOnAnInstructionThatIsNotABranchIsInvalid() {
        var e = assertThrows(InvalidModuleException.class, () -> WatParser.parseModule(
                "(module (func i32.const 0 (@metadata.code.branch_hint \"\\00\") drop))"));
        assertEquals("@metadata.code.branch_hint annotation: invalid target at 1:27", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(func (param (ref func))) | FUNCTION_REFERENCES", "(tag $e) | EXCEPTIONS",
        "(type (struct)) | GC", "(func try end) | EXCEPTIONS", "(func (return_call_ref 0)) | FUNCTION_REFERENCES",
        "(memory 1 1 shared) | THREADS", "(func (drop (ref.i31 (i32.const 0)))) | GC",
        "(func br_on_cast 0 anyref anyref) | GC", "(func (call_ref 0)) | FUNCTION_REFERENCES"})
    void laterProposalsAreUnsupported(String text, Feature feature) {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> WatParser.parseModule(text));
        assertEquals(feature, e.feature(), e.getMessage());
        assertTrue(e.getMessage().startsWith("unsupported feature: " + feature.label() + " ("), e.getMessage());
    }

    @Test
    void importedModuleNamesAreReadFromTheTokensAlone() {
        // The second import needs typed function references: the parser would stop there, the token scan does not.
        String text = """
                (module (import "a" "f" (func)) (memory (import "b" "m") 1)
                  (func (import "c" "g") (param (ref func))) (func (export "import")))""";
        assertEquals(java.util.Set.of("a", "b", "c"), WatParser.importedModuleNames(text));
    }

    @Test
    void nameSectionStaysEmpty() {
        Module m = WatParser.parseModule("(module $m (func $f (param $x i32)))");
        assertTrue(m.names().functionNames().isEmpty() && m.names().moduleName() == null);
    }
}
