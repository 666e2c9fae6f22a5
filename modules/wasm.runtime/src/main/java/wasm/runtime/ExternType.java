package wasm.runtime;

import wasm.core.model.FuncType;
import wasm.core.model.GlobalType;
import wasm.core.model.MemoryType;
import wasm.core.model.TableType;

/** The type of an import or export: a function, table, memory or global type. */
public sealed interface ExternType {
    /**
     * A function.
     *
     * @param type its parameter and result types
     */
    record Func(FuncType type) implements ExternType {
    }

    /**
     * A table.
     *
     * @param type its element type, limits and address type
     */
    record Table(TableType type) implements ExternType {
    }

    /**
     * A linear memory.
     *
     * @param type its limits in 64 KiB pages and address type
     */
    record Memory(MemoryType type) implements ExternType {
    }

    /**
     * A global.
     *
     * @param type its value type and mutability
     */
    record Global(GlobalType type) implements ExternType {
    }
}
