package perf.baseline.internal.json;

import java.util.List;
import perf.metrics.json.JsonParser;
import perf.metrics.json.JsonSyntaxException;
import perf.metrics.json.JsonValue;
import perf.metrics.json.JsonValue.JsonArray;
import perf.metrics.json.JsonValue.JsonInteger;
import perf.metrics.json.JsonValue.JsonNull;
import perf.metrics.json.JsonValue.JsonObject;
import perf.metrics.json.JsonValue.JsonString;

/**
 * Typed access to one object of summary.json, over perf.metrics' JSON tree
 * (the project's single JSON parser and writer). Every wrong shape is a
 * {@link JsonException} naming the key, so the readers stay one line per field.
 */
public record JsonFields(JsonObject object) {

    /** Parses text that must be one JSON object; {@code what} names it in errors. */
    public static JsonFields parse(String text, String what) {
        try {
            return of(JsonParser.parse(text), what);
        } catch (JsonSyntaxException e) {
            throw new JsonException(what + ": " + e.getMessage());
        }
    }

    public static JsonFields of(JsonValue value, String what) {
        return switch (value) {
            case JsonObject o -> new JsonFields(o);
            default -> throw new JsonException(what + ": expected object");
        };
    }

    public JsonValue get(String key) {
        JsonValue v = object.members().get(key);
        if (v == null) {
            throw new JsonException("missing key \"" + key + "\"");
        }
        return v;
    }

    public boolean isNull(String key) {
        return get(key) == JsonNull.INSTANCE;
    }

    /** An integer member: summary.json holds no fractions. */
    public long num(String key) {
        return switch (get(key)) {
            case JsonInteger n -> n.value();
            default -> throw new JsonException("\"" + key + "\": expected number");
        };
    }

    public String str(String key) {
        return switch (get(key)) {
            case JsonString s -> s.value();
            default -> throw new JsonException("\"" + key + "\": expected string");
        };
    }

    public JsonFields obj(String key) {
        return of(get(key), "\"" + key + "\"");
    }

    public List<JsonValue> arr(String key) {
        return switch (get(key)) {
            case JsonArray a -> a.elements();
            default -> throw new JsonException("\"" + key + "\": expected array");
        };
    }
}
