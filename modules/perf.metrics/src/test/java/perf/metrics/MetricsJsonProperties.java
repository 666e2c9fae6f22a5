package perf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import perf.metrics.json.JsonParser;
import perf.metrics.json.JsonValue;
import perf.metrics.json.JsonValue.JsonArray;
import perf.metrics.json.JsonValue.JsonObject;
import perf.metrics.json.JsonValue.JsonString;
import perf.metrics.json.JsonWriter;

/** JSON write then read is the identity; broken documents are rejected with a clear, located error. */
class MetricsJsonProperties {

    @Provide
    Arbitrary<ModuleReport> modules() {
        return MetricsGenerators.anyModule();
    }

    @Provide
    Arbitrary<List<ModuleReport>> documents() {
        return MetricsGenerators.anyModule().list().ofMaxSize(4);
    }

    @Property(tries = 300)
    void moduleWriteThenReadIsIdentity(@ForAll("modules") ModuleReport module) {
        String json = MetricsJson.writeModule(module);
        assertEquals(module, MetricsJson.readModule(json));
        assertEquals(List.of(module), MetricsJson.readDocument(json));
    }

    @Property(tries = 200)
    void documentWriteThenReadIsIdentity(@ForAll("documents") List<ModuleReport> modules) {
        String json = MetricsJson.writeDocument(modules);
        assertEquals(modules, MetricsJson.readDocument(json));
        // One module keeps the plain module shape; any other count uses modules[].
        assertEquals(modules.size() != 1, JsonParser.parse(json) instanceof JsonObject o
                && o.members().containsKey("modules"));
    }

    @Property(tries = 200)
    void keysAreWrittenInTheFixedOrder(@ForAll("modules") ModuleReport module) {
        JsonObject root = (JsonObject) JsonParser.parse(MetricsJson.writeModule(module));
        assertEquals(List.of("schema_version", "expected_functions", "module_compile_us", "compile_threads",
                        "uncompiled_functions", "functions"),
                List.copyOf(root.members().keySet()));
        for (JsonValue f : ((JsonArray) root.members().get("functions")).elements()) {
            List<String> keys = List.copyOf(((JsonObject) f).members().keySet());
            List<String> expected = new ArrayList<>(List.of("func_idx", "func_name", "opt_level",
                    "ir_insts_before", "ir_insts_after", "optimize_us", "lower_us", "regalloc_us", "emit_us",
                    "code_size", "spill_slots", "spills", "reloads", "reg_moves", "spill_to_spill", "ir_passes",
                    "tier"));
            if (keys.contains("fallback_reason")) {
                expected.add("fallback_reason");
            }
            expected.addAll(List.of("compile_mode", "compile_start_us", "compile_us"));
            assertEquals(expected, keys);
            for (JsonValue p : ((JsonArray) ((JsonObject) f).members().get("ir_passes")).elements()) {
                List<String> passKeys = List.copyOf(((JsonObject) p).members().keySet());
                List<String> expectedPass = new ArrayList<>(
                        List.of("name", "duration_us", "before_insts", "after_insts", "changed"));
                if (passKeys.size() > 5) {
                    expectedPass.addAll(List.of("egraph_classes", "egraph_nodes", "egraph_rule_apps"));
                }
                assertEquals(expectedPass, passKeys);
            }
        }
    }

    @Property(tries = 300)
    void everyProperPrefixIsRejected(@ForAll("modules") ModuleReport module, @ForAll Random random) {
        String json = MetricsJson.writeModule(module);
        String prefix = json.substring(0, random.nextInt(json.length()));
        MetricsFormatException e = assertThrows(MetricsFormatException.class, () -> MetricsJson.readDocument(prefix));
        assertTrue(e.getMessage().startsWith("malformed JSON: ") && e.getMessage().contains("line "),
                e.getMessage());
    }

    @Property(tries = 400)
    void aValueOfTheWrongTypeIsRejectedNamingItsPath(@ForAll("documents") List<ModuleReport> modules,
                                                     @ForAll Random random) {
        JsonValue tree = JsonParser.parse(MetricsJson.writeDocument(modules));
        List<String> paths = new ArrayList<>();
        collectPaths(tree, "", paths);
        if (paths.isEmpty()) {
            return; // an empty modules[] document: covered by the other properties
        }
        String path = paths.get(random.nextInt(paths.size()));
        JsonValue original = get(tree, path);
        JsonValue replacement = wrongTypeFor(original);
        String mutated = JsonWriter.write(replace(tree, "", path, replacement));
        MetricsFormatException e = assertThrows(MetricsFormatException.class,
                () -> MetricsJson.readDocument(mutated));
        String expected = path + ": expected ";
        assertTrue(e.getMessage().startsWith(expected)
                        && e.getMessage().endsWith(", got " + replacement.typeName()),
                "path " + path + " message: " + e.getMessage());
    }

    @Property(tries = 400)
    void aMissingKeyIsRejectedNamingItsPath(@ForAll("documents") List<ModuleReport> modules, @ForAll Random random) {
        JsonValue tree = JsonParser.parse(MetricsJson.writeDocument(modules));
        List<String> paths = new ArrayList<>();
        collectPaths(tree, "", paths);
        paths.removeIf(p -> p.endsWith("]")); // array elements are not keys
        if (paths.isEmpty()) {
            return;
        }
        String path = paths.get(random.nextInt(paths.size()));
        String mutated = JsonWriter.write(replace(tree, "", path, null));
        MetricsFormatException e = assertThrows(MetricsFormatException.class,
                () -> MetricsJson.readDocument(mutated));
        if (path.equals("modules")) {
            // Without modules[] the root is read as a module object, which lacks its own keys.
            assertTrue(e.getMessage().endsWith(": missing required key"), e.getMessage());
        } else {
            assertEquals(path + ": missing required key", e.getMessage());
        }
    }

