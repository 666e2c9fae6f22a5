package perf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import perf.metrics.json.JsonObjectBuilder;
import perf.metrics.json.JsonParser;
import perf.metrics.json.JsonValue;
import perf.metrics.json.JsonWriter;

class JsonObjectBuilderTest {
    @Test
    void keepsInsertionOrderAndWritesNullStringsAsNull() {
        JsonValue.JsonObject o = new JsonObjectBuilder()
                .put("z", 3)
                .put("a", "text")
                .put("none", (String) null)
                .put("ok", true)
                .put("list", new JsonValue.JsonArray(List.of(new JsonValue.JsonInteger(-1))))
                .build();
        String text = JsonWriter.write(o);
        assertEquals("""
                {
                  "z": 3,
                  "a": "text",
                  "none": null,
                  "ok": true,
                  "list": [
                    -1
                  ]
                }""", text);
        assertEquals(o, JsonParser.parse(text));
    }
}
