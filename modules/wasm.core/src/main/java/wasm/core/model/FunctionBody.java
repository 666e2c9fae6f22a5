package wasm.core.model;

import java.util.List;

/**
 * The code of a defined function: its declared locals (expanded, parameters not
 * included) and its flat instruction sequence, which ends with {@code end}.
 */
public record FunctionBody(List<ValType> locals, List<Instruction> code) {
    public FunctionBody {
        locals = List.copyOf(locals);
        code = List.copyOf(code);
    }
}
