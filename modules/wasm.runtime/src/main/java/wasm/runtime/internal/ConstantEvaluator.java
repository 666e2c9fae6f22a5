package wasm.runtime.internal;

import java.util.List;

import wasm.core.model.Instruction;

/**
 * Evaluates constant expressions (global initialisers, segment offsets, element
 * items) against a partially built instance: constants, ref.null, ref.func,
 * global.get, and the extended-constant i32/i64 add, sub and mul; v128
 * expressions (v128.const, global.get of a v128 global) by {@link #evaluateV128}.
 */
final class ConstantEvaluator {
    private ConstantEvaluator() {
    }

    static long evaluate(List<Instruction> expr, InstanceContext ctx) {
        long[] stack = new long[Math.max(1, expr.size())];
        int sp = 0;
        for (Instruction ins : expr) {
            switch (ins) {
                case Instruction.I32Const c -> stack[sp++] = c.value();
                case Instruction.I64Const c -> stack[sp++] = c.value();
                case Instruction.F32Const c -> stack[sp++] = c.bits() & 0xFFFFFFFFL;
                case Instruction.F64Const c -> stack[sp++] = c.bits();
                case Instruction.RefNull r -> stack[sp++] = -1L;
                case Instruction.Indexed ix -> {
                    switch (ix.opcode()) {
                        case REF_FUNC -> stack[sp++] = ctx.functions[ix.index()].address();
                        case GLOBAL_GET -> stack[sp++] = ctx.globals[ix.index()].get();
                        default -> throw new IllegalStateException("not a constant instruction: " + ins);
                    }
                }
                case Instruction.Plain p -> {
                    switch (p.opcode()) {
                        case END -> {
                            return stack[sp - 1];
                        }
                        case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> {
                            long b = stack[--sp];
                            long a = stack[sp - 1];
                            stack[sp - 1] = switch (p.opcode()) {
                                case I32_ADD -> (int) a + (int) b;
                                case I32_SUB -> (int) a - (int) b;
                                case I32_MUL -> (int) a * (int) b;
                                case I64_ADD -> a + b;
                                case I64_SUB -> a - b;
                                default -> a * b;
                            };
                        }
                        default -> throw new IllegalStateException("not a constant instruction: " + ins);
                    }
                }
                default -> throw new IllegalStateException("not a constant instruction: " + ins);
            }
        }
        return stack[sp - 1];
    }

    /** A v128 constant expression as {@code {lo, hi}}. */
    static long[] evaluateV128(List<Instruction> expr, InstanceContext ctx) {
        return switch (expr.getFirst()) {
            case Instruction.V128Const c -> new long[] {c.lo(), c.hi()};
            case Instruction.Indexed ix when ix.opcode() == wasm.core.model.Opcode.GLOBAL_GET -> {
                GlobalCell g = ctx.globals[ix.index()];
                yield new long[] {g.get(), g.getHigh()};
            }
            default -> throw new IllegalStateException("not a v128 constant expression: " + expr);
        };
    }
}
