package wasm.core.text;

import java.util.List;

/** An action on a module instance; {@code moduleName} is null for the most recent module. */
public sealed interface WastAction {
    String moduleName();

    /** {@code (invoke $m? "field" args...)}. */
    record Invoke(String moduleName, String field, List<WastValue> args) implements WastAction {
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /** {@code (get $m? "field")}: read an exported global. */
    record Get(String moduleName, String field) implements WastAction {
    }
}
