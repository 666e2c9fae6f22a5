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

    /**
     * The JSON type name used in error messages: object, array, string, number, boolean, null.
     *
     * @return the name
     */
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

    /**
     * An object; members in insertion order, keys unique.
     *
     * @param members the members by key
     */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        /**
         * Copies the members, keeping their order.
         *
         * @throws NullPointerException when {@code members} is null
         */
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    /**
     * An array.
     *
     * @param elements the elements, in order
     */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        /**
         * Copies the elements.
         *
         * @throws NullPointerException when {@code elements} or one of its elements is null
         */
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    /**
     * A string.
     *
     * @param value the string, unescaped
     */
    record JsonString(String value) implements JsonValue {
        /**
         * Checks that there is a string.
         *
         * @throws NullPointerException when {@code value} is null
         */
        public JsonString {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A number written without fraction or exponent that fits a long.
     *
     * @param value the number
     */
    record JsonInteger(long value) implements JsonValue {
    }

    /**
     * Any other number (fraction, exponent, or an integer beyond the long range).
     *
     * @param value the number, rounded to the nearest double
     */
    record JsonDecimal(double value) implements JsonValue {
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param value the value
     */
    record JsonBoolean(boolean value) implements JsonValue {
    }

    /** JSON's {@code null}. */
    enum JsonNull implements JsonValue {
        /** The one null. */
        INSTANCE
    }
}
