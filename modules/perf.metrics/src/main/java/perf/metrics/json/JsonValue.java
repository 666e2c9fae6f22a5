package perf.metrics.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON value as a small immutable tree. Objects keep their key order because
 * the metrics schema fixes the order of keys in the file.
 */
public sealed interface JsonValue {

    /** The JSON type name used in error messages: object, array, string, number, boolean, null. */
    default String typeName() {
        return switch (this) {
            case JsonObject o -> "object";
            case JsonArray a -> "array";
            case JsonString s -> "string";
            case JsonInteger i -> "number";
            case JsonDecimal d -> "number";
            case JsonBoolean b -> "boolean";
            case JsonNull n -> "null";
        };
    }

    /** An object; members in insertion order, keys unique. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    record JsonString(String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A number written without fraction or exponent that fits a long. */
    record JsonInteger(long value) implements JsonValue {
    }

    /** Any other number (fraction, exponent, or an integer beyond the long range). */
    record JsonDecimal(double value) implements JsonValue {
    }

    record JsonBoolean(boolean value) implements JsonValue {
    }

    enum JsonNull implements JsonValue {
        INSTANCE
    }
}
