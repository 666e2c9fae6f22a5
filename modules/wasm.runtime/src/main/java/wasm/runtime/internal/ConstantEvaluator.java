package wasm.runtime.internal;

import java.util.List;

import wasm.core.model.ConstantExpression;
import wasm.core.model.Instruction;

/**
 * Evaluates constant expressions (global initialisers, segment offsets, element
 * items) against a partially built instance: a global reads its cell, a function
 * reference is the function's store address. v128 expressions (v128.const,
 * global.get of a v128 global) go through {@link #evaluateV128}.
 */
final class ConstantEvaluator {
    private ConstantEvaluator() {
    }

    static long evaluate(List<Instruction> expr, InstanceContext ctx) {
        return ConstantExpression.evaluate(expr, g -> ctx.globals[g].get(), f -> ctx.functions[f].address());
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
