package perf.metrics.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link JsonValue.JsonObject} member by member, in the order the
 * file's schema fixes. A null string is written as JSON null, because the
 * reports use null for "absent" (summary.json's metrics_file, a missing detail).
 */
public final class JsonObjectBuilder {
    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    public JsonObjectBuilder put(String key, JsonValue value) {
        members.put(key, value);
        return this;
    }

    public JsonObjectBuilder put(String key, long value) {
        return put(key, new JsonValue.JsonInteger(value));
    }

    public JsonObjectBuilder put(String key, boolean value) {
        return put(key, new JsonValue.JsonBoolean(value));
    }

    public JsonObjectBuilder put(String key, String value) {
        return put(key, value == null ? JsonValue.JsonNull.INSTANCE : new JsonValue.JsonString(value));
    }

    public JsonValue.JsonObject build() {
        return new JsonValue.JsonObject(members);
    }
}
