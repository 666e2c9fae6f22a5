package wasm.core.model;

import java.util.List;

/**
 * A defined global: its type and a constant initializer expression (ending with {@code end}).
 *
 * @param type the value type and mutability
 * @param init the initializer, ending with {@code end}
 */
public record Global(GlobalType type, List<Instruction> init) {
    /**
     * Copies the initializer.
     *
     * @throws NullPointerException when {@code init} or one of its elements is null
     */
    public Global {
        init = List.copyOf(init);
    }
}
