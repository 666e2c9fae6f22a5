package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link ArgCursor}, the option walk of run, explore and test: {@code --flag=value},
 * missing values, values on flags, {@code --}, the {@code -ON} spelling, and that
 * every message names the command. Each case walks a small command line with
 * {@link #walk}, a command that knows {@code --name VALUE}, {@code --jit
 * strict|fallback}, {@code --opt-level}, the flag {@code --quiet} and takes
 * operands, and records what it saw.
 */
class ArgCursorTest {

    /** What one walk saw, one entry per argument: "name=V", "jit=V", "O=N", "quiet", "operand:X", "--". */
    private static List<String> walk(ArgCursor cursor) {
        List<String> seen = new ArrayList<>();
        while (cursor.next()) {
            if (cursor.isOperand()) {
                seen.add("operand:" + cursor.operand());
                continue;
            }
            switch (cursor.option()) {
                case "--" -> seen.add("--");
                case "--name" -> seen.add("name=" + cursor.value("a name"));
                case "--jit" -> seen.add("jit=" + cursor.choice("strict", "fallback"));
                case "--opt-level" -> seen.add("O=" + cursor.optLevel());
                case "--quiet" -> seen.add(cursor.flag() ? "quiet" : "?");
                default -> throw cursor.unknownOption();
            }
        }
        return seen;
    }

    private static List<String> walk(String... argv) {
        return walk(new ArgCursor("cmd", List.of(argv)));
    }

    /** The message of the usage error that walking {@code argv} raises, with the given wording. */
    private static String error(ArgCursor.Wording wording, String... argv) {
        ArgCursor cursor = new ArgCursor("cmd", List.of(argv), wording, UsageException::new);
        return assertThrows(UsageException.class, () -> walk(cursor)).getMessage();
    }

    private static String error(String... argv) {
        return error(ArgCursor.Wording.EXPECTS, argv);
    }

    @Test
    void valueInlineAfterEqualsOrAsTheNextArgument() {
        assertEquals(List.of("name=a", "name=b", "name=x=y", "name="),
                walk("--name=a", "--name", "b", "--name=x=y", "--name="));
    }

    @Test
    void nextArgumentIsTheValueWhateverItLooksLike() {
        assertEquals(List.of("name=-5", "name=--quiet", "name=--", "operand:f"),
                walk("--name", "-5", "--name", "--quiet", "--name", "--", "f"));
    }

    @Test
    void missingValueIsWordedByTheCommandsWording() {
        assertEquals("cmd: --name needs a value", error("f", "--name"));
        assertEquals("cmd: --jit needs a value", error("--jit"));
        assertEquals("cmd: --name needs a name", error(ArgCursor.Wording.MUST_BE, "--name"));
        assertEquals("cmd: --jit needs strict or fallback", error(ArgCursor.Wording.MUST_BE, "--jit"));
        assertEquals("cmd: --opt-level needs 0, 1 or 2", error(ArgCursor.Wording.MUST_BE, "--opt-level"));
    }

    @Test
    void choiceOutsideItsAlternativesIsAUsageError() {
        assertEquals(List.of("jit=strict", "jit=fallback"), walk("--jit=strict", "--jit", "fallback"));
        assertEquals("cmd: --jit expects strict or fallback, got 'fast'", error("--jit=fast"));
        assertEquals("cmd: --jit must be strict or fallback, got 'fast'",
                error(ArgCursor.Wording.MUST_BE, "--jit", "fast"));
        assertEquals("cmd: --jit expects strict or fallback, got ''", error("--jit="));
    }

    @Test
    void flagTakesNoValue() {
        assertEquals(List.of("quiet", "operand:f"), walk("--quiet", "f"));
        assertEquals("cmd: --quiet takes no value", error("--quiet=yes"));
        assertEquals("cmd: --quiet takes no value", error("--quiet="));
    }

