package wasm.core.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import wasm.core.MalformedModuleException;
import wasm.core.WasmException;

/**
 * Robustness of the text parsers on hostile input: random mutations of the
 * official mvp/2.0/simd scripts and random token soups (including very deep nesting).
 * Each case runs on a 512 KiB stack with a time limit; WastParser.parse and
 * WatParser.parseModule must return or throw a WasmException, nothing else.
 */
class TextParserFuzzProperties {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    /** The shape of every malformed-text message: spec wording, optional detail, position. */
    private static final Pattern POSITIONED = Pattern.compile("[a-z].* at \\d+:\\d+", Pattern.DOTALL);
    private static final String SPECIALS = "()\"; \r\n\\$0x";

    private static final List<String> WORDS = List.of(
            "(", "(", "(", ")", ")", ")", "module", "func", "param", "result", "local", "type", "i32", "i64",
            "f32", "f64", "funcref", "externref", "block", "loop", "if", "then", "else", "end", "br", "br_table",
            "call_indirect", "i32.const", "f64.const", "0", "-0x1p+3", "nan:0x7", "inf", "$x", "$\"y\"", "\"s\"",
            "\"\\u{41}\"", "\"\\ff\"", "local.get", "select", "i32.add", "i32.load", "offset=4", "align=3",
            "memory", "table", "elem", "data", "offset", "item", "declare", "export", "import", "global", "mut",
            "start", "ref.null", "ref.func", "extern", "memory.init", "data.drop", "assert_return", "invoke",
            "assert_trap", "assert_malformed", "quote", "binary", "either", "register", "(;c;)", ";;c\r", "\t",
            "\r\n", "(@a x)", "v128.const", "i8x16", "\"", "(;", "\u0001", "é", "0x", "1_", "_1");

    /** The text of every mvp/2.0/simd script of the suite; fails loudly when the suite is missing. */
    private static List<String> scripts() {
        try {
            List<String> out = new ArrayList<>();
            for (Path p : SpecSuiteTextTest.files("mvp", "2.0", "simd")) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
            assertTrue(out.size() >= 60, "expected the mvp/2.0/simd scripts, found " + out.size());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One to five edits of a random official script: delete, duplicate, insert, swap or cut. */
    @Provide
    Arbitrary<String> mutatedScripts() {
        List<String> scripts = scripts();
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder(scripts.get(r.nextInt(scripts.size())));
            int edits = 1 + r.nextInt(5);
            for (int i = 0; i < edits && !sb.isEmpty(); i++) {
                int at = r.nextInt(sb.length());
                int len = Math.min(sb.length() - at, 1 + r.nextInt(r.nextBoolean() ? 8 : 400));
                switch (r.nextInt(6)) {
                    case 0 -> sb.delete(at, at + len);
                    case 1 -> sb.insert(at, sb.substring(at, at + len));
                    case 2 -> sb.insert(at, WORDS.get(r.nextInt(WORDS.size())));
                    case 3 -> sb.setCharAt(at, SPECIALS.charAt(r.nextInt(SPECIALS.length())));
                    case 4 -> sb.setLength(at);
                    default -> sb.insert(at, "(block ".repeat(1 + r.nextInt(3000)));
                }
            }
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<String> soups() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "(module " : "");
            int n = r.nextInt(200);
            for (int i = 0; i < n; i++) {
                if (r.nextInt(50) == 0) {
                    sb.append("(i32.add ".repeat(r.nextInt(5000)));
                }
                sb.append(WORDS.get(r.nextInt(WORDS.size()))).append(r.nextInt(4) == 0 ? "" : " ");
            }
            return sb.toString();
        });
    }

    /** Runs the parse on a small stack; anything but success or a WasmException fails the property. */
    private static void parsesOrRejects(String what, Runnable parse) {
        Throwable t = SmallStack.run(LIMIT, parse);
        if (t != null && !(t instanceof WasmException)) {
            throw new AssertionError(what + " threw " + t, t);
        }
        if (t instanceof MalformedModuleException e && !POSITIONED.matcher(e.getMessage()).matches()) {
            throw new AssertionError(what + ": message lacks ' at LINE:COL': " + e.getMessage(), e);
        }
    }

    /** The script parser, then every text or quote module it found. */
    private static void parseAll(String text) {
        parsesOrRejects("WastParser.parse", () -> {
            WastScript s = WastParser.parse(text, "fuzz.wast");
            for (WastCommand c : s.commands()) {
                ModuleSource m = switch (c) {
                    case WastCommand.ModuleCommand mc -> mc.source();
                    case WastCommand.AssertMalformed a -> a.module();
                    case WastCommand.AssertInvalid a -> a.module();
                    default -> null;
                };
                String src = m == null ? null : SpecSuiteTextTest.textOf(m);
                if (src != null) {
                    try {
                        WatParser.parseModule(src);
                    } catch (WasmException e) {
                        // rejected with the spec's wording: fine
                    }
                }
            }
        });
        parsesOrRejects("WatParser.parseModule", () -> WatParser.parseModule(text));
    }

    @Property(tries = 150)
    void mutatedOfficialScriptsParseOrFailWithWasmException(@ForAll("mutatedScripts") String text) {
        parseAll(text);
    }

    @Property(tries = 1000)
    void tokenSoupsParseOrFailWithWasmException(@ForAll("soups") String text) {
        parseAll(text);
    }
}
