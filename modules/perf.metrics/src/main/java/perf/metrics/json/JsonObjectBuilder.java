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

    /** An empty object. */
    public JsonObjectBuilder() {
    }

    /**
     * Adds a member; a key added again keeps its first position and takes the new value.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public JsonObjectBuilder put(String key, JsonValue value) {
        members.put(key, value);
        return this;
    }

    /**
     * Adds an integer member.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public JsonObjectBuilder put(String key, long value) {
        return put(key, new JsonValue.JsonInteger(value));
    }

    /**
     * Adds a boolean member.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public JsonObjectBuilder put(String key, boolean value) {
        return put(key, new JsonValue.JsonBoolean(value));
    }

    /**
     * Adds a string member, or a null one for a null string.
     *
     * @param key the key
     * @param value the value, or null
     * @return this builder
     */
    public JsonObjectBuilder put(String key, String value) {
        return put(key, value == null ? JsonValue.JsonNull.INSTANCE : new JsonValue.JsonString(value));
    }

    /**
     * The object of the members added so far (a copy: the builder may go on).
     *
     * @return the object
     */
    public JsonValue.JsonObject build() {
        return new JsonValue.JsonObject(members);
    }
}
