package wasm.core.model;

import java.util.List;

/**
 * The code of a defined function: its declared locals (one entry per local, parameters not
 * included; {@link Locals} keeps the decoder's groups without expanding them) and its flat
 * instruction sequence, which ends with {@code end}.
 */
public record FunctionBody(List<ValType> locals, List<Instruction> code) {
    public FunctionBody {
        locals = locals instanceof Locals ? locals : List.copyOf(locals);
        code = List.copyOf(code);
    }
}
