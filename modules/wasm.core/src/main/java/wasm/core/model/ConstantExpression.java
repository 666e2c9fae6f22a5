package wasm.core.model;

import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Evaluates a validated constant expression (global initializer, segment offset,
 * element item): constants, {@code ref.null}, {@code ref.func}, {@code global.get}
 * and the extended-constant {@code i32}/{@code i64} {@code add}, {@code sub} and
 * {@code mul}. Values are raw 64-bit patterns: i32 sign-extended, f32 bits in the
 * low 32 bits, null references -1; what a global or function reference is worth
 * is the caller's (an instance's cells, an interpreter's arrays).
 */
public final class ConstantExpression {
    private ConstantExpression() {
    }

    /**
     * The value of {@code expr}, as a raw 64-bit pattern.
     *
     * @param expr      the expression, validated, ending with {@code end}
     * @param globals   the value of global {@code i}
     * @param functions the reference value of function {@code i}
     * @return the value
     */
    public static long evaluate(List<Instruction> expr, IntToLongFunction globals, IntToLongFunction functions) {
        long[] stack = new long[Math.max(1, expr.size())];
        int sp = 0;
        for (Instruction ins : expr) {
            switch (ins) {
                case Instruction.I32Const c -> stack[sp++] = c.value();
                case Instruction.I64Const c -> stack[sp++] = c.value();
                case Instruction.F32Const c -> stack[sp++] = c.bits() & 0xFFFFFFFFL;
                case Instruction.F64Const c -> stack[sp++] = c.bits();
                case Instruction.RefNull r -> stack[sp++] = -1L;
                case Instruction.Indexed ix when ix.opcode() == Opcode.REF_FUNC ->
                        stack[sp++] = functions.applyAsLong(ix.index());
                case Instruction.Indexed ix when ix.opcode() == Opcode.GLOBAL_GET ->
                        stack[sp++] = globals.applyAsLong(ix.index());
                case Instruction.Plain p when p.opcode() == Opcode.END -> {
                    return stack[sp - 1];
                }
                case Instruction.Plain p -> {
                    long b = stack[--sp];
                    long a = stack[sp - 1];
                    stack[sp - 1] = switch (p.opcode()) {
                        case I32_ADD -> (int) a + (int) b;
                        case I32_SUB -> (int) a - (int) b;
                        case I32_MUL -> (int) a * (int) b;
                        case I64_ADD -> a + b;
                        case I64_SUB -> a - b;
                        case I64_MUL -> a * b;
                        default -> throw new IllegalArgumentException("not a constant instruction: " + ins);
                    };
                }
                default -> throw new IllegalArgumentException("not a constant instruction: " + ins);
            }
        }
        return stack[sp - 1];
    }
}
