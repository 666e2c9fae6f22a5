package wasm.runtime.internal.jit;

import wasm.core.JitGap;
import wasm.core.model.BlockType;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;

/**
 * Which {@link JitGap} a defined function needs, read from its Wasm code without compiling it.
 * Strict JIT mode asks before any compilation, so that a module is refused for its gap at
 * instantiation under both compile policies (lazily, the backend would only meet the function at
 * its first call). A function needs {@link JitGap#SIMD} when any value it handles can be a v128:
 * its signature or locals, a SIMD instruction, or a call, global, block or typed select whose type
 * mentions v128 (the IR of such a function has a v128 value, which the backend refuses).
 */
final class JitGaps {
    private JitGaps() {
    }

    /** The gap defined function {@code funcIndex} of {@code module} needs, or null when the JIT covers it. */
    static JitGap of(Module module, int funcIndex) {
        int defined = funcIndex - (module.functionCount() - module.functions().size());
        FunctionBody body = module.codes().get(defined);
        if (mentionsV128(module.functionType(funcIndex)) || body.locals().contains(ValType.V128)) {
            return JitGap.SIMD;
        }
        for (Instruction in : body.code()) {
            if (usesV128(module, in)) {
                return JitGap.SIMD;
            }
        }
        return null;
    }

    private static boolean usesV128(Module module, Instruction in) {
        if (in.opcode().isSimd()) {
            return true;
        }
        return switch (in) {
            case Instruction.Block b -> switch (b.type()) {
                case BlockType.Empty e -> false;
                case BlockType.Value v -> v.type() == ValType.V128;
                case BlockType.TypeIndex t -> mentionsV128(module.types().get(t.typeIndex()));
            };
            case Instruction.Indexed x -> switch (x.opcode()) {
                case CALL -> mentionsV128(module.functionType(x.index()));
                case GLOBAL_GET, GLOBAL_SET -> module.allGlobals().get(x.index()).type() == ValType.V128;
                default -> false;
            };
            case Instruction.Indexed2 x -> x.opcode() == Opcode.CALL_INDIRECT
                    && mentionsV128(module.types().get(x.first()));
            case Instruction.SelectTyped s -> s.types().contains(ValType.V128);
            default -> false;
        };
    }

    private static boolean mentionsV128(FuncType type) {
        return type.params().contains(ValType.V128) || type.results().contains(ValType.V128);
    }
}
