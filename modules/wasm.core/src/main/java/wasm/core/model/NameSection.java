package wasm.core.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Debug names: module name (nullable), function names by absolute function index,
 * and local names by function index then local index.
 *
 * @param moduleName the module's name, or null
 * @param functionNames function names by function index (imports first)
 * @param localNames local names by function index, then by local index (parameters first)
 */
public record NameSection(String moduleName, Map<Integer, String> functionNames,
                          Map<Integer, Map<Integer, String>> localNames) {
    public static final NameSection EMPTY = new NameSection(null, Map.of(), Map.of());

    /**
     * Copies the maps into sorted, unmodifiable ones.
     *
     * @throws NullPointerException when a map is null
     */
    public NameSection {
        functionNames = java.util.Collections.unmodifiableMap(new TreeMap<>(functionNames));
        TreeMap<Integer, Map<Integer, String>> locals = new TreeMap<>();
        localNames.forEach((f, m) -> locals.put(f, java.util.Collections.unmodifiableMap(new TreeMap<>(m))));
        localNames = java.util.Collections.unmodifiableMap(locals);
    }
}
