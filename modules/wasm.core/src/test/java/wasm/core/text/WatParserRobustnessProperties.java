package wasm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import wasm.core.WasmException;
import wasm.core.model.Module;

/**
 * Random token soups built from the format's own words: the parser either
 * returns a module or throws a WasmException (never an unchecked Java error),
 * and whatever it accepts survives print -> parse unchanged.
 */
class WatParserRobustnessProperties {
    private static final List<String> WORDS = List.of(
            "module", "func", "param", "result", "local", "type", "i32", "i64", "f32", "f64", "funcref",
            "externref", "block", "loop", "if", "then", "else", "end", "br", "br_if", "br_table", "return",
            "call", "call_indirect", "i32.const", "i64.const", "f32.const", "f64.const", "0", "1", "-1", "0x10",
            "1.5", "nan:0x1", "inf", "$x", "$y", "\"s\"", "\"\\ff\"", "local.get", "local.set", "global.get",
            "drop", "select", "nop", "i32.add", "i32.load", "offset=4", "align=2", "align=3", "memory", "table",
            "elem", "data", "offset", "item", "declare", "export", "import", "global", "mut", "start",
            "ref.null", "ref.func", "extern", "table.init", "memory.init", "data.drop", "unreachable", "v128",
            "foo", "0x", "(;c;)", ";;c\n", "$\"s\"");

    @Provide
    Arbitrary<String> soups() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder("(module");
            int depth = 1;
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(10);
                if (k < 3) {
                    sb.append(" (").append(WORDS.get(r.nextInt(WORDS.size())));
                    depth++;
                } else if (k < 5 && depth > 1) {
                    sb.append(')');
                    depth--;
                } else {
                    sb.append(' ').append(WORDS.get(r.nextInt(WORDS.size())));
                }
            }
            if (r.nextInt(10) > 0) {
                sb.append(")".repeat(depth));
            }
            return sb.toString();
        });
    }

    @Property(tries = 2000)
    void parserFailsOnlyWithWasmExceptions(@ForAll("soups") String text) {
        Module m;
        try {
            m = WatParser.parseModule(text);
        } catch (WasmException e) {
            return;
        }
        assertEquals(m, WatParser.parseModule(WatPrinter.print(m)), text);
    }

    @Property(tries = 500)
    void scriptParserFailsOnlyWithWasmExceptions(@ForAll("soups") String text) {
        try {
            WastParser.parse(text + "\n(assert_return (invoke \"f\") " + text.replace("(module", "(i32.const")
                    + ")", "fuzz.wast");
        } catch (WasmException e) {
            // a malformed script is reported, not crashed on
        }
    }
}
