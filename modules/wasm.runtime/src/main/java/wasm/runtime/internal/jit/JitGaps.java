package wasm.runtime.internal.jit;

import java.util.List;

import wasm.core.JitGap;
import wasm.core.model.BlockType;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.ValType;

/**
 * Which {@link JitGap} a defined function needs, read from its Wasm code without compiling it:
 * the one decision for every gap. Strict JIT mode asks before any compilation, so that a module
 * is refused for its gap at instantiation under both compile policies (lazily, the backend would
 * only meet the function at its first call); the default mode interprets such a function with the
 * gap's reason in the coverage; the inliner never inlines one.
 * <ul>
 * <li>{@link JitGap#SIMD} when any value the function handles can be a v128: its signature or
 * locals, a SIMD instruction, or a call, global, block or typed select whose type mentions v128
 * (the IR of such a function has a v128 value, which the backend refuses);
 * <li>{@link JitGap#MULTI_MEMORY} when an instruction names a memory other than memory 0;
 * <li>{@link JitGap#MEMORY64} when an instruction addresses a 64-bit memory or indexes a 64-bit
 * table (its addresses, sizes or indices are i64);
 * <li>{@link JitGap#TAIL_CALLS} for a {@code return_call} or {@code return_call_indirect}.
 * </ul>
 * The first instruction that needs a gap decides which one is reported.
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
            JitGap gap = gapOf(module, in);
            if (gap != null) {
                return gap;
            }
        }
        return null;
    }

    private static JitGap gapOf(Module module, Instruction in) {
        if (in.opcode() != null && in.opcode().isSimd()) {
            // v128 loads and stores name their memory like the scalar ones; SIMD decides first
            return JitGap.SIMD;
        }
        return switch (in) {
            case Instruction.Block b -> switch (b.type()) {
                case BlockType.Empty e -> null;
                case BlockType.Value v -> v.type() == ValType.V128 ? JitGap.SIMD : null;
                case BlockType.TypeIndex t -> mentionsV128(module.types().get(t.typeIndex())) ? JitGap.SIMD : null;
            };
            case Instruction.MemoryAccess m -> memory(module, m.memoryIndex());
            case Instruction.Indexed x -> switch (x.opcode()) {
                case CALL -> mentionsV128(module.functionType(x.index())) ? JitGap.SIMD : null;
                case RETURN_CALL -> mentionsV128(module.functionType(x.index())) ? JitGap.SIMD : JitGap.TAIL_CALLS;
                case GLOBAL_GET, GLOBAL_SET -> module.allGlobals().get(x.index()).type() == ValType.V128
                        ? JitGap.SIMD : null;
                case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL -> memory(module, x.index());
                case TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL -> table(module, x.index());
                default -> null;
            };
            case Instruction.Indexed2 x -> switch (x.opcode()) {
                case CALL_INDIRECT -> mentionsV128(module.types().get(x.first())) ? JitGap.SIMD
                        : table(module, x.second());
                case RETURN_CALL_INDIRECT -> mentionsV128(module.types().get(x.first())) ? JitGap.SIMD
                        : JitGap.TAIL_CALLS;
                case MEMORY_COPY -> first(memory(module, x.first()), memory(module, x.second()));
                case MEMORY_INIT -> memory(module, x.second());
                case TABLE_COPY -> first(table(module, x.first()), table(module, x.second()));
                case TABLE_INIT -> table(module, x.second());
                default -> null;
            };
            case Instruction.SelectTyped s -> s.types().contains(ValType.V128) ? JitGap.SIMD : null;
            default -> null;
        };
    }

    private static JitGap memory(Module module, int index) {
        if (index != 0) {
            return JitGap.MULTI_MEMORY;
        }
        List<wasm.core.model.MemoryType> memories = module.allMemories();
        return index < memories.size() && memories.get(index).is64() ? JitGap.MEMORY64 : null;
    }

    private static JitGap table(Module module, int index) {
        List<wasm.core.model.TableType> tables = module.allTables();
        return index < tables.size() && tables.get(index).is64() ? JitGap.MEMORY64 : null;
    }

    private static JitGap first(JitGap a, JitGap b) {
        return a != null ? a : b;
    }

    private static boolean mentionsV128(FuncType type) {
        return type.params().contains(ValType.V128) || type.results().contains(ValType.V128);
    }
}
