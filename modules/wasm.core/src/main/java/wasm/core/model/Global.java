package wasm.core.model;

import java.util.List;

/** A defined global: its type and a constant initializer expression (ending with {@code end}). */
public record Global(GlobalType type, List<Instruction> init) {
    public Global {
        init = List.copyOf(init);
    }
}
