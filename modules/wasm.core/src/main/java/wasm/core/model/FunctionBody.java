package wasm.core.model;

import java.util.List;

/**
 * The code of a defined function: its declared locals (one entry per local, parameters not
 * included; {@link Locals} keeps the decoder's groups without expanding them) and its flat
 * instruction sequence, which ends with {@code end}.
 *
 * @param locals the declared locals' types, parameters excluded
 * @param code the instructions, ending with {@code end}
 */
public record FunctionBody(List<ValType> locals, List<Instruction> code) {
    /**
     * Copies the lists (a {@link Locals} is kept as it is: it is immutable and compact).
     *
     * @throws NullPointerException when a list or one of its elements is null
     */
    public FunctionBody {
        locals = locals instanceof Locals ? locals : List.copyOf(locals);
        code = List.copyOf(code);
    }
}
