package wasm.core.model;

import java.util.List;
import wasm.core.internal.BinaryCode;

/**
 * The code of a defined function: its declared locals (one entry per local, parameters not
 * included; {@link Locals} keeps the decoder's groups without expanding them) and its flat
 * instruction sequence, which ends with {@code end}.
 *
 * <p>A decoded body's {@code code} is a list backed by the binary: the decoder has checked it,
 * the validator reads its bytes, and its records are made when it is first read (by the
 * interpreter or compiler), so that loading a large module costs nothing per instruction.
 *
 * @param locals the declared locals' types, parameters excluded
 * @param code the instructions, ending with {@code end}
 */
public record FunctionBody(List<ValType> locals, List<Instruction> code) {
    /**
     * Copies the lists (a {@link Locals}, and a decoded body's code, are kept as they are: they
     * are immutable and compact).
     *
     * @throws NullPointerException when a list or one of its elements is null
     */
    public FunctionBody {
        locals = locals instanceof Locals ? locals : List.copyOf(locals);
        code = code instanceof BinaryCode ? code : List.copyOf(code);
    }

    /**
     * Whether the body contains a tail call ({@code return_call} or {@code return_call_indirect}).
     * A decoded body answers from what the decoder saw, without making its records; a parsed or
     * built one looks at its instructions.
     *
     * @return true when some instruction of the body is a tail call
     */
    public boolean tailCalls() {
        if (code instanceof BinaryCode binary) {
            return binary.tailCalls();
        }
        for (Instruction i : code) {
            if (i.opcode() == Opcode.RETURN_CALL || i.opcode() == Opcode.RETURN_CALL_INDIRECT) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the body contains a loop (reachable or not): one without runs a bounded number of
     * instructions per activation, its calls aside. A decoded body answers from what the decoder
     * saw, without making its records; a parsed or built one looks at its instructions.
     *
     * @return true when some instruction of the body is a loop
     */
    public boolean loops() {
        if (code instanceof BinaryCode binary) {
            return binary.loops();
        }
        for (Instruction i : code) {
            if (i.opcode() == Opcode.LOOP) {
                return true;
            }
        }
        return false;
    }
}
