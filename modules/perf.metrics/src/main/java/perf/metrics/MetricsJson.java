package perf.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import perf.metrics.json.JsonParser;
import perf.metrics.json.JsonSyntaxException;
import perf.metrics.json.JsonValue;
import perf.metrics.json.JsonValue.JsonArray;
import perf.metrics.json.JsonValue.JsonBoolean;
import perf.metrics.json.JsonValue.JsonInteger;
import perf.metrics.json.JsonValue.JsonObject;
import perf.metrics.json.JsonValue.JsonString;
import perf.metrics.json.JsonWriter;

/**
 * The metrics file format (schema version 1): writing with keys in the fixed
 * order, and reading with a schema check whose errors name the offending path,
 * e.g. {@code functions[3].code_size: expected number, got string}.
 *
 * <p>Two document shapes: one module is the module object itself; any other
 * count is {@code {"schema_version":1,"modules":[...]}}. Readers accept keys
 * in any order but reject unknown, duplicate and missing keys.
 */
public final class MetricsJson {
    private static final Set<String> MODULE_KEYS = Set.of(
            "schema_version", "expected_functions", "module_compile_us", "compile_threads", "uncompiled_functions",
            "functions");
    private static final Set<String> FUNCTION_KEYS = Set.of(
            "func_idx", "func_name", "opt_level", "ir_insts_before", "ir_insts_after",
            "optimize_us", "lower_us", "regalloc_us", "emit_us", "code_size",
            "spill_slots", "spills", "reloads", "reg_moves", "spill_to_spill", "ir_passes",
            "tier", "fallback_reason", "compile_mode", "compile_start_us", "compile_us");
    private static final Set<String> PASS_KEYS = Set.of(
            "name", "duration_us", "before_insts", "after_insts", "changed",
            "egraph_classes", "egraph_nodes", "egraph_rule_apps");
    private static final Set<String> DOCUMENT_KEYS = Set.of("schema_version", "modules");

    private MetricsJson() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * One module in the single-module shape (what {@code wasmoon run} writes).
     *
     * @param module the module
     * @return the JSON text, without a trailing newline
     */
    public static String writeModule(ModuleReport module) {
        return JsonWriter.write(moduleJson(module));
    }

    /**
     * All modules of a process: the single-module shape for exactly one module,
     * the {@code modules[]} shape for zero or several.
     *
     * @param modules the modules, in the order they ended
     * @return the JSON text, without a trailing newline
     */
    public static String writeDocument(List<ModuleReport> modules) {
        if (modules.size() == 1) {
            return writeModule(modules.getFirst());
        }
        Map<String, JsonValue> doc = new LinkedHashMap<>();
        doc.put("schema_version", new JsonInteger(ModuleReport.SCHEMA_VERSION));
        doc.put("modules", new JsonArray(modules.stream().map(MetricsJson::moduleJson).toList()));
        return JsonWriter.write(new JsonObject(doc));
    }

    private static JsonValue moduleJson(ModuleReport m) {
        Map<String, JsonValue> o = new LinkedHashMap<>();
        o.put("schema_version", new JsonInteger(ModuleReport.SCHEMA_VERSION));
        o.put("expected_functions", new JsonInteger(m.expectedFunctions()));
        o.put("module_compile_us", new JsonInteger(m.moduleCompileUs()));
        o.put("compile_threads", new JsonInteger(m.compileThreads()));
        o.put("uncompiled_functions", new JsonInteger(m.uncompiledFunctions()));
        o.put("functions", new JsonArray(m.functions().stream().map(MetricsJson::functionJson).toList()));
        return new JsonObject(o);
    }

    private static JsonValue functionJson(FunctionReport f) {
        Map<String, JsonValue> o = new LinkedHashMap<>();
        o.put("func_idx", new JsonInteger(f.funcIdx()));
        o.put("func_name", new JsonString(f.funcName()));
        o.put("opt_level", new JsonInteger(f.optLevel()));
        o.put("ir_insts_before", new JsonInteger(f.irInstsBefore()));
        o.put("ir_insts_after", new JsonInteger(f.irInstsAfter()));
        o.put("optimize_us", new JsonInteger(f.optimizeUs()));
        o.put("lower_us", new JsonInteger(f.lowerUs()));
        o.put("regalloc_us", new JsonInteger(f.regallocUs()));
        o.put("emit_us", new JsonInteger(f.emitUs()));
        o.put("code_size", new JsonInteger(f.codeSize()));
        o.put("spill_slots", new JsonInteger(f.spillSlots()));
        o.put("spills", new JsonInteger(f.spills()));
        o.put("reloads", new JsonInteger(f.reloads()));
        o.put("reg_moves", new JsonInteger(f.regMoves()));
        o.put("spill_to_spill", new JsonInteger(f.spillToSpill()));
        o.put("ir_passes", new JsonArray(f.irPasses().stream().map(MetricsJson::passJson).toList()));
        o.put("tier", new JsonString(f.tier().jsonName()));
        if (f.tier() instanceof Tier.Interpreter(String reason)) {
            o.put("fallback_reason", new JsonString(reason));
        }
        o.put("compile_mode", new JsonString(f.compileMode().jsonName()));
        o.put("compile_start_us", new JsonInteger(f.compileStartUs()));
        o.put("compile_us", new JsonInteger(f.compileUs()));
        return new JsonObject(o);
    }