    @Property(tries = 200)
    void anUnknownKeyIsRejectedNamingItsPath(@ForAll("modules") ModuleReport module, @ForAll Random random) {
        JsonValue tree = JsonParser.parse(MetricsJson.writeModule(module));
        List<String> objects = new ArrayList<>();
        objects.add("");
        collectObjectPaths(tree, "", objects);
        String at = objects.get(random.nextInt(objects.size()));
        String key = "surprise_" + random.nextInt(100);
        JsonObject target = (JsonObject) (at.isEmpty() ? tree : get(tree, at));
        Map<String, JsonValue> members = new LinkedHashMap<>(target.members());
        members.put(key, new JsonValue.JsonInteger(1));
        JsonValue mutated = at.isEmpty() ? new JsonObject(members) : replace(tree, "", at, new JsonObject(members));
        MetricsFormatException e = assertThrows(MetricsFormatException.class,
                () -> MetricsJson.readModule(JsonWriter.write(mutated)));
        assertEquals((at.isEmpty() ? "" : at + ".") + key + ": unknown key", e.getMessage());
    }

    @Property(tries = 1000)
    void randomTextEditsGiveAReportOrAFormatErrorNothingElse(@ForAll("modules") ModuleReport module,
                                                             @ForAll Random random) {
        StringBuilder sb = new StringBuilder(MetricsJson.writeModule(module));
        int edits = 1 + random.nextInt(3);
        String alphabet = "{}[],:\"\\-+.eE0123456789 \ntrufalsn/u";
        for (int i = 0; i < edits && !sb.isEmpty(); i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        try {
            ModuleReport read = MetricsJson.readModule(sb.toString());
            // Accepted: the edit kept it valid (e.g. inside a name); it must still write back to valid JSON.
            assertEquals(read, MetricsJson.readModule(MetricsJson.writeModule(read)));
        } catch (MetricsFormatException expected) {
            assertTrue(!expected.getMessage().isBlank());
        } catch (RuntimeException other) {
            fail("unexpected " + other + " for input:\n" + sb, other);
        }
    }

    // ---------------------------------------------------------------- tree helpers (paths as the reader names them)

    private static void collectPaths(JsonValue v, String path, List<String> out) {
        switch (v) {
            case JsonObject o -> o.members().forEach((k, child) -> {
                String p = path.isEmpty() ? k : path + "." + k;
                out.add(p);
                collectPaths(child, p, out);
            });
            case JsonArray a -> {
                for (int i = 0; i < a.elements().size(); i++) {
                    String p = path + "[" + i + "]";
                    out.add(p);
                    collectPaths(a.elements().get(i), p, out);
                }
            }
            default -> {
            }
        }
    }

    private static void collectObjectPaths(JsonValue v, String path, List<String> out) {
        List<String> all = new ArrayList<>();
        collectPaths(v, path, all);
        for (String p : all) {
            if (get(v, p) instanceof JsonObject) {
                out.add(p);
            }
        }
    }

    private static JsonValue get(JsonValue root, String path) {
        JsonValue[] found = new JsonValue[1];
        walk(root, "", path, found);
        if (found[0] == null) {
            throw new IllegalStateException("no value at " + path);
        }
        return found[0];
    }

    private static void walk(JsonValue v, String path, String target, JsonValue[] found) {
        if (path.equals(target)) {
            found[0] = v;
            return;
        }
        switch (v) {
            case JsonObject o -> o.members().forEach((k, c) -> walk(c, path.isEmpty() ? k : path + "." + k, target,
                    found));
            case JsonArray a -> {
                for (int i = 0; i < a.elements().size(); i++) {
                    walk(a.elements().get(i), path + "[" + i + "]", target, found);
                }
            }
            default -> {
            }
        }
    }

    /** A copy of the tree with the value at {@code target} replaced ({@code null}: the member removed). */
    private static JsonValue replace(JsonValue v, String path, String target, JsonValue replacement) {
        return switch (v) {
            case JsonObject o -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                o.members().forEach((k, c) -> {
                    String p = path.isEmpty() ? k : path + "." + k;
                    if (p.equals(target)) {
                        if (replacement != null) {
                            members.put(k, replacement);
                        }
                    } else {
                        members.put(k, replace(c, p, target, replacement));
                    }
                });
                yield new JsonObject(members);
            }
            case JsonArray a -> {
                List<JsonValue> elements = new ArrayList<>();
                for (int i = 0; i < a.elements().size(); i++) {
                    String p = path + "[" + i + "]";
                    elements.add(p.equals(target) ? replacement : replace(a.elements().get(i), p, target, replacement));
                }
                yield new JsonArray(elements);
            }
            default -> v;
        };
    }

    private static JsonValue wrongTypeFor(JsonValue v) {
        return switch (v) {
            case JsonValue.JsonInteger i -> new JsonString(Long.toString(i.value()));
            case JsonValue.JsonDecimal d -> new JsonString(Double.toString(d.value()));
            case JsonString s -> new JsonValue.JsonInteger(s.value().length());
            case JsonValue.JsonBoolean b -> new JsonString(Boolean.toString(b.value()));
            case JsonObject o -> new JsonArray(List.of());
            case JsonArray a -> new JsonObject(Map.of());
            case JsonValue.JsonNull n -> new JsonValue.JsonBoolean(true);
        };
    }

    @Property(tries = 50)
    void arbitraryStringsSurviveTheJsonWriterAndParser(@ForAll("names") String s) {
        assertEquals(new JsonString(s), JsonParser.parse(JsonWriter.write(new JsonString(s))));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.randomValue(MetricsGenerators::name));
    }
}
