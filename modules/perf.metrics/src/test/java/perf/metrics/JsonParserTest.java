package perf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import perf.metrics.json.JsonParser;
import perf.metrics.json.JsonSyntaxException;
import perf.metrics.json.JsonValue;
import perf.metrics.json.JsonValue.JsonArray;
import perf.metrics.json.JsonValue.JsonDecimal;
import perf.metrics.json.JsonValue.JsonInteger;
import perf.metrics.json.JsonValue.JsonObject;
import perf.metrics.json.JsonValue.JsonString;
import perf.metrics.json.JsonWriter;

class JsonParserTest {

    @Test
    void values() {
        assertEquals(new JsonObject(Map.of("a", new JsonArray(List.of(new JsonInteger(-12), new JsonDecimal(1.5e3),
                        new JsonValue.JsonBoolean(true), JsonValue.JsonNull.INSTANCE)))),
                JsonParser.parse(" {\"a\" : [ -12, 1.5e3, true, null ] }\n"));
        assertEquals(new JsonInteger(Long.MIN_VALUE), JsonParser.parse("-9223372036854775808"));
        assertEquals(new JsonDecimal(9223372036854775808.0), JsonParser.parse("9223372036854775808"));
        assertEquals(new JsonDecimal(0.25), JsonParser.parse("25E-2"));
    }

    @Test
    void escapes() {
        assertEquals(new JsonString("q\" b\\ s/ \b\f\n\r\t \u00e9 \ud83d\ude00 \ud800"),
                JsonParser.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00E9 \\ud83d\\uDE00 \\ud800\""));
        assertEquals("\"\\u0000\\u001f\\u007f\\n\\ud800x\"",
                JsonWriter.write(new JsonString("\u0000\u001f\u007f\n\ud800x")));
        assertEquals("\"\ud83d\ude00\"", JsonWriter.write(new JsonString("\ud83d\ude00")));
    }

    @Test
    void errorsSayWhatAndWhere() {
        assertError("unexpected end of input, expected a value at line 1, column 1 (offset 0)", "");
        assertError("unexpected character '}', expected a value at line 2, column 7 (offset 15)",
                "{\"a\": 1,\n \"b\": }");
        assertError("duplicate key \"a\" at line 1, column 9 (offset 8)", "{\"a\": 1,\"a\": 2}");
        assertError("unexpected character '1', expected ',' or ']' at line 1, column 3 (offset 2)", "[01]");
        assertError("unexpected character ']', expected a digit after '.' at line 1, column 4 (offset 3)", "[1.]");
        assertError("invalid hex digit character 'g' in a \\u escape at line 1, column 5 (offset 4)", "\"\\u0g00\"");
        assertError("invalid escape character 'x' after a backslash at line 1, column 3 (offset 2)", "\"\\x\"");
        assertError("unescaped control character U+000A in a string at line 1, column 3 (offset 2)", "\"a\nb\"");
        assertError("unexpected end of input inside a string at line 1, column 4 (offset 3)", "\"ab");
        assertError("unexpected character 'x' after the JSON value at line 1, column 4 (offset 3)", "{} x");
        assertError("unexpected character 'T', expected a value at line 1, column 1 (offset 0)", "True");
        assertError("unexpected character ''', expected a string key at line 1, column 2 (offset 1)", "{'a': 1}");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonParser.parse(deep));
        assertEquals("nesting deeper than 256 levels at line 1, column 258 (offset 257)", e.getMessage());
    }

    @Test
    void schemaErrorsNameThePath() {
        String ok = MetricsJson.writeModule(new ModuleReport(1, 10, List.of(new FunctionReport(0, "f", 2, 3, 3,
                1, 1, 1, 1, 16, 0, 0, 0, 0, 0, List.of(), Tier.JIT))));
        assertSchemaError("functions[0].code_size: expected number, got string",
                ok.replace("\"code_size\": 16", "\"code_size\": \"16\""));
        assertSchemaError("functions[0].code_size: expected an integer number, got 16.5",
                ok.replace("\"code_size\": 16", "\"code_size\": 16.5"));
        assertSchemaError("functions[0].func_idx: 4294967296 is out of the 32-bit range",
                ok.replace("\"func_idx\": 0", "\"func_idx\": 4294967296"));
        assertSchemaError("schema_version: unsupported version 2, expected 1",
                ok.replace("\"schema_version\": 1", "\"schema_version\": 2"));
        assertSchemaError("functions[0].tier: expected \"jit\" or \"interpreter\", got \"aot\"",
                ok.replace("\"jit\"", "\"aot\""));
        assertSchemaError("functions[0].fallback_reason: missing required key",
                ok.replace("\"jit\"", "\"interpreter\""));
        assertSchemaError("document: expected object, got array", "[]");
        assertSchemaError("malformed JSON: unexpected end of input, expected a value at line 1, column 1 (offset 0)",
                "");
    }

    private static void assertError(String message, String json) {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonParser.parse(json));
        assertEquals(message, e.getMessage());
    }

    private static void assertSchemaError(String message, String json) {
        MetricsFormatException e = assertThrows(MetricsFormatException.class, () -> MetricsJson.readDocument(json));
        assertEquals(message, e.getMessage());
    }
}
