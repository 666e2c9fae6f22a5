package wasm.core.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Debug names: module name (nullable), function names by absolute function index,
 * and local names by function index then local index.
 */
public record NameSection(String moduleName, Map<Integer, String> functionNames,
                          Map<Integer, Map<Integer, String>> localNames) {
    public static final NameSection EMPTY = new NameSection(null, Map.of(), Map.of());

    public NameSection {
        functionNames = java.util.Collections.unmodifiableMap(new TreeMap<>(functionNames));
        TreeMap<Integer, Map<Integer, String>> locals = new TreeMap<>();
        localNames.forEach((f, m) -> locals.put(f, java.util.Collections.unmodifiableMap(new TreeMap<>(m))));
        localNames = java.util.Collections.unmodifiableMap(locals);
    }
}
