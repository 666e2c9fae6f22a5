package perf.baseline.internal.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON tree of summary.json: objects keep their key order, numbers are
 * longs (summary.json holds integers only). The metrics files themselves are
 * read by perf.metrics' {@code MetricsJson}; this covers our own, smaller file.
 */
public sealed interface Json {

    record Obj(Map<String, Json> members) implements Json {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Json get(String key) {
            Json v = members.get(key);
            if (v == null) {
                throw new JsonException("missing key \"" + key + "\"");
            }
            return v;
        }

        public boolean isNull(String key) {
            return get(key) == Null.NULL;
        }

        public long num(String key) {
            return switch (get(key)) {
                case Num n -> n.value();
                default -> throw new JsonException("\"" + key + "\": expected number");
            };
        }

        public String str(String key) {
            return switch (get(key)) {
                case Str s -> s.value();
                default -> throw new JsonException("\"" + key + "\": expected string");
            };
        }

        public Obj obj(String key) {
            return switch (get(key)) {
                case Obj o -> o;
                default -> throw new JsonException("\"" + key + "\": expected object");
            };
        }

        public List<Json> arr(String key) {
            return switch (get(key)) {
                case Arr a -> a.items();
                default -> throw new JsonException("\"" + key + "\": expected array");
            };
        }
    }

    record Arr(List<Json> items) implements Json {
        public Arr {
            items = List.copyOf(items);
        }
    }

    record Str(String value) implements Json {
    }

    record Num(long value) implements Json {
    }

    record Bool(boolean value) implements Json {
    }

    enum Null implements Json {
        NULL
    }

    /** An object builder that keeps insertion order. */
    final class ObjBuilder {
        private final Map<String, Json> members = new LinkedHashMap<>();

        public ObjBuilder put(String key, Json value) {
            members.put(key, value);
            return this;
        }

        public ObjBuilder put(String key, long value) {
            return put(key, new Num(value));
        }

        public ObjBuilder put(String key, String value) {
            return put(key, value == null ? Null.NULL : new Str(value));
        }

        public ObjBuilder put(String key, boolean value) {
            return put(key, new Bool(value));
        }

        public Obj build() {
            return new Obj(members);
        }
    }

    static ObjBuilder object() {
        return new ObjBuilder();
    }

    static Arr array(List<? extends Json> items) {
        return new Arr(new ArrayList<>(items));
    }

    static Obj asObj(Json value, String what) {
        return switch (value) {
            case Obj o -> o;
            default -> throw new JsonException(what + ": expected object");
        };
    }

    /** Pretty-printed with two-space indents and a final newline, so baselines diff well. */
    static String write(Json value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.append('\n').toString();
    }

    private static void write(Json value, StringBuilder out, int depth) {
        switch (value) {
            case Null ignored -> out.append("null");
            case Bool b -> out.append(b.value());
            case Num n -> out.append(n.value());
            case Str s -> quote(s.value(), out);
            case Arr a -> {
                if (a.items().isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    out.append(i == 0 ? "\n" : ",\n");
                    indent(out, depth + 1);
                    write(a.items().get(i), out, depth + 1);
                }
                out.append('\n');
                indent(out, depth);
                out.append(']');
            }
            case Obj o -> {
                if (o.members().isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Json> e : o.members().entrySet()) {
                    out.append(first ? "\n" : ",\n");
                    first = false;
                    indent(out, depth + 1);
                    quote(e.getKey(), out);
                    out.append(": ");
                    write(e.getValue(), out, depth + 1);
                }
                out.append('\n');
                indent(out, depth);
                out.append('}');
            }
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.repeat("  ", depth);
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static Json parse(String text) {
        return new JsonReader(text).document();
    }
}
