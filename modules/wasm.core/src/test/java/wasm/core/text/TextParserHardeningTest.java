package wasm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import wasm.core.MalformedModuleException;
import wasm.core.model.BlockType;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.validate.Validator;

/**
 * Regression tests for the lexical rules (newlines, comments), nesting bounds,
 * the data count and error wording of the text parser.
 */
class TextParserHardeningTest {
    /**
     * A hang guard, not a speed check: a million-deep input takes 2 to 4 s of CPU, but on a
     * machine shared by many builds it waited over 30 s for a core.
     */
    private static final Duration LIMIT = Duration.ofSeconds(180);

    private static MalformedModuleException malformed(String text) {
        return assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(text));
    }

    // ------------------------------------------------------------ lexical format

    /** comments.wast:105: a line comment ends at LF, at a lone CR, and at CR LF. */
    @Test
    void lineCommentEndsAtLfCrAndCrLf() {
        for (String nl : List.of("\n", "\r", "\r\n")) {
            Module m = WatParser.parseModule("(module (func (result i32) (i32.const 1) ;; comment" + nl
                    + "  (return (i32.const 2))\n))");
            List<Instruction> code = m.codes().get(0).code();
            assertEquals(Opcode.RETURN, code.get(2).opcode(), "newline " + nl.chars().boxed().toList());
        }
    }

    @Test
    void officialNewlineRecognitionModuleParses() {
        String quote = "(func (export \"f2\") (result i32)  (i32.const 1)  ;; comment\r  (return (i32.const 2))\n)";
        assertEquals(1, WatParser.parseModule(quote).codes().size());
    }

    @Test
    void lineCommentAtEndOfInputNeedsNoNewline() {
        assertEquals(1, WatParser.parseModule("(module (func)) ;; trailing").functions().size());
    }

    @Test
    void positionsCountCrLfAndLoneCrAsOneLineEach() {
        assertTrue(malformed("(module\r\n\tbogus)").getMessage().endsWith(" at 2:2"));
        assertTrue(malformed("(module\r\r  bogus)").getMessage().endsWith(" at 3:3"));
        assertTrue(malformed("(module ;; x\r (;\r\n;) bogus)").getMessage().endsWith(" at 3:4"));
    }

    @Test
    void tabsAreWhitespace() {
        assertEquals(1, WatParser.parseModule("(module\t(func\t(nop)\t)\t)").codes().size());
    }

    @Test
    void blockCommentsNestAndMayHoldLineCommentMarkers() {
        assertEquals(1, WatParser.parseModule("(module (;a(;b(;c;)b;)a;) (func (;x;;y;) (nop)))").codes().size());
        assertEquals(1, WatParser.parseModule("(module (func (;;;) (; ;; ;) (nop)))").codes().size());
        // ";;" inside a block comment does not hide its end on the same line.
        assertEquals(1, WatParser.parseModule("(module (; ;; ;) (func))").functions().size());
    }

    @Test
    void unterminatedBlockCommentIsUnclosedCommentAtItsStart() {
        assertEquals("unclosed comment at 2:3", malformed("(module\n  (; (; ;) never closed\n)").getMessage());
        assertEquals("unclosed comment at 1:9", malformed("(module (;").getMessage());
    }

    // ------------------------------------------------------------ nesting depth

    private static String nested(int n, String open, String inner, String close) {
        StringBuilder sb = new StringBuilder(n * (open.length() + close.length()) + 64);
        sb.append("(module (func (result i32)\n");
        sb.append(open.repeat(n)).append(inner).append(close.repeat(n));
        return sb.append("))").toString();
    }

    private static void assertNestingTooDeep(Throwable t) {
        if (!(t instanceof MalformedModuleException e)) {
            throw new AssertionError("expected MalformedModuleException, got " + t, t);
        }
        assertTrue(e.getMessage().matches("nesting too deep at \\d+:\\d+"), e.getMessage());
    }

    @Test
    void millionNestedFoldedBlocksAreMalformedNotStackOverflow() {
        String text = nested(1_000_000, "(block (result i32) ", "(i32.const 1)", ")");
        assertNestingTooDeep(SmallStack.run(LIMIT, () -> WatParser.parseModule(text)));
    }

    @Test
    void millionNestedFoldedAddsAreMalformedNotStackOverflow() {
        String text = nested(1_000_000, "(i32.add (i32.const 1) ", "(i32.const 2)", ")");
        assertNestingTooDeep(SmallStack.run(LIMIT, () -> WatParser.parseModule(text)));
    }

    @Test
    void millionNestedFlatBlocksParseWithoutRecursion() {
        String blocks = nested(1_000_000, "block (result i32) ", "i32.const 1", " end");
        Module[] out = new Module[1];
        assertNull(SmallStack.run(LIMIT, () -> out[0] = WatParser.parseModule(blocks)));
        assertEquals(2_000_002, out[0].codes().get(0).code().size());
        String ifElse = "(module (func (param i32) " + "local.get 0 if ".repeat(100_000) + "nop"
                + " else nop end".repeat(100_000) + "))";
        assertNull(SmallStack.run(LIMIT, () -> out[0] = WatParser.parseModule(ifElse)));
        assertEquals(100_000 * 5 + 2, out[0].codes().get(0).code().size());
    }

    @Test
    void flatBlockErrorsKeepTheirWording() {
        assertEquals("unexpected token: expected 'end' but found 'else' at 1:25",
                malformed("(module (func block nop else end))").getMessage());
        assertEquals("unexpected token: expected 'end' but found 'else' at 1:39",
                malformed("(module (func i32.const 0 if else nop else end))").getMessage());
        assertEquals("mismatching label at 1:28", malformed("(module (func block $a end $b))").getMessage());
        assertEquals("unexpected token: expected 'end' but found ')' at 1:26",
                malformed("(module (func loop if end))").getMessage());
        Module m = WatParser.parseModule("(module (func i32.const 0 if $l else $l end $l))");
        // i32.const, if, end (the empty else is dropped, as wat2wasm does) and the body's end.
        assertEquals(4, m.codes().get(0).code().size());
    }

    @Test
    void millionNestedFoldedIfsAreMalformedNotStackOverflow() {
        String ifs = nested(1_000_000, "(if (result i32) (i32.const 1) (then ", "(i32.const 1)",
                ") (else (i32.const 0)))");
        assertNestingTooDeep(SmallStack.run(LIMIT, () -> WatParser.parseModule(ifs)));
    }

    @Test
    void nestingUpToTheBoundParsesOnASmallStack() {
        int bound = 256;
        // Blocks plus the folded i32.add and its folded operand: exactly `bound` levels.
        String inner = "(i32.add (i32.const 1) (i32.const 2))";
        String text = nested(bound - 2, "(block (result i32) ", inner, ")");
        Module[] out = new Module[1];
        assertNull(SmallStack.run(LIMIT, () -> out[0] = WatParser.parseModule(text)));
        List<Instruction> code = out[0].codes().get(0).code();
        assertEquals(2 * (bound - 2) + 3 + 1, code.size());
        assertNestingTooDeep(SmallStack.run(LIMIT, () -> WatParser.parseModule(
                nested(bound - 1, "(block (result i32) ", inner, ")"))));
        String tooDeep = "(module (func " + "(block ".repeat(bound + 1) + ")".repeat(bound + 1) + "))";
        assertEquals("nesting too deep at 1:" + (15 + 7 * bound), assertInstanceOf(MalformedModuleException.class,
                SmallStack.run(LIMIT, () -> WatParser.parseModule(tooDeep))).getMessage());
    }

    @Test
    void scriptParserSurvivesDeepModulesAndDeepExpectations() {
        String deepModule = nested(1_000_000, "(block (result i32) ", "(i32.const 1)", ")");
        String deepEither = "(assert_return (invoke \"f\") " + "(either ".repeat(1_000_000) + "(i32.const 1)"
                + ")".repeat(1_000_000) + ")";
        String script = deepModule + "\n(assert_return (invoke \"g\") (i32.const 7))";
        WastScript[] out = new WastScript[1];
        assertNull(SmallStack.run(LIMIT, () -> out[0] = WastParser.parse(script, "deep.wast")));
        List<WastCommand> cs = out[0].commands();
        assertEquals(2, cs.size());
        assertInstanceOf(WastCommand.ModuleCommand.class, cs.get(0));
        assertInstanceOf(WastCommand.AssertReturn.class, cs.get(1));
        // The deep module itself is reported as malformed when it is parsed.
        String text = ((ModuleSource.Text) ((WastCommand.ModuleCommand) cs.get(0)).source()).source();
        assertNestingTooDeep(SmallStack.run(LIMIT, () -> WatParser.parseModule(text)));
        // A deep expectation is a syntax error of the script (never a skipped command), not a stack overflow.
        assertNestingTooDeep(SmallStack.run(LIMIT, () -> WastParser.parse(script + "\n" + deepEither, "deep.wast")));
    }

    @Test
    void unbalancedMillionOpenParensAreUnexpectedEnd() {
        String text = "(module (func " + "(".repeat(1_000_000);
        Throwable t = SmallStack.run(LIMIT, () -> WatParser.parseModule(text));
        assertInstanceOf(MalformedModuleException.class, t);
        Throwable s = SmallStack.run(LIMIT, () -> WastParser.parse(text, "open.wast"));
        assertInstanceOf(MalformedModuleException.class, s);
        assertTrue(s.getMessage().startsWith("unexpected end"), s.getMessage());
    }

    @Test
    void printerHandlesVeryDeepBodiesInLinearSpace() {
        int depth = 200_000;
        List<Instruction> code = new ArrayList<>(2 * depth + 1);
        for (int i = 0; i < depth; i++) {
            code.add(new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY));
        }
        for (int i = 0; i <= depth; i++) {
            code.add(Instruction.END);
        }
        Module m = new Module(List.of(FuncType.of(List.of(), List.of())), List.of(), List.of(0), List.of(),
                List.of(), List.of(), List.of(), OptionalInt.empty(), List.of(), OptionalInt.empty(),
                List.of(new FunctionBody(List.of(), code)), List.of(), NameSection.EMPTY, List.of());
        String[] out = new String[1];
        assertNull(SmallStack.run(LIMIT, () -> out[0] = WatPrinter.print(m)));
        assertTrue(out[0].length() < 160L * depth, "printed " + out[0].length() + " chars");
        // The printer writes flat blocks, which the parser reads back at any depth.
        Module[] back = new Module[1];
        assertNull(SmallStack.run(LIMIT, () -> back[0] = WatParser.parseModule(out[0])));
        assertEquals(m, back[0]);
    }

    // ------------------------------------------------------------ data count

    @Test
    void dataDropSetsDataCountSoTheValidatorAccepts() {
        Module m = WatParser.parseModule("(module (memory 1) (data \"x\") (func (data.drop 0)))");
        assertEquals(OptionalInt.of(1), m.dataCount());
        Validator.validate(m);
    }

    @Test
    void memoryInitSetsDataCountAndPlainModulesHaveNone() {
        Module m = WatParser.parseModule("(module (memory 1) (data $d \"x\") (data \"y\")"
                + " (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))))");
        assertEquals(OptionalInt.of(2), m.dataCount());
        Validator.validate(m);
        assertEquals(OptionalInt.empty(), WatParser.parseModule("(module (memory 1) (data \"x\"))").dataCount());
    }

    // ------------------------------------------------------------ error wording

    @Test
    void missingCloseParenSaysWhatWasExpected() {
        MalformedModuleException e = malformed("(module\n  (type (func) i32.add))");
        assertEquals("unexpected token: expected ')' but found 'i32.add' at 2:16", e.getMessage());
    }

    @Test
    void missingEndSaysWhatWasExpected() {
        MalformedModuleException e = malformed("(module (func block nop)) ");
        assertEquals("unexpected token: expected 'end' but found ')' at 1:24", e.getMessage());
    }

    @Test
    void truncatedInputIsUnexpectedEndWithExpectation() {
        MalformedModuleException e = malformed("(module (func (nop)");
        assertEquals("unexpected end: expected ')' for the '(' of 1:9 at 1:20", e.getMessage());
    }

    @Test
    void hugeTokensAreShortenedInMessages() {
        String big = "\"" + "a".repeat(10_000) + "\"";
        MalformedModuleException e = malformed("(module (type (func) " + big + "))");
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().startsWith("unexpected token: expected ')' but found '\"aaa"), e.getMessage());
    }
}
