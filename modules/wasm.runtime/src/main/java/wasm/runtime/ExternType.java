package wasm.runtime;

import wasm.core.model.FuncType;
import wasm.core.model.GlobalType;
import wasm.core.model.MemoryType;
import wasm.core.model.TableType;

/** The type of an import or export: a function, table, memory or global type. */
public sealed interface ExternType {
    record Func(FuncType type) implements ExternType {
    }

    record Table(TableType type) implements ExternType {
    }

    record Memory(MemoryType type) implements ExternType {
    }

    record Global(GlobalType type) implements ExternType {
    }
}