    private static JsonValue passJson(PassReport p) {
        Map<String, JsonValue> o = new LinkedHashMap<>();
        o.put("name", new JsonString(p.name()));
        o.put("duration_us", new JsonInteger(p.durationUs()));
        o.put("before_insts", new JsonInteger(p.beforeInsts()));
        o.put("after_insts", new JsonInteger(p.afterInsts()));
        o.put("changed", new JsonBoolean(p.changed()));
        if (p.egraph().isPresent()) {
            EgraphCounts e = p.egraph().get();
            o.put("egraph_classes", new JsonInteger(e.classes()));
            o.put("egraph_nodes", new JsonInteger(e.nodes()));
            o.put("egraph_rule_apps", new JsonInteger(e.ruleApps()));
        }
        return new JsonObject(o);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a document in the single-module shape.
     *
     * @param json the text
     * @return the module
     * @throws MetricsFormatException when the text is not JSON, not that shape, or breaks the schema
     */
    public static ModuleReport readModule(String json) {
        JsonObject root = object(parse(json), "document");
        if (root.members().containsKey("modules") && !root.members().containsKey("functions")) {
            throw new MetricsFormatException("document: expected a single module object, got the modules[] shape");
        }
        return module(root, "");
    }

    /**
     * Reads a document in either shape and returns its modules in file order.
     *
     * @param json the text
     * @return the modules
     * @throws MetricsFormatException when the text is not JSON or breaks the schema
     */
    public static List<ModuleReport> readDocument(String json) {
        JsonObject root = object(parse(json), "document");
        if (!root.members().containsKey("modules")) {
            return List.of(module(root, ""));
        }
        checkKeys(root, DOCUMENT_KEYS, "");
        schemaVersion(root, "");
        JsonArray modules = array(required(root, "modules", ""), "modules");
        List<ModuleReport> out = new ArrayList<>();
        for (int i = 0; i < modules.elements().size(); i++) {
            String path = "modules[" + i + "]";
            out.add(module(object(modules.elements().get(i), path), path + "."));
        }
        return List.copyOf(out);
    }

    private static JsonValue parse(String json) {
        try {
            return JsonParser.parse(json);
        } catch (JsonSyntaxException e) {
            throw new MetricsFormatException("malformed JSON: " + e.getMessage(), e);
        }
    }

    /** {@code prefix} is the path of the object followed by '.', or empty at the root. */
    private static ModuleReport module(JsonObject o, String prefix) {
        checkKeys(o, MODULE_KEYS, prefix);
        schemaVersion(o, prefix);
        long expected = integer(o, "expected_functions", prefix);
        long compileUs = integer(o, "module_compile_us", prefix);
        // added with lazy compilation, together; files written before it have neither (one thread, all compiled)
        boolean modes = o.members().containsKey("compile_threads") || o.members().containsKey("uncompiled_functions");
        long threads = modes ? integer(o, "compile_threads", prefix) : 1;
        long uncompiled = modes ? integer(o, "uncompiled_functions", prefix) : 0;
        JsonArray functions = array(required(o, "functions", prefix), prefix + "functions");
        List<FunctionReport> out = new ArrayList<>();
        for (int i = 0; i < functions.elements().size(); i++) {
            String path = prefix + "functions[" + i + "]";
            out.add(function(object(functions.elements().get(i), path), path + "."));
        }
        return new ModuleReport(expected, compileUs, threads, uncompiled, out);
    }

    private static FunctionReport function(JsonObject o, String prefix) {
        checkKeys(o, FUNCTION_KEYS, prefix);
        int idx = int32(o, "func_idx", prefix);
        String name = string(o, "func_name", prefix);
        int optLevel = int32(o, "opt_level", prefix);
        long before = integer(o, "ir_insts_before", prefix);
        long after = integer(o, "ir_insts_after", prefix);
        long optimize = integer(o, "optimize_us", prefix);
        long lower = integer(o, "lower_us", prefix);
        long regalloc = integer(o, "regalloc_us", prefix);
        long emit = integer(o, "emit_us", prefix);
        long codeSize = integer(o, "code_size", prefix);
        long spillSlots = integer(o, "spill_slots", prefix);
        long spills = integer(o, "spills", prefix);
        long reloads = integer(o, "reloads", prefix);
        long moves = integer(o, "reg_moves", prefix);
        long spillToSpill = integer(o, "spill_to_spill", prefix);
        JsonArray passes = array(required(o, "ir_passes", prefix), prefix + "ir_passes");
        List<PassReport> passList = new ArrayList<>();
        for (int i = 0; i < passes.elements().size(); i++) {
            String path = prefix + "ir_passes[" + i + "]";
            passList.add(pass(object(passes.elements().get(i), path), path + "."));
        }
        String tierName = string(o, "tier", prefix);
        Tier tier = switch (tierName) {
            case "jit" -> {
                if (o.members().containsKey("fallback_reason")) {
                    throw new MetricsFormatException(prefix + "fallback_reason: only allowed when tier is \"interpreter\"");
                }
                yield Tier.JIT;
            }
            case "interpreter" -> new Tier.Interpreter(string(o, "fallback_reason", prefix));
            default -> throw new MetricsFormatException(prefix + "tier: expected \"jit\" or \"interpreter\", got \""
                    + tierName + "\"");
        };
        // compile_mode, compile_start_us and compile_us come together, or not at all (files written before
        // lazy compilation: an eager compile whose wall time is its stage times)
        if (!o.members().containsKey("compile_mode") && !o.members().containsKey("compile_start_us")
                && !o.members().containsKey("compile_us")) {
            return new FunctionReport(idx, name, optLevel, before, after, optimize, lower, regalloc, emit, codeSize,
                    spillSlots, spills, reloads, moves, spillToSpill, passList, tier);
        }
        String modeName = string(o, "compile_mode", prefix);
        CompileMode mode = CompileMode.ofJsonName(modeName);
        if (mode == null) {
            throw new MetricsFormatException(prefix + "compile_mode: expected \"eager\", \"lazy\", \"cached\", "
                    + "\"baseline\", \"tier_up\" or \"osr\", got \"" + modeName + "\"");
        }
        return new FunctionReport(idx, name, optLevel, before, after, optimize, lower, regalloc, emit, codeSize,
                spillSlots, spills, reloads, moves, spillToSpill, passList, tier, mode,
                integer(o, "compile_start_us", prefix), integer(o, "compile_us", prefix));
    }

    private static PassReport pass(JsonObject o, String prefix) {
        checkKeys(o, PASS_KEYS, prefix);
        String name = string(o, "name", prefix);
        long duration = integer(o, "duration_us", prefix);
        long before = integer(o, "before_insts", prefix);
        long after = integer(o, "after_insts", prefix);
        boolean changed = bool(o, "changed", prefix);
        int egraphKeys = (o.members().containsKey("egraph_classes") ? 1 : 0)
                + (o.members().containsKey("egraph_nodes") ? 1 : 0)
                + (o.members().containsKey("egraph_rule_apps") ? 1 : 0);
        Optional<EgraphCounts> egraph = Optional.empty();
        if (egraphKeys > 0) {
            // All three or none: a partial set is read as "the others are missing".
            egraph = Optional.of(new EgraphCounts(integer(o, "egraph_classes", prefix),
                    integer(o, "egraph_nodes", prefix), integer(o, "egraph_rule_apps", prefix)));
        }
        return new PassReport(name, duration, before, after, changed, egraph);
    }

    // ---------------------------------------------------------------- typed access

    private static void schemaVersion(JsonObject o, String prefix) {
        long version = integer(o, "schema_version", prefix);
        if (version != ModuleReport.SCHEMA_VERSION) {
            throw new MetricsFormatException(prefix + "schema_version: unsupported version " + version
                    + ", expected " + ModuleReport.SCHEMA_VERSION);
        }
    }

    private static void checkKeys(JsonObject o, Set<String> allowed, String prefix) {
        for (String key : o.members().keySet()) {
            if (!allowed.contains(key)) {
                throw new MetricsFormatException(prefix + key + ": unknown key");
            }
        }
    }

    private static JsonValue required(JsonObject o, String key, String prefix) {
        JsonValue v = o.members().get(key);
        if (v == null) {
            throw new MetricsFormatException(prefix + key + ": missing required key");
        }
        return v;
    }

    private static long integer(JsonObject o, String key, String prefix) {
        JsonValue v = required(o, key, prefix);
        return switch (v) {
            case JsonInteger i -> i.value();
            case JsonValue.JsonDecimal d -> throw new MetricsFormatException(prefix + key
                    + ": expected an integer number, got " + d.value());
            default -> throw typeError(prefix + key, "number", v);
        };
    }

    private static int int32(JsonObject o, String key, String prefix) {
        long v = integer(o, key, prefix);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MetricsFormatException(prefix + key + ": " + v + " is out of the 32-bit range");
        }
        return (int) v;
    }

    private static String string(JsonObject o, String key, String prefix) {
        JsonValue v = required(o, key, prefix);
        if (v instanceof JsonString(String s)) {
            return s;
        }
        throw typeError(prefix + key, "string", v);
    }

    private static boolean bool(JsonObject o, String key, String prefix) {
        JsonValue v = required(o, key, prefix);
        if (v instanceof JsonBoolean(boolean b)) {
            return b;
        }
        throw typeError(prefix + key, "boolean", v);
    }

    private static JsonObject object(JsonValue v, String path) {
        if (v instanceof JsonObject o) {
            return o;
        }
        throw typeError(path, "object", v);
    }

    private static JsonArray array(JsonValue v, String path) {
        if (v instanceof JsonArray a) {
            return a;
        }
        throw typeError(path, "array", v);
    }

    private static MetricsFormatException typeError(String path, String expected, JsonValue got) {
        return new MetricsFormatException(path + ": expected " + expected + ", got " + got.typeName());
    }
}