    @Test
    void optLevelInBothSpellings() {
        assertEquals(List.of("O=0", "O=1", "O=2", "O=1", "O=2"),
                walk("-O0", "-O1", "-O2", "--opt-level", "1", "--opt-level=2"));
        // -O with digits is an opt level, a bad one if not 0..2, never an unknown option.
        assertEquals("cmd: --opt-level expects 0, 1 or 2, got '3'", error("-O3"));
        assertEquals("cmd: --opt-level expects 0, 1 or 2, got '00'", error("-O00"));
        assertEquals("cmd: --opt-level must be 0, 1 or 2, got '7'", error(ArgCursor.Wording.MUST_BE, "-O7"));
        assertEquals("cmd: --opt-level expects 0, 1 or 2, got 'two'", error("--opt-level", "two"));
        // Without digits it is no opt level: reported as given.
        assertEquals("cmd: unknown option '-O'", error("-O", "1"));
        assertEquals("cmd: unknown option '-Ofast'", error("-Ofast"));
    }

    @Test
    void optLevelSpellingIsUnknownToACommandWithoutOptLevel() {
        ArgCursor cursor = new ArgCursor("cmd", List.of("-O1"));
        assertTrue(cursor.next());
        assertEquals("--opt-level", cursor.option());
        assertEquals("cmd: unknown option '-O1'", cursor.unknownOption().getMessage());
    }

    @Test
    void doubleDashEndsTheOptions() {
        assertEquals(List.of("quiet", "--", "operand:--quiet", "operand:-O1", "operand:--", "operand:-x"),
                walk("--quiet", "--", "--quiet", "-O1", "--", "-x"));
    }

    @Test
    void restAfterDoubleDashIsEverythingLeftAsGiven() {
        ArgCursor cursor = new ArgCursor("run", List.of("f.wasm", "--", "--env", "A=1", "--"));
        assertTrue(cursor.next());
        assertEquals("f.wasm", cursor.operand());
        assertTrue(cursor.next());
        assertEquals("--", cursor.option());
        assertEquals(List.of("--env", "A=1", "--"), cursor.rest());
        assertFalse(cursor.next());
        assertEquals(List.of(), cursor.rest());
    }

    @Test
    void singleDashIsAnOperandAndOtherDashedWordsAreOptions() {
        assertEquals(List.of("operand:-", "operand:f.wasm"), walk("-", "f.wasm"));
        assertEquals("cmd: unknown option '--bogus'", error("--bogus"));
        assertEquals("cmd: unknown option '--bogus=1'", error("--bogus=1"));
        assertEquals("cmd: unknown option '-q'", error("-q"));
        // Only "--" options split at '=': "-x=1" and "--=1" are names as given.
        assertEquals("cmd: unknown option '-x=1'", error("-x=1"));
        assertEquals("cmd: unknown option '--=1'", error("--=1"));
    }

    @Test
    void everyMessageStartsWithTheCommandName() {
        ArgCursor cursor = new ArgCursor("explore", List.of("a.wasm", "b.wasm"));
        assertTrue(cursor.next());
        assertTrue(cursor.next());
        assertEquals("explore: unexpected argument 'b.wasm'", cursor.unexpectedArgument().getMessage());
        assertEquals("explore: unexpected argument 'b.wasm' (one FILE only)",
                cursor.unexpectedArgument("one FILE only").getMessage());
        assertFalse(cursor.next());
        assertEquals("explore: missing FILE argument", cursor.missingArgument("FILE").getMessage());
        assertEquals("explore: anything", cursor.error("anything").getMessage());
    }

    @Test
    void usageErrorsAreMadeByTheCommandsFactory() {
        final class CommandSpecific extends RuntimeException {
            CommandSpecific(String message) {
                super(message);
            }
        }
        ArgCursor cursor = new ArgCursor("test", List.of("--json"), ArgCursor.Wording.MUST_BE,
                CommandSpecific::new);
        assertTrue(cursor.next());
        CommandSpecific e = assertThrows(CommandSpecific.class, () -> cursor.value("an output file"));
        assertEquals("test: --json needs an output file", e.getMessage());
    }

    @Test
    void askingForTheWrongKindOfArgumentIsAProgrammingError() {
        ArgCursor cursor = new ArgCursor("cmd", List.of("f", "--quiet"));
        assertThrows(IllegalStateException.class, cursor::isOperand, "before next()");
        assertTrue(cursor.next());
        assertThrows(IllegalStateException.class, cursor::option);
        assertTrue(cursor.next());
        assertThrows(IllegalStateException.class, cursor::operand);
    }
}
