package perf.metrics.json;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes a {@link JsonValue} as JSON text, indented by two spaces per level so
 * a metrics file can be read and diffed by people. Control characters and lone
 * surrogates are written as {@code \\uXXXX}, other characters as themselves
 * (the file is UTF-8).
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {
    }

    /**
     * The JSON text of a value, without a trailing newline.
     *
     * @param value the value
     * @return the text
     */
    public static String write(JsonValue value) {
        JsonWriter writer = new JsonWriter();
        writer.value(value, 0);
        return writer.out.toString();
    }

    private void value(JsonValue value, int indent) {
        switch (value) {
            case JsonValue.JsonObject o -> object(o.members(), indent);
            case JsonValue.JsonArray a -> array(a, indent);
            case JsonValue.JsonString s -> string(s.value());
            case JsonValue.JsonInteger i -> out.append(i.value());
            case JsonValue.JsonDecimal d -> {
                if (!Double.isFinite(d.value())) {
                    throw new IllegalArgumentException("JSON has no literal for " + d.value());
                }
                out.append(d.value());
            }
            case JsonValue.JsonBoolean b -> out.append(b.value());
            case JsonValue.JsonNull n -> out.append("null");
        }
    }

    private void object(Map<String, JsonValue> members, int indent) {
        if (members.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<Map.Entry<String, JsonValue>> it = members.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonValue> member = it.next();
            newline(indent + 1);
            string(member.getKey());
            out.append(": ");
            value(member.getValue(), indent + 1);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        newline(indent);
        out.append('}');
    }

    private void array(JsonValue.JsonArray array, int indent) {
        if (array.elements().isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < array.elements().size(); i++) {
            newline(indent + 1);
            value(array.elements().get(i), indent + 1);
            if (i + 1 < array.elements().size()) {
                out.append(',');
            }
        }
        newline(indent);
        out.append(']');
    }

    private void newline(int indent) {
        out.append('\n');
        out.repeat("  ", indent);
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || isLoneSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A surrogate that is not half of a valid pair cannot be encoded in UTF-8, so it is escaped. */
    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
