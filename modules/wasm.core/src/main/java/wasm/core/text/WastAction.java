package wasm.core.text;

import java.util.List;

/** An action on a module instance; {@code moduleName} is null for the most recent module. */
public sealed interface WastAction {
    /**
     * The $id of the module acted on.
     *
     * @return the $id, or null for the most recent module
     */
    String moduleName();

    /**
     * {@code (invoke $m? "field" args...)}.
     *
     * @param moduleName the module's $id, or null
     * @param field the exported function's name
     * @param args the arguments
     */
    record Invoke(String moduleName, String field, List<WastValue> args) implements WastAction {
        /**
         * Copies the arguments.
         *
         * @throws NullPointerException when {@code args} or one of its elements is null
         */
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /**
     * {@code (get $m? "field")}: read an exported global.
     *
     * @param moduleName the module's $id, or null
     * @param field the exported global's name
     */
    record Get(String moduleName, String field) implements WastAction {
    }
}
