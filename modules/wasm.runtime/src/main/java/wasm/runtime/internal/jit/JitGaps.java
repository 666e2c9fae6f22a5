package wasm.runtime.internal.jit;

import java.util.List;

import wasm.core.JitGap;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;

/**
 * Which {@link JitGap} a defined function needs, read from its Wasm code without compiling it:
 * the one decision for every gap. Strict JIT mode asks before any compilation, so that a module
 * is refused for its gap at instantiation under both compile policies (lazily, the backend would
 * only meet the function at its first call); the default mode interprets such a function with the
 * gap's reason in the coverage; the inliner never inlines one.
 * <ul>
 * <li>{@link JitGap#MULTI_MEMORY} when an instruction names a memory other than memory 0;
 * <li>{@link JitGap#MEMORY64} when an instruction addresses a 64-bit memory or indexes a 64-bit
 * table (its addresses, sizes or indices are i64).
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
        for (Instruction in : body.code()) {
            JitGap gap = gapOf(module, in);
            if (gap != null) {
                return gap;
            }
        }
        return null;
    }

    private static JitGap gapOf(Module module, Instruction in) {
        return switch (in) {
            case Instruction.MemoryAccess m -> memory(module, m.memoryIndex());
            case Instruction.MemoryLaneAccess m -> memory(module, m.memoryIndex());
            case Instruction.Indexed x -> switch (x.opcode()) {
                case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL -> memory(module, x.index());
                case TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL -> table(module, x.index());
                default -> null;
            };
            case Instruction.Indexed2 x -> switch (x.opcode()) {
                case CALL_INDIRECT, RETURN_CALL_INDIRECT -> table(module, x.second());
                case MEMORY_COPY -> first(memory(module, x.first()), memory(module, x.second()));
                case MEMORY_INIT -> memory(module, x.second());
                case TABLE_COPY -> first(table(module, x.first()), table(module, x.second()));
                case TABLE_INIT -> table(module, x.second());
                default -> null;
            };
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

}
